/* chrome: the bars, the body area and the rich-text drawing that every client screen shares. */
#include "screens.h"

#include <stdio.h>

#include "ui_picture.h"

int chrome_margin(const struct ui *u)
{
    return ui_px(u, 32);
}

int chrome_button_h(const struct ui *u)
{
    int h = ui_px(u, 80);
    int text = ui_line_h(u, UI_BUTTON) + ui_px(u, 24);

    return text > h ? text : h;
}

int chrome_top(struct app *a, struct ui *u)
{
    int m = chrome_margin(u), bh = chrome_button_h(u), gap = ui_px(u, 16);
    int h = bh + 2 * ui_px(u, 16);
    const char *large = app_text(a, MSG_BAR_LARGER_TEXT), *contrast = app_text(a, MSG_BAR_HIGH_CONTRAST);
    int tw1 = ui_text_width(u, large, UI_BUTTON) + ui_px(u, 28 + 3 * 14 + 4);
    int tw2 = ui_text_width(u, contrast, UI_BUTTON) + ui_px(u, 28 + 3 * 14 + 4);
    int x2 = u->f->w - m - tw2, x1 = x2 - gap - tw1, y = (h - bh) / 2;
    const char *name = a->content ? a->content->clinic.name : "";
    int name_w = x1 - gap - m;

    ui_rect(u, (struct rect){ 0, 0, u->f->w, h }, u->th.surface, 0, 0, 0);
    ui_rect(u, (struct rect){ 0, h - ui_px(u, 2), u->f->w, ui_px(u, 2) > 0 ? ui_px(u, 2) : 1 }, u->th.border, 0, 0, 0);
    if (name_w > 0 && ui_text_height(u, name_w, name, UI_SUBHEADING) <= h)
        ui_text(u, m, (h - ui_text_height(u, name_w, name, UI_SUBHEADING)) / 2, name_w, name, UI_SUBHEADING,
                u->th.text, UI_LEFT);
    if (ui_toggle(u, large, (struct rect){ x1, y, tw1, bh }, a->large_text)) {
        a->large_text = !a->large_text;
        a->dirty = 1;
    }
    if (ui_toggle(u, contrast, (struct rect){ x2, y, tw2, bh }, a->high_contrast)) {
        a->high_contrast = !a->high_contrast;
        a->dirty = 1;
    }
    return h;
}

int chrome_bottom(struct app *a, struct ui *u, const char *back, enum chrome_second second, const char *primary,
                  enum action act)
{
    int m = chrome_margin(u), bh = chrome_button_h(u), gap = ui_px(u, 16);
    int h = bh + 2 * ui_px(u, 16), top = u->f->h - h, y = top + (h - bh) / 2, x = m;
    int bw = ui_text_width(u, app_text(a, MSG_BUTTON_BACK), UI_BUTTON) + ui_px(u, 80);

    if (bw < ui_px(u, 160))
        bw = ui_px(u, 160);
    ui_rect(u, (struct rect){ 0, top, u->f->w, h }, u->th.surface, 0, 0, 0);
    ui_rect(u, (struct rect){ 0, top, u->f->w, ui_px(u, 2) > 0 ? ui_px(u, 2) : 1 }, u->th.border, 0, 0, 0);
    if (back) {
        if (ui_button(u, back, (struct rect){ x, y, bw, bh }, UI_SECONDARY))
            app_act(a, ACT_BACK);
        x += bw + gap;
    }
    if (second != CHROME_NONE) {
        const char *label = app_text(a, second == CHROME_HOME ? MSG_BUTTON_HOME : MSG_BUTTON_START_OVER);
        int sw = ui_text_width(u, label, UI_BUTTON) + ui_px(u, 60);
        if (sw < bw)
            sw = bw;
        if (ui_button(u, label, (struct rect){ x, y, sw, bh }, UI_SECONDARY))
            app_act(a, second == CHROME_HOME ? ACT_HOME : ACT_LEAVE);
        x += sw + gap;
    }
    if (primary) {
        int pw = ui_text_width(u, primary, UI_BUTTON) + ui_px(u, 80);
        int room = u->f->w - m - x;
        if (pw > room)
            pw = room;
        if (ui_button(u, primary, (struct rect){ u->f->w - m - pw, y, pw, bh }, UI_PRIMARY))
            app_act(a, act);
    }
    return top;
}

struct body chrome_body(const struct ui *u)
{
    int m = chrome_margin(u), maxw = ui_px(u, 1000);
    struct body b;

    b.w = u->f->w - 2 * m;
    if (b.w > maxw)
        b.w = maxw;
    b.x = (u->f->w - b.w) / 2;
    return b;
}

static int block(struct ui *u, const struct content_block *b, int x, int y, int w)
{
    int gap = ui_px(u, 14), indent = ui_px(u, 44), h = 0;
    char num[16];

    switch (b->kind) {
    case CONTENT_PARAGRAPH:
        return ui_text(u, x, y, w, b->text, UI_BODY, u->th.text, UI_LEFT) + gap;
    case CONTENT_BULLET: {
        int line = ui_line_h(u, UI_BODY), dot = ui_px(u, 12);
        ui_rect(u, (struct rect){ x + ui_px(u, 8), y + (line - dot) / 2, dot, dot }, u->th.accent, dot / 2, 0, 0);
        return ui_text(u, x + indent, y, w - indent, b->text, UI_BODY, u->th.text, UI_LEFT) + gap / 2;
    }
    case CONTENT_STEP: {
        int circle = ui_line_h(u, UI_SUBHEADING);
        snprintf(num, sizeof num, "%d", b->number);
        ui_rect(u, (struct rect){ x, y, circle, circle }, u->th.accent, circle / 2, 0, 0);
        ui_text(u, x, y, circle, num, UI_SUBHEADING, u->th.accent_text, UI_CENTRE);
        indent = circle + ui_px(u, 16);
        h = ui_text(u, x + indent, y, w - indent, b->title ? b->title : "", UI_SUBHEADING, u->th.text, UI_LEFT);
        if (h < circle)
            h = circle;
        if (b->text[0])
            h += ui_px(u, 6) + ui_text(u, x + indent, y + h + ui_px(u, 6), w - indent, b->text, UI_BODY,
                                       u->th.text, UI_LEFT);
        return h + gap * 2;
    }
    case CONTENT_FAQ:
        h = ui_text(u, x, y, w, b->title ? b->title : "", UI_BODY_BOLD, u->th.text, UI_LEFT);
        h += ui_px(u, 4);
        h += ui_text(u, x, y + h, w, b->text, UI_BODY, u->th.text, UI_LEFT);
        return h + gap * 2;
    case CONTENT_PICTURE: {
        /* As wide as the text, at most half the screen tall, from the top of its place. */
        struct rect r = ui_picture_rect((struct rect){ x, y, w, u->f->h / 2 }, b->picture);
        r.y = y;
        ui_picture(u, r, b->picture, ui_picture_radius(u));
        return r.h + gap * 2;
    }
    }
    return 0;
}

int chrome_section(struct ui *u, const struct content_section *s, int x, int y, int w, int with_title)
{
    int h = 0;

    if (with_title && s->title) {
        h += ui_text(u, x, y, w, s->title, UI_HEADING, u->th.text, UI_LEFT);
        h += ui_px(u, 12);
    }
    for (int i = 0; i < s->nblocks; i++)
        h += block(u, &s->blocks[i], x, y + h, w);
    return h;
}
