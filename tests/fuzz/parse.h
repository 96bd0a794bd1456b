/* parse: small strict readers of what export writes, so tests can check it parses back: one RFC 4180
 * record (CRLF-terminated) and JSON values (objects, arrays, strings with every escape). Header only. */
#ifndef PARSE_H
#define PARSE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PARSE_MAX 32    /* fields of a record, members of an object, elements of an array */

/* What one record, object or array held. value[i] is decoded for strings (and CSV fields), else
 * the raw text of the JSON value; name[i] is an object member's decoded name, else NULL. Owned. */
struct parsed {
    int n;
    char *name[PARSE_MAX];
    char *value[PARSE_MAX];
};

static inline void parsed_free(struct parsed *p)
{
    for (int i = 0; i < p->n; i++) {
        free(p->name[i]);
        free(p->value[i]);
    }
    memset(p, 0, sizeof *p);
}

/* Reads one CSV record at *s (NUL-terminated text) into out and moves *s past its CRLF.
 * Returns 0, or -1 on anything RFC 4180 does not allow (out is then freed). */
static inline int csv_record(const char **s, struct parsed *out)
{
    const char *p = *s;

    memset(out, 0, sizeof *out);
    for (;;) {
        char *field = malloc(strlen(p) + 1);
        size_t n = 0;

        if (!field || out->n == PARSE_MAX) {
            free(field);
            goto bad;
        }
        out->value[out->n++] = field;
        if (*p == '"') {
            for (p++;; p++) {
                if (!*p)
                    goto bad;
                if (*p == '"' && p[1] != '"')
                    break;
                if (*p == '"')
                    p++;
                field[n++] = *p;
            }
            p++;
        } else {
            while (*p && *p != ',' && *p != '\r' && *p != '\n' && *p != '"')
                field[n++] = *p++;
        }
        field[n] = '\0';
        if (*p == ',') {
            p++;
            continue;
        }
        if (p[0] != '\r' || p[1] != '\n')
            goto bad;
        *s = p + 2;
        return 0;
    }
bad:
    parsed_free(out);
    return -1;
}

/* Appends code point cp as UTF-8 at out; returns the bytes written. */
static inline size_t parse_put_utf8(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 63));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | ((cp >> 6) & 63));
        out[2] = (char)(0x80 | (cp & 63));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | ((cp >> 12) & 63));
    out[2] = (char)(0x80 | ((cp >> 6) & 63));
    out[3] = (char)(0x80 | (cp & 63));
    return 4;
}

/* Four hex digits at p as a number, or -1. */
static inline long parse_hex4(const char *p)
{
    long v = 0;

    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Reads the JSON string at *s into a new decoded string (surrogate pairs joined); NULL when malformed. */
static inline char *json_string(const char **s)
{
    const char *p = *s;
    char *out = malloc(strlen(p) + 1);
    size_t n = 0;

    if (!out || *p++ != '"')
        goto bad;
    for (; *p != '"'; p++) {
        if (!*p || (unsigned char)*p < 0x20)
            goto bad;
        if (*p != '\\') {
            out[n++] = *p;
            continue;
        }
        p++;
        if (*p == 'u') {
            long cp = parse_hex4(p + 1), low;
            if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
                goto bad;
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (p[1] != '\\' || p[2] != 'u' || (low = parse_hex4(p + 3)) < 0xDC00 || low > 0xDFFF)
                    goto bad;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                p += 6;
            }
            n += parse_put_utf8(out + n, (uint32_t)cp);
        } else if (*p && strchr("\"\\/", *p)) {
            out[n++] = *p;
        } else {
            const char *from = "bfnrt", *to = "\b\f\n\r\t";
            const char *at = *p ? strchr(from, *p) : NULL;
            if (!at)
                goto bad;
            out[n++] = to[at - from];
        }
    }
    out[n] = '\0';
    *s = p + 1;
    return out;
bad:
    free(out);
    return NULL;
}

static inline int json_skip(const char **s, int depth);

/* Reads the members of the object or the elements of the array at *s (by its first character)
 * into out. Returns 0, or -1 when malformed (out is then freed). */
static inline int json_container(const char **s, struct parsed *out, int depth)
{
    const char *p = *s;
    char close = *p == '{' ? '}' : ']';

    memset(out, 0, sizeof *out);
    if ((*p != '{' && *p != '[') || depth > 16)
        return -1;
    p++;
    while (*p != close) {
        const char *value;
        if (out->n == PARSE_MAX)
            goto bad;
        if (out->n > 0 && *p++ != ',')
            goto bad;
        if (close == '}') {
            out->name[out->n] = json_string(&p);
            if (!out->name[out->n] || *p++ != ':') {
                free(out->name[out->n]);
                out->name[out->n] = NULL;
                goto bad;
            }
        }
        value = p;
        if (*p == '"') {
            out->value[out->n] = json_string(&p);
        } else if (json_skip(&p, depth + 1) == 0) {
            out->value[out->n] = strndup(value, (size_t)(p - value));
        }
        if (!out->value[out->n++])
            goto bad;
    }
    *s = p + 1;
    return 0;
bad:
    parsed_free(out);
    return -1;
}

/* Skips one JSON value at *s. Returns 0, or -1 when malformed. */
static inline int json_skip(const char **s, int depth)
{
    const char *p = *s;

    if (*p == '"') {
        char *str = json_string(&p);
        if (!str)
            return -1;
        free(str);
    } else if (*p == '{' || *p == '[') {
        struct parsed inner;
        if (json_container(&p, &inner, depth) != 0)
            return -1;
        parsed_free(&inner);
    } else if (strncmp(p, "true", 4) == 0 || strncmp(p, "null", 4) == 0) {
        p += 4;
    } else if (strncmp(p, "false", 5) == 0) {
        p += 5;
    } else if (*p == '-' || (*p >= '0' && *p <= '9')) {
        p += *p == '-';
        if (!(*p >= '0' && *p <= '9'))
            return -1;
        p += strspn(p, "0123456789");
    } else {
        return -1;
    }
    *s = p;
    return 0;
}

/* The value of the member called name in the parsed object, or NULL. */
static inline const char *parsed_get(const struct parsed *p, const char *name)
{
    for (int i = 0; i < p->n; i++)
        if (p->name[i] && strcmp(p->name[i], name) == 0)
            return p->value[i];
    return NULL;
}

#endif
