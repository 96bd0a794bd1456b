/* Word wrap and its cache, with a measurer where every byte is 10 px wide. */
#include <string.h>

#include "harness.h"
#include "text.h"

static int calls;

static int fixed_width(void *ctx, int px, int bold, const char *s, int len)
{
    (void)ctx; (void)px; (void)bold; (void)s;
    calls++;
    return len * 10;
}

static int fixed_line(void *ctx, int px, int bold)
{
    (void)ctx; (void)bold;
    return px + 4;
}

static const struct text_measurer m = { NULL, fixed_width, fixed_line };
static struct text_cache cache;

static void line_is(const struct text_lines *l, const char *s, int i, const char *want, int *ok)
{
    *ok = l->len[i] == (int)strlen(want) && memcmp(s + l->start[i], want, strlen(want)) == 0;
}

TEST(wraps_at_spaces_within_width)
{
    const char *s = "every 3-4 months for the first few sessions";
    struct text_lines l;
    int ok;

    text_wrap(NULL, &m, 20, 0, s, (int)strlen(s), 190, &l);
    ASSERT_INT_EQ(3, l.n);
    line_is(&l, s, 0, "every 3-4 months", &ok);
    ASSERT(ok);
    line_is(&l, s, 1, "for the first few", &ok);
    ASSERT(ok);
    for (int i = 0; i < l.n; i++)
        ASSERT(l.width[i] <= 190);
    ASSERT_INT_EQ(3 * 24, l.h);
    ASSERT_INT_EQ(170, l.w);
}

TEST(newline_forces_a_break)
{
    const char *s = "one\ntwo";
    struct text_lines l;

    text_wrap(NULL, &m, 20, 0, s, (int)strlen(s), 1000, &l);
    ASSERT_INT_EQ(2, l.n);
    ASSERT_INT_EQ(3, l.len[0]);
    ASSERT_INT_EQ(4, l.start[1]);
}

TEST(long_word_is_cut_between_characters)
{
    const char *s = "abcdefghijklmnopqrstuvwxyz";
    struct text_lines l;

    text_wrap(NULL, &m, 20, 0, s, (int)strlen(s), 100, &l);
    ASSERT_INT_EQ(3, l.n);
    ASSERT_INT_EQ(10, l.len[0]);
    ASSERT_INT_EQ(6, l.len[2]);
}

TEST(multibyte_characters_are_not_split)
{
    const char *s = "\xC3\xA9\xC3\xA9\xC3\xA9";   /* three é, 2 bytes each */
    struct text_lines l;

    text_wrap(NULL, &m, 20, 0, s, (int)strlen(s), 30, &l);
    for (int i = 0; i < l.n; i++)
        ASSERT(l.len[i] % 2 == 0);
}

TEST(too_many_lines_are_truncated)
{
    char s[400];
    struct text_lines l;

    memset(s, 'x', sizeof s - 1);
    s[sizeof s - 1] = '\0';
    text_wrap(NULL, &m, 20, 0, s, (int)strlen(s), 10, &l);
    ASSERT_INT_EQ(TEXT_MAX_LINES, l.n);
    ASSERT(l.truncated);
}

TEST(cache_returns_the_same_lines_without_measuring)
{
    const char *s = "Results tend to last between 2-6 months.";
    struct text_lines a, b;
    int before;

    text_cache_clear(&cache);
    text_wrap(&cache, &m, 26, 0, s, (int)strlen(s), 150, &a);
    before = calls;
    text_wrap(&cache, &m, 26, 0, s, (int)strlen(s), 150, &b);
    ASSERT_INT_EQ(before, calls);
    ASSERT(memcmp(&a, &b, sizeof a) == 0);
    ASSERT_INT_EQ(1, (long long)cache.hits);
    /* Another width is another entry. */
    text_wrap(&cache, &m, 26, 0, s, (int)strlen(s), 300, &b);
    ASSERT(calls > before);
    ASSERT(a.n != b.n);
}

TEST(clear_zeroes_every_slot)
{
    static const unsigned char zero[sizeof cache.slots[0]];
    const char *s = "Canary Person";

    text_wrap(&cache, &m, 26, 0, s, (int)strlen(s), 500, &(struct text_lines){ 0 });
    text_cache_clear(&cache);
    for (int i = 0; i < TEXT_CACHE_SLOTS; i++)
        ASSERT(memcmp(&cache.slots[i], zero, sizeof zero) == 0);
}

int main(int argc, char **argv)
{
    BEGIN(argc, argv);
    RUN(wraps_at_spaces_within_width);
    RUN(newline_forces_a_break);
    RUN(long_word_is_cut_between_characters);
    RUN(multibyte_characters_are_not_split);
    RUN(too_many_lines_are_truncated);
    RUN(cache_returns_the_same_lines_without_measuring);
    RUN(clear_zeroes_every_slot);
    END();
}
