/* utf8: small strict helpers for UTF-8 text in fixed buffers, and their characters' categories. */
#include "utf8.h"

#include <hb.h>
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

static hb_unicode_general_category_t category(uint32_t cp)
{
    return hb_unicode_general_category(hb_unicode_funcs_get_default(), cp);
}

bool utf8_is_letter(uint32_t cp)
{
    switch (category(cp)) {
    case HB_UNICODE_GENERAL_CATEGORY_UPPERCASE_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_LOWERCASE_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_TITLECASE_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_MODIFIER_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_OTHER_LETTER:
        return true;
    default:
        return false;
    }
}

bool utf8_is_mark(uint32_t cp)
{
    switch (category(cp)) {
    case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK:
        return true;
    default:
        return false;
    }
}

/* The letters that Unicode makes default-ignorable: fonts draw nothing for them. */
static bool invisible_letter(uint32_t cp)
{
    return cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0;
}

bool utf8_has_visible_letter(const char *s, size_t n)
{
    uint32_t cp;

    for (size_t i = 0; i < n; ) {
        size_t len = utf8_decode(s + i, n - i, &cp);

        if (len == 0)
            return false;
        if (utf8_is_letter(cp) && category(cp) != HB_UNICODE_GENERAL_CATEGORY_MODIFIER_LETTER &&
            !invisible_letter(cp))
            return true;
        i += len;
    }
    return false;
}

size_t utf8_most_marks(const char *s, size_t n)
{
    size_t run = 0, most = 0;
    uint32_t cp;

    for (size_t i = 0; i < n; ) {
        size_t len = utf8_decode(s + i, n - i, &cp);

        if (len == 0)
            return most;
        run = utf8_is_mark(cp) ? run + 1 : 0;
        if (run > most)
            most = run;
        i += len;
    }
    return most;
}
