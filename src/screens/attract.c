/* attract: the screen a passer-by sees. Its content drifts slowly so nothing burns into the panel. */
#include "screens.h"

#include <math.h>

void screen_attract(struct app *a, struct ui *u)
{
    const struct content_clinic *c = &a->content->clinic;
    struct rect all = { 0, 0, u->f->w, u->f->h };
    const char *start = app_text(a, MSG_ATTRACT_START);
    unsigned id = ui_id(start, 0xa77);
    enum ui_press st;
    double t = (double)a->now / 1000.0;
    int amp = ui_px(u, 36);
    /* Periods of 5 and 7 minutes: at most 0.8 px/s, so a redraw every 4 s moves it 3 px or less. */
    int dx = (int)(amp * sin(2 * M_PI * t / 300.0)), dy = (int)(amp * sin(2 * M_PI * t / 420.0));
    int w = u->f->w - 2 * chrome_margin(u) - 2 * amp, x = (u->f->w - w) / 2 + dx;
    int pill_w, pill_h = chrome_button_h(u) + ui_px(u, 16), h = 0, y;
    int name_h = ui_text_height(u, w, c->name, UI_HUGE);
    int welcome_h = c->welcome ? ui_text_height(u, w, c->welcome, UI_SUBHEADING) : 0;
    int list_h = 0, gap = ui_px(u, 28);

    chrome_staff_corner(a, u);
    st = ui_press_behave(&u->active, &u->ptr, 0, id, all);
    frame_add_widget(u->f, start, all, all, id);
    for (int i = 0; i < a->content->ntreatments; i++)
        list_h += ui_text_height(u, w, a->content->treatments[i].name, UI_HEADING);
    h = name_h + gap + welcome_h + 2 * gap + list_h + 2 * gap + pill_h;
    y = (u->f->h - h) / 2 + dy;
    y += ui_text(u, x, y, w, c->name, UI_HUGE, u->th.text, UI_CENTRE) + gap;
    if (c->welcome)
        y += ui_text(u, x, y, w, c->welcome, UI_SUBHEADING, u->th.muted, UI_CENTRE);
    y += 2 * gap;
    for (int i = 0; i < a->content->ntreatments; i++)
        y += ui_text(u, x, y, w, a->content->treatments[i].name, UI_HEADING, u->th.accent, UI_CENTRE);
    y += 2 * gap;
    pill_w = ui_text_width(u, start, UI_HEADING) + ui_px(u, 120);
    if (pill_w > w)
        pill_w = w;
    ui_rect(u, (struct rect){ x + (w - pill_w) / 2, y, pill_w, pill_h },
            st == UI_HELD ? u->th.pressed : u->th.accent, pill_h / 2, 0, 0);
    ui_text(u, x + (w - pill_w) / 2, y + (pill_h - ui_line_h(u, UI_HEADING)) / 2, pill_w, start, UI_HEADING,
            st == UI_HELD ? u->th.pressed_text : u->th.accent_text, UI_CENTRE);
    if (st == UI_CLICKED)
        app_act(a, ACT_START);
}
