#pragma once
// The fixture of the vcs conformance suite: every test runs once per workspace backend, through
// the real plugin library and the host's loader, on a scratch repository checked with git.
#include "../../support/git_repo.hpp"
#include "plugin/registry.hpp"

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

namespace gump::test {

namespace json = boost::json;

using VcsSlot = gump_call_fn gump_vcs_vtable::*;

class VcsBackend : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override;
    void TearDown() override;

    const fs::path& root() const { return m_root; }
    GitRepo& repo() { return *m_repo; }
    std::string repo_path() const { return m_repo->dir().string(); }

    // The operation's result, or its error message.
    Expected<json::object> call(VcsSlot slot, const char* name, const json::object& request);
    json::object ok(VcsSlot slot, const char* name, const json::object& request);
    std::string refused(VcsSlot slot, const char* name, const json::object& request);

    // Shorthands for the common operations; `ok` semantics.
    json::object create(const std::string& run, bool allow_dirty = false);
    json::object snapshot(const std::string& workspace, const std::string& message,
                          const json::array& exclude = {});
    fs::path worktree(const std::string& run) const;

private:
    fs::path m_root;
    std::unique_ptr<GitRepo> m_repo;
    std::unique_ptr<plugin::Instance> m_instance;
};

#define VCS_OP(op) &gump_vcs_vtable::op, #op

// Every backend gump ships must pass the whole suite.
std::string backend_test_name(const ::testing::TestParamInfo<std::string>& info);
#define INSTANTIATE_FOR_EVERY_BACKEND(fixture)                                                     \
    INSTANTIATE_TEST_SUITE_P(Backends, fixture, ::testing::Values("git", "git-cli"),               \
                             ::gump::test::backend_test_name)

// The strings of a JSON array, sorted.
std::vector<std::string> strings(const json::value& array);
// The "path" of each entry of a changed_files result, keyed by status.
std::map<std::string, std::string> statuses(const json::object& changed);

} // namespace gump::test
