// A hand-written entry (no SDK helpers) with one flaw chosen by a FLAW_* definition.
#include <gump/plugin.h>

namespace {

[[maybe_unused]] gump_status create(const gump_host*, const char*, size_t, void** instance,
                                    gump_str*) {
    static int dummy;
    *instance = &dummy;
    return GUMP_OK;
}
void destroy(void*) {}
gump_status check(void*, const char*, size_t, gump_str* out) {
    static const char reply[] = R"({"verdict":"pass"})";
    *out = {reply, sizeof(reply) - 1};
    return GUMP_OK;
}

const gump_gate_vtable table = {sizeof(gump_gate_vtable), &check};

#if defined(FLAW_BAD_ID)
const gump_manifest manifest = {
    sizeof(gump_manifest), GUMP_KIND_GATE, "Bad Id", "1.0", "", nullptr, &create, &destroy, &table};
#elif defined(FLAW_NULL_CREATE)
const gump_manifest manifest = {sizeof(gump_manifest),
                                GUMP_KIND_GATE,
                                "null-create",
                                "1.0",
                                "",
                                nullptr,
                                nullptr,
                                &destroy,
                                &table};
#elif defined(FLAW_BAD_SCHEMA)
const gump_manifest manifest = {sizeof(gump_manifest), GUMP_KIND_GATE, "bad-schema", "1.0", "",
                                "{not json",           &create,        &destroy,     &table};
#elif defined(FLAW_SMALL_MANIFEST)
const gump_manifest manifest = {8,       GUMP_KIND_GATE, "small",  "1.0", "",
                                nullptr, &create,        &destroy, &table};
#elif defined(FLAW_BAD_KIND)
const gump_manifest manifest = {sizeof(gump_manifest),
                                static_cast<gump_kind>(9),
                                "bad-kind",
                                "1.0",
                                "",
                                nullptr,
                                &create,
                                &destroy,
                                &table};
#else
const gump_manifest manifest = {
    sizeof(gump_manifest), GUMP_KIND_GATE, "fine", "1.0", "", nullptr, &create, &destroy, &table};
#endif

const gump_manifest* const list[] = {&manifest};
#if defined(FLAW_EMPTY_LIST)
const gump_library library = {sizeof(gump_library), GUMP_ABI_MAJOR, GUMP_ABI_MINOR, 0, list};
#else
const gump_library library = {sizeof(gump_library), GUMP_ABI_MAJOR, GUMP_ABI_MINOR, 1, list};
#endif

} // namespace

extern "C" GUMP_EXPORT const gump_library* GUMP_ENTRY_FUNCTION(void) {
    return &library;
}
