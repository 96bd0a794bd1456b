/* bidi: the Unicode Bidirectional Algorithm (UAX #9) by GNU FriBidi, for one line at a time:
 * a line in logical order becomes runs of one direction in the order they are shown, left to right. */
#ifndef BIDI_H
#define BIDI_H

#include <stdint.h>

#define BIDI_MAX_CHARS 4096     /* code points of one line */
#define BIDI_MAX_RUNS  128

enum bidi_dir { BIDI_AUTO, BIDI_LTR, BIDI_RTL };

/* Room for one line's code points and their bidi properties. Holds a copy of the text: the
 * functions below zero what they used before they return. Large: keep it off the stack. */
struct bidi_scratch {
    uint32_t cp[BIDI_MAX_CHARS];
    int byte[BIDI_MAX_CHARS + 1];       /* where each code point starts in the line */
    uint32_t type[BIDI_MAX_CHARS];      /* FriBidiCharType */
    uint32_t bracket[BIDI_MAX_CHARS];   /* FriBidiBracketType */
    signed char level[BIDI_MAX_CHARS];  /* FriBidiLevel */
};

/* A run of one embedding level: bytes [start, start + len) of the line, in logical order inside. */
struct bidi_run {
    int start, len;
    int first, count;       /* the same run in code points, indexes into the scratch */
    int level;              /* odd: right to left */
};

struct bidi_line {
    int rtl;                /* the paragraph's direction as resolved */
    int n;
    struct bidi_run run[BIDI_MAX_RUNS];    /* in visual order, leftmost first */
};

/* The direction of the first strongly directional character of the len bytes at s (rules P2 and
 * P3): BIDI_RTL or BIDI_LTR, or BIDI_AUTO when there is none. */
enum bidi_dir bidi_first_strong(const char *s, int len);

/* Resolves the levels of the len bytes of UTF-8 at s as one line of a paragraph of direction dir
 * (BIDI_AUTO: from its first strong character, left to right when there is none) and orders its
 * runs for display. Bytes that are not UTF-8 count as U+FFFD. A line longer than BIDI_MAX_CHARS
 * code points, or with more than BIDI_MAX_RUNS runs, shows the rest as one last run. On return
 * sc->cp[first..first+count) of each run still holds the code points (for the caller's
 * itemising); call bidi_wipe() when done with them. */
void bidi_line(const char *s, int len, enum bidi_dir dir, struct bidi_scratch *sc, struct bidi_line *out);

/* Zeroes the first n code points' worth of sc (what bidi_line() left there). */
void bidi_wipe(struct bidi_scratch *sc, int n);

/* Decodes the len bytes at s into sc->cp and sc->byte, stray bytes as U+FFFD. Returns the count
 * (at most BIDI_MAX_CHARS; sc->byte[count] is where decoding stopped). */
int bidi_decode(const char *s, int len, struct bidi_scratch *sc);

#endif
