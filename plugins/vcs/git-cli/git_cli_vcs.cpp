// The git-cli workspace backend (plugin id "git-cli"): one worktree and branch per run, made by
// driving the git program, for repositories libgit2 cannot handle faithfully (filter drivers
// such as git-lfs, index formats libgit2 cannot read, whatever git adds next).
#include "ops.hpp"

namespace {

class GitCliVcs final : public gump::sdk::Vcs {
public:
    static constexpr gump::sdk::Info info{
        "git-cli", "0.1.0",
        "Workspaces as git worktrees on gump/run-<id> branches (drives the git program)",
        R"({"type":"object","additionalProperties":false,"properties":{}})"};

    GitCliVcs(gump::sdk::Host host, const boost::json::object&) : Vcs(host), m_git(host) {}

    boost::json::object create_workspace(const boost::json::object& r) override {
        return gitcli::create_workspace(m_git, r);
    }
    boost::json::object snapshot(const boost::json::object& r) override {
        auto result = gitcli::snapshot(m_git, r);
        for (const auto& path : result.at("skipped").as_array())
            host().warn("snapshot left out the embedded repository " +
                        std::string(path.as_string()) +
                        " (git would record it as a gitlink); make it a submodule or remove "
                        "its .git");
        return result;
    }
    boost::json::object reset(const boost::json::object& r) override {
        return gitcli::reset(m_git, r);
    }
    boost::json::object diff(const boost::json::object& r) override {
        return gitcli::diff(m_git, r);
    }
    boost::json::object changed_files(const boost::json::object& r) override {
        return gitcli::changed_files(m_git, r);
    }
    boost::json::object merge(const boost::json::object& r) override {
        return gitcli::merge(m_git, r);
    }
    boost::json::object remove_workspace(const boost::json::object& r) override {
        return gitcli::remove_workspace(m_git, r);
    }
    boost::json::object list_workspaces(const boost::json::object& r) override {
        return gitcli::list_workspaces(m_git, r);
    }

private:
    gitcli::Git m_git;
};

} // namespace

GUMP_PLUGINS(GitCliVcs)
