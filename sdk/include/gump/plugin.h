/* gump plugin ABI: the only contract between the gump host and a plugin library.
 *
 * Rules (see docs/plugin-authors.md):
 *  - Only C types cross: POD structs that start with their own size, UTF-8 strings as pointer +
 *    length, fixed-width integers, function pointers and opaque handles. Rich data (requests,
 *    results, events, configuration) crosses as JSON text.
 *  - Each side frees what it allocates. A string a plugin hands back stays valid until the next
 *    call on the same instance (for create: until the next create on the same thread).
 *  - Compatibility: the host loads a library only when the ABI majors are equal and the host's
 *    minor is at least the library's. Minor versions only append fields and function slots, so
 *    a struct's struct_size tells which slots it has: a 1.0 gate table ends before `explain`.
 *  - 1.1 added gump_host::run_workflow and gump_gate_vtable::explain.
 *  - A library exports exactly one symbol, GUMP_ENTRY_SYMBOL, whose name carries the major so the
 *    host can refuse a library of another major without running any of its code.
 */
#ifndef GUMP_PLUGIN_H
#define GUMP_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef GUMP_ABI_MAJOR
#define GUMP_ABI_MAJOR 1
#endif
#ifndef GUMP_ABI_MINOR
#define GUMP_ABI_MINOR 1
#endif

#define GUMP_PP_STR_(x) #x
#define GUMP_PP_STR(x) GUMP_PP_STR_(x)
#define GUMP_PP_CAT_(a, b) a##b
#define GUMP_PP_CAT(a, b) GUMP_PP_CAT_(a, b)

/* The entry symbol: gump_plugin_entry_v<MAJOR>. */
#define GUMP_ENTRY_PREFIX "gump_plugin_entry_v"
#define GUMP_ENTRY_FUNCTION GUMP_PP_CAT(gump_plugin_entry_v, GUMP_ABI_MAJOR)
#define GUMP_ENTRY_SYMBOL GUMP_ENTRY_PREFIX GUMP_PP_STR(GUMP_ABI_MAJOR)

#if defined(_WIN32)
#define GUMP_EXPORT __declspec(dllexport)
#else
#define GUMP_EXPORT __attribute__((visibility("default")))
#endif

typedef enum gump_status {
    GUMP_OK = 0,
    GUMP_ERR_INVALID_ARGUMENT = 1, /* the request JSON is malformed or misses a field */
    GUMP_ERR_CONFIG = 2,           /* the plugin's configuration is unusable */
    GUMP_ERR_FAILED = 3,           /* the operation ran and failed; the message says why */
    GUMP_ERR_CANCELLED = 4,        /* the host asked to stop */
    GUMP_ERR_UNSUPPORTED = 5,      /* this plugin does not implement the operation */
    GUMP_ERR_INTERNAL = 6,         /* a bug or an unexpected exception inside the plugin */
    GUMP_ERR_TIMEOUT = 7,          /* host service: a deadline passed */
    GUMP_END_OF_STREAM = 8         /* host service: no more lines to read */
} gump_status;

typedef enum gump_kind { GUMP_KIND_AGENT = 1, GUMP_KIND_GATE = 2, GUMP_KIND_VCS = 3 } gump_kind;

typedef enum gump_log_level {
    GUMP_LOG_DEBUG = 0,
    GUMP_LOG_INFO = 1,
    GUMP_LOG_WARN = 2,
    GUMP_LOG_ERROR = 3
} gump_log_level;

/* A borrowed UTF-8 string. The side that fills it keeps the bytes alive (see ownership above). */
typedef struct gump_str {
    const char* data;
    size_t size;
} gump_str;

typedef struct gump_process gump_process; /* opaque, owned by the host */

