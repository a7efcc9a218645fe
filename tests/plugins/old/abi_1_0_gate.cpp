// A gate as a library built against ABI 1.0 looks: its library says minor 0 and its gate table
// ends before the 1.1 `explain` slot. A 1.1 host must load it and call it.
#include <gump/plugin.h>

#include <cstddef>

namespace {

gump_status create(const gump_host*, const char*, size_t, void** instance, gump_str*) {
    static int dummy;
    *instance = &dummy;
    return GUMP_OK;
}
void destroy(void*) {}
gump_status check(void*, const char*, size_t, gump_str* out) {
    static const char reply[] = R"({"verdict":"pass","summary":"old gate passed"})";
    *out = {reply, sizeof(reply) - 1};
    return GUMP_OK;
}

// The 1.0 table: only struct_size and check; the bytes after it are not the plugin's.
struct gate_table_1_0 {
    uint32_t struct_size;
    gump_call_fn check;
};
const gate_table_1_0 table = {offsetof(gump_gate_vtable, explain), &check};

const gump_manifest manifest = {sizeof(gump_manifest),
                                GUMP_KIND_GATE,
                                "abi-1-0-gate",
                                "1.0.0",
                                "A gate from ABI 1.0",
                                nullptr,
                                &create,
                                &destroy,
                                &table};
const gump_manifest* const list[] = {&manifest};
const gump_library library = {sizeof(gump_library), GUMP_ABI_MAJOR, 0, 1, list};

} // namespace

extern "C" GUMP_EXPORT const gump_library* GUMP_ENTRY_FUNCTION(void) {
    return &library;
}
