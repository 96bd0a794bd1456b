/* platform_image: the content's pictures on an SDL renderer, for the platform layer only.
 * Decoding a camera's photo takes ~50 MB and a third of a second, so the kiosk never does it
 * itself: a helper process (kiosk-picture) decodes the file with SDL2_image, scales it by area
 * averaging to exactly the size drawn, and writes that copy into the cache directory. The kiosk
 * reads copies into textures (kept within PIMAGE_BUDGET, least recently drawn dropped first) and
 * draws a placeholder until a copy is there. A decoder that crashes takes only the helper down. */
#ifndef PLATFORM_IMAGE_H
#define PLATFORM_IMAGE_H

#include <SDL.h>
#include <stddef.h>

#include "frame.h"

#define PIMAGE_BUDGET  (10u << 20)  /* 10 MiB of picture pixels kept as textures */
#define PIMAGE_SOURCES 64           /* picture files known at once */
#define PIMAGE_ENTRIES 64           /* textures kept at once */
#define PIMAGE_JOBS    64           /* copies waiting for the helper */
#define PIMAGE_SIZES   8            /* sizes one helper run makes */

struct pimage;

/* Sets up pictures with their scaled copies in cache_dir (made if missing; "" or one that cannot
 * be written: a private temporary directory, removed by pimage_close), made by the helper program
 * at helper. event is an SDL event type pushed when a copy is ready. Returns NULL on no memory. */
struct pimage *pimage_open(const char *cache_dir, const char *helper, Uint32 event);
void pimage_close(struct pimage *m);

/* Draws c (a DRAW_PICTURE) when its texture is there or can be read from the cache at once;
 * else asks the helper for it. Returns 1 when drawn, 0 when the caller draws the placeholder. */
int pimage_draw(struct pimage *m, SDL_Renderer *r, const struct draw_cmd *c);
/* Makes the textures of f's pictures ready (or asks for them) without drawing. */
void pimage_prepare(struct pimage *m, SDL_Renderer *r, const struct frame *f);
/* Ends a frame: starts waiting jobs, drops textures over the budget that it did not draw. */
void pimage_end_frame(struct pimage *m);
/* 1 once after each time the helper finished copies (made or failed): what was drawn as a
 * placeholder may now be drawn as its picture. */
int pimage_news(struct pimage *m);
/* Destroys every texture (the renderer is going or changed). */
void pimage_forget(struct pimage *m);

/* Removes cached copies of any file not among paths. */
void pimage_keep_only(struct pimage *m, const char *const *paths, int n);

/* Copies asked for and not yet made. */
int pimage_pending(struct pimage *m);
/* Waits until no copy is pending, at most timeout_ms. Returns 1 when none is left. */
int pimage_wait(struct pimage *m, int timeout_ms);

/* Figures for tests and the benchmark. */
struct pimage_stats {
    int textures;
    size_t bytes;               /* pixels held by textures */
    unsigned long loaded;       /* textures read from cached copies */
    unsigned long made;         /* copies the helper made */
    unsigned long failed;       /* helper runs that failed */
    long helper_peak_kib;       /* the largest peak resident memory of a helper run */
};
void pimage_stats(const struct pimage *m, struct pimage_stats *s);

/* Decodes the file at path fully (in this process) and frees it: 0, or -1 with why. For
 * kioskctl's check-content, which is a short-lived process. */
int pimage_decode_check(const char *path, char *why, size_t whylen);

/* Runs the helper to decode path and waits (up to 30 s): 0, or -1 with why. For the staff
 * screen's "Check content", inside the kiosk. */
int pimage_helper_check(const char *helper, const char *path, char *why, size_t whylen);

/* The helper's work: decodes path (checked against the limits first) and writes a copy of each
 * size (n of them, w and h) as dir/key-WxH.kpx. Returns 0; 1 when the file cannot be used or
 * decoded, with why; 2 when a copy cannot be written, with why. */
int pimage_make_copies(const char *path, const char *dir, const char *key, const int (*sizes)[2], int n,
                       char *why, size_t whylen);

#endif
