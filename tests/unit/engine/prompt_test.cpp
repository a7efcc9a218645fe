// What an attempt sends: the rendered prompt, the retry section and the context file's text.
#include "engine/prompt.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

namespace gump::engine {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

workflow::Template tmpl(std::string text) {
    workflow::Template t;
    t.text = std::move(text);
    return t;
}

TEST(RenderPrompt, FillsSpecAttemptAndMaxAttempts) {
    std::string spec = "Add a /healthz endpoint.";
    PromptInputs in;
    in.path = "impl";
    in.spec = &spec;
    in.attempt = 2;
    in.max_attempts = 5;
    EXPECT_EQ(render_prompt(tmpl("Spec: {spec}\nAttempt {attempt} of {max_attempts}."), in),
              "Spec: Add a /healthz endpoint.\nAttempt 2 of 5.");
}

TEST(RenderPrompt, FillsErrorAndDiff) {
    PromptInputs in;
    in.error = "test failed (exit 2)";
    in.diff = "+int x;";
    EXPECT_EQ(render_prompt(tmpl("Error: {error}\nDiff: {diff}"), in),
              "Error: test failed (exit 2)\nDiff: +int x;");
}

TEST(RenderPrompt, FillsTheItemFields) {
    Item item{"parse-args", "Parse the command line.", {"src/args.c", "src/args.h"}};
    PromptInputs in;
    in.item = &item;
    in.item_index = 2;
    EXPECT_EQ(
        render_prompt(tmpl("{item.index}: {item.name}\n{item.description}\n{item.files}"), in),
        "2: parse-args\nParse the command line.\nsrc/args.c\nsrc/args.h");
}

TEST(RenderPrompt, ItemFieldsOutsideAGroupAreEmpty) {
    PromptInputs in;
    EXPECT_EQ(render_prompt(tmpl("A\n{item.name}\nB {item.index}."), in), "A\nB .");
}

TEST(RenderPrompt, FillsSetValuesAsTheyAre) {
    std::map<std::string, std::string> sets{{"lang", "C, C++ and Rust"}, {"style", "K&R"}};
    PromptInputs in;
    in.sets = &sets;
    EXPECT_EQ(render_prompt(tmpl("Languages: {lang}; style {style}."), in),
              "Languages: C, C++ and Rust; style K&R.");
}

TEST(RenderPrompt, FillsValuesSeenFromTheStepsScope) {
    Values values;
    values.set("decompose", "output", "{\"items\": []}");
    values.set("tests", "output", "top tests");
    values.set("build/1/tests", "output", "item tests");
    values.set("build/2/impl", "diff", "other item's diff");
    PromptInputs in;
    in.path = "build/1/impl";
    in.values = &values;
    EXPECT_EQ(render_prompt(tmpl("Plan: {decompose.output}\nTests: {tests.output}\n"
                                 "Other: {impl.diff}\nEnd"),
                            in),
              "Plan: {\"items\": []}\nTests: item tests\nOther: \nEnd");
}

TEST(RenderPrompt, ValuesAreNotScannedAgain) {
    std::map<std::string, std::string> sets{{"x", "{spec}"}};
    std::string spec = "SPEC";
    PromptInputs in;
    in.spec = &spec;
    in.sets = &sets;
    EXPECT_EQ(render_prompt(tmpl("{x}"), in), "{spec}");
}

TEST(RenderPrompt, AnUnknownNameIsEmptyAndItsBlankLineGoes) {
    PromptInputs in;
    EXPECT_EQ(render_prompt(tmpl("before\n{nope}\nafter {nope.field}!\n  {unknown}  \nend\n"), in),
              "before\nafter !\nend\n");
}

TEST(RenderPrompt, AMissingSpecIsEmpty) {
    PromptInputs in;
    EXPECT_EQ(render_prompt(tmpl("The spec:\n{spec}\nDone."), in), "The spec:\nDone.");
}

TEST(RetrySection, SaysWhichAttemptFailedAndWhy) {
    PromptInputs in;
    in.attempt = 2;
    in.max_attempts = 5;
    in.error = "test failed (exit 2)\nexpected 200, got 404";
    std::string s = retry_section(in);
    EXPECT_THAT(s, StartsWith("## Attempt 1 failed (this is attempt 2 of 5)\n"));
    EXPECT_THAT(s, HasSubstr("```\ntest failed (exit 2)\nexpected 200, got 404\n```\n"));
    EXPECT_THAT(s, Not(HasSubstr("```diff")));
    EXPECT_THAT(s, HasSubstr("3 more attempts remain after this one."));
    EXPECT_THAT(s, Not(HasSubstr("last attempt")));
}

TEST(RetrySection, ShowsTheDiffOnlyWhenThereIsOne) {
    PromptInputs in;
    in.attempt = 3;
    in.max_attempts = 5;
    in.error = "compile failed";
    in.diff = "--- a/x.c\n+++ b/x.c\n+int y;";
    std::string s = retry_section(in);
    EXPECT_THAT(s, HasSubstr("```diff\n--- a/x.c\n+++ b/x.c\n+int y;\n```\n"));
}

TEST(RetrySection, WithoutAnErrorSaysThereIsNoDetail) {
    PromptInputs in;
    in.attempt = 2;
    in.max_attempts = 3;
    std::string s = retry_section(in);
    EXPECT_THAT(s, HasSubstr("It did not pass, and gave no more detail."));
    EXPECT_THAT(s, Not(HasSubstr("```")));
}

TEST(RetrySection, TheLastAttemptIsToldSo) {
    PromptInputs in;
    in.attempt = 5;
    in.max_attempts = 5;
    in.error = "e";
    std::string s = retry_section(in);
    EXPECT_THAT(s, HasSubstr("(this is attempt 5 of 5)"));
    EXPECT_THAT(s, EndsWith("This is the last attempt.\n"));
    EXPECT_THAT(s, Not(HasSubstr("remain")));
}

// One attempt left after this one: "1 more attempt remains", not "1 more attempt remain".
TEST(RetrySection, OneAttemptLeftIsSingular) {
    PromptInputs in;
    in.attempt = 4;
    in.max_attempts = 5;
    in.error = "e";
    EXPECT_THAT(retry_section(in), EndsWith("1 more attempt remains after this one.\n"));
}

TEST(RetrySection, ALongErrorIsTrimmed) {
    std::string error;
    for (int i = 1; i <= 5000; ++i)
        error += "error line " + std::to_string(i) + "\n";
    PromptInputs in;
    in.attempt = 2;
    in.max_attempts = 3;
    in.error = error;
    std::string s = retry_section(in);
    EXPECT_LT(s.size(), 14u * 1024);
    EXPECT_THAT(s, HasSubstr("error line 1\n"));
    EXPECT_THAT(s, HasSubstr("error line 5000\n"));
    EXPECT_THAT(s, HasSubstr("lines left out ...]"));
}

TEST(TrimMiddle, AShortTextIsUnchanged) {
    EXPECT_EQ(trim_middle("abc\ndef\n", 100), "abc\ndef\n");
    std::string exact(100, 'x');
    EXPECT_EQ(trim_middle(exact, 100), exact);
}

TEST(TrimMiddle, KeepsHeadAndTailAndCountsTheLinesLeftOut) {
    std::string text;
    for (int i = 1; i <= 1000; ++i)
        text += "line " + std::to_string(i) + "\n";
    std::string out = trim_middle(text, 2000);
    EXPECT_LE(out.size(), 2000u + 40);
    EXPECT_THAT(out, StartsWith("line 1\nline 2\n"));
    EXPECT_THAT(out, EndsWith("line 999\nline 1000\n"));

    // The marker's count is exactly the number of lines that are gone.
    size_t open = out.find("[... ");
    ASSERT_NE(open, std::string::npos);
    size_t close = out.find(" lines left out ...]", open);
    ASSERT_NE(close, std::string::npos);
    int dropped = std::stoi(out.substr(open + 5, close - open - 5));
    std::istringstream lines(out);
    std::string line;
    int kept = 0, marker = 0, last = 0;
    while (std::getline(lines, line)) {
        if (line.starts_with("[... ")) {
            ++marker;
            continue;
        }
        ASSERT_TRUE(line.starts_with("line ")) << "a cut line: '" << line << "'";
        int n = std::stoi(line.substr(5));
        EXPECT_GT(n, last) << "lines out of order";
        last = n;
        ++kept;
    }
    EXPECT_EQ(marker, 1);
    EXPECT_GT(dropped, 0);
    EXPECT_EQ(kept + dropped, 1000);
}

TEST(ContextFileText, APlanStepWritesPlanJsonAndChangesNothing) {
    std::string t = context_file_text(workflow::StepKind::plan, "decompose", 2, {"schema"});
    EXPECT_THAT(t, HasSubstr(".gump/out/plan.json"));
    EXPECT_THAT(t, HasSubstr("step decompose, attempt 2"));
    EXPECT_THAT(t, HasSubstr("Do not change any file"));
    EXPECT_THAT(t, Not(HasSubstr("verdict.json")));
}

TEST(ContextFileText, AReviewStepWritesVerdictJson) {
    std::string t = context_file_text(workflow::StepKind::review, "build/1/review", 1, {});
    EXPECT_THAT(t, HasSubstr(".gump/out/verdict.json"));
    EXPECT_THAT(t, HasSubstr("\"pass\""));
    EXPECT_THAT(t, HasSubstr("step build/1/review, attempt 1"));
    EXPECT_THAT(t, Not(HasSubstr("plan.json")));
}

TEST(ContextFileText, ACodeStepListsItsGates) {
    std::string t =
        context_file_text(workflow::StepKind::code, "build/2/impl", 3, {"compile", "test", "lint"});
    EXPECT_THAT(t, HasSubstr("compile, test and lint"));
    EXPECT_THAT(t, HasSubstr("step build/2/impl, attempt 3"));
    EXPECT_THAT(t, Not(HasSubstr("plan.json")));
    EXPECT_THAT(t, Not(HasSubstr("verdict.json")));
    EXPECT_THAT(t, Not(HasSubstr("Do not change any file")));

    std::string no_gates = context_file_text(workflow::StepKind::code, "impl", 1, {});
    EXPECT_THAT(no_gates, Not(HasSubstr("How your work is checked")));
}

TEST(ContextFileText, EveryKindForbidsRecordingHistory) {
    for (auto kind :
         {workflow::StepKind::plan, workflow::StepKind::code, workflow::StepKind::review})
        EXPECT_THAT(context_file_text(kind, "s", 1, {}), HasSubstr("commit, reset, checkout"));
}

} // namespace
} // namespace gump::engine
