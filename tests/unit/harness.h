/* harness: a tiny single-header test harness in the shape of greatest.
 * Each test file defines TEST(name) functions and a main() with RUN(name) lines, then END(). */
#ifndef HARNESS_H
#define HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_passed, harness_failed, harness_current_failed;
static const char *harness_filter;

#define TEST(name) static void name(void)

/* Records a failure with file and line, then returns from the test. */
#define FAIL_AT(...) do { \
        fprintf(stderr, "  %s:%d: ", __FILE__, __LINE__); \
        fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); \
        harness_current_failed = 1; return; } while (0)

#define ASSERT(cond) do { if (!(cond)) FAIL_AT("assertion failed: %s", #cond); } while (0)
#define ASSERT_INT_EQ(exp, got) do { long long e_ = (long long)(exp), g_ = (long long)(got); \
        if (e_ != g_) FAIL_AT("%s: expected %lld, got %lld", #got, e_, g_); } while (0)
#define ASSERT_STR_EQ(exp, got) do { const char *e_ = (exp), *g_ = (got); \
        if (!e_ || !g_ || strcmp(e_, g_) != 0) \
            FAIL_AT("%s: expected \"%s\", got \"%s\"", #got, e_ ? e_ : "(null)", g_ ? g_ : "(null)"); } while (0)
#define ASSERT_CONTAINS(hay, needle) do { const char *h_ = (hay), *n_ = (needle); \
        if (!h_ || !strstr(h_, n_)) FAIL_AT("%s: \"%s\" does not contain \"%s\"", #hay, h_ ? h_ : "(null)", n_); } while (0)

#define RUN(name) do { \
        if (harness_filter && !strstr(#name, harness_filter)) break; \
        harness_current_failed = 0; name(); \
        if (harness_current_failed) { harness_failed++; fprintf(stderr, "FAIL %s\n", #name); } \
        else { harness_passed++; } } while (0)

/* Call first in main(): an optional argv[1] runs only the tests whose name contains it. */
#define BEGIN(argc, argv) do { harness_filter = (argc) > 1 ? (argv)[1] : NULL; } while (0)
#define END() do { printf("%s: %d passed, %d failed\n", __FILE__, harness_passed, harness_failed); \
        return harness_failed ? 1 : 0; } while (0)

#endif
