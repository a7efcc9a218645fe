// An entry function that throws instead of returning its plugin list.
#include <gump/plugin.h>

#include <stdexcept>

extern "C" GUMP_EXPORT const gump_library* GUMP_ENTRY_FUNCTION(void) {
    throw std::runtime_error("the plugin's entry threw");
}
