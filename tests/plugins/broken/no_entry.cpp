// A shared library that exports something, but not the gump entry symbol.
#include <gump/plugin.h>

extern "C" GUMP_EXPORT int some_other_function(void) {
    return 42;
}
