# gump_agent_tests(<name> <parser-library> <test sources...>): a CLI agent plugin's parser tests,
# with the captured streams of tests/fixtures/agents and the shared harness in tests/support.
function(gump_agent_tests name parser)
  add_executable(${name}_tests ${ARGN})
  target_link_libraries(${name}_tests PRIVATE ${parser} Boost::json GTest::gtest_main)
  target_include_directories(${name}_tests PRIVATE
    ${CMAKE_CURRENT_SOURCE_DIR}/.. ${PROJECT_SOURCE_DIR}/tests/support)
  target_compile_definitions(${name}_tests PRIVATE
    GUMP_AGENT_FIXTURES="${PROJECT_SOURCE_DIR}/tests/fixtures/agents")
  gtest_discover_tests(${name}_tests DISCOVERY_TIMEOUT 60 TEST_PREFIX ${name}.
    PROPERTIES LABELS unit TIMEOUT 120)
endfunction()
