/* home: the treatment as a large card and the three big choices. */
#include "screens.h"

#include <stdio.h>

static int card(struct app *a, struct ui *u, struct rect r, int measure_only)
{
    const struct content_treatment *t = app_treatment(a);
    int pad = ui_px(u, 36), w = r.w - 2 * pad, y = r.y + pad;

    if (!measure_only)
        ui_rect(u, r, u->th.surface, ui_px(u, 24), u->th.border, ui_px(u, 2) > 1 ? ui_px(u, 2) : 1);
    if (measure_only) {
        int h = pad + ui_text_height(u, w, t->name, UI_TITLE) + ui_px(u, 8);
        if (t->tagline)
            h += ui_text_height(u, w, t->tagline, UI_SUBHEADING) + ui_px(u, 20);
        if (t->summary)
            h += ui_text_height(u, w, t->summary, UI_BODY);
        return h + pad;
    }
    y += ui_text(u, r.x + pad, y, w, t->name, UI_TITLE, u->th.text, UI_LEFT) + ui_px(u, 8);
    if (t->tagline)
        y += ui_text(u, r.x + pad, y, w, t->tagline, UI_SUBHEADING, u->th.accent, UI_LEFT) + ui_px(u, 20);
    if (t->summary)
        y += ui_text(u, r.x + pad, y, w, t->summary, UI_BODY, u->th.text, UI_LEFT);
    return y + pad - r.y;
}

/* The choices, stacked in r; returns the height they need. */
static int choices(struct app *a, struct ui *u, struct rect r, int measure_only)
{
    static const struct { enum wording_id label; enum action act; enum ui_button_kind kind; } items[] = {
        { MSG_BUTTON_ABOUT, ACT_ABOUT, UI_SECONDARY },
        { MSG_BUTTON_SCREENING, ACT_SCREENING, UI_SECONDARY },
        { MSG_BUTTON_REQUEST, ACT_REQUEST, UI_PRIMARY },
    };
    char doctor[WORDING_TEXT_BYTES];
    int gap = ui_px(u, 20), y = r.y, pad = ui_px(u, 24);

    WORDING_FORMAT(a->words, MSG_HOME_DOCTOR, doctor, WORDING_TEXT("doctor", a->content->clinic.doctor_name));
    for (int i = 0; i < 3; i++) {
        if (items[i].act == ACT_SCREENING && !app_has_checklist(a))
            continue;
        const char *label = app_text(a, items[i].label);
        int h = ui_text_height(u, r.w - 2 * ui_px(u, 12), label, UI_BUTTON) + 2 * pad;
        if (h < ui_px(u, 104))
            h = ui_px(u, 104);
        if (!measure_only && ui_button(u, label, (struct rect){ r.x, y, r.w, h }, items[i].kind))
            app_act(a, items[i].act);
        y += h + gap;
    }
    {
        int h = chrome_button_h(u);
        if (!measure_only && ui_button(u, doctor, (struct rect){ r.x, y, r.w, h }, UI_QUIET))
            app_act(a, ACT_DOCTOR);
        y += h;
    }
    return y - r.y;
}

/* With several treatments, a row of buttons chooses the one on the card. */
static int treatment_picker(struct app *a, struct ui *u, int x, int y, int w)
{
    int n = a->content->ntreatments, gap = ui_px(u, 12), bh = chrome_button_h(u);

    if (n < 2)
        return 0;
    for (int i = 0; i < n; i++) {
        int bw = (w - gap * (n - 1)) / n;
        const char *name = a->content->treatments[i].name;
        if (ui_button_ex(u, name, name, (struct rect){ x + i * (bw + gap), y, bw, bh }, UI_SECONDARY,
                         i == a->treatment)) {
            a->treatment = i;
            a->dirty = 1;
        }
    }
    return bh + ui_px(u, 20);
}

void screen_home(struct app *a, struct ui *u)
{
    int top, m = chrome_margin(u), gap = ui_px(u, 32);
    int x = m, w = u->f->w - 2 * m, y;
    int landscape = u->f->w > u->f->h;

    chrome_staff_corner(a, u);
    top = chrome_top(a, u);
    y = top + gap;

    y += treatment_picker(a, u, x, y, w);
    if (landscape) {
        int cw = (w - gap) * 58 / 100, bw = w - gap - cw, avail = u->f->h - y - m;
        struct rect cr = { x, y, cw, card(a, u, (struct rect){ x, y, cw, 0 }, 1) };
        int ch = choices(a, u, (struct rect){ x + cw + gap, y, bw, 0 }, 1);
        int tallest = cr.h > ch ? cr.h : ch;
        if (tallest < avail)
            y += (avail - tallest) / 2;
        cr.y = y + (tallest - cr.h) / 2;
        card(a, u, cr, 0);
        choices(a, u, (struct rect){ x + cw + gap, y + (tallest - ch) / 2, bw, ch }, 0);
    } else {
        struct rect cr = { x, y, w, card(a, u, (struct rect){ x, y, w, 0 }, 1) };
        int ch = choices(a, u, (struct rect){ x, 0, w, 0 }, 1), avail = u->f->h - m - (y + cr.h + gap);
        card(a, u, cr, 0);
        choices(a, u, (struct rect){ x, y + cr.h + gap + (avail > ch ? (avail - ch) / 2 : 0), w, ch }, 0);
    }
}
