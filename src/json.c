/* json: a JSON string written in runs: the bytes between escapes go out in one piece. */
#include "json.h"

/* The bytes a run stops at: the NUL that ends the string, the control characters, the quote and
 * the backslash. One look-up a byte, where three comparisons were (a tenth of a JSON Lines export). */
static const unsigned char stops[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ['"'] = 1, ['\\'] = 1,
};

void json_string(const char *s, json_put put, void *ctx)
{
    static const char hex[] = "0123456789abcdef";

    put(ctx, "\"", 1);
    for (;;) {
        const char *run = s;
        unsigned char c;
        while (!stops[(unsigned char)*s])
            s++;
        if (s > run)
            put(ctx, run, (size_t)(s - run));
        c = (unsigned char)*s;
        if (c == '\0')
            break;
        if (c == '"' || c == '\\') {
            char escape[] = { '\\', (char)c };
            put(ctx, escape, sizeof escape);
        } else {
            char escape[] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
            put(ctx, escape, sizeof escape);
        }
        s++;
    }
    put(ctx, "\"", 1);
}
