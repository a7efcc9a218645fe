// Where workflows come from: project over user over built-in, nested names, paths.
#include "support.hpp"
#include "workflow/catalog.hpp"

#include <gmock/gmock.h>

#include <cstdlib>
#include <fstream>

namespace fs = std::filesystem;
using namespace gump;
using namespace gump::workflow;
using namespace gump::workflow::test;
using ::testing::HasSubstr;

namespace {

class CatalogTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "gump-catalog-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        m_root = pattern;
    }
    void TearDown() override { fs::remove_all(m_root); }
    void write(const std::string& rel, const std::string& text) {
        fs::create_directories((m_root / rel).parent_path());
        std::ofstream(m_root / rel) << text;
    }
    Catalog catalog() const { return Catalog(m_root / "project", m_root / "user", m_root); }
    const CatalogEntry* entry(const std::vector<CatalogEntry>& entries, const std::string& name) {
        for (const auto& e : entries)
            if (e.name == name) return &e;
        return nullptr;
    }
    fs::path m_root;
};

std::string gate_only(const std::string& name, const std::string& description) {
    return "name = \"" + name + "\"\ndescription = \"" + description +
           "\"\n[[steps]]\nname = \"q\"\nkind = \"gate\"\ngates = [\"test\"]\n";
}

} // namespace

TEST_F(CatalogTest, ProjectBeatsUserBeatsBuiltIn) {
    write("user/workflows/tdd.toml", gate_only("tdd", "user tdd"));
    write("user/workflows/mine.toml", gate_only("mine", "user mine"));
    write("project/.gump/workflows/mine.toml", gate_only("mine", "project mine"));
    write("project/.gump/workflows/cheap2sota.toml", gate_only("cheap2sota", "project c2s"));
    auto entries = catalog().list();

    const CatalogEntry* tdd = entry(entries, "tdd");
    ASSERT_TRUE(tdd);
    EXPECT_EQ(tdd->source, "user");
    EXPECT_EQ(tdd->description, "user tdd");
    EXPECT_EQ(tdd->path, "user/workflows/tdd.toml");
    EXPECT_EQ(tdd->shadows, "built-in");

    const CatalogEntry* mine = entry(entries, "mine");
    ASSERT_TRUE(mine);
    EXPECT_EQ(mine->source, "project");
    EXPECT_EQ(mine->description, "project mine");
    EXPECT_EQ(mine->shadows, "user");

    const CatalogEntry* c2s = entry(entries, "cheap2sota");
    ASSERT_TRUE(c2s);
    EXPECT_EQ(c2s->source, "project");
    EXPECT_EQ(c2s->shadows, "built-in");

    const CatalogEntry* simple = entry(entries, "simple");
    ASSERT_TRUE(simple);
    EXPECT_EQ(simple->source, "built-in");
    EXPECT_FALSE(simple->shadows);

    // One entry per name, sorted.
    std::vector<std::string> names;
    for (const auto& e : entries)
        names.push_back(e.name);
    EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
    EXPECT_EQ(std::count(names.begin(), names.end(), "mine"), 1);

    auto found = catalog().find("mine");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->source, "project");
    EXPECT_EQ(found->path, "project/.gump/workflows/mine.toml");
    EXPECT_THAT(found->text, HasSubstr("project mine"));
    auto user_tdd = catalog().find("tdd");
    ASSERT_TRUE(user_tdd);
    EXPECT_EQ(user_tdd->source, "user");
}

TEST_F(CatalogTest, LoadFillsSourceAndPath) {
    write("user/workflows/mine.toml", gate_only("mine", "user mine"));
    Diagnostics diags;
    auto wf = catalog().load("mine", diags);
    ASSERT_TRUE(wf);
    EXPECT_TRUE(diags.empty()) << diags.to_string();
    EXPECT_EQ(wf->source, "user");
    EXPECT_EQ(wf->path, "user/workflows/mine.toml");

    auto builtin = catalog().load("simple", diags);
    ASSERT_TRUE(builtin);
    EXPECT_EQ(builtin->source, "built-in");
    EXPECT_EQ(builtin->path, "built-in:workflows/simple.toml");
}

TEST_F(CatalogTest, ProblemsAreReportedInTheFileTheyComeFrom) {
    write("project/.gump/workflows/bad.toml", "name = \"bad\"\nstepz = 1\n");
    Diagnostics diags;
    auto wf = catalog().load("bad", diags);
    ASSERT_TRUE(wf);
    EXPECT_THAT(diags.to_string(),
                HasSubstr("project/.gump/workflows/bad.toml:2:1: error: unknown key 'stepz'"));
}

