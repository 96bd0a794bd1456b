/* platform: the one layer that touches SDL: window or offscreen surface, events, fonts, pixels.
 * The rest of the program sees plain input events (input.h), draws frames (frame.h) and measures text (text.h). */
#ifndef PLATFORM_H
#define PLATFORM_H

#include <stddef.h>
#include <stdint.h>

#include "frame.h"
#include "input.h"
#include "text.h"

struct platform;
struct fonts_loading;

struct platform_options {
    int headless;           /* draw on an offscreen surface: no window, no display needed */
    int width, height;      /* window or surface size; 0 x 0: fullscreen at the display's size */
    int rotation;           /* 0, 90, 180, 270: the screen is mounted turned this far clockwise */
    const char *assets_dir; /* the program's own files (the fonts come from fontconfig: fonts.h) */
};

/* What platform_open() says when asked for a window where nothing can be shown: no display to
 * connect to, or a video driver that draws where nobody sees (dummy, offscreen). */
#define PLATFORM_NO_DISPLAY "no display: set DISPLAY or WAYLAND_DISPLAY, or use --replay"

/* Opens the window (or surface), the renderer and the fonts. Returns 0 and *out, which the
 * caller releases with platform_close(); or -1 with a message in err. */
int platform_open(struct platform **out, const struct platform_options *o, char *err, size_t errlen);
/* The same with the fonts being found (fonts_load_begin()), taken whatever comes of it. */
int platform_open_loaded(struct platform **out, const struct platform_options *o, struct fonts_loading *fonts,
                         char *err, size_t errlen);
void platform_close(struct platform *p);

/* The size the app lays out for (after rotation). */
void platform_size(const struct platform *p, int *w, int *h);
/* Headless only: a new surface of w x h (logical, before rotation). Returns 0 or -1 with err. */
int platform_resize(struct platform *p, int w, int h, char *err, size_t errlen);

/* Milliseconds since start, from the monotonic clock. */
uint64_t platform_now_ms(void);

/* Waits up to timeout_ms (0: do not wait, -1: forever) for the next event the app understands.
 * Returns 1 with *ev filled, 0 when the time ran out. */
int platform_next_event(struct platform *p, int timeout_ms, struct input_event *ev);

/* Replay's way in: queues the SDL events a real device would send. A touch also queues the mouse
 * event SDL synthesises from it, exactly as a touchscreen does. */
void platform_inject_pointer(struct platform *p, enum input_kind kind, int x, int y, int touch);
void platform_inject_text(struct platform *p, const char *utf8);
void platform_inject_key(struct platform *p, enum input_key key);

/* Draws f and shows it: only the parts that differ from the frame shown before are drawn again. */
void platform_render(struct platform *p, const struct frame *f);

/* The next platform_render() draws and shows the whole frame, not only what changed. */
void platform_redraw_all(struct platform *p);
/* The pixels shown now (0xXXRRGGBB, rows pitch bytes apart), for tests; they live until the
 * next call into the platform. */
const uint32_t *platform_pixels(const struct platform *p, int *w, int *h, int *pitch);

/* Writes the last frame drawn to a PNG file. Returns 0 or -1 with err. */
int platform_save_png(struct platform *p, const char *path, char *err, size_t errlen);
/* Compares the last frame with the PNG at path: returns the share of pixels (0..1) that differ by
 * more than 48 in any channel, or -1 with err when the file cannot be read or the sizes differ. */
double platform_compare_png(struct platform *p, const char *path, char *err, size_t errlen);

/* The share (0..1) of the last frame's pixels in r (logical) within tolerance of the colour
 * 0xRRGGBB in every channel, and in *common the colour seen most there; -1 with err. */
double platform_colour_share(struct platform *p, struct rect r, unsigned rgb, int tolerance, unsigned *common,
                             char *err, size_t errlen);

/* Glyph metrics for layout; lives as long as p. */
const struct text_measurer *platform_measurer(struct platform *p);
/* Drops all cached text (it may show what a client typed). */
void platform_forget_text(struct platform *p);
/* Rasterises the text of f into the cache without drawing anything, so that showing f later
 * is quick. */
void platform_prepare_text(struct platform *p, const struct frame *f);
/* As platform_forget_text(), but the text that platform_prepare_text() is given, or that layout
 * measures, between the two calls is kept (and made ready): what the screens show once a
 * client's details are gone, which the next client sees too, is not made again for each visit. */
void platform_keep_text_begin(struct platform *p);
void platform_keep_text_end(struct platform *p);
/* Sets up drawing pictures: scaled copies are kept in cache_dir (NULL or "": a temporary
 * directory) and made by the kiosk-picture program at helper. Until then, and when this fails
 * (it says why on stderr), pictures are drawn as placeholders. */
void platform_pictures_open(struct platform *p, const char *cache_dir, const char *helper);
/* Makes the pictures of f ready (from the cache, or asks the helper to make them). */
void platform_prepare_pictures(struct platform *p, const struct frame *f);
/* Pictures asked for and not yet made; waits up to timeout_ms until there are none (1 when so). */
int platform_pictures_pending(struct platform *p);
int platform_pictures_wait(struct platform *p, int timeout_ms);
/* Removes cached copies of pictures other than these files. */
void platform_pictures_keep(struct platform *p, const char *const *paths, int n);
/* Decodes the picture at path in this process and frees it: 0, or -1 with why. For kioskctl,
 * a short-lived process; needs no platform_open(). */
int platform_picture_decode(const char *path, char *why, size_t whylen);
/* Decodes the picture at path in the helper, to check it: 0, or -1 with why. */
int platform_picture_check(struct platform *p, const char *path, char *why, size_t whylen);
/* Figures for tests and the benchmark: picture textures held and their bytes, copies loaded and
 * made, the helper's largest peak memory in KiB. */
void platform_picture_stats(const struct platform *p, int *textures, size_t *bytes, unsigned long *loaded,
                            unsigned long *made, long *helper_peak_kib);

/* Closes the faces the text was drawn with, at every size opened (about 200 KiB each, at most
 * PTEXT_MAX_FONTS); they open again as text needs them. Returns how many were open. For the replay
 * driver's memory readings. */
int platform_close_fonts(struct platform *p);
/* Counts for tests and the benchmark: text textures made and reused since start. */
void platform_text_stats(const struct platform *p, unsigned long *made, unsigned long *reused, int *cached);
/* For tests: whether the text cache holds the ink (bit 1) or the width (bit 2) of s at px with flags. */
int platform_text_holds(struct platform *p, int px, int flags, const char *s, int len);

#endif
