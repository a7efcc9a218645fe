// The gate through its C entry point, as the host calls it (no host services are needed).
#include <gump/plugin.h>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

extern "C" const gump_library* GUMP_ENTRY_FUNCTION(void);

namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

const gump_manifest& manifest() {
    const gump_library* lib = GUMP_ENTRY_FUNCTION();
    EXPECT_EQ(lib->plugin_count, 1u);
    return *lib->plugins[0];
}

class Gate {
public:
    explicit Gate(const std::string& config = "{}") {
        gump_str error{};
        m_status = manifest().create(nullptr, config.data(), config.size(), &m_instance, &error);
        m_error = std::string(error.data ? error.data : "", error.size);
    }
    ~Gate() {
        if (m_instance) manifest().destroy(m_instance);
    }
    gump_status status() const { return m_status; }
    const std::string& error() const { return m_error; }

    json::object check(const json::object& request) {
        std::string text = json::serialize(request);
        gump_str out{};
        auto* table = static_cast<const gump_gate_vtable*>(manifest().vtable);
        gump_status status = table->check(m_instance, text.data(), text.size(), &out);
        EXPECT_EQ(status, GUMP_OK) << std::string(out.data, out.size);
        return json::parse(std::string_view(out.data, out.size)).as_object();
    }

private:
    void* m_instance = nullptr;
    gump_status m_status;
    std::string m_error;
};

json::object request(json::value output, json::object params = {}) {
    json::object r{{"worktree", "/work/repo"},
                   {"gate", "schema"},
                   {"step", "decompose"},
                   {"params", std::move(params)}};
    if (!output.is_null()) r["output"] = std::move(output);
    return r;
}

const char* const good_plan =
    R"({"items":[{"name":"add-auth","description":"Add password login to the API."},
                 {"name":"add-logout","description":"Add a logout endpoint that ends the session."}]})";

TEST(Gate, Manifest) {
    const gump_manifest& m = manifest();
    EXPECT_EQ(m.kind, GUMP_KIND_GATE);
    EXPECT_STREQ(m.id, "plan-schema");
    json::object schema = json::parse(m.config_schema).as_object();
    EXPECT_TRUE(schema.at("properties").as_object().contains("min_items"));
    EXPECT_TRUE(schema.at("properties").as_object().contains("max_items"));
    EXPECT_TRUE(schema.at("properties").as_object().contains("require_files"));
}

TEST(Gate, PassesAGoodPlan) {
    Gate gate;
    json::object v = gate.check(request(good_plan));
    EXPECT_EQ(v.at("verdict"), "pass");
    EXPECT_EQ(v.at("summary"), "plan: 2 items");
}

TEST(Gate, FailsAnEmptyOutput) {
    Gate gate;
    json::object v = gate.check(request(""));
    EXPECT_EQ(v.at("verdict"), "fail");
    EXPECT_EQ(v.at("summary"), "plan: 1 problem");
    EXPECT_TRUE(v.at("feedback")
                    .as_string()
                    .starts_with("no plan found: write the items to "
                                 ".gump/out/plan.json as "));
}

TEST(Gate, ParamsOverrideTheConfiguration) {
    Gate gate(R"({"min_items": 1})");
    ASSERT_EQ(gate.status(), GUMP_OK) << gate.error();
    json::object v = gate.check(request(good_plan, {{"min_items", 3}}));
    EXPECT_EQ(v.at("verdict"), "fail");
    EXPECT_EQ(v.at("findings").as_array().at(0).at("problem"),
              "the plan has only 2 items; list at least 3, splitting the work into smaller steps");
    v = gate.check(request(good_plan, {{"require_files", true}}));
    EXPECT_EQ(v.at("summary"), "plan: 2 problems");
}

TEST(Gate, AbsolutePathInsideTheWorktreeGetsItsRelativeForm) {
    Gate gate;
    json::object v = gate.check(request(
        R"([{"name":"a","description":"Add password login to the API.","files":["/work/repo/src/a.cpp"]}])"));
    EXPECT_EQ(v.at("findings").as_array().at(0).at("problem"),
              "item 1 (\"a\"): \"files\" entry 1 \"/work/repo/src/a.cpp\" is an absolute path; "
              "write it relative to the repository root, like \"src/a.cpp\"");
}

TEST(Gate, MalformedRequestIsAnError) {
    Gate gate;
    json::object v = gate.check(request(42));
    EXPECT_EQ(v.at("verdict"), "error");
    EXPECT_EQ(v.at("summary"),
              "schema could not check the plan: the request's \"output\" is not a string");
    json::object r = request(good_plan);
    r["params"] = "min_items=2";
    v = gate.check(r);
    EXPECT_EQ(v.at("verdict"), "error");
    EXPECT_EQ(v.at("summary"),
              "schema could not check the plan: the request's \"params\" is not an object");
    v = gate.check(request(good_plan, {{"min_items", -1}}));
    EXPECT_EQ(v.at("verdict"), "error");
    EXPECT_EQ(v.at("summary"), "schema could not check the plan: min_items is -1 but must be at "
                               "least 0: write e.g. min_items = 1");
    v = gate.check({{"gate", "schema"}});
    EXPECT_EQ(v.at("verdict"), "error");
}

TEST(Gate, BadConfigurationIsRefused) {
    Gate gate(R"({"min_items": 5, "max_items": 2})");
    EXPECT_EQ(gate.status(), GUMP_ERR_CONFIG);
    EXPECT_EQ(gate.error(), "max_items (2) is less than min_items (5): raise max_items or lower "
                            "min_items");
    Gate flag(R"({"require_files": "yes"})");
    EXPECT_EQ(flag.status(), GUMP_ERR_CONFIG);
    EXPECT_EQ(flag.error(), "require_files must be true or false: write require_files = true");
    Gate fraction(R"({"max_items": 2.5})");
    EXPECT_EQ(fraction.status(), GUMP_ERR_CONFIG);
    EXPECT_EQ(fraction.error(), "max_items must be a whole number: write max_items = 50");
}

TEST(Gate, WithoutOutputReadsThePlanFileOfTheWorktree) {
    fs::path worktree =
        fs::temp_directory_path() / ("plan-schema-test-" + std::to_string(getpid()));
    fs::create_directories(worktree / ".gump" / "out");
    Gate gate;
    json::object r{{"worktree", worktree.string()}, {"gate", "schema"}};
    EXPECT_EQ(gate.check(r).at("summary"), "plan: 1 problem"); // no plan.json yet
    std::ofstream(worktree / ".gump" / "out" / "plan.json") << good_plan;
    EXPECT_EQ(gate.check(r).at("summary"), "plan: 2 items");
    fs::remove_all(worktree);
}

} // namespace
