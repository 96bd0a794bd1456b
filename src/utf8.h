/* utf8: small strict helpers for UTF-8 text in fixed buffers, and what its characters are.
 * Decoding refuses overlong forms, surrogates, code points past U+10FFFF and truncated sequences;
 * general categories come from HarfBuzz's Unicode tables. */
#ifndef UTF8_H
#define UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at s, of which n >= 1 bytes may be read. Returns its length in
 * bytes (1 to 4) with the code point in *cp, or 0 when the bytes there are not well-formed
 * UTF-8 (*cp is then left alone). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Whether the n bytes at s are well-formed UTF-8 throughout. */
bool utf8_valid(const char *s, size_t n);

/* The number of code points in the n bytes of well-formed UTF-8 at s. */
size_t utf8_count(const char *s, size_t n);

/* The length in bytes of the last code point of the n bytes of well-formed UTF-8 at s
 * (what one backspace removes); 0 when n is 0. */
size_t utf8_last_len(const char *s, size_t n);

/* The length of the longest prefix of the n bytes at s, at most max bytes long, that ends with a
 * whole character: where to cut text to fit a buffer or a quote without splitting a character.
 * (A cut-off sequence at the end of the n bytes, as snprintf() leaves, is dropped too.) */
size_t utf8_cut(const char *s, size_t n, size_t max);

/* Trims spaces and tabs from both ends of the NUL-terminated s, in place; returns the start. */
char *utf8_trim(char *s);

/* Whether cp is a letter (general category L: Lu, Ll, Lt, Lm, Lo). Unassigned code points are not. */
bool utf8_is_letter(uint32_t cp);

/* Whether cp is a combining mark (Mn, Mc, Me): an accent, an Arabic vowel sign, an Indic vowel sign. */
bool utf8_is_mark(uint32_t cp);

/* Whether the n bytes of well-formed UTF-8 at s hold at least one letter that is drawn: Lu, Ll,
 * Lt or Lo, and not one of the letters that are invisible (the Hangul fillers U+115F, U+1160,
 * U+3164, U+FFA0). Marks, modifier letters, spaces and punctuation alone do not count. */
bool utf8_has_visible_letter(const char *s, size_t n);

/* The most combining marks in a row in the n bytes of well-formed UTF-8 at s: how many one
 * character carries at most (0 when there are none). */
size_t utf8_most_marks(const char *s, size_t n);

#endif
