/* Line breaking (UAX #14), paragraph direction and the wrap cache, with a measurer where every
 * byte is 10 px wide. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "text.h"

static int calls, flags_seen;

static int fixed_width(void *ctx, int px, int flags, const char *s, int len)
{
    (void)ctx; (void)px; (void)s;
    calls++;
    flags_seen |= flags;
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

/* At a visit's end a client's paragraphs go, zeroed; the wording's (TEXT_PUBLIC) stay. */
TEST(forgetting_the_private_keeps_the_public)
{
    static const unsigned char zero[sizeof cache.slots[0]];
    const char *client = "Canary Person", *words = "Results tend to last between 2-6 months.";
    int before, zeroed = 0;

    text_cache_clear(&cache);
    text_wrap(&cache, &m, 26, 0, client, (int)strlen(client), 500, &(struct text_lines){ 0 });
    text_wrap(&cache, &m, 26, TEXT_PUBLIC, words, (int)strlen(words), 150, &(struct text_lines){ 0 });
    text_cache_forget_private(&cache);
    for (int i = 0; i < TEXT_CACHE_SLOTS; i++)
        zeroed += memcmp(&cache.slots[i], zero, sizeof zero) == 0;
    ASSERT_INT_EQ(TEXT_CACHE_SLOTS - 1, zeroed);
    before = calls;
    text_wrap(&cache, &m, 26, TEXT_PUBLIC, words, (int)strlen(words), 150, &(struct text_lines){ 0 });
    ASSERT_INT_EQ(before, calls);
    text_wrap(&cache, &m, 26, 0, client, (int)strlen(client), 500, &(struct text_lines){ 0 });
    ASSERT(calls > before);
}

/* The line that starts at byte offset off, or -1. */
static int line_at(const struct text_lines *l, int off)
{
    for (int i = 0; i < l->n; i++)
        if (l->start[i] == off)
            return i;
    return -1;
}

TEST(breaks_after_a_hyphen_but_not_in_a_range_of_numbers)
{
    const char *s = "calf-slimming lasts 3-4 months";
    struct text_lines l;

    text_wrap(NULL, &m, 20, 0, s, (int)strlen(s), 100, &l);
    /* "calf-" fits 100 px, "calf-slimming" does not: the break comes after the hyphen. */
    ASSERT(l.n >= 3);
    line_is(&l, s, 0, "calf-", &(int){ 0 });
    ASSERT_INT_EQ(5, l.len[0]);
    ASSERT(!l.cut);
    /* "3-4" never splits, wherever the width falls. */
    for (int w = 30; w <= 300; w += 10) {
        text_wrap(NULL, &m, 20, 0, s, (int)strlen(s), w, &l);
        ASSERT(line_at(&l, 22) < 0);
    }
}

TEST(no_line_starts_inside_a_word)
{
    const char *s = "Anti-wrinkle injections and Microneedling for every skin type";
    struct text_lines l;

    for (int w = 130; w <= 700; w += 10) {     /* "Microneedling" is 130 px */
        text_wrap(NULL, &m, 20, 0, s, (int)strlen(s), w, &l);
        ASSERT(!l.cut);
        for (int i = 1; i < l.n; i++) {
            char before = s[l.start[i] - 1];
            if (before != ' ' && before != '-')
                FAIL_AT("width %d: line %d starts inside a word: \"%s\"", w, i, s + l.start[i]);
        }
        for (int i = 0; i < l.n; i++)
            ASSERT(l.width[i] <= w);
    }
}

TEST(chinese_wraps_between_characters_without_spaces)
{
    /* Ten ideographs, 3 bytes each: 30 px a character here. */
    const char *s = "\xe8\x82\x89\xe6\xaf\x92\xe6\x9d\x86\xe8\x8f\x8c\xe7\xb4\xa0"
                    "\xe7\x98\xa6\xe5\xb0\x8f\xe8\x85\xbf\xe6\xb2\xbb\xe7\x96\x97";
    struct text_lines l;

    text_wrap(NULL, &m, 20, 0, s, (int)strlen(s), 100, &l);
    ASSERT_INT_EQ(4, l.n);
    ASSERT(!l.cut);
    for (int i = 0; i < 3; i++)
        ASSERT_INT_EQ(9, l.len[i]);
    ASSERT_INT_EQ(3, l.len[3]);
}

