/* fonts: font faces found through fontconfig, a chain of families per script, looked up lazily. */
#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* The families that draw each script, best first, all from Debian's fonts-noto-core and
 * fonts-noto-cjk. A script not listed here goes straight to the common tail of every chain. */
static const struct chain {
    hb_script_t script;
    const char *family[2];
} chains[] = {
    { HB_SCRIPT_ARABIC,     { "Noto Sans Arabic", "Noto Naskh Arabic" } },
    { HB_SCRIPT_HEBREW,     { "Noto Sans Hebrew", NULL } },
    { HB_SCRIPT_ARMENIAN,   { "Noto Sans Armenian", NULL } },
    { HB_SCRIPT_GEORGIAN,   { "Noto Sans Georgian", NULL } },
    { HB_SCRIPT_COPTIC,     { "Noto Sans Coptic", NULL } },
    { HB_SCRIPT_DEVANAGARI, { "Noto Sans Devanagari", NULL } },
    { HB_SCRIPT_BENGALI,    { "Noto Sans Bengali", NULL } },
    { HB_SCRIPT_GURMUKHI,   { "Noto Sans Gurmukhi", NULL } },
    { HB_SCRIPT_GUJARATI,   { "Noto Sans Gujarati", NULL } },
    { HB_SCRIPT_ORIYA,      { "Noto Sans Oriya", NULL } },
    { HB_SCRIPT_TAMIL,      { "Noto Sans Tamil", NULL } },
    { HB_SCRIPT_TELUGU,     { "Noto Sans Telugu", NULL } },
    { HB_SCRIPT_KANNADA,    { "Noto Sans Kannada", NULL } },
    { HB_SCRIPT_MALAYALAM,  { "Noto Sans Malayalam", NULL } },
    { HB_SCRIPT_SINHALA,    { "Noto Sans Sinhala", NULL } },
    { HB_SCRIPT_THAI,       { "Noto Sans Thai", NULL } },
    { HB_SCRIPT_LAO,        { "Noto Sans Lao", NULL } },
    { HB_SCRIPT_KHMER,      { "Noto Sans Khmer", NULL } },
    { HB_SCRIPT_MYANMAR,    { "Noto Sans Myanmar", NULL } },
    { HB_SCRIPT_ETHIOPIC,   { "Noto Sans Ethiopic", NULL } },
    { HB_SCRIPT_SYRIAC,     { "Noto Sans Syriac", NULL } },
    { HB_SCRIPT_THAANA,     { "Noto Sans Thaana", NULL } },
    /* Han takes its shapes from the language around it: Japanese beside kana, Korean beside
     * Hangul (the shaper passes those scripts for such text), Simplified Chinese otherwise. */
    { HB_SCRIPT_HAN,        { "Noto Sans CJK SC", NULL } },
    { HB_SCRIPT_HIRAGANA,   { "Noto Sans CJK JP", NULL } },
    { HB_SCRIPT_KATAKANA,   { "Noto Sans CJK JP", NULL } },
    { HB_SCRIPT_HANGUL,     { "Noto Sans CJK KR", NULL } },
    { HB_SCRIPT_BOPOMOFO,   { "Noto Sans CJK TC", NULL } },
};

/* Where every chain ends before fontconfig's own choice. */
static const char *const tail[] = { FONTS_PRIMARY, "Noto Sans CJK SC" };

static int file_size(const char *path, long long *size)
{
    struct stat st;

    if (stat(path, &st) != 0)
        return -1;
    *size = (long long)st.st_size;
    return 0;
}

/* Whether any of the family names of pattern m is family. */
static int has_family(FcPattern *m, const char *family)
{
    FcChar8 *name;

    for (int i = 0; FcPatternGetString(m, FC_FAMILY, i, &name) == FcResultMatch; i++)
        if (strcasecmp((const char *)name, family) == 0)
            return 1;
    return 0;
}

