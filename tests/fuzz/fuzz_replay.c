/* fuzz_replay: the replay-script parser on any bytes. A script that parses is written back out
 * (strings escaped, numbers exact) and must parse again to the very same commands. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "replay.h"

enum arg { A_NONE, A_STR, A_INT, A_SECS, A_WORD };

/* Each command's name and arguments, as the README documents them, by op. */
static const struct {
    const char *name;
    enum arg args[4];
} syntax[] = {
    [OP_SIZE] = { "size", { A_INT, A_INT } },
    [OP_TAP] = { "tap", { A_STR } },
    [OP_DOUBLE_TAP] = { "double-tap", { A_STR } },
    [OP_TAP_AT] = { "tap-at", { A_INT, A_INT } },
    [OP_MOUSE_TAP_AT] = { "mouse-tap-at", { A_INT, A_INT } },
    [OP_HOLD] = { "hold", { A_STR, A_SECS } },
    [OP_HOLD_AT] = { "hold-at", { A_INT, A_INT, A_SECS } },
    [OP_DRAG] = { "drag", { A_INT, A_INT, A_INT, A_INT } },
    [OP_TYPE] = { "type", { A_STR } },
    [OP_TEXT] = { "text", { A_STR } },
    [OP_KEY] = { "key", { A_WORD } },
    [OP_WAIT] = { "wait", { A_SECS } },
    [OP_SHOT] = { "shot", { A_WORD } },
    [OP_EXPECT_SCREEN] = { "expect-screen", { A_WORD } },
    [OP_EXPECT_TEXT] = { "expect-text", { A_STR } },
    [OP_EXPECT_NO_TEXT] = { "expect-no-text", { A_STR } },
    [OP_EXPECT_GOLDEN] = { "expect-golden", { A_WORD } },
    [OP_WIDGETS] = { "widgets", { A_NONE } },
    [OP_TEXTS] = { "texts", { A_NONE } },
    [OP_SLEEP] = { "sleep", { A_SECS } },
    [OP_DB_FAULT] = { "db-fault", { A_WORD } },
    [OP_MONKEY] = { "monkey", { A_INT, A_INT } },
    [OP_EXPECT_SAID] = { "expect-said", { A_STR } },
    [OP_EXPECT_NOT_SAID] = { "expect-not-said", { A_STR } },
    [OP_WAIT_SPEECH] = { "wait-speech", { A_NONE } },
    [OP_EXPECT_FOCUS] = { "expect-focus", { A_STR } },
    [OP_TAP_WORD] = { "tap-word", { A_WORD } },
};

/* Writes s as a quoted script string that the parser reads back as s. */
static void print_string(FILE *f, const char *s)
{
    putc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c < 0x20 || c >= 0x7F)
            fprintf(f, "\\x%02x", c);
        else
            putc(c, f);
    }
    putc('"', f);
}

static void print_cmd(FILE *f, const struct replay_cmd *c)
{
    int ints = 0;

    FUZZ_CHECK((size_t)c->op < sizeof syntax / sizeof syntax[0] && syntax[c->op].name);
    fputs(syntax[c->op].name, f);
    for (int i = 0; i < 4 && syntax[c->op].args[i] != A_NONE; i++) {
        putc(' ', f);
        switch (syntax[c->op].args[i]) {
        case A_STR:
            print_string(f, c->str);
            break;
        case A_WORD:
            fputs(c->str, f);
            break;
        case A_INT:
            fprintf(f, "%d", c->n[ints++]);
            break;
        case A_SECS:
            fprintf(f, "%.17g", c->seconds);
            break;
        case A_NONE:
            break;
        }
    }
    putc('\n', f);
}

static void check_parsed(const struct replay_script *s)
{
    FUZZ_CHECK(s->n >= 0 && s->n <= REPLAY_MAX_CMDS);
    for (int i = 0; i < s->n; i++) {
        const struct replay_cmd *c = &s->cmds[i];
        FUZZ_CHECK(memchr(c->str, '\0', sizeof c->str) != NULL);
        FUZZ_CHECK(c->line >= 1 && (i == 0 || c->line > s->cmds[i - 1].line));
        FUZZ_CHECK(c->seconds >= 0 && c->seconds <= 86400 * 30);
    }
}

static void check_same(const struct replay_script *a, const struct replay_script *b)
{
    FUZZ_CHECK(a->n == b->n);
    for (int i = 0; i < a->n; i++) {
        FUZZ_CHECK(a->cmds[i].op == b->cmds[i].op);
        FUZZ_CHECK(strcmp(a->cmds[i].str, b->cmds[i].str) == 0);
        FUZZ_CHECK(memcmp(a->cmds[i].n, b->cmds[i].n, sizeof a->cmds[i].n) == 0);
        FUZZ_CHECK(memcmp(&a->cmds[i].seconds, &b->cmds[i].seconds, sizeof a->cmds[i].seconds) == 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct replay_script s, again;
    char err[512];
    char *text = NULL;
    size_t len = 0;
    FILE *f;

    if (replay_parse((const char *)data, size, &s, err, sizeof err) != 0) {
        /* "LINE: message", and nothing left allocated. */
        FUZZ_CHECK(err[0] >= '1' && err[0] <= '9' && strstr(err, ": ") != NULL);
        FUZZ_CHECK(s.cmds == NULL && s.n == 0);
        return 0;
    }
    check_parsed(&s);
    f = open_memstream(&text, &len);
    FUZZ_CHECK(f != NULL);
    for (int i = 0; i < s.n; i++)
        print_cmd(f, &s.cmds[i]);
    FUZZ_CHECK(fclose(f) == 0);
    if (replay_parse(text, len, &again, err, sizeof err) != 0) {
        fprintf(stderr, "the script as written back does not parse: %s\n%s", err, text);
        abort();
    }
    check_same(&s, &again);
    replay_free(&again);
    replay_free(&s);
    free(text);
    return 0;
}
