/* notices: the idle warning over any screen, and the out-of-order screen. */
#include "screens.h"

#include <stdio.h>

/* A centred card of at most max_w; returns its rectangle for the caller's text. */
static struct rect dialog(struct ui *u, int content_h, int max_w)
{
    int m = chrome_margin(u), pad = ui_px(u, 40);
    int w = u->f->w - 2 * m < max_w ? u->f->w - 2 * m : max_w;
    int h = content_h + 2 * pad;
    struct rect r = { (u->f->w - w) / 2, (u->f->h - h) / 2, w, h };

    ui_rect(u, r, u->th.surface, ui_px(u, 28), u->th.border, ui_px(u, 2) > 1 ? ui_px(u, 2) : 1);
    return (struct rect){ r.x + pad, r.y + pad, w - 2 * pad, content_h };
}

void screen_idle_warning(struct app *a, struct ui *u)
{
    uint64_t ends = a->screen_since + (uint64_t)a->cfg->idle_warning_s * 1000;
    int left = ends > a->now ? (int)((ends - a->now + 999) / 1000) : 0;
    char line[WORDING_TEXT_BYTES];
    const char *title = app_text(a, MSG_IDLE_TITLE);
    int bh = chrome_button_h(u), gap = ui_px(u, 24), w, h;
    struct rect in;

    WORDING_FORMAT(a->words, MSG_RESTART_COUNTDOWN, line, WORDING_NUMBER("seconds", left));
    w = u->f->w - 2 * chrome_margin(u) - 2 * ui_px(u, 40);
    if (w > ui_px(u, 720) - 2 * ui_px(u, 40))
        w = ui_px(u, 720) - 2 * ui_px(u, 40);
    h = ui_text_height(u, w, title, UI_TITLE) + gap + ui_text_height(u, w, line, UI_BODY) + 2 * gap + bh;
    in = dialog(u, h, ui_px(u, 720));
    in.y += ui_text(u, in.x, in.y, in.w, title, UI_TITLE, u->th.text, UI_CENTRE) + gap;
    in.y += ui_text(u, in.x, in.y, in.w, line, UI_BODY, u->th.text, UI_CENTRE) + 2 * gap;
    if (ui_button(u, app_text(a, MSG_IDLE_CONTINUE), (struct rect){ in.x, in.y, in.w, bh }, UI_PRIMARY))
        app_act(a, ACT_CONTINUE);
}

void screen_out_of_order(struct app *a, struct ui *u)
{
    const char *title = app_text(a, MSG_OUT_OF_ORDER_TITLE);
    const char *line = app_text(a, MSG_OUT_OF_ORDER_TEXT);
    int gap = ui_px(u, 24), w = u->f->w - 2 * chrome_margin(u) - 2 * ui_px(u, 40), h;
    struct rect in;

    if (w > ui_px(u, 800) - 2 * ui_px(u, 40))
        w = ui_px(u, 800) - 2 * ui_px(u, 40);
    h = ui_text_height(u, w, title, UI_TITLE) + gap + ui_text_height(u, w, line, UI_HEADING);
    in = dialog(u, h, ui_px(u, 800));
    in.y += ui_text(u, in.x, in.y, in.w, title, UI_TITLE, u->th.text, UI_CENTRE) + gap;
    ui_text(u, in.x, in.y, in.w, line, UI_HEADING, u->th.text, UI_CENTRE);
}
