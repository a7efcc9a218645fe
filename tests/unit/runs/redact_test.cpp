// Secrets from the environment never reach the ledger.
#include "runs/redact.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

namespace gump::runs {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

using ::testing::HasSubstr;
using ::testing::Not;

TEST(Redactor, NamesThatSayCredentialCountAsSecrets) {
    for (const char* name :
         {"API_KEY", "ANTHROPIC_API_KEY", "GITHUB_TOKEN", "DB_PASSWORD", "MYSQL_PASSWD",
          "AWS_SECRET_ACCESS_KEY", "GOOGLE_APPLICATION_CREDENTIALS", "HTTP_AUTH", "BASIC_AUTH",
          "SESSION_COOKIE", "SSH_PRIVATE_KEY", "api_key", "Github_Token", "NPM_AUTH_TOKEN"})
        EXPECT_TRUE(Redactor::is_secret_name(name)) << name;
}

TEST(Redactor, OrdinaryNamesAreNotSecrets) {
    for (const char* name : {"PATH", "HOME", "USER", "SHELL", "LANG", "TERM", "PWD", "EDITOR",
                             "LD_LIBRARY_PATH", "XDG_RUNTIME_DIR", "CC", "HOSTNAME"})
        EXPECT_FALSE(Redactor::is_secret_name(name)) << name;
}

// The match is a substring of the upper-cased name, so some harmless names count too. This
// documents the implementation's choice (it errs on the side of redacting): a value of one of
// these is replaced in the ledger like a credential.
TEST(Redactor, SubstringMatchingAlsoCatchesHarmlessNames) {
    EXPECT_TRUE(Redactor::is_secret_name("KEYBOARD_LAYOUT")); // "KEY"
    EXPECT_TRUE(Redactor::is_secret_name("GIT_AUTHOR_NAME")); // "AUTH"
    EXPECT_TRUE(Redactor::is_secret_name("MONKEY"));          // "KEY"
}

TEST(Redactor, ReplacesTheValueWithTheVariablesName) {
    Redactor r(Pairs{{"GITHUB_TOKEN", "ghp_abcdefghij123"}});
    EXPECT_FALSE(r.empty());
    EXPECT_EQ(r.apply("token=ghp_abcdefghij123;"), "token=[redacted $GITHUB_TOKEN];");
}

TEST(Redactor, ShortValuesAreNotRedacted) {
    Redactor shorter(Pairs{{"API_KEY", "1234567"}}); // 7 characters
    EXPECT_TRUE(shorter.empty());
    EXPECT_EQ(shorter.apply("the key 1234567 and true"), "the key 1234567 and true");

    Redactor eight(Pairs{{"API_KEY", "12345678"}});
    EXPECT_FALSE(eight.empty());
    EXPECT_EQ(eight.apply("the key 12345678"), "the key [redacted $API_KEY]");
}

TEST(Redactor, ValuesOfOrdinaryNamesAreKept) {
    Redactor r(Pairs{{"HOME", "/home/someone-long"}, {"PATH", "/usr/local/bin:/usr/bin"}});
    EXPECT_TRUE(r.empty());
    EXPECT_EQ(r.apply("/home/someone-long/x"), "/home/someone-long/x");
}

TEST(Redactor, TheLongestValueIsReplacedFirst) {
    // The short secret is a prefix of the long one; either order of the pairs.
    for (bool reversed : {false, true}) {
        std::vector<std::pair<std::string, std::string>> pairs{{"SHORT_TOKEN", "abcdefgh"},
                                                               {"LONG_TOKEN", "abcdefgh-and-more"}};
        if (reversed) std::swap(pairs[0], pairs[1]);
        Redactor r(pairs);
        EXPECT_EQ(r.apply("a=abcdefgh-and-more b=abcdefgh"),
                  "a=[redacted $LONG_TOKEN] b=[redacted $SHORT_TOKEN]");
    }
}

TEST(Redactor, EveryOccurrenceIsReplaced) {
    Redactor r(Pairs{{"DB_PASSWORD", "hunter2hunter2"}});
    EXPECT_EQ(r.apply("hunter2hunter2 x hunter2hunter2hunter2hunter2\nhunter2hunter2"),
              "[redacted $DB_PASSWORD] x [redacted $DB_PASSWORD][redacted $DB_PASSWORD]\n"
              "[redacted $DB_PASSWORD]");
}

TEST(Redactor, SeveralSecretsInOneText) {
    Redactor r(Pairs{{"API_KEY", "sk-0123456789"}, {"DB_PASSWORD", "correct-horse"}});
    std::string out = r.apply("key sk-0123456789, password correct-horse");
    EXPECT_EQ(out, "key [redacted $API_KEY], password [redacted $DB_PASSWORD]");
}

TEST(Redactor, ReadsTheEnvironment) {
    ::setenv("GUMP_TEST_REDACT_API_KEY", "from-the-environment", 1);
    ::setenv("GUMP_TEST_REDACT_PLAIN", "not-a-secret-value", 1);
    Redactor r = Redactor::from_environment();
    ::unsetenv("GUMP_TEST_REDACT_API_KEY");
    ::unsetenv("GUMP_TEST_REDACT_PLAIN");
    std::string out = r.apply("a from-the-environment b not-a-secret-value");
    EXPECT_THAT(out, HasSubstr("[redacted $GUMP_TEST_REDACT_API_KEY]"));
    EXPECT_THAT(out, Not(HasSubstr("from-the-environment")));
    EXPECT_THAT(out, HasSubstr("not-a-secret-value"));
}

} // namespace
} // namespace gump::runs