/* Fills face from fontconfig's match m, taking ownership of m. Returns 0, or -1 (m destroyed). */
static int take_match(struct fonts_face *face, FcPattern *m, int bold)
{
    FcChar8 *file;
    FcCharSet *cs;
    int index = 0, weight = FC_WEIGHT_REGULAR;

    if (FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch ||
        FcPatternGetCharSet(m, FC_CHARSET, 0, &cs) != FcResultMatch ||
        strlen((const char *)file) >= sizeof face->path) {
        FcPatternDestroy(m);
        return -1;
    }
    FcPatternGetInteger(m, FC_INDEX, 0, &index);
    FcPatternGetInteger(m, FC_WEIGHT, 0, &weight);
    snprintf(face->path, sizeof face->path, "%s", (const char *)file);
    if (file_size(face->path, &face->file_size) != 0) {
        FcPatternDestroy(m);
        return -1;
    }
    face->index = index;
    face->bold = bold;
    face->fake_bold = bold && weight < FC_WEIGHT_DEMIBOLD;
    face->pattern = m;
    face->charset = cs;
    return 0;
}

/* fontconfig's best match for family in the weight asked, or NULL. The caller destroys it. */
static FcPattern *match_family(struct fonts *f, const char *family, int bold)
{
    FcPattern *p = FcPatternCreate(), *m;
    FcResult r;

    if (!p)
        return NULL;
    FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddInteger(p, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(p, FC_SLANT, FC_SLANT_ROMAN);
    FcConfigSubstitute(f->config, p, FcMatchPattern);
    FcDefaultSubstitute(p);
    m = FcFontMatch(f->config, p, &r);
    FcPatternDestroy(p);
    return m;
}

/* The face of family in this weight: found before, or looked up now. -1 when it is not installed
 * (remembered, so the chain skips it quickly next time) or there is no room. */
static int family_face(struct fonts *f, const char *family, int bold)
{
    struct fonts_face *face;
    FcPattern *m;

    for (int i = 0; i < f->nfaces; i++)
        if (f->faces[i].bold == bold && strcmp(f->faces[i].family, family) == 0)
            return f->faces[i].missing ? -1 : i;
    if (f->nfaces == FONTS_MAX_FACES)
        return -1;
    face = &f->faces[f->nfaces];
    memset(face, 0, sizeof *face);
    snprintf(face->family, sizeof face->family, "%s", family);
    face->bold = bold;
    m = match_family(f, family, bold);
    if (!m || !has_family(m, family) || take_match(face, m, bold) != 0) {
        if (m && !face->pattern)
            FcPatternDestroy(m);
        memset(face, 0, sizeof *face);
        snprintf(face->family, sizeof face->family, "%s", family);
        face->bold = bold;
        face->missing = 1;
        f->nfaces++;
        return -1;
    }
    f->nfaces++;
    return f->nfaces - 1;
}

/* Any installed font with cp, as fontconfig ranks them for the primary family: its face, found
 * before or added now, or -1. */
static int any_face(struct fonts *f, uint32_t cp, int bold)
{
    FcPattern *p, *m = NULL;
    FcCharSet *want;
    FcFontSet *set;
    FcResult r;
    FcChar8 *family;
    int id = -1;

    for (int i = 2; i < f->nfaces; i++)
        if (!f->faces[i].missing && f->faces[i].bold == bold && FcCharSetHasChar(f->faces[i].charset, cp))
            return i;
    for (int i = 0; i < f->nmisses; i++)
        if (f->misses[i] == cp)
            return -1;
    p = FcPatternCreate();
    want = FcCharSetCreate();
    if (!p || !want || !FcCharSetAddChar(want, cp))
        goto out;
    FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)FONTS_PRIMARY);
    FcPatternAddCharSet(p, FC_CHARSET, want);
    FcPatternAddInteger(p, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcConfigSubstitute(f->config, p, FcMatchPattern);
    FcDefaultSubstitute(p);
    set = FcFontSort(f->config, p, FcTrue, NULL, &r);
    for (int i = 0; set && i < set->nfont && !m; i++) {
        FcCharSet *cs;
        if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch && FcCharSetHasChar(cs, cp))
            m = FcFontRenderPrepare(f->config, p, set->fonts[i]);
    }
    if (set)
        FcFontSetDestroy(set);
    if (m && FcPatternGetString(m, FC_FAMILY, 0, &family) == FcResultMatch) {
        id = family_face(f, (const char *)family, bold);
        if (id >= 0 && !FcCharSetHasChar(f->faces[id].charset, cp))
            id = -1;
    }
    if (m)
        FcPatternDestroy(m);
out:
    if (id < 0) {
        f->misses[f->nmisses % FONTS_MISSES] = cp;
        if (f->nmisses < FONTS_MISSES)
            f->nmisses++;
    }
    if (want)
        FcCharSetDestroy(want);
    if (p)
        FcPatternDestroy(p);
    return id;
}

