/* shape: one line of text split into the pieces the platform shapes one by one (SDL_ttf with
 * HarfBuzz): each of one direction, one script and one font face, in the order they are shown. */
#ifndef SHAPE_H
#define SHAPE_H

#include <stdint.h>

#include "bidi.h"
#include "fonts.h"

#define SHAPE_MAX_PIECES 128

struct shape_piece {
    int start, len;         /* bytes of the line, in logical order inside the piece */
    int face;               /* fonts_face() id */
    uint32_t script;        /* ISO 15924 tag, as HarfBuzz's hb_script_t: what the shaper is told */
    char script_name[5];    /* the same tag as text ("Arab"), for TTF_SetFontScriptName() */
    int rtl;                /* shape right to left */
};

struct shape_line {
    int rtl;                /* the paragraph's direction as resolved */
    int n;
    struct shape_piece piece[SHAPE_MAX_PIECES];    /* leftmost first */
};

/* Itemises the len bytes of UTF-8 at s, one line of a paragraph of direction dir, drawn bold or
 * not: bidi runs (UAX #9), split where the script or the face that has the glyphs changes.
 * Spaces, punctuation and digits (script Common) and combining marks (Inherited) join the piece
 * around them when its face has them. Han is drawn with Japanese shapes in a line with kana and
 * Korean ones in a line with Hangul. A line with more than SHAPE_MAX_PIECES pieces draws the
 * rest with the last piece's face. sc is scratch space; nothing of the text is left in it. */
void shape_line(struct fonts *fonts, struct bidi_scratch *sc, const char *s, int len, enum bidi_dir dir,
                int bold, struct shape_line *out);

#endif
