/* replay: a line-oriented parser for replay scripts, one command a line. */
#include "replay.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum arg { A_NONE, A_STR, A_INT, A_SECS, A_WORD, A_COLOUR };

static const struct {
    const char *name;
    enum replay_op op;
    enum arg args[4];
} grammar[] = {
    { "size", OP_SIZE, { A_INT, A_INT } },
    { "tap", OP_TAP, { A_STR } },
    { "tap-word", OP_TAP_WORD, { A_WORD } },
    { "double-tap", OP_DOUBLE_TAP, { A_STR } },
    { "tap-at", OP_TAP_AT, { A_INT, A_INT } },
    { "mouse-tap-at", OP_MOUSE_TAP_AT, { A_INT, A_INT } },
    { "hold", OP_HOLD, { A_STR, A_SECS } },
    { "hold-at", OP_HOLD_AT, { A_INT, A_INT, A_SECS } },
    { "drag", OP_DRAG, { A_INT, A_INT, A_INT, A_INT } },
    { "type", OP_TYPE, { A_STR } },
    { "text", OP_TEXT, { A_STR } },
    { "key", OP_KEY, { A_WORD } },
    { "wait", OP_WAIT, { A_SECS } },
    { "shot", OP_SHOT, { A_WORD } },
    { "expect-screen", OP_EXPECT_SCREEN, { A_WORD } },
    { "expect-text", OP_EXPECT_TEXT, { A_STR } },
    { "expect-no-text", OP_EXPECT_NO_TEXT, { A_STR } },
    { "expect-golden", OP_EXPECT_GOLDEN, { A_WORD } },
    { "widgets", OP_WIDGETS, { A_NONE } },
    { "texts", OP_TEXTS, { A_NONE } },
    { "sleep", OP_SLEEP, { A_SECS } },
    { "db-fault", OP_DB_FAULT, { A_WORD } },
    { "monkey", OP_MONKEY, { A_INT, A_INT } },
    { "expect-picture", OP_EXPECT_PICTURE, { A_STR, A_COLOUR } },
    { "expect-said", OP_EXPECT_SAID, { A_STR } },
    { "expect-not-said", OP_EXPECT_NOT_SAID, { A_STR } },
    { "wait-speech", OP_WAIT_SPEECH, { A_NONE } },
    { "expect-focus", OP_EXPECT_FOCUS, { A_STR } },
};

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
        p++;
    return p;
}

