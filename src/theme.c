/* theme: the standard and high-contrast colours, and the dimmed look under a dialog. */
#include "theme.h"

static unsigned rgba(unsigned rgb)
{
    return (rgb << 8) | 0xFF;
}

struct theme theme_high_contrast(void)
{
    return (struct theme){ .bg = 0x000000FF, .surface = 0x000000FF, .text = 0xFFFFFFFF, .muted = 0xFFFFFFFF,
                           .accent = 0xFFE14DFF, .accent_text = 0x000000FF, .border = 0xFFFFFFFF,
                           .pressed = 0xFFFFFFFF, .pressed_text = 0x000000FF, .danger = 0xFF8080FF,
                           .focus = 0xFFE14DFF, .overlay = 0x000000D8, .selected = 0xFFE14DFF,
                           .selected_text = 0x000000FF, .track = 0x4D4D4DFF };
}

struct theme theme_standard(const struct content_clinic *c)
{
    struct theme t;

    if (c) {
        t.bg = rgba(c->colour_background);
        t.surface = rgba(c->colour_surface);
        t.text = rgba(c->colour_text);
        t.muted = rgba(c->colour_muted);
        t.accent = rgba(c->colour_accent);
        t.accent_text = rgba(c->colour_accent_text);
    } else {
        t.bg = 0xF6F4F0FF;
        t.surface = 0xFFFFFFFF;
        t.text = 0x1F2A30FF;
        t.muted = 0x47525CFF;
        t.accent = 0x1B585EFF;
        t.accent_text = 0xFFFFFFFF;
    }
    t.border = t.muted;
    t.pressed = t.text;
    t.pressed_text = t.surface;
    t.danger = 0x8A1C22FF;
    t.focus = t.accent;
    t.overlay = 0x101820B0;
    t.selected = t.accent;
    t.selected_text = t.accent_text;
    t.track = 0xDCE0E3FF;
    return t;
}

/* c seen through the overlay colour o (both 0xRRGGBBAA; o's alpha is how much it covers). */
static unsigned mix(unsigned c, unsigned o)
{
    unsigned a = o & 0xFF, out = 0xFF;

    for (int shift = 8; shift <= 24; shift += 8) {
        unsigned cc = (c >> shift) & 0xFF, oc = (o >> shift) & 0xFF;
        out |= ((cc * (255 - a) + oc * a + 127) / 255) << shift;
    }
    return out;
}

struct theme theme_dimmed(const struct theme *t)
{
    struct theme d = *t;
    unsigned *c = &d.bg, *end = &d.track;

    for (; c <= end; c++)
        if (c != &d.overlay)
            *c = mix(*c, t->overlay);
    return d;
}
