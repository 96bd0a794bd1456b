/* json: a JSON string written in runs: the bytes between escapes go out in one piece. */
#include "json.h"

void json_string(const char *s, json_put put, void *ctx)
{
    static const char hex[] = "0123456789abcdef";
    const char *run = s;

    put(ctx, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        put(ctx, run, (size_t)(s - run));
        run = s + 1;
        if (c == '"' || c == '\\') {
            char escape[] = { '\\', (char)c };
            put(ctx, escape, sizeof escape);
        } else {
            char escape[] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
            put(ctx, escape, sizeof escape);
        }
    }
    put(ctx, run, (size_t)(s - run));
    put(ctx, "\"", 1);
}
