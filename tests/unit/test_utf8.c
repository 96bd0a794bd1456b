/* Tests of the strict UTF-8 helpers. */
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
    END();
}
