/* utf8: small strict helpers for UTF-8 text in fixed buffers. */
#include "utf8.h"

#include <string.h>

static bool is_continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len;
    uint32_t c, min;

    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    if (u[0] >= 0xC2 && u[0] <= 0xDF) {
        len = 2;
        c = u[0] & 0x1F;
        min = 0x80;
    } else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
        len = 3;
        c = u[0] & 0x0F;
        min = 0x800;
    } else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
        len = 4;
        c = u[0] & 0x07;
        min = 0x10000;
    } else {
        return 0;           /* a continuation byte, 0xC0, 0xC1 or 0xF5..0xFF */
    }
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if (!is_continuation(u[i]))
            return 0;
        c = c << 6 | (u[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

bool utf8_valid(const char *s, size_t n)
{
    uint32_t cp;

    for (size_t i = 0; i < n; ) {
        size_t len = utf8_decode(s + i, n - i, &cp);

        if (len == 0)
            return false;
        i += len;
    }
    return true;
}

size_t utf8_count(const char *s, size_t n)
{
    size_t count = 0;

    for (size_t i = 0; i < n; i++)
        if (!is_continuation((unsigned char)s[i]))
            count++;
    return count;
}

size_t utf8_last_len(const char *s, size_t n)
{
    size_t len = 0;

    while (len < n && len < 4) {
        len++;
        if (!is_continuation((unsigned char)s[n - len]))
            break;
    }
    return len;
}

size_t utf8_cut(const char *s, size_t n, size_t max)
{
    size_t k = max < n ? max : n, lead;
    uint32_t cp;

    while (k > 0 && k < n && is_continuation((unsigned char)s[k]))
        k--;
    if (k == 0)
        return 0;
    lead = k - 1;
    while (lead > 0 && k - lead < 4 && is_continuation((unsigned char)s[lead]))
        lead--;
    if (utf8_decode(s + lead, k - lead, &cp) != k - lead)
        k = lead;
    return k;
}

char *utf8_trim(char *s)
{
    size_t n;

    while (*s == ' ' || *s == '\t')
        s++;
    n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}
