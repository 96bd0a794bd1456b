/* Tests of the strict UTF-8 helpers and of what they say about characters. */
#include "harness.h"
#include "utf8.h"

/* Decodes s (its whole strlen) and checks the length and code point. */
static int decodes_to(const char *s, size_t want_len, uint32_t want_cp)
{
    uint32_t cp = 0xFFFFFFFF;
    size_t len = utf8_decode(s, strlen(s), &cp);

    return len == want_len && cp == want_cp;
}

TEST(decodes_each_length)
{
    ASSERT(decodes_to("A", 1, 0x41));
    ASSERT(decodes_to("\x7F", 1, 0x7F));
    ASSERT(decodes_to("é", 2, 0xE9));
    ASSERT(decodes_to("\xC2\x80", 2, 0x80));
    ASSERT(decodes_to("\xDF\xBF", 2, 0x7FF));
    ASSERT(decodes_to("\xE0\xA0\x80", 3, 0x800));
    ASSERT(decodes_to("ễ", 3, 0x1EC5));
    ASSERT(decodes_to("\xED\x9F\xBF", 3, 0xD7FF));
    ASSERT(decodes_to("\xEE\x80\x80", 3, 0xE000));
    ASSERT(decodes_to("\xEF\xBF\xBF", 3, 0xFFFF));
    ASSERT(decodes_to("😀", 4, 0x1F600));
    ASSERT(decodes_to("\xF4\x8F\xBF\xBF", 4, 0x10FFFF));
}

TEST(decodes_only_the_first_code_point)
{
    ASSERT(decodes_to("éa", 2, 0xE9));
    ASSERT(decodes_to("a\xFF", 1, 'a'));
}

TEST(refuses_malformed_sequences)
{
    static const char *bad[] = {
        "\x80",                 /* stray continuation */
        "\xBF",
        "\xC0\x80",             /* overlong NUL */
        "\xC1\xBF",             /* overlong 0x7F */
        "\xE0\x80\x80",         /* overlong 3-byte */
        "\xE0\x9F\xBF",
        "\xF0\x80\x80\x80",     /* overlong 4-byte */
        "\xF0\x8F\xBF\xBF",
        "\xED\xA0\x80",         /* surrogate U+D800 */
        "\xED\xBF\xBF",         /* surrogate U+DFFF */
        "\xF4\x90\x80\x80",     /* U+110000 */
        "\xF5\x80\x80\x80",
        "\xFE",
        "\xFF",
        "\xC3",                 /* truncated */
        "\xE2\x82",
        "\xF0\x9F\x98",
        "\xC3\x41",             /* continuation missing: an A instead */
        "\xE2\x28\xA1",
    };

    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        uint32_t cp = 42;

        if (utf8_decode(bad[i], strlen(bad[i]), &cp) != 0 || cp != 42)
            FAIL_AT("bad sequence %zu decoded", i);
        if (utf8_valid(bad[i], strlen(bad[i])))
            FAIL_AT("bad sequence %zu judged valid", i);
    }
}

TEST(decode_reads_no_further_than_n)
{
    uint32_t cp;

    ASSERT_INT_EQ(0, utf8_decode("é", 1, &cp));
    ASSERT_INT_EQ(0, utf8_decode("😀", 3, &cp));
    ASSERT_INT_EQ(4, utf8_decode("😀", 4, &cp));
}

TEST(valid_checks_the_whole_text)
{
    ASSERT(utf8_valid("", 0));
    ASSERT(utf8_valid("José O'Brien", strlen("José O'Brien")));
    ASSERT(utf8_valid("Nguyễn Zoë 😀", strlen("Nguyễn Zoë 😀")));
    ASSERT(!utf8_valid("José\xFF", strlen("José\xFF")));
    ASSERT(!utf8_valid("Jos\xC3", strlen("Jos\xC3")));
    ASSERT(utf8_valid("a\0b", 3));      /* NUL is a code point; callers decide about it */
}

TEST(counts_code_points)
{
    ASSERT_INT_EQ(0, utf8_count("", 0));
    ASSERT_INT_EQ(4, utf8_count("José", strlen("José")));
    ASSERT_INT_EQ(6, utf8_count("Nguyễn", strlen("Nguyễn")));
    ASSERT_INT_EQ(2, utf8_count("😀😀", strlen("😀😀")));
    ASSERT_INT_EQ(2, utf8_count("e\xCC\x81", 3));   /* e + combining acute: two code points */
}

