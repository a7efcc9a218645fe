/* test_routes.c: the tests of the routes. No framework: CHECK and CHECK_STR report a failure,
 * main runs every test and exits non-zero if any failed. */
#include <stdio.h>
#include <string.h>

#include "routes.h"

static const char *current_test;
static int current_failed, tests, failures;

#define CHECK(expr)                                                                  \
    do {                                                                             \
        if (!(expr)) {                                                               \
            current_failed = 1;                                                      \
            printf("FAIL %s: %s:%d: %s\n", current_test, __FILE__, __LINE__, #expr); \
        }                                                                            \
    } while (0)

#define CHECK_STR(got, want)                                                            \
    do {                                                                                \
        if (strcmp((got), (want)) != 0) {                                               \
            current_failed = 1;                                                         \
            printf("FAIL %s: %s:%d: %s: got %s, want %s\n", current_test, __FILE__,     \
                   __LINE__, #got, (got), (want));                                      \
        }                                                                               \
    } while (0)

#define RUN(test) run(#test, test)

static void run(const char *name, void (*test)(void))
{
    current_test = name;
    current_failed = 0;
    test();
    tests++;
    failures += current_failed;
}

static void test_root_says_hello(void)
{
    struct response r;
    route("GET", "/", &r);
    CHECK(r.status == 200);
    CHECK_STR(r.content_type, "text/plain");
    CHECK_STR(r.body, "hello from healthz-demo\n");
}

static void test_unknown_path_is_404(void)
{
    struct response r;
    route("GET", "/nope", &r);
    CHECK(r.status == 404);
}

static void test_post_to_root_is_405(void)
{
    struct response r;
    route("POST", "/", &r);
    CHECK(r.status == 405);
}

int main(void)
{
    RUN(test_root_says_hello);
    RUN(test_unknown_path_is_404);
    RUN(test_post_to_root_is_405);
    printf("%d tests, %d failures\n", tests, failures);
    return failures != 0;
}
