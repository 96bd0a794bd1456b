/* attract: the screen a passer-by sees. Its content drifts slowly so nothing burns into the panel. */
#include "screens.h"

#include <math.h>
#include <string.h>

#define FEW_TREATMENTS 4    /* named one by one; a longer menu is named by its categories */

/* What the clinic offers, in one line a treatment when there are few, else its categories. */
static void offer(struct app *a, struct ui *u, int column)
{
    const struct content *c = a->content;
    const char *seen[CONTENT_MAX_TREATMENTS];
    int nseen = 0, list;

    if (c->ntreatments <= FEW_TREATMENTS) {
        for (int i = 0; i < c->ntreatments; i++)
            chrome_text(u, column, c->treatments[i].name, FONT_HEADING, INK_ACCENT, UI_CENTRE);
        return;
    }
    list = ui_add(u, column, &(struct lay_box){ .kind = LAY_ROW, .flags = LAY_WRAP, .main = LAY_CENTRE,
                                                .gap = u->st.gap_section, .line_gap = u->st.gap_small });
    for (int i = 0; i < c->ntreatments; i++) {
        const char *cat = c->treatments[i].category;
        int known = 0;
        for (int k = 0; cat && k < nseen; k++)
            known |= strcmp(seen[k], cat) == 0;
        if (!cat || known)
            continue;
        seen[nseen++] = cat;
        ui_add_text(u, list, cat, FONT_HEADING, INK_ACCENT, UI_CENTRE);
    }
}

void screen_attract(struct app *a, struct ui *u)
{
    const struct style *st = &u->st;
    const struct content_clinic *c = &a->content->clinic;
    double t = (double)a->now / 1000.0;
    /* Periods of 5 and 7 minutes: at most 0.8 px/s, so a redraw every 4 s moves it 3 px or less. */
    int dx = (int)(st->drift * sin(2 * M_PI * t / 300.0)), dy = (int)(st->drift * sin(2 * M_PI * t / 420.0));
    struct chrome ch;
    int column, pill, area, row = LAY_NONE, languages[LANGUAGE_MAX];

    chrome_begin(a, u, &ch, CHROME_CORNER, NULL);
    /* "Touch to start" takes the whole screen, but for the languages at its foot. */
    area = app_languages(a) ? ui_add(u, ch.body, &(struct lay_box){ .h = { LAY_FILL } }) : ch.body;
    ui_box(u, area)->main = LAY_CENTRE;
    column = ui_add(u, area, &(struct lay_box){
        .w = { LAY_FILL, .max = st->w - 2 * st->margin - 2 * st->drift }, .self = LAY_CENTRE,
        .gap = st->gap_section, .cross = LAY_CENTRE, .shift_x = dx, .shift_y = dy });
    /* The clinic's logo, or its name written out (always in high contrast: a logo is drawn for the
     * clinic's colours, not for black). */
    if (c->logo.file && !a->high_contrast) {
        int logo = chrome_picture(u, column, &c->logo, st->logo_h);
        if (logo != LAY_NONE)
            ui_box(u, logo)->w.max = st->logo_w;
    } else {
        chrome_text(u, column, c->name, FONT_HUGE, INK_TEXT, UI_CENTRE);
    }
    if (c->welcome)
        chrome_text(u, column, c->welcome, FONT_SUBHEADING, INK_MUTED, UI_CENTRE);
    offer(a, u, column);
    /* The pill shows the touch; the whole screen takes it. */
    pill = ui_add_button(u, column, app_text(a, MSG_ATTRACT_START), UI_PILL);
    ui_set_font(u, pill, FONT_HEADING);
    ui_set_role(u, pill, FRAME_ROLE_AREA);
    ui_set_hit(u, pill, area == ch.body ? ch.root : area);
    ui_box(u, pill)->pad.start = ui_box(u, pill)->pad.end = st->pill_pad;
    ui_box(u, pill)->h.min = st->button_h + st->gap;
    if (app_languages(a)) {
        row = picker_row(a, u, ch.body, languages);
        ui_box(u, row)->shift_x = dx;
        ui_box(u, row)->shift_y = dy;
        ui_box(u, row)->pad = (struct lay_pad){ st->margin + st->drift, 0, st->margin + st->drift,
                                                st->margin + st->drift };
    }
    chrome_end(a, u, &ch);
    if (ui_clicked(u, pill))
        app_act(a, ACT_START);
    if (row != LAY_NONE)
        picker_clicked(a, u, languages);
}
