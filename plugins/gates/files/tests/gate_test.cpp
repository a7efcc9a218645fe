// The gate through its C entry point, as the host calls it, with a fake host that only records
// what the plugin asks of it (the gate should need nothing).
#include <gump/plugin.h>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <string>

extern "C" const gump_library* GUMP_ENTRY_FUNCTION(void);

namespace {

namespace json = boost::json;

const gump_manifest& manifest() {
    const gump_library* lib = GUMP_ENTRY_FUNCTION();
    EXPECT_EQ(lib->plugin_count, 1u);
    return *lib->plugins[0];
}

// Counts every service call; the files gate runs nothing and so should never make one.
struct FakeHost {
    int calls = 0;
    gump_host host{};

    FakeHost() {
        host.struct_size = sizeof(gump_host);
        host.abi_major = GUMP_ABI_MAJOR;
        host.abi_minor = GUMP_ABI_MINOR;
        host.ctx = this;
        host.log = [](void* ctx, gump_log_level, const char*, size_t) { count(ctx); };
        host.emit = [](void* ctx, const char*, size_t) { count(ctx); };
        host.cancelled = [](void* ctx) {
            count(ctx);
            return 0;
        };
        host.run_command = [](void* ctx, const char*, size_t, gump_str*) {
            count(ctx);
            return GUMP_ERR_UNSUPPORTED;
        };
        host.spawn = [](void* ctx, const char*, size_t, gump_process**, gump_str*) {
            count(ctx);
            return GUMP_ERR_UNSUPPORTED;
        };
        host.read_line = [](void* ctx, gump_process*, int32_t, gump_str*) {
            count(ctx);
            return GUMP_END_OF_STREAM;
        };
        host.kill = [](void* ctx, gump_process*, int32_t) { count(ctx); };
        host.wait = [](void* ctx, gump_process*, gump_str*) {
            count(ctx);
            return GUMP_ERR_UNSUPPORTED;
        };
        host.temp_dir = [](void* ctx, gump_str*) {
            count(ctx);
            return GUMP_ERR_UNSUPPORTED;
        };
    }
    static void count(void* ctx) { ++static_cast<FakeHost*>(ctx)->calls; }
};

class Gate {
public:
    explicit Gate(const std::string& config = "{}") {
        gump_str error{};
        m_status =
            manifest().create(&m_host.host, config.data(), config.size(), &m_instance, &error);
        m_error = std::string(error.data ? error.data : "", error.size);
    }
    ~Gate() {
        if (m_instance) manifest().destroy(m_instance);
    }
    gump_status status() const { return m_status; }
    const std::string& error() const { return m_error; }
    int host_calls() const { return m_host.calls; }

