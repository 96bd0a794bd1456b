/* json: the one JSON string writer, through a sink. */
#include <string.h>

#include "harness.h"
#include "json.h"

static char out[256];
static size_t used;

static void put(void *ctx, const char *p, size_t n)
{
    (void)ctx;
    memcpy(out + used, p, n);
    used += n;
    out[used] = '\0';
}

static const char *json(const char *s)
{
    used = 0;
    out[0] = '\0';
    json_string(s, put, NULL);
    return out;
}

TEST(plain_text_is_quoted_as_it_is)
{
    ASSERT_STR_EQ("\"Ana Example\"", json("Ana Example"));
    ASSERT_STR_EQ("\"\"", json(""));
    ASSERT_STR_EQ("\"Zoë Łukasz 中文 العربية\"", json("Zoë Łukasz 中文 العربية"));
}

TEST(quotes_backslashes_and_control_characters_are_escaped)
{
    ASSERT_STR_EQ("\"say \\\"hi\\\" \\\\ bye\"", json("say \"hi\" \\ bye"));
    ASSERT_STR_EQ("\"a\\u000ab\\u0009c\\u001f\"", json("a\nb\tc\x1f"));
    ASSERT_STR_EQ("\"\x7f stays\"", json("\x7f stays"));  /* JSON escapes only what is below 0x20 */
}

int main(int argc, char **argv)
{
    BEGIN(argc, argv);
    RUN(plain_text_is_quoted_as_it_is);
    RUN(quotes_backslashes_and_control_characters_are_escaped);
    END();
}
