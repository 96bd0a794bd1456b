/* language: the languages a client may choose, each named in its own script, and the one shown.
 * The default language is the content's own files; each other one is checked at start, loaded
 * when a client first picks it and kept from then on, as the default's files are (content/languages/CODE/,
 * config key `languages`). */
#ifndef LANGUAGE_H
#define LANGUAGE_H

#include <stdio.h>

#include "content.h"

#define LANGUAGE_MAX       (CONTENT_MAX_LANGUAGES + 1)     /* the default and its translations */
#define LANGUAGE_NAME_BYTES 128                             /* CONTENT_LANGUAGE_NAME_MAX characters */
#define LANGUAGE_DIR_BYTES 512

/* One language offered. */
struct language {
    char code[WORDING_LANGUAGE_BYTES];      /* BCP 47: "en", "pl", "ar", "zh-Hans" */
    char name[LANGUAGE_NAME_BYTES];         /* its wording's language.name: "Polski", "العربية" */
    int rtl;                                /* its screens read right to left */
};

/* The languages offered, in the picker's order, and the one shown. */
struct languages {
    char dir[LANGUAGE_DIR_BYTES];           /* the content folder */
    const struct content *def;              /* the default language's content; not owned */
    struct language list[LANGUAGE_MAX];
    int n;                                  /* at least 1: the default */
    int def_index;                          /* where the default is in list */
    int current;                            /* the one shown */
    struct content *loaded[LANGUAGE_MAX];   /* owned: list[i]'s content once picked (NULL: not yet,
                                             * and always for the default, which is def) */
};

/* Sets L up for the content in dir whose default language def is (kept, not owned). wanted is
 * the config's `languages` ("" for every complete language in dir, by code, after the default).
 * Each language but the default is read and checked against def now, and only its name kept;
 * one that is missing or incomplete is not offered, and why goes to log (may be NULL) as a line. */
void languages_open(struct languages *L, const char *dir, const struct content *def, const char *wanted,
                    FILE *log);
/* Frees what L loaded. Safe twice. */
void languages_close(struct languages *L);

/* The content of the language shown: the default's, or the one loaded. Lives until
 * languages_close(). */
const struct content *languages_content(const struct languages *L);
/* The language shown. */
const struct language *languages_current(const struct languages *L);

/* Shows language i (an index into L->list), reading its files the first time. Returns 0, or -1
 * with why in err: the language shown stays, and i is no longer offered. */
int languages_pick(struct languages *L, int i, char *err, size_t errlen);

/* The index of the language with this code in L->list, or -1. */
int languages_find(const struct languages *L, const char *code);

/* Whether the language with this BCP 47 code is written right to left (Arabic, Hebrew, Persian,
 * Urdu...: by its script subtag when it has one, else by its language). */
int language_rtl(const char *code);

#endif
