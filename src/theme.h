/* theme: the kiosk's colours: the clinic's own (from its content), high contrast, and either
 * dimmed under the idle warning. Colours are 0xRRGGBBAA. */
#ifndef THEME_H
#define THEME_H

#include "content.h"

struct theme {
    unsigned bg, surface, text, muted, accent, accent_text, border, pressed, pressed_text,
             danger, focus, overlay, selected, selected_text, track;    /* track is the last */
};

/* The standard theme in the clinic's colours; clinic NULL: the default colours. */
struct theme theme_standard(const struct content_clinic *clinic);
/* White and yellow on black. */
struct theme theme_high_contrast(void);
/* t as seen through its overlay colour: drawing a screen in these colours looks the same as a
 * translucent layer over it, and costs no full-screen blend. */
struct theme theme_dimmed(const struct theme *t);

#endif
