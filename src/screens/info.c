/* info and doctor: long text scrolled by dragging, with the way back always in view.
 * In landscape a column of section buttons jumps to each section of the treatment. */
#include "screens.h"

#define MAX_SECTIONS 32

static int title_block(struct ui *u, const struct body *b, int y, const char *title, const char *subtitle)
{
    int h = ui_px(u, 24);

    h += ui_text(u, b->x, y + h, b->w, title, UI_TITLE, u->th.text, UI_LEFT);
    if (subtitle)
        h += ui_px(u, 4) + ui_text(u, b->x, y + h + ui_px(u, 4), b->w, subtitle, UI_SUBHEADING, u->th.accent, UI_LEFT);
    return h + ui_px(u, 16);
}

/* Section buttons down the left; returns the width they take, 0 when there is no room. */
static int section_nav(struct app *a, struct ui *u, struct rect area, const int *section_y, int n)
{
    const struct content_treatment *t = app_treatment(a);
    struct ui_scroll *s = &a->scroll[SCREEN_INFO];
    int w = ui_px(u, 400), gap = ui_px(u, 8), y = area.y, total = 0, current = 0;
    int pad = ui_px(u, 12), heights[MAX_SECTIONS];

    if (u->f->w < u->f->h * 5 / 4 || n < 2)
        return 0;
    for (int i = 0; i < n; i++) {
        heights[i] = ui_text_height(u, w - 2 * pad, t->sections[i].title, UI_BUTTON) + 2 * pad;
        if (heights[i] < ui_px(u, 64))
            heights[i] = ui_px(u, 64);
        total += heights[i] + gap;
        if (s->content_h > 0 && section_y[i] <= s->offset + area.h / 3)   /* known after one pass */
            current = i;
    }
    if (total > area.h)
        return 0;
    for (int i = 0; i < n; i++) {
        if (ui_button_ex(u, t->sections[i].title, t->sections[i].title,
                         (struct rect){ area.x, y, w, heights[i] }, UI_QUIET, i == current)) {
            s->offset = section_y[i];
            a->dirty = 1;
        }
        y += heights[i] + gap;
    }
    return w + ui_px(u, 32);
}

void screen_info(struct app *a, struct ui *u)
{
    const struct content_treatment *t = app_treatment(a);
    struct ui_scroll *s = &a->scroll[SCREEN_INFO];
    int checklist = app_has_checklist(a);
    int top = chrome_top(a, u), bottom = chrome_bottom(a, u, app_text(a, MSG_BUTTON_BACK), CHROME_HOME,
                                                    app_text(a, checklist ? MSG_BUTTON_SCREENING : MSG_BUTTON_REQUEST),
                                                    checklist ? ACT_SCREENING : ACT_REQUEST);
    struct body b = chrome_body(u);
    int m = chrome_margin(u), n = t->nsections < MAX_SECTIONS ? t->nsections : MAX_SECTIONS;
    int *section_y = a->section_y;
    int nav = section_nav(a, u, (struct rect){ m, top + m, 0, bottom - top - 2 * m }, section_y, n);
    struct rect view = { nav ? m + nav : 0, top, u->f->w - (nav ? m + nav : 0), bottom - top };
    int y0, y, col_w, col_x;

    col_w = view.w - 2 * m;
    if (col_w > b.w)
        col_w = b.w;
    col_x = view.x + (view.w - col_w) / 2;
    y0 = ui_scroll_begin(u, s, view, ui_id("info", 1));
    b.x = col_x;
    b.w = col_w;
    y = y0 + title_block(u, &b, y0, t->name, t->tagline);
    for (int i = 0; i < n; i++) {
        section_y[i] = y - y0 - ui_px(u, 16);
        y += chrome_section(u, &t->sections[i], col_x, y, col_w, 1) + ui_px(u, 24);
    }
    ui_scroll_end(u, s, view, y - y0 + m);
}

void screen_doctor(struct app *a, struct ui *u)
{
    const struct content_clinic *c = &a->content->clinic;
    struct ui_scroll *s = &a->scroll[SCREEN_DOCTOR];
    int top = chrome_top(a, u), bottom = chrome_bottom(a, u, app_text(a, MSG_BUTTON_BACK), CHROME_HOME,
                                                    app_text(a, MSG_BUTTON_REQUEST), ACT_REQUEST);
    struct body b = chrome_body(u);
    struct rect view = { 0, top, u->f->w, bottom - top };
    int y0 = ui_scroll_begin(u, s, view, ui_id("doctor", 1)), y;

    y = y0 + title_block(u, &b, y0, c->doctor_name, c->doctor_role);
    y += chrome_section(u, &c->doctor, b.x, y, b.w, 0);
    ui_scroll_end(u, s, view, y - y0 + chrome_margin(u));
}