TEST(chinese_punctuation_never_starts_a_line)
{
    /* Three ideographs, a full-width comma, three more: the comma stays with the third one. */
    const char *s = "\xe4\xb8\x80\xe4\xba\x8c\xe4\xb8\x89\xef\xbc\x8c\xe5\x9b\x9b\xe4\xba\x94\xe5\x85\xad";
    struct text_lines l;

    text_wrap(NULL, &m, 20, 0, s, (int)strlen(s), 90, &l);
    for (int i = 0; i < l.n; i++)
        ASSERT(memcmp(s + l.start[i], "\xef\xbc\x8c", 3) != 0);
    ASSERT(!l.cut);
}

TEST(thai_wraps_between_words_by_its_dictionary)
{
    /* "Hello, welcome" without spaces: sawatdi | khrap | yindi | tonrap (6, 4, 5, 7 characters of
     * 3 bytes). No line may start inside a word. */
    const char *s = "\xe0\xb8\xaa\xe0\xb8\xa7\xe0\xb8\xb1\xe0\xb8\xaa\xe0\xb8\x94\xe0\xb8\xb5"
                    "\xe0\xb8\x84\xe0\xb8\xa3\xe0\xb8\xb1\xe0\xb8\x9a"
                    "\xe0\xb8\xa2\xe0\xb8\xb4\xe0\xb8\x99\xe0\xb8\x94\xe0\xb8\xb5"
                    "\xe0\xb8\x95\xe0\xb9\x89\xe0\xb8\xad\xe0\xb8\x99\xe0\xb8\xa3\xe0\xb8\xb1\xe0\xb8\x9a";
    static const int words[] = { 0, 18, 30, 45 };
    struct text_lines l;

    text_wrap(NULL, &m, 20, 0, s, (int)strlen(s), 7 * 30, &l);
    ASSERT(l.n >= 2);
    ASSERT(!l.cut);
    ASSERT_INT_EQ(18, l.len[0]);
    for (int i = 0; i < l.n; i++) {
        int ok = 0;
        for (int k = 0; k < 4; k++)
            ok |= l.start[i] == words[k];
        if (!ok)
            FAIL_AT("line %d starts at byte %d, inside a word", i, l.start[i]);
    }
}

TEST(a_cut_never_separates_a_letter_from_its_accents)
{
    /* e with two combining accents, five times, in a box two characters wide. */
#define E_ACUTE_CIRCUMFLEX "e\xcc\x81\xcc\x82"
    const char *s = E_ACUTE_CIRCUMFLEX E_ACUTE_CIRCUMFLEX E_ACUTE_CIRCUMFLEX E_ACUTE_CIRCUMFLEX E_ACUTE_CIRCUMFLEX;
    struct text_lines l;

    text_wrap(NULL, &m, 20, 0, s, (int)strlen(s), 20, &l);
    ASSERT(l.cut);
    for (int i = 0; i < l.n; i++)
        ASSERT_INT_EQ('e', s[l.start[i]]);
}

TEST(direction_comes_from_the_first_strong_character_or_the_caller)
{
    const char *arabic = "\xd8\xa3\xd8\xad\xd9\x85\xd8\xaf ahmad@example.com";   /* "Ahmad" in Arabic, then Latin */
    const char *latin = "ahmad@example.com \xd8\xa3\xd8\xad\xd9\x85\xd8\xaf";
    struct text_lines l;

    flags_seen = 0;
    text_wrap(NULL, &m, 20, 1, arabic, (int)strlen(arabic), 1000, &l);
    ASSERT(l.rtl);
    ASSERT_INT_EQ(TEXT_BOLD | TEXT_RTL, l.flags);
    ASSERT_INT_EQ(TEXT_BOLD | TEXT_RTL, flags_seen);     /* every measurement in that direction */
    text_wrap(NULL, &m, 20, 0, latin, (int)strlen(latin), 1000, &l);
    ASSERT(!l.rtl);
    ASSERT_INT_EQ(TEXT_LTR, l.flags);
    text_wrap(NULL, &m, 20, TEXT_RTL, latin, (int)strlen(latin), 1000, &l);
    ASSERT(l.rtl);
    text_wrap(NULL, &m, 20, 0, "123 -", 5, 1000, &l);
    ASSERT(!l.rtl);
    ASSERT_INT_EQ(TEXT_RTL, text_direction(arabic, (int)strlen(arabic), 0));
    ASSERT_INT_EQ(TEXT_LTR, text_direction(latin, (int)strlen(latin), 0));
    ASSERT_INT_EQ(0, text_direction("42", 2, 0));
}