TEST(last_len_is_one_whole_code_point)
{
    ASSERT_INT_EQ(0, utf8_last_len("", 0));
    ASSERT_INT_EQ(1, utf8_last_len("abc", 3));
    ASSERT_INT_EQ(2, utf8_last_len("José", strlen("José")));
    ASSERT_INT_EQ(3, utf8_last_len("Nguyễ", strlen("Nguyễ")));
    ASSERT_INT_EQ(4, utf8_last_len("a😀", strlen("a😀")));
    ASSERT_INT_EQ(2, utf8_last_len("e\xCC\x81", 3));
    ASSERT_INT_EQ(4, utf8_last_len("😀", 4));
}


/* visible(s): utf8_has_visible_letter over the whole of s. */
static int visible(const char *s)
{
    return utf8_has_visible_letter(s, strlen(s));
}

TEST(letters_and_marks_by_category)
{
    ASSERT(utf8_is_letter('a'));
    ASSERT(utf8_is_letter(0x05D0));     /* Hebrew alef */
    ASSERT(utf8_is_letter(0x0628));     /* Arabic beh */
    ASSERT(utf8_is_letter(0x674E));     /* a CJK ideograph */
    ASSERT(utf8_is_letter(0xD55C));     /* a Hangul syllable */
    ASSERT(!utf8_is_letter('7'));
    ASSERT(!utf8_is_letter(0x0663));    /* Arabic-Indic digit three */
    ASSERT(!utf8_is_letter(0x0378));    /* unassigned in the Greek block */
    ASSERT(!utf8_is_letter(0x0301));
    ASSERT(utf8_is_mark(0x0301));       /* combining acute */
    ASSERT(utf8_is_mark(0x064E));       /* Arabic fatha */
    ASSERT(utf8_is_mark(0x093F));       /* Devanagari vowel sign i (a spacing mark) */
    ASSERT(utf8_is_mark(0x0E48));       /* Thai tone mark */
    ASSERT(!utf8_is_mark('e'));
}

TEST(a_visible_letter_is_more_than_fillers_marks_and_punctuation)
{
    ASSERT(visible("Zo\xc3\xab"));
    ASSERT(visible("\xe6\x9d\x8e"));                      /* a CJK ideograph */
    ASSERT(visible("\xd8\xa3\xd8\xad\xd9\x85\xd8\xaf"));  /* Arabic */
    ASSERT(visible(" - x"));
    ASSERT(!visible(""));
    ASSERT(!visible(" -'. "));
    ASSERT(!visible("\xe1\x85\x9f\xe1\x85\xa0\xe1\x85\x9f"));   /* Hangul choseong and jungseong fillers */
    ASSERT(!visible("\xe3\x85\xa4\xef\xbe\xa0"));              /* the other two Hangul fillers */
    ASSERT(!visible("\xd9\x8e\xd9\x8f\xd9\x90\xd9\x91"));      /* Arabic vowel marks alone */
    ASSERT(!visible("\xcc\x81\xcc\x81"));                      /* combining accents alone */
    ASSERT(!visible("\xca\xbb\xe3\x83\xbc"));                  /* okina, katakana long vowel mark: modifier letters */
    ASSERT(visible("\xe1\x84\x80\xe1\x85\xa1"));            /* Hangul jamo that make a syllable */
}

TEST(most_marks_counts_the_longest_stack)
{
    char s[200];
    size_t n = 0;

    ASSERT_INT_EQ(0, utf8_most_marks("", 0));
    ASSERT_INT_EQ(0, utf8_most_marks("plain", 5));
    ASSERT_INT_EQ(2, utf8_most_marks("Nguye\xcc\x82\xcc\x83n", 9));     /* Vietnamese, decomposed */
    ASSERT_INT_EQ(1, utf8_most_marks("\xe0\xa4\x95\xe0\xa5\x8d\xe0\xa4\xb7\xe0\xa4\xbf", 12));   /* Devanagari kssi */
    s[n++] = 'a';
    for (int i = 0; i < 79; i++) {
        s[n++] = '\xcc';
        s[n++] = '\x81';
    }
    s[n++] = 'b';
    ASSERT_INT_EQ(79, utf8_most_marks(s, n));
}

int main(int argc, char **argv)
{
    BEGIN(argc, argv);
    RUN(decodes_each_length);
    RUN(decodes_only_the_first_code_point);
    RUN(refuses_malformed_sequences);
    RUN(decode_reads_no_further_than_n);
    RUN(valid_checks_the_whole_text);
    RUN(counts_code_points);
    RUN(last_len_is_one_whole_code_point);
    RUN(letters_and_marks_by_category);
    RUN(a_visible_letter_is_more_than_fillers_marks_and_punctuation);
    RUN(most_marks_counts_the_longest_stack);
    END();
}
