// The git workspace backend (plugin id "git"): one worktree and branch per run, on libgit2.
#include "ops.hpp"

namespace {

class GitVcs final : public gump::sdk::Vcs {
public:
    static constexpr gump::sdk::Info info{
        "git", "0.1.0", "Workspaces as git worktrees on gump/run-<id> branches (libgit2)",
        R"({"type":"object","additionalProperties":false,"properties":{}})"};

    GitVcs(gump::sdk::Host host, const boost::json::object&) : Vcs(host) { gitvcs::ensure_init(); }

    boost::json::object create_workspace(const boost::json::object& r) override {
        return gitvcs::create_workspace(r);
    }
    boost::json::object snapshot(const boost::json::object& r) override {
        auto result = gitvcs::snapshot(r);
        if (const auto* skipped = result.if_contains("skipped"))
            for (const auto& path : skipped->as_array())
                host().warn("snapshot left out the embedded repository " +
                            std::string(path.as_string()) +
                            " (git would record it as a gitlink); make it a submodule or remove "
                            "its .git");
        return result;
    }
    boost::json::object reset(const boost::json::object& r) override { return gitvcs::reset(r); }
    boost::json::object diff(const boost::json::object& r) override { return gitvcs::diff(r); }
    boost::json::object changed_files(const boost::json::object& r) override {
        return gitvcs::changed_files(r);
    }
    boost::json::object merge(const boost::json::object& r) override {
        return gitvcs::merge(host(), r);
    }
    boost::json::object remove_workspace(const boost::json::object& r) override {
        return gitvcs::remove_workspace(r);
    }
    boost::json::object list_workspaces(const boost::json::object& r) override {
        return gitvcs::list_workspaces(r);
    }
};

} // namespace

GUMP_PLUGINS(GitVcs)