    json::object check(const json::object& request) {
        std::string text = json::serialize(request);
        gump_str out{};
        auto* table = static_cast<const gump_gate_vtable*>(manifest().vtable);
        gump_status status = table->check(m_instance, text.data(), text.size(), &out);
        EXPECT_EQ(status, GUMP_OK) << std::string(out.data, out.size);
        return json::parse(std::string_view(out.data, out.size)).as_object();
    }

private:
    FakeHost m_host;
    void* m_instance = nullptr;
    gump_status m_status;
    std::string m_error;
};

json::object request(json::array changed, json::object params = {}) {
    return {{"worktree", "/work/repo"},
            {"gate", "files"},
            {"step", "build/add-auth/red"},
            {"params", std::move(params)},
            {"base", "1111111111111111111111111111111111111111"},
            {"head", "2222222222222222222222222222222222222222"},
            {"changed_files", std::move(changed)},
            {"artifacts_dir", "/tmp/artifacts/files"}};
}

json::object item(json::array files) {
    return {{"name", "add-auth"},
            {"description", "Add password login to the API."},
            {"files", std::move(files)},
            {"index", 1}};
}

TEST(Gate, Manifest) {
    const gump_manifest& m = manifest();
    EXPECT_EQ(m.kind, GUMP_KIND_GATE);
    EXPECT_STREQ(m.id, "files");
    json::object schema = json::parse(m.config_schema).as_object();
    EXPECT_EQ(schema.at("additionalProperties"), false);
    const json::object& properties = schema.at("properties").as_object();
    for (const char* key : {"touched", "untouched", "allow"}) {
        EXPECT_EQ(properties.at(key).at("type"), "array") << key;
        EXPECT_EQ(properties.at(key).at("items").at("type"), "string") << key;
    }
    EXPECT_EQ(properties.at("scope").at("type"), "boolean");
    EXPECT_EQ(properties.at("scope").at("default"), false);
}

TEST(Gate, NoParameterPasses) {
    Gate gate;
    ASSERT_EQ(gate.status(), GUMP_OK) << gate.error();
    json::object v = gate.check(request({"a.go"}));
    EXPECT_EQ(v.at("verdict"), "pass");
    EXPECT_EQ(v.at("summary"), "files: nothing to check");
    EXPECT_EQ(gate.host_calls(), 0);
}

TEST(Gate, ConfiguredTouched) {
    Gate gate(R"({"touched": ["**/*_test.*"]})");
    ASSERT_EQ(gate.status(), GUMP_OK) << gate.error();
    json::object v = gate.check(request({"auth.go", "auth_test.go"}));
    EXPECT_EQ(v.at("verdict"), "pass");
    EXPECT_EQ(v.at("summary"), "files: 2 changed files pass touched");
    v = gate.check(request({"auth.go"}));
    EXPECT_EQ(v.at("verdict"), "fail");
    EXPECT_EQ(v.at("summary"), "files: no changed file matches touched **/*_test.*");
    EXPECT_EQ(v.at("feedback"), "no file this step changed matches **/*_test.*: create or change "
                                "at least one that does (this step changed auth.go)\n");
    EXPECT_EQ(gate.host_calls(), 0);
}

TEST(Gate, InlineParamsOverrideTheConfiguration) {
    Gate gate(R"({"touched": ["**/*_test.*"]})");
    json::object v = gate.check(request({"auth_test.go"}, {{"untouched", {"**/*_test.*"}}}));
    EXPECT_EQ(v.at("verdict"), "fail");
    EXPECT_EQ(v.at("summary"), "files: auth_test.go must stay untouched");
    v = gate.check(request({"auth.go"}, {{"touched", json::array()}}));
    EXPECT_EQ(v.at("summary"), "files: nothing to check");
}

TEST(Gate, ScopeUsesTheRequestsItem) {
    Gate gate(R"({"scope": true, "allow": ["**/*.lock"]})");
    ASSERT_EQ(gate.status(), GUMP_OK) << gate.error();
    json::object r = request({"src/api/auth.go", "Cargo.lock", "src/db/pool.go"});
    EXPECT_EQ(gate.check(r).at("summary"),
              "files: nothing to check (scope: the step has no item with files)");
    r["item"] = item({"src/api/**"});
    json::object v = gate.check(r);
    EXPECT_EQ(v.at("verdict"), "fail");
    EXPECT_EQ(v.at("summary"), "files: src/db/pool.go is outside the item's scope");
    EXPECT_EQ(v.at("feedback"), "undo your changes to src/db/pool.go: this step may only change "
                                "src/api/**, **/*.lock; if the change is needed, say so in your "
                                "answer instead\n");
    EXPECT_EQ(v.at("findings"), json::parse(R"([{"rule":"scope","path":"src/db/pool.go",
                               "patterns":["src/api/**","**/*.lock"]}])"));
    r["item"] = item({"src/**"});
    EXPECT_EQ(gate.check(r).at("summary"), "files: 3 changed files pass scope");
    r["item"] = item({});
    EXPECT_EQ(gate.check(r).at("verdict"), "pass");
}

TEST(Gate, WithoutChangedFilesItSkips) {
    Gate gate(R"({"touched": ["**/*_test.*"]})");
    json::object v = gate.check({{"worktree", "/work/repo"}, {"gate", "tests-written"}});
    EXPECT_EQ(v.at("verdict"), "skip");
    EXPECT_EQ(v.at("summary"), "tests-written: skipped, the request has no changed files (the "
                               "gate judges what a step changed)");
    Gate nothing;
    EXPECT_EQ(nothing.check({{"gate", "files"}}).at("verdict"), "pass");
}

TEST(Gate, MalformedRequestIsAnError) {
    Gate gate(R"({"touched": ["**/*_test.*"], "scope": true})");
    json::object r = request({"a.go"});
    r["params"] = "touched=x";
    json::object v = gate.check(r);
    EXPECT_EQ(v.at("verdict"), "error");
    EXPECT_EQ(v.at("summary"),
              "files could not check the step: the request's \"params\" is not an object");

    v = gate.check(request({"a.go", 3}));
    EXPECT_EQ(v.at("verdict"), "error");
    EXPECT_EQ(v.at("summary"), "files could not check the step: the request's \"changed_files\" "
                               "is not an array of strings");

    r = request({"a.go"});
    r["item"] = "add-auth";
    EXPECT_EQ(gate.check(r).at("summary"),
              "files could not check the step: the request's \"item\" is not an object");
    r["item"] = json::object{{"name", "add-auth"}, {"files", "src/**"}};
    EXPECT_EQ(gate.check(r).at("summary"), "files could not check the step: the request's "
                                           "\"item\" has \"files\" that are not an array of "
                                           "strings");
}

TEST(Gate, BadInlineParameterIsAnError) {
    Gate gate;
    json::object v = gate.check(request({"a.go"}, {{"touched", {"src/[ab"}}}));
    EXPECT_EQ(v.at("verdict"), "error");
    EXPECT_EQ(v.at("summary"), "files could not check the step: touched pattern \"src/[ab\" is "
                               "malformed: '[' at character 5 is never closed; end the class "
                               "with ']' or write '\\[' for a literal '['");
    EXPECT_EQ(v.at("feedback"), "");
    v = gate.check(request({"a.go"}, {{"scope", "yes"}}));
    EXPECT_EQ(v.at("summary"),
              "files could not check the step: scope must be true or false: write scope = true");
}

TEST(Gate, BadConfigurationIsRefusedAtCreate) {
    Gate gate(R"({"untouched": ["tests/[unit"]})");
    EXPECT_EQ(gate.status(), GUMP_ERR_CONFIG);
    EXPECT_EQ(gate.error(), "untouched pattern \"tests/[unit\" is malformed: '[' at character 7 "
                            "is never closed; end the class with ']' or write '\\[' for a literal "
                            "'['");
    Gate list(R"({"touched": "**/*_test.*"})");
    EXPECT_EQ(list.status(), GUMP_ERR_CONFIG);
    EXPECT_EQ(list.error(), "touched must be an array of globs: write touched = [\"**/*_test.*\"]");
    Gate flag(R"({"scope": 1})");
    EXPECT_EQ(flag.status(), GUMP_ERR_CONFIG);
    EXPECT_EQ(flag.error(), "scope must be true or false: write scope = true");
}

} // namespace