TEST(lines_align_to_the_start_of_their_direction)
{
    const char *arabic = "\xd8\xa3\xd8\xad\xd9\x85\xd8\xaf";      /* 8 bytes: 80 px */
    struct text_lines l;

    text_wrap(NULL, &m, 20, 0, arabic, (int)strlen(arabic), 200, &l);
    ASSERT_INT_EQ(100 + 200 - 80, text_line_x(&l, 0, 100, 200, TEXT_ALIGN_START));
    ASSERT_INT_EQ(100, text_line_x(&l, 0, 100, 200, TEXT_ALIGN_END));
    ASSERT_INT_EQ(100, text_line_x(&l, 0, 100, 200, TEXT_ALIGN_LEFT));
    ASSERT_INT_EQ(160, text_line_x(&l, 0, 100, 200, TEXT_ALIGN_CENTRE));
    text_wrap(NULL, &m, 20, 0, "Ahmad", 5, 200, &l);
    ASSERT_INT_EQ(100, text_line_x(&l, 0, 100, 200, TEXT_ALIGN_START));
    ASSERT_INT_EQ(250, text_line_x(&l, 0, 100, 200, TEXT_ALIGN_RIGHT));
}

TEST(a_long_paragraph_costs_a_few_measurements_a_line)
{
    char s[4000];
    struct text_lines l;
    int n = 0;

    while (n < (int)sizeof s - 16)
        n += snprintf(s + n, sizeof s - (size_t)n, "word%d ", n % 7);
    calls = 0;
    text_wrap(NULL, &m, 20, 0, s, n, 600, &l);
    ASSERT_INT_EQ(TEXT_MAX_LINES, l.n);
    ASSERT(l.truncated);
    ASSERT(calls <= 6 * l.n);
}

TEST(bytes_that_are_not_utf8_wrap_without_harm)
{
    /* libunibreak's own UTF-8 reader stops the program with an assertion on these. */
    const char s[] = "\xb8\xb1!e\xcc\x81\xcc\x82\xaf\xaf\xaf\xf5\x19\xff\xef\xff\xff\xfb\xff\x64 \x29\x0d\x0a\xfe";
    struct text_lines l;

    text_wrap(NULL, &m, 20, 0, s, (int)sizeof s - 1, 60, &l);
    ASSERT(l.n > 1);
    ASSERT_INT_EQ(0, l.start[0]);
    for (int i = 0; i < l.n; i++)
        ASSERT(l.start[i] + l.len[i] <= (int)sizeof s - 1);
}

TEST(every_kind_of_line_end_breaks_and_is_not_drawn)
{
    const char *s = "one\vtwo\fthree\xc2\x85" "four\xe2\x80\xa8" "five";
    static const char *const want[] = { "one", "two", "three", "four", "five" };
    struct text_lines l;
    int ok;

    text_wrap(NULL, &m, 20, 0, s, (int)strlen(s), 1000, &l);
    ASSERT_INT_EQ(5, l.n);
    for (int i = 0; i < 5; i++) {
        line_is(&l, s, i, want[i], &ok);
        if (!ok)
            FAIL_AT("line %d is \"%.*s\", not \"%s\"", i, l.len[i], s + l.start[i], want[i]);
    }
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
    RUN(breaks_after_a_hyphen_but_not_in_a_range_of_numbers);
    RUN(no_line_starts_inside_a_word);
    RUN(chinese_wraps_between_characters_without_spaces);
    RUN(chinese_punctuation_never_starts_a_line);
    RUN(thai_wraps_between_words_by_its_dictionary);
    RUN(a_cut_never_separates_a_letter_from_its_accents);
    RUN(direction_comes_from_the_first_strong_character_or_the_caller);
    RUN(lines_align_to_the_start_of_their_direction);
    RUN(a_long_paragraph_costs_a_few_measurements_a_line);
    RUN(forgetting_the_private_keeps_the_public);
    RUN(bytes_that_are_not_utf8_wrap_without_harm);
    RUN(every_kind_of_line_end_breaks_and_is_not_drawn);
    END();
}
