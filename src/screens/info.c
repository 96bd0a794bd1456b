/* info and doctor: long text scrolled by dragging, with the way back always in view. In landscape
 * a column of section buttons jumps to each section of the treatment; it scrolls too when large
 * text makes it taller than the screen. */
#include "screens.h"

#include "ui_picture.h"

#define MAX_SECTIONS 32

static void title_block(struct ui *u, int page, const char *title, const char *subtitle)
{
    int block = ui_add(u, page, &(struct lay_box){ .gap = u->st.gap_tiny });

    chrome_text(u, block, title, FONT_TITLE, INK_TEXT, UI_START);
    if (subtitle)
        chrome_text(u, block, subtitle, FONT_SUBHEADING, INK_ACCENT, UI_START);
}

void screen_info(struct app *a, struct ui *u)
{
    const struct style *st = &u->st;
    const struct content_treatment *t = app_treatment(a);
    int checklist = app_has_checklist(a);
    /* Without a checklist, the page leads to the request instead. */
    const struct chrome_bar bar = { MSG_BUTTON_BACK, CHROME_HOME, checklist ? MSG_BUTTON_SCREENING : MSG_BUTTON_REQUEST,
                                    checklist ? ACT_SCREENING : ACT_REQUEST };
    struct ui_scroll *s = &a->scroll[SCREEN_INFO];
    int n = t->nsections < MAX_SECTIONS ? t->nsections : MAX_SECTIONS, nav_on = st->w >= st->h * 5 / 4 && n >= 2;
    int row, page, sections[MAX_SECTIONS], buttons[MAX_SECTIONS], current = 0;
    struct chrome c;

    chrome_begin(a, u, &c, CHROME_TOP, &bar);
    row = ui_add(u, c.body, &(struct lay_box){ .kind = LAY_ROW, .h = { LAY_FILL } });
    if (nav_on) {
        /* The section in view: the last one that starts in the top third (positions of the last pass). */
        for (int i = 0; i < n; i++)
            if (s->content_h > 0 && a->section_y[i] <= s->offset + s->view_h / 3)
                current = i;
        int nav = ui_add_scroll(u, row, &(struct lay_box){ .w = { LAY_FIXED, st->nav_w + st->margin + st->gap },
                                                           .h = { LAY_FILL },
                                                           .pad = { st->margin, st->margin, st->gap, st->margin },
                                                           .gap = st->gap_small },
                                &a->nav_scroll, "sections");
        ui_push_id(u, "sections");
        for (int i = 0; i < n; i++) {
            buttons[i] = ui_add_button(u, nav, t->sections[i].title, UI_QUIET);
            ui_box(u, buttons[i])->h.min = st->touch;
            ui_set_selected(u, buttons[i], i == current);
        }
        ui_pop_id(u);
    }
    page = chrome_page(u, row, s, "info");
    title_block(u, page, t->name, t->tagline);
    chrome_picture(u, page, &t->picture, st->picture_h);
    for (int i = 0; i < n; i++)
        sections[i] = chrome_section(u, page, &t->sections[i], 1);
    chrome_end(a, u, &c);
    /* Where each section starts in the scrolled text, for the buttons of the next pass. */
    for (int i = 0; i < n; i++)
        a->section_y[i] = ui_rect_of(u, sections[i]).y - ui_rect_of(u, u->lay.nodes[page].parent).y + s->offset -
                          st->gap;
    for (int i = 0; nav_on && i < n; i++)
        if (ui_clicked(u, buttons[i])) {
            s->offset = a->section_y[i];
            a->dirty = 1;
        }
}

void screen_doctor(struct app *a, struct ui *u)
{
    static const struct chrome_bar bar = { MSG_BUTTON_BACK, CHROME_HOME, MSG_BUTTON_REQUEST, ACT_REQUEST };
    const struct content_clinic *c = &a->content->clinic;
    const struct style *st = &u->st;
    struct chrome ch;
    int page, head, words;

    chrome_begin(a, u, &ch, CHROME_TOP, &bar);
    page = chrome_page(u, ch.body, &a->scroll[SCREEN_DOCTOR], "doctor");
    /* Her photo, or her initials in a circle, beside her name and role. */
    head = ui_add(u, page, &(struct lay_box){ .kind = LAY_ROW, .gap = st->gap_large, .cross = LAY_CENTRE });
    ui_add_portrait(u, head, &c->photo, c->doctor_name, st->photo_w);
    words = ui_add(u, head, &(struct lay_box){ .w = { LAY_FILL } });
    title_block(u, words, c->doctor_name, c->doctor_role);
    chrome_section(u, page, &c->doctor, 0);
    chrome_end(a, u, &ch);
}
