# gump_add_plugin(<name> <sources>...): builds <name>.so, a gump plugin library.
# Only the entry symbol is exported; the library may not depend on symbols of the gump host.
function(gump_add_plugin name)
  add_library(${name} MODULE ${ARGN})
  target_link_libraries(${name} PRIVATE gump::sdk)
  target_link_options(${name} PRIVATE LINKER:--no-undefined)
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
endfunction()
