#include "workspace/backend.hpp"
#include "workspace/bootstrap.hpp"
#include "workspace/repository.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

namespace gump::workspace {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class Scratch : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "gump-ws-XXXXXX").string();
        m_dir = mkdtemp(pattern.data());
        fs::create_directories(repo() / ".git");
        fs::create_directories(worktree());
    }
    void TearDown() override { fs::remove_all(m_dir); }
    fs::path repo() const { return m_dir / "repo"; }
    fs::path worktree() const { return m_dir / "repo/.gump/worktrees/run-1"; }
    void write(const fs::path& file, const std::string& text) {
        fs::create_directories(file.parent_path());
        std::ofstream(file) << text;
    }
    fs::path m_dir;
};

TEST_F(Scratch, FindsTheRepositoryUpwardAndNothingOutsideOne) {
    fs::create_directories(repo() / "src/deep");
    EXPECT_EQ(find_repository(repo() / "src/deep"), fs::canonical(repo()));
    EXPECT_EQ(find_repository(repo()), fs::canonical(repo()));
    fs::create_directories(m_dir / "plain");
    EXPECT_EQ(find_repository(m_dir / "plain"), std::nullopt);
}

TEST_F(Scratch, CopiesFilesAndDirectoriesAndReportsMissingOnes) {
    write(repo() / ".env", "TOKEN=local\n");
    write(repo() / "config/local/a.toml", "a = 1\n");
    auto report = bootstrap(repo(), worktree(), {.copy = {".env", "config/local", "absent.txt"}});
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->copied, (std::vector<std::string>{".env", "config/local"}));
    EXPECT_EQ(report->missing, (std::vector<std::string>{"absent.txt"}));
    std::ifstream env(worktree() / ".env");
    std::string text((std::istreambuf_iterator<char>(env)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text, "TOKEN=local\n");
    EXPECT_TRUE(fs::exists(worktree() / "config/local/a.toml"));
}

TEST_F(Scratch, SetupRunsOnceInTheWorktreeAndLogsItsOutput) {
    fs::path log = m_dir / "setup.log";
    auto report =
        bootstrap(repo(), worktree(), {.setup = "echo out; echo err >&2; pwd > where.txt"}, log);
    ASSERT_TRUE(report) << report.error().message;
    std::ifstream where(worktree() / "where.txt");
    std::string dir;
    std::getline(where, dir);
    EXPECT_EQ(fs::canonical(dir), fs::canonical(worktree()));
    std::ifstream in(log);
    std::string logged((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(logged, "out\nerr\n");
}

TEST_F(Scratch, AFailingSetupStopsWithItsOutput) {
    auto report = bootstrap(repo(), worktree(),
                            {.setup = "echo installing; echo 'npm ERR! missing lockfile' >&2; "
                                      "exit 3"});
    ASSERT_FALSE(report);
    EXPECT_THAT(report.error().message, HasSubstr("exited with 3"));
    EXPECT_THAT(report.error().message, HasSubstr("npm ERR! missing lockfile"));
    EXPECT_THAT(report.error().message, HasSubstr("[workspace] setup"));
}

TEST_F(Scratch, ASetupThatHangsIsStopped) {
    auto report = bootstrap(repo(), worktree(), {.setup = "sleep 30", .setup_timeout_ms = 300});
    ASSERT_FALSE(report);
    EXPECT_THAT(report.error().message, HasSubstr("timed out"));
}

TEST(Backend, AnUnknownBackendNamesTheInstalledOnes) {
    plugin::Registry registry;
    registry.discover({fs::path(GUMP_BINARY_DIR) / "plugins"});
    auto backend = Backend::open(registry, "gti");
    ASSERT_FALSE(backend);
    EXPECT_THAT(backend.error().message, HasSubstr("'gti' is not an installed vcs plugin"));
    EXPECT_THAT(backend.error().message, HasSubstr("did you mean 'git'"));
    auto gate = Backend::open(registry, "command");
    ASSERT_FALSE(gate);
    auto git = Backend::open(registry, "git");
    ASSERT_TRUE(git) << git.error().message;
    EXPECT_EQ(git->id(), "git");
}

} // namespace
} // namespace gump::workspace