/* The byte written as two hex digits at p, or -1. */
static int hex_byte(const char *p)
{
    int v = 0;

    for (int i = 0; i < 2; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* A double-quoted string into out: \" \\ \n \t and \xNN (any byte but NUL, so that a script
 * can send bytes that are not UTF-8). Returns the position after it, or NULL with err. */
static const char *parse_string(const char *p, const char *end, char *out, char *err, size_t errlen)
{
    size_t n = 0;

    if (p >= end || *p != '"') {
        snprintf(err, errlen, "expected a \"quoted string\"");
        return NULL;
    }
    for (p++; p < end && *p != '"'; p++) {
        char c = *p;
        if (c == '\\') {
            if (++p >= end)
                break;
            if (*p == 'x') {
                int v = end - p > 2 ? hex_byte(p + 1) : -1;
                if (v <= 0) {
                    snprintf(err, errlen, "\\x needs two hex digits naming a byte from 01 to ff");
                    return NULL;
                }
                c = (char)v;
                p += 2;
            } else if (*p == 'n' || *p == 't' || *p == '"' || *p == '\\') {
                c = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
            } else {
                snprintf(err, errlen, "unknown escape '\\%c' (use \\\" \\\\ \\n \\t \\xNN)", *p);
                return NULL;
            }
        }
        if (n + 1 >= REPLAY_MAX_STR) {
            snprintf(err, errlen, "string longer than %d bytes", REPLAY_MAX_STR - 1);
            return NULL;
        }
        out[n++] = c;
    }
    if (p >= end) {
        snprintf(err, errlen, "string has no closing quote");
        return NULL;
    }
    out[n] = '\0';
    return p + 1;
}

/* A bare word (no spaces, no quotes, no '#') into out. Returns the position after it, or NULL
 * when there is none or it does not fit in outlen bytes. */
static const char *parse_word(const char *p, const char *end, char *out, size_t outlen)
{
    size_t n = 0;

    while (p < end && !isspace((unsigned char)*p) && *p != '#') {
        if (n + 1 == outlen) {
            out[n] = '\0';
            return NULL;
        }
        out[n++] = *p++;
    }
    out[n] = '\0';
    return n ? p : NULL;
}

static int parse_line(const char *p, const char *end, struct replay_cmd *cmd, char *err, size_t errlen)
{
    char word[64], value[64];
    size_t g;
    int ints = 0;

    p = parse_word(p, end, word, sizeof word);
    for (g = 0; p && g < sizeof grammar / sizeof grammar[0]; g++)
        if (strcmp(grammar[g].name, word) == 0)
            break;
    if (!p || g == sizeof grammar / sizeof grammar[0]) {
        snprintf(err, errlen, "unknown command '%s'", word);
        return -1;
    }
    cmd->op = grammar[g].op;
    for (int i = 0; i < 4 && grammar[g].args[i] != A_NONE; i++) {
        char *num_end;
        p = skip_space(p, end);
        switch (grammar[g].args[i]) {
        case A_STR:
            p = parse_string(p, end, cmd->str, err, errlen);
            if (!p)
                return -1;
            break;
        case A_WORD:
            p = parse_word(p, end, cmd->str, sizeof cmd->str);
            if (!p) {
                snprintf(err, errlen, "%s needs a name of 1 to %zu bytes", word, sizeof cmd->str - 1);
                return -1;
            }
            break;
        case A_INT:
        case A_SECS:
            p = parse_word(p, end, value, sizeof value);
            if (!p) {
                snprintf(err, errlen, "%s needs %s", word, grammar[g].args[i] == A_INT ? "a number" : "seconds");
                return -1;
            }
            if (grammar[g].args[i] == A_INT) {
                long v = strtol(value, &num_end, 10);
                if (*num_end || v < -100000 || v > 100000) {
                    snprintf(err, errlen, "'%s' is not a whole number", value);
                    return -1;
                }
                cmd->n[ints++] = (int)v;
            } else {
                double v = strtod(value, &num_end);
                if (*num_end || !isfinite(v) || v < 0 || v > 86400 * 30) {
                    snprintf(err, errlen, "'%s' is not a number of seconds", value);
                    return -1;
                }
                cmd->seconds = v;
            }
            break;
        case A_COLOUR:
            p = parse_word(p, end, value, sizeof value);
            if (!p || strlen(value) != 6 || strspn(value, "0123456789abcdefABCDEF") != 6) {
                snprintf(err, errlen, "%s needs a colour of six hex digits, like 1b585e", word);
                return -1;
            }
            cmd->n[ints++] = (int)strtol(value, NULL, 16);
            break;
        case A_NONE:
            break;
        }
    }
    p = skip_space(p, end);
    if (p < end && *p != '#') {
        snprintf(err, errlen, "unexpected '%.*s' after %s", (int)(end - p > 20 ? 20 : end - p), p, word);
        return -1;
    }
    return 0;
}

int replay_parse(const char *text, size_t len, struct replay_script *out, char *err, size_t errlen)
{
    const char *p = text, *end = text + len;
    int line = 0, cap = 0;
    char msg[256];

    memset(out, 0, sizeof *out);
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *stop = eol ? eol : end;
        const char *q = skip_space(p, stop);
        line++;
        if (memchr(p, '\0', (size_t)(stop - p))) {
            snprintf(err, errlen, "%d: a NUL byte: a script is text", line);
            goto fail;
        }
        if (q < stop && *q != '#') {
            if (out->n == cap) {
                int ncap = cap ? cap * 2 : 64;
                struct replay_cmd *grown;
                if (out->n == REPLAY_MAX_CMDS) {
                    snprintf(err, errlen, "%d: more than %d commands", line, REPLAY_MAX_CMDS);
                    goto fail;
                }
                if (ncap > REPLAY_MAX_CMDS)
                    ncap = REPLAY_MAX_CMDS;
                grown = realloc(out->cmds, (size_t)ncap * sizeof *grown);
                if (!grown) {
                    snprintf(err, errlen, "%d: out of memory", line);
                    goto fail;
                }
                out->cmds = grown;
                cap = ncap;
            }
            memset(&out->cmds[out->n], 0, sizeof out->cmds[0]);
            out->cmds[out->n].line = line;
            if (parse_line(q, stop, &out->cmds[out->n], msg, sizeof msg) != 0) {
                snprintf(err, errlen, "%d: %s", line, msg);
                goto fail;
            }
            out->n++;
        }
        p = eol ? eol + 1 : end;
    }
    return 0;
fail:
    replay_free(out);
    return -1;
}

void replay_free(struct replay_script *s)
{
    free(s->cmds);
    s->cmds = NULL;
    s->n = 0;
}