int fonts_open(struct fonts *f, char *err, size_t errlen)
{
    memset(f, 0, sizeof *f);
    f->config = FcInitLoadConfigAndFonts();
    if (!f->config) {
        snprintf(err, errlen, "cannot load the font configuration (fontconfig)");
        return -1;
    }
    for (int bold = 0; bold < 2; bold++) {
        struct fonts_face *face = &f->faces[bold];
        FcPattern *m = match_family(f, FONTS_PRIMARY, bold);
        FcChar8 *family = NULL;

        if (m && !has_family(m, FONTS_PRIMARY) && !f->warning[0] &&
            FcPatternGetString(m, FC_FAMILY, 0, &family) == FcResultMatch)
            snprintf(f->warning, sizeof f->warning,
                     "the font '%s' is not installed (Debian package fonts-noto-core); using '%s'",
                     FONTS_PRIMARY, (const char *)family);
        if (!m || take_match(face, m, bold) != 0) {
            snprintf(err, errlen, "cannot find the font '%s' or any other (Debian package fonts-noto-core)",
                     FONTS_PRIMARY);
            fonts_close(f);
            return -1;
        }
        snprintf(face->family, sizeof face->family, "%s", FONTS_PRIMARY);
        f->nfaces++;
    }
    return 0;
}

struct fonts_loading {
    pthread_t thread;
    struct fonts fonts;     /* the thread's until it is joined */
    int rc;
    char err[256];
};

static void *load(void *arg)
{
    struct fonts_loading *l = arg;

    l->rc = fonts_open(&l->fonts, l->err, sizeof l->err);
    return NULL;
}

struct fonts_loading *fonts_load_begin(void)
{
    struct fonts_loading *l = calloc(1, sizeof *l);

    if (l && pthread_create(&l->thread, NULL, load, l) != 0) {
        free(l);
        l = NULL;
    }
    return l;
}

int fonts_open_loaded(struct fonts *f, struct fonts_loading *l, char *err, size_t errlen)
{
    int rc;

    if (!l)
        return fonts_open(f, err, errlen);
    pthread_join(l->thread, NULL);
    rc = l->rc;
    if (rc == 0)
        *f = l->fonts;
    else
        snprintf(err, errlen, "%s", l->err);
    free(l);
    return rc;
}

void fonts_load_cancel(struct fonts_loading *l)
{
    if (!l)
        return;
    pthread_join(l->thread, NULL);
    if (l->rc == 0)
        fonts_close(&l->fonts);
    free(l);
}

void fonts_close(struct fonts *f)
{
    for (int i = 0; i < f->nfaces; i++)
        if (f->faces[i].pattern)
            FcPatternDestroy(f->faces[i].pattern);
    if (f->config)
        FcConfigDestroy(f->config);
    memset(f, 0, sizeof *f);
}

int fonts_covers(const struct fonts *f, int id, uint32_t cp)
{
    if (id < 0 || id >= f->nfaces || f->faces[id].missing)
        return 0;
    return FcCharSetHasChar(f->faces[id].charset, cp) != 0;
}

const struct fonts_face *fonts_face(const struct fonts *f, int id)
{
    return id >= 0 && id < f->nfaces ? &f->faces[id] : NULL;
}

int fonts_face_for(struct fonts *f, uint32_t cp, uint32_t script, int bold)
{
    int id;

    bold = bold != 0;
    for (size_t i = 0; i < sizeof chains / sizeof chains[0]; i++) {
        if (chains[i].script != (hb_script_t)script)
            continue;
        for (int k = 0; k < 2 && chains[i].family[k]; k++) {
            id = family_face(f, chains[i].family[k], bold);
            if (id >= 0 && FcCharSetHasChar(f->faces[id].charset, cp))
                return id;
        }
        break;
    }
    if (FcCharSetHasChar(f->faces[bold].charset, cp))
        return bold;
    for (size_t k = 1; k < sizeof tail / sizeof tail[0]; k++) {
        id = family_face(f, tail[k], bold);
        if (id >= 0 && FcCharSetHasChar(f->faces[id].charset, cp))
            return id;
    }
    id = any_face(f, cp, bold);
    return id >= 0 ? id : bold;
}
