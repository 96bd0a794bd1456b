/* fonts: the font faces the kiosk draws with, found through fontconfig, never copied into the repo.
 * Each script has a chain of families (Arabic: Noto Sans Arabic, then Noto Naskh Arabic; then Noto Sans
 * and Noto Sans CJK for everyone); a face's file is looked up when text first needs it. */
#ifndef FONTS_H
#define FONTS_H

#include <stddef.h>
#include <stdint.h>

#define FONTS_MAX_FACES 64
#define FONTS_PRIMARY   "Noto Sans"     /* Latin, Greek, Cyrillic; its line height is the text's */
#define FONTS_MISSES    16              /* characters no installed font covers, remembered */

struct _FcConfig;
struct _FcPattern;
struct _FcCharSet;

/* One face of one family in one weight, as fontconfig found it. */
struct fonts_face {
    char family[64];                /* the family asked for, or the one fontconfig chose as a last resort */
    int bold;                       /* asked for in bold */
    int fake_bold;                  /* the family has no bold face: embolden the regular one */
    int missing;                    /* the family is not installed: the chain moves on */
    char path[512];                 /* the font file, opened by the platform from where it lies */
    int index;                      /* the face's index in a collection (.ttc), else 0 */
    long long file_size;            /* bytes: a large file's face is opened once for every size */
    struct _FcPattern *pattern;     /* fontconfig's match, owning charset */
    struct _FcCharSet *charset;     /* the characters the face has glyphs for */
};

/* The faces found so far. Faces 0 and 1 are the primary family, regular and bold; the others are
 * added as text needs them and stay until fonts_close(). */
struct fonts {
    struct _FcConfig *config;
    struct fonts_face faces[FONTS_MAX_FACES];
    int nfaces;
    uint32_t misses[FONTS_MISSES];  /* recently asked for and covered by nothing: drawn by face 0 */
    int nmisses;
    char warning[256];              /* set when the primary family is not installed and another stands in */
};

/* Loads fontconfig's configuration and finds the primary family's two faces. Returns 0 (with
 * f->warning set when a stand-in was used), or -1 with err when no font at all can be found. */
int fonts_open(struct fonts *f, char *err, size_t errlen);
void fonts_close(struct fonts *f);

/* A fonts_open() under way in a thread of its own (fontconfig's configuration takes milliseconds
 * to load), while the start does other work. */
struct fonts_loading;
/* Starts it. Returns it (the caller hands it to fonts_open_loaded() or fonts_load_cancel()), or
 * NULL when no thread could be started: then fonts_open_loaded() opens the fonts itself. */
struct fonts_loading *fonts_load_begin(void);
/* As fonts_open(), with what l loaded (waited for); l is freed. l NULL: fonts_open(). */
int fonts_open_loaded(struct fonts *f, struct fonts_loading *l, char *err, size_t errlen);
/* Waits for l, then frees it and what it loaded (none taken). NULL is nothing. */
void fonts_load_cancel(struct fonts_loading *l);

/* The face that draws cp, bold or not, in text of script (an ISO 15924 tag as HarfBuzz spells it,
 * e.g. HB_SCRIPT_ARABIC): the first face in that script's chain that has cp, then the primary
 * family, then Noto Sans CJK, then whatever installed font fontconfig finds with cp. Face 0 or 1
 * (which will draw the missing-glyph box) when no font has it. */
int fonts_face_for(struct fonts *f, uint32_t cp, uint32_t script, int bold);

/* Whether face id has a glyph for cp. */
int fonts_covers(const struct fonts *f, int id, uint32_t cp);

const struct fonts_face *fonts_face(const struct fonts *f, int id);

#endif