TEST_F(CatalogTest, NestedNamesUseSlashes) {
    write("project/.gump/workflows/team/nightly.toml", gate_only("nightly", "n"));
    write("user/workflows/validators/review.toml", gate_only("review", "team review"));
    auto entries = catalog().list();
    const CatalogEntry* nightly = entry(entries, "team/nightly");
    ASSERT_TRUE(nightly);
    EXPECT_EQ(nightly->path, "project/.gump/workflows/team/nightly.toml");
    const CatalogEntry* review = entry(entries, "validators/review");
    ASSERT_TRUE(review);
    EXPECT_EQ(review->source, "user");
    EXPECT_EQ(review->shadows, "built-in");
    EXPECT_TRUE(catalog().find("team/nightly"));
    EXPECT_EQ(catalog().find("validators/review")->source, "user");
}

TEST_F(CatalogTest, APathToATomlFileIsAccepted) {
    write("elsewhere/x.toml", gate_only("x", "file"));
    auto absolute = catalog().find((m_root / "elsewhere/x.toml").string());
    ASSERT_TRUE(absolute);
    EXPECT_EQ(absolute->source, "file");
    EXPECT_EQ(absolute->name, "x");
    EXPECT_EQ(absolute->path, "elsewhere/x.toml");
    auto relative = catalog().find("elsewhere/x.toml"); // relative to the catalog's cwd
    ASSERT_TRUE(relative);
    EXPECT_THAT(relative->text, HasSubstr("description = \"file\""));
    Diagnostics diags;
    auto wf = catalog().load("elsewhere/../elsewhere/x.toml", diags);
    ASSERT_TRUE(wf);
    EXPECT_EQ(wf->source, "file");
}

TEST_F(CatalogTest, AMissingTomlPathSaysSoAndPointsAtTheName) {
    auto found = catalog().find("cheap2sota.toml");
    ASSERT_FALSE(found);
    EXPECT_THAT(found.error().message, HasSubstr("there is no workflow file cheap2sota.toml"));
    EXPECT_THAT(found.error().message, HasSubstr("write its name: cheap2sota"));
}

TEST_F(CatalogTest, UnknownNamesListTheAvailableOnes) {
    write("project/.gump/workflows/mine.toml", gate_only("mine", "m"));
    auto found = catalog().find("cheap2sotta");
    ASSERT_FALSE(found);
    EXPECT_THAT(found.error().message,
                HasSubstr("unknown workflow 'cheap2sotta' (did you mean 'cheap2sota'?); the "
                          "workflows are: bugfix, cheap2sota, freeform, implement-spec, mine, "));
    EXPECT_THAT(found.error().message, HasSubstr("validators/review"));

    Diagnostics diags;
    EXPECT_FALSE(catalog().load("nope", diags));
    ASSERT_EQ(diags.error_count(), 1u);
    EXPECT_THAT(diags.items()[0].message, HasSubstr("unknown workflow 'nope'"));
    EXPECT_THAT(diags.items()[0].fix, HasSubstr("gump workflows list"));
    EXPECT_THAT(diags.items()[0].fix, HasSubstr(".gump/workflows/nope.toml"));
}

TEST_F(CatalogTest, NamesCannotClimbOutOfTheirDirectory) {
    write("secret.toml", gate_only("secret", "s"));
    for (const char* name :
         {"../secret", "../../secret", "a/../../secret", "/etc/passwd", "", "."}) {
        auto found = catalog().find(name);
        EXPECT_FALSE(found) << name;
    }
    EXPECT_THAT(catalog().find("../secret").error().message, HasSubstr("'..'"));
}

TEST_F(CatalogTest, AWorkflowThatDoesNotParseStillListsWithANote) {
    write("project/.gump/workflows/broken.toml", "name = [\n");
    auto entries = catalog().list();
    const CatalogEntry* broken = entry(entries, "broken");
    ASSERT_TRUE(broken);
    EXPECT_EQ(broken->source, "project");
    EXPECT_THAT(broken->description, HasSubstr("does not parse: line"));
}

TEST_F(CatalogTest, OnlyTomlFilesCount) {
    write("project/.gump/workflows/notes.md", "# notes");
    write("project/.gump/workflows/old.yaml", "name: old");
    for (const auto& e : catalog().list()) {
        EXPECT_NE(e.name, "notes");
        EXPECT_NE(e.name, "old");
    }
}

TEST_F(CatalogTest, MissingDirectoriesAreFine) {
    Catalog none(m_root / "no-project", m_root / "no-user", m_root);
    EXPECT_EQ(none.list().size(), 9u);
}
