#include "workflow/template.hpp"

#include <gtest/gtest.h>

using namespace gump::workflow;

namespace {

std::string render_with(std::string_view text, std::map<std::string, std::string> vars) {
    return render(text, vars);
}

} // namespace

TEST(TemplateScan, FindsPlaceholdersWithTheirOffsets) {
    ScannedTemplate s = scan_template("Build {item.name} from {spec}; see {decompose.output}.");
    ASSERT_EQ(s.placeholders.size(), 3u);
    EXPECT_TRUE(s.problems.empty());
    EXPECT_EQ(s.placeholders[0].name, "item.name");
    EXPECT_EQ(s.placeholders[0].offset, 6u);
    EXPECT_EQ(s.placeholders[1].name, "spec");
    EXPECT_EQ(s.placeholders[1].offset, 23u);
    EXPECT_EQ(s.placeholders[2].name, "decompose.output");
}

TEST(TemplateScan, NamesMayHoldLettersDigitsUnderscoreDotAndDash) {
    ScannedTemplate s = scan_template("{A_b-9.x}");
    ASSERT_EQ(s.placeholders.size(), 1u);
    EXPECT_EQ(s.placeholders[0].name, "A_b-9.x");
    EXPECT_TRUE(is_placeholder_name("build-1.diff"));
    EXPECT_FALSE(is_placeholder_name(""));
    EXPECT_FALSE(is_placeholder_name("a b"));
}

TEST(TemplateScan, DoubledBracesAreLiteral) {
    ScannedTemplate s = scan_template("JSON: {{\"pass\": true}} and {{}} then {{{spec}}}");
    EXPECT_TRUE(s.problems.empty());
    ASSERT_EQ(s.placeholders.size(), 1u);
    EXPECT_EQ(s.placeholders[0].name, "spec");
}

TEST(TemplateScan, ReportsAnUnclosedBrace) {
    ScannedTemplate s = scan_template("ok\nsee {spec and more\n");
    ASSERT_EQ(s.problems.size(), 1u);
    EXPECT_EQ(s.problems[0].offset, 7u);
    EXPECT_NE(s.problems[0].message.find("not closed"), std::string::npos);
    EXPECT_NE(s.problems[0].fix.find("{{"), std::string::npos);
}

TEST(TemplateScan, APlaceholderMustCloseOnItsOwnLine) {
    ScannedTemplate s = scan_template("{spec\n}");
    ASSERT_EQ(s.problems.size(), 2u); // the '{' is unclosed and the '}' closes nothing
    EXPECT_EQ(s.problems[0].offset, 0u);
    EXPECT_EQ(s.problems[1].offset, 6u);
    EXPECT_TRUE(s.placeholders.empty());
}

TEST(TemplateScan, ReportsAnEmptyPlaceholder) {
    ScannedTemplate s = scan_template("a {} b");
    ASSERT_EQ(s.problems.size(), 1u);
    EXPECT_EQ(s.problems[0].offset, 2u);
    EXPECT_NE(s.problems[0].message.find("empty placeholder"), std::string::npos);
}

TEST(TemplateScan, ReportsAStrayClosingBrace) {
    ScannedTemplate s = scan_template("a } b {spec}");
    ASSERT_EQ(s.problems.size(), 1u);
    EXPECT_EQ(s.problems[0].offset, 2u);
    EXPECT_NE(s.problems[0].message.find("'}'"), std::string::npos);
    EXPECT_NE(s.problems[0].fix.find("}}"), std::string::npos);
    ASSERT_EQ(s.placeholders.size(), 1u);
}

TEST(TemplateScan, ReportsBracesAroundSomethingThatIsNotAName) {
    ScannedTemplate s = scan_template("Write {\"pass\": true} then {spec}");
    ASSERT_EQ(s.problems.size(), 1u);
    EXPECT_EQ(s.problems[0].offset, 6u);
    EXPECT_NE(s.problems[0].message.find("{\"pass\": true}' is not a placeholder"),
              std::string::npos);
    ASSERT_EQ(s.placeholders.size(), 1u); // scanning goes on after the problem
    EXPECT_EQ(s.placeholders[0].name, "spec");
}

TEST(TemplateScan, ReportsEveryProblem) {
    ScannedTemplate s = scan_template("{} } {a b} {");
    EXPECT_EQ(s.problems.size(), 4u);
}

TEST(TemplateRender, SubstitutesKnownVariables) {
    EXPECT_EQ(render_with("Do {item.name} now", {{"item.name", "auth"}}), "Do auth now");
}

TEST(TemplateRender, UnknownAndEmptyVariablesBecomeEmpty) {
    EXPECT_EQ(render_with("a {x} b {y} c", {{"y", ""}}), "a  b  c");
}

TEST(TemplateRender, RemovesALineThatHeldAPlaceholderAndIsNowBlank) {
    EXPECT_EQ(render_with("Files:\n{item.files}\nEnd\n", {}), "Files:\nEnd\n");
    EXPECT_EQ(render_with("Files:\n  {a} {b}  \nEnd", {{"a", " "}}), "Files:\nEnd");
    EXPECT_EQ(render_with("Start\n{x}", {}), "Start\n");
    EXPECT_EQ(render_with("{x}\r\nEnd", {}), "End"); // a CRLF line is blank too
}

TEST(TemplateRender, KeepsBlankLinesThatHeldNoPlaceholder) {
    EXPECT_EQ(render_with("a\n\n  \nb\n", {}), "a\n\n  \nb\n");
}

TEST(TemplateRender, KeepsALineWhoseOtherTextRemains) {
    EXPECT_EQ(render_with("Files: {item.files}\n", {}), "Files: \n");
}

TEST(TemplateRender, KeepsALineWhoseValueIsNotBlank) {
    EXPECT_EQ(render_with("{error}\nfix it", {{"error", "boom\n"}}), "boom\n\nfix it");
}

TEST(TemplateRender, DoubledBracesBecomeSingleOnes) {
    EXPECT_EQ(render_with("{{\"pass\": {{x}}}} {x}", {{"x", "1"}}), "{\"pass\": {x}} 1");
}

TEST(TemplateRender, SubstitutedValuesAreNeverScannedAgain) {
    EXPECT_EQ(render_with("{spec}", {{"spec", "use {error} and {{x}}"}, {"error", "E"}}),
              "use {error} and {{x}}");
}

TEST(TemplateRender, LeavesMalformedBracesAsWritten) {
    EXPECT_EQ(render_with("a { b } {} {c d}", {}), "a { b } {} {c d}");
}

TEST(TemplateRender, AskesTheLookupOncePerPlaceholder) {
    std::vector<std::string> asked;
    std::string out = render("{a}{b}{a}", [&](std::string_view name) -> std::optional<std::string> {
        asked.emplace_back(name);
        return std::string(name) + "!";
    });
    EXPECT_EQ(out, "a!b!a!");
    EXPECT_EQ(asked, (std::vector<std::string>{"a", "b", "a"}));
}

TEST(TemplateRender, EmptyTextStaysEmpty) {
    EXPECT_EQ(render_with("", {}), "");
}
