# gump_add_plugin(<name> <sources>...): builds <name>.so, a gump plugin library.
# Only the entry symbol is exported (a version script hides even the weak symbols that
# header-only libraries would otherwise export); the library may not depend on host symbols.
function(gump_add_plugin name)
  add_library(${name} MODULE ${ARGN})
  target_link_libraries(${name} PRIVATE gump::sdk)
  set(version_script ${CMAKE_CURRENT_BINARY_DIR}/${name}.exports)
  file(WRITE ${version_script} "{ global: gump_plugin_entry_v*; local: *; };\n")
  target_link_options(${name} PRIVATE LINKER:--no-undefined LINKER:--version-script=${version_script})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LINK_DEPENDS ${version_script})
endfunction()