/* Services the host hands to every plugin instance at create. Every call takes `ctx` first. */
typedef struct gump_host {
    uint32_t struct_size;
    uint16_t abi_major;
    uint16_t abi_minor;
    void* ctx;

    void (*log)(void* ctx, gump_log_level level, const char* msg, size_t len);

    /* Emits one event (JSON object with a "type" field: usage, turn, text, tool_call,
     * file_change, session, ...) to the engine while an operation runs. */
    void (*emit)(void* ctx, const char* event_json, size_t len);

    /* Non-zero when the host wants the current operation to stop. */
    int (*cancelled)(void* ctx);

    /* Runs a command to completion. Request JSON: {"argv":[...], "cwd":"...", "env":{...},
     * "env_remove":[...], "timeout_ms":N, "stdout_path":"...", "stderr_path":"...",
     * "max_capture_bytes":N}. Result JSON: {"exit_code":N, "signal":N, "timed_out":bool,
     * "duration_ms":N, "stdout":"...", "stderr":"...", "stdout_truncated":bool, ...}.
     * The process runs in its own process group with stdin from /dev/null; on timeout or
     * cancellation the whole group is terminated, then killed. The result string stays valid
     * until the next run_command call on the same thread. */
    gump_status (*run_command)(void* ctx, const char* request_json, size_t len, gump_str* result);

    /* Starts a command whose stdout is read line by line (agents). Same request fields as
     * run_command; stderr goes to stderr_path or is kept bounded. */
    gump_status (*spawn)(void* ctx, const char* request_json, size_t len, gump_process** out,
                         gump_str* error);
    /* Reads the next stdout line (without the newline). GUMP_TIMEOUT when nothing arrived within
     * timeout_ms (negative: wait forever), GUMP_END_OF_STREAM at the end. The line stays valid
     * until the next read_line on the same process. */
    gump_status (*read_line)(void* ctx, gump_process* process, int32_t timeout_ms, gump_str* line);
    /* Terminates the process group (graceful, then forced after grace_ms). Never blocks longer
     * than grace_ms. */
    void (*kill)(void* ctx, gump_process* process, int32_t grace_ms);
    /* Waits for the exit and returns the same result JSON as run_command (stdout omitted), then
     * releases the handle. Valid until the next wait on the same thread. */
    gump_status (*wait)(void* ctx, gump_process* process, gump_str* result);

    /* A fresh private directory that the host removes at exit. */
    gump_status (*temp_dir)(void* ctx, gump_str* path);

    /* ABI 1.1. Runs a workflow of agent steps (a reviewer) on the current worktree while a gate
     * checks, and returns its verdict. Request JSON: {"workflow":"validators/review",
     * "agent":"alias", "prompt":"...", "inputs":{"name":"value"}}: the names the gate declared
     * in explain (the host resolves them before the run starts). Result JSON: {"status":"pass|
     * fail|error", "pass":bool, "comments":"...", "reason":"...", "cost_usd":N, "steps":[...]}.
     * GUMP_ERR_UNSUPPORTED outside a run (gump doctor), GUMP_ERR_CANCELLED when the run stops. */
    gump_status (*run_workflow)(void* ctx, const char* request_json, size_t len, gump_str* result);
} gump_host;

/* Every operation has this shape: request JSON in, result JSON (or, on failure, a one-sentence
 * message) out, owned by the instance until its next call. */
typedef gump_status (*gump_call_fn)(void* self, const char* request_json, size_t len,
                                    gump_str* out);

typedef struct gump_agent_vtable {
    uint32_t struct_size;
    /* -> {"context_file":"CLAUDE.md", "cli":"claude", "version_args":["--version"]} */
    gump_call_fn describe;
    /* {"prompt","worktree","model","session","options","limits"} -> {"success","session",
     * "text","turns","usage":{...},"cost_usd","cost_source","failure":{"class","message"}} */
    gump_call_fn run;
} gump_agent_vtable;

typedef struct gump_gate_vtable {
    uint32_t struct_size;
    /* {"worktree","step","params","base","head","changed_files","item"} ->
     * {"verdict":"pass|fail|error|skip","summary","feedback","findings":[...]} */
    gump_call_fn check;
    /* ABI 1.1; may be NULL. What a check would do, without doing it, for the dry run and gump
     * doctor: {"worktree","gate","params"} -> {"does":"`cargo test` (detected from Cargo.toml)",
     * "uses_agents":bool, "workflow":"...", "agent":"...", "prompt":"..."}. A gate that uses
     * agents runs after the others and is skipped when one of them failed; the workflow (or the
     * agent and prompt) it names is what it may ask run_workflow for. */
    gump_call_fn explain;
} gump_gate_vtable;

typedef struct gump_vcs_vtable {
    uint32_t struct_size;
    gump_call_fn create_workspace;
    gump_call_fn snapshot;
    gump_call_fn reset;
    gump_call_fn diff;
    gump_call_fn changed_files;
    gump_call_fn merge;
    gump_call_fn remove_workspace;
    gump_call_fn list_workspaces;
} gump_vcs_vtable;

typedef struct gump_manifest {
    uint32_t struct_size;
    gump_kind kind;
    const char* id;            /* [a-z0-9][a-z0-9._-]*, unique among loaded plugins */
    const char* version;       /* the plugin's own version, e.g. "1.2.0" */
    const char* description;   /* one line */
    const char* config_schema; /* JSON Schema of its configuration table; NULL = accepts none */
    /* Builds an instance from the configuration (a JSON object). On failure `error` holds one
     * sentence that says what is wrong and how to fix it. */
    gump_status (*create)(const gump_host* host, const char* config_json, size_t len,
                          void** instance, gump_str* error);
    void (*destroy)(void* instance);
    /* gump_agent_vtable, gump_gate_vtable or gump_vcs_vtable, according to kind. */
    const void* vtable;
} gump_manifest;

typedef struct gump_library {
    uint32_t struct_size;
    uint16_t abi_major;
    uint16_t abi_minor;
    uint32_t plugin_count;
    const gump_manifest* const* plugins;
} gump_library;

typedef const gump_library* (*gump_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* GUMP_PLUGIN_H */
