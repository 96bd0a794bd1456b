/* language: which languages are offered, their names and directions, and loading the one picked. */
#include "language.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "utf8.h"

#define ERR_BYTES 1024

/* Languages written right to left, by their primary subtag (ISO 639), and scripts (ISO 15924). */
static const char *const rtl_languages[] = {
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "pa-Arab", "ps", "sd", "syr", "ug", "ur", "yi",
};
static const char *const rtl_scripts[] = { "Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg" };
static const char *const ltr_scripts[] = { "Latn", "Cyrl", "Grek", "Hans", "Hant", "Deva", "Beng" };

/* ---------------------------------------------------------------- directions */

static int in_list(const char *s, size_t n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(list[i]) == n && strncasecmp(list[i], s, n) == 0)
            return 1;
    return 0;
}

int language_rtl(const char *code)
{
    size_t primary = strcspn(code, "-_");

    /* A script subtag (four letters) decides: az-Arab, pa-Arab right to left, ku-Latn left to right. */
    for (const char *p = code + primary; *p; ) {
        size_t n;

        p += *p == '-' || *p == '_';
        n = strcspn(p, "-_");
        if (n == 4 && in_list(p, n, rtl_scripts, sizeof rtl_scripts / sizeof *rtl_scripts))
            return 1;
        if (n == 4 && in_list(p, n, ltr_scripts, sizeof ltr_scripts / sizeof *ltr_scripts))
            return 0;
        p += n;
    }
    return in_list(code, primary, rtl_languages, sizeof rtl_languages / sizeof *rtl_languages);
}

/* ---------------------------------------------------------------- the list */

static void say(FILE *log, const char *code, const char *why)
{
    if (log)
        fprintf(log, "kiosk: language '%s' is not offered: %s\n", code, why);
}

/* Fills *l for the language of c. */
static void describe(struct language *l, const struct content *c)
{
    const char *name = wording_text(&c->wording, MSG_LANGUAGE_NAME);

    snprintf(l->code, sizeof l->code, "%s", c->language);
    snprintf(l->name, sizeof l->name, "%s", name);
    l->name[utf8_cut(l->name, strlen(l->name), strlen(l->name))] = '\0';
    l->rtl = language_rtl(c->language);
}

/* Offers code after checking its files (their words are not kept). */
static void consider(struct languages *L, const char *code, FILE *log)
{
    char path[LANGUAGE_DIR_BYTES + 64], err[ERR_BYTES];
    struct content *c;
    struct stat st;

    if (languages_find(L, code) >= 0)
        return;
    if (L->n == LANGUAGE_MAX) {
        say(log, code, "there are too many languages");
        return;
    }
    snprintf(path, sizeof path, "%s/" CONTENT_LANGUAGES_DIR "/%s", L->dir, code);
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        char why[sizeof path + 64];
        snprintf(why, sizeof why, "there is no folder '%s'", path);
        say(log, code, why);
        return;
    }
    c = malloc(sizeof *c);
    if (!c) {
        say(log, code, "out of memory");
        return;
    }
    if (content_load_translation(L->dir, code, L->def, c, err, sizeof err) != 0) {
        say(log, code, err);
    } else {
        describe(&L->list[L->n++], c);
        content_free(c);
    }
    free(c);
}

void languages_open(struct languages *L, const char *dir, const struct content *def, const char *wanted,
                    FILE *log)
{
    char codes[CONTENT_MAX_LANGUAGES][WORDING_LANGUAGE_BYTES], code[WORDING_LANGUAGE_BYTES];
    int listed_default = 0;

    memset(L, 0, sizeof *L);
    snprintf(L->dir, sizeof L->dir, "%s", dir);
    L->def = def;
    if (wanted && *wanted) {
        for (const char *p = wanted; *p; ) {
            size_t n = strcspn(p, " ");
            snprintf(code, sizeof code, "%.*s", (int)(n < sizeof code ? n : sizeof code - 1), p);
            if (strcmp(code, def->language) == 0) {
                L->def_index = L->n;
                describe(&L->list[L->n++], def);
                listed_default = 1;
            } else if (n > 0) {
                consider(L, code, log);
            }
            p += n;
            p += *p == ' ';
        }
        if (!listed_default) {
            /* The kiosk starts, and starts again after each visit, in the default language. */
            memmove(&L->list[1], &L->list[0], (size_t)L->n * sizeof L->list[0]);
            describe(&L->list[0], def);
            L->def_index = 0;
            L->n++;
            if (log)
                fprintf(log, "kiosk: languages: the default language '%s' is offered first, though not listed\n",
                        def->language);
        }
    } else {
        int n = content_languages(dir, codes, CONTENT_MAX_LANGUAGES);
        describe(&L->list[L->n++], def);
        for (int i = 0; i < n; i++)
            if (strcmp(codes[i], def->language) != 0)
                consider(L, codes[i], log);
    }
    L->current = L->def_index;
}

void languages_close(struct languages *L)
{
    for (int i = 0; i < LANGUAGE_MAX; i++)
        if (L->loaded[i]) {
            content_free(L->loaded[i]);
            free(L->loaded[i]);
            L->loaded[i] = NULL;
        }
    L->current = L->def_index;
}

const struct content *languages_content(const struct languages *L)
{
    return L->loaded[L->current] ? L->loaded[L->current] : L->def;
}

const struct language *languages_current(const struct languages *L)
{
    return &L->list[L->current];
}

int languages_find(const struct languages *L, const char *code)
{
    for (int i = 0; i < L->n; i++)
        if (strcmp(L->list[i].code, code) == 0)
            return i;
    return -1;
}

/* No longer offers language i (it cannot be read now). */
static void drop(struct languages *L, int i)
{
    memmove(&L->list[i], &L->list[i + 1], (size_t)(L->n - i - 1) * sizeof L->list[0]);
    memmove(&L->loaded[i], &L->loaded[i + 1], (size_t)(L->n - i - 1) * sizeof L->loaded[0]);
    L->n--;
    L->loaded[L->n] = NULL;
    if (L->def_index > i)
        L->def_index--;
    if (L->current > i)
        L->current--;
}

int languages_pick(struct languages *L, int i, char *err, size_t errlen)
{
    struct content *c;

    if (i < 0 || i >= L->n) {
        snprintf(err, errlen, "no language %d", i);
        return -1;
    }
    if (i != L->def_index && !L->loaded[i]) {
        /* Read once: a language switched to and fro many times a day is parsed and checked once,
         * and its texts keep their places in the caches. */
        c = malloc(sizeof *c);
        if (!c) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        if (content_load_translation(L->dir, L->list[i].code, L->def, c, err, errlen) != 0) {
            free(c);
            drop(L, i);
            return -1;
        }
        L->loaded[i] = c;
        describe(&L->list[i], c);      /* as the files say now */
    }
    L->current = i;
    return 0;
}
