/* chrome: what every screen shares: the top and bottom bars, the staff corner, a scrolled page,
 * the rich text of a content section, and words with placeholders. */
#include "screens.h"

#include <assert.h>
#include <stdio.h>

#include "ui_picture.h"

/* ---------------------------------------------------------------- the bars */

static void top_bar(struct app *a, struct ui *u, struct chrome *c, int column)
{
    const struct style *st = &u->st;
    int bar = ui_add_panel(u, column, &(struct lay_box){
        .kind = LAY_ROW, .h = { LAY_FIXED, st->button_h + 2 * st->bar_pad },
        .pad = { st->margin, st->bar_pad, st->margin, st->bar_pad }, .cross = LAY_CENTRE, .main = LAY_END }, UI_BAR_TOP);
    /* A logo is drawn for the clinic's colours: in high contrast the name is written instead. */
    const struct content_picture *logo = a->content && !a->high_contrast ? &a->content->clinic.logo : NULL;
    int name = logo && logo->file ? LAY_NONE : ui_add_text(u, bar, a->content ? a->content->clinic.name : "",
                                                           FONT_SUBHEADING, INK_TEXT, UI_START);

    if (name == LAY_NONE) {
        /* The logo, as tall as the bar's buttons, smaller when the toggles leave less room. */
        int room = ui_add(u, bar, &(struct lay_box){ .w = { LAY_FILL }, .h = { LAY_FIXED, st->button_h },
                                                     .main = LAY_CENTRE, .pad = { .end = st->gap },
                                                     .flags = LAY_OPTIONAL });
        int pic = ui_add_picture(u, room, logo, 0, 0);
        if (pic != LAY_NONE)
            /* At least half a button tall, or not at all. */
            ui_box(u, pic)->w = (struct lay_size){ LAY_FILL,
                                                   .min = (int)((long long)st->button_h / 2 * logo->width / logo->height),
                                                   .max = (int)((long long)st->button_h * logo->width / logo->height) };
    } else {
        /* The clinic's name where there is room for it whole, else nothing. */
        ui_box(u, name)->w.kind = LAY_FILL;
        ui_box(u, name)->h.max = st->button_h;
        ui_box(u, name)->flags |= LAY_OPTIONAL;
        ui_box(u, name)->pad.end = st->gap;
    }
    /* The toggles in a row of their own, and the logo or name before them with the gap inside it:
     * left out whole where it does not fit, it costs the toggles nothing (not even a gap). */
    int toggles = ui_add(u, bar, &(struct lay_box){ .kind = LAY_ROW, .gap = st->gap, .cross = LAY_CENTRE });
    ui_set_same_font(u, toggles);
    ui_push_id(u, "top-bar");
    c->large = ui_add_toggle(u, toggles, app_text(a, MSG_BAR_LARGER_TEXT), a->large_text);
    c->contrast = ui_add_toggle(u, toggles, app_text(a, MSG_BAR_HIGH_CONTRAST), a->high_contrast);
    c->speech = ui_add_toggle(u, toggles, app_text(a, MSG_SPEECH_READ_ALOUD), a->speech.on);
    if (app_languages(a)) {
        /* The language shown, by its own name: a tap lists the others (screen_languages). */
        const struct languages *L = app_languages(a);
        c->language = ui_add_button(u, toggles, languages_current(L)->name, UI_SECONDARY);
        ui_box(u, c->language)->h = (struct lay_size){ .kind = LAY_FIXED, .px = st->button_h };
        ui_box(u, c->language)->pad.start = ui_box(u, c->language)->pad.end = st->gap;
    }
    ui_pop_id(u);
    ui_box(u, c->large)->h = (struct lay_size){ .kind = LAY_FIXED, .px = st->button_h };
    ui_box(u, c->contrast)->h = (struct lay_size){ .kind = LAY_FIXED, .px = st->button_h };
    ui_box(u, c->speech)->h = (struct lay_size){ .kind = LAY_FIXED, .px = st->button_h };
}

static int bar_button(struct app *a, struct ui *u, int row, enum wording_id label, enum ui_button_kind kind);

/* While Read aloud is on, a bar below the top one: slower, faster, quieter, louder. */
static void speech_bar(struct app *a, struct ui *u, struct chrome *c, int column)
{
    const struct style *st = &u->st;
    int row = ui_add_panel(u, column, &(struct lay_box){
        .kind = LAY_ROW, .h = { LAY_FIXED, st->button_h + 2 * st->bar_pad },
        .pad = { st->margin, st->bar_pad, st->margin, st->bar_pad }, .gap = st->gap, .cross = LAY_CENTRE,
        .main = LAY_END }, UI_BAR_TOP);

    ui_push_id(u, "speech-bar");
    c->slower = bar_button(a, u, row, MSG_SPEECH_SLOWER, UI_SECONDARY);
    c->faster = bar_button(a, u, row, MSG_SPEECH_FASTER, UI_SECONDARY);
    c->quieter = bar_button(a, u, row, MSG_SPEECH_QUIETER, UI_SECONDARY);
    c->louder = bar_button(a, u, row, MSG_SPEECH_LOUDER, UI_SECONDARY);
    ui_pop_id(u);
}

/* A bottom bar's button: as wide as its words, at least a bar button's width, one line tall. */
static int bar_button(struct app *a, struct ui *u, int row, enum wording_id label, enum ui_button_kind kind)
{
    const struct style *st = &u->st;
    int b = ui_add_button(u, row, app_text(a, label), kind);
    struct lay_box *box = ui_box(u, b);

    box->pad.start = box->pad.end = st->gap_large;
    box->w.min = st->bar_button_w;
    box->h = (struct lay_size){ .kind = LAY_FIXED, .px = st->button_h };
    return b;
}

static void bottom_bar(struct app *a, struct ui *u, struct chrome *c, int column, const struct chrome_bar *bar)
{
    const struct style *st = &u->st;
    int row = ui_add_panel(u, column, &(struct lay_box){
        .kind = LAY_ROW, .h = { LAY_FIXED, st->button_h + 2 * st->bar_pad },
        .pad = { st->margin, st->bar_pad, st->margin, st->bar_pad }, .gap = st->gap, .cross = LAY_CENTRE }, UI_BAR);

    ui_push_id(u, "bottom-bar");
    if (bar->back != MSG_NONE)
        c->back = bar_button(a, u, row, bar->back, UI_SECONDARY);
    if (bar->second != CHROME_NONE)
        c->second = bar_button(a, u, row, bar->second == CHROME_HOME ? MSG_BUTTON_HOME : MSG_BUTTON_START_OVER,
                               UI_SECONDARY);
    ui_add(u, row, &(struct lay_box){ .kind = LAY_LEAF, .w = { LAY_FILL } });
    if (bar->primary != MSG_NONE)
        c->primary = bar_button(a, u, row, bar->primary, UI_PRIMARY);
    ui_pop_id(u);
}

void chrome_begin(struct app *a, struct ui *u, struct chrome *c, unsigned parts, const struct chrome_bar *bar)
{
    int column;

    *c = (struct chrome){ .corner = LAY_NONE, .large = LAY_NONE, .contrast = LAY_NONE, .back = LAY_NONE,
                          .second = LAY_NONE, .primary = LAY_NONE, .speech = LAY_NONE, .slower = LAY_NONE,
                          .faster = LAY_NONE, .quieter = LAY_NONE, .louder = LAY_NONE, .language = LAY_NONE,
                          .bar = bar };
    c->root = ui_add(u, LAY_NONE, &(struct lay_box){ .kind = LAY_STACK });
    if (parts & CHROME_CORNER) {
        /* First, so that a finger there is the corner's before any control's. At the start of the
         * top bar, over the clinic's name: top left, top right on a screen that reads right to
         * left (where the top bar's controls end on the left). */
        c->corner = ui_add_area(u, c->root, NULL, "staff-corner");
        *ui_box(u, c->corner) = (struct lay_box){ .kind = LAY_LEAF, .w = { LAY_FIXED, u->st.corner },
                                                  .h = { LAY_FIXED, u->st.corner }, .self = LAY_START };
    }
    column = ui_add(u, c->root, &(struct lay_box){ .h = { LAY_FILL } });
    if (parts & CHROME_TOP)
        top_bar(a, u, c, column);
    if ((parts & CHROME_TOP) && a->speech.on)
        speech_bar(a, u, c, column);
    c->body = ui_add(u, column, &(struct lay_box){ .h = { LAY_FILL } });
    if (bar)
        bottom_bar(a, u, c, column, bar);
}

void chrome_end(struct app *a, struct ui *u, struct chrome *c)
{
    ui_layout(u, c->root, (struct rect){ 0, 0, u->f->w, u->f->h });
    if (c->corner != LAY_NONE) {
        /* Held: the app's timer opens the PIN pad after 3 s. */
        if (ui_state(u, c->corner) == UI_HELD && !a->corner_since)
            a->corner_since = a->now;
        else if (ui_state(u, c->corner) != UI_HELD)
            a->corner_since = 0;
    }
    if (c->large != LAY_NONE && ui_clicked(u, c->large)) {
        a->large_text = !a->large_text;
        a->dirty = 1;
    }
    if (c->contrast != LAY_NONE && ui_clicked(u, c->contrast)) {
        a->high_contrast = !a->high_contrast;
        a->dirty = 1;
    }
    if (c->language != LAY_NONE && ui_clicked(u, c->language)) {
        a->picking = 1;
        a->dirty = 1;
    }
    if (c->speech != LAY_NONE && ui_clicked(u, c->speech))
        access_toggle(a);
    if (c->slower != LAY_NONE && ui_clicked(u, c->slower))
        access_adjust(a, SPEECH_SLOWER);
    if (c->faster != LAY_NONE && ui_clicked(u, c->faster))
        access_adjust(a, SPEECH_FASTER);
    if (c->quieter != LAY_NONE && ui_clicked(u, c->quieter))
        access_adjust(a, SPEECH_QUIETER);
    if (c->louder != LAY_NONE && ui_clicked(u, c->louder))
        access_adjust(a, SPEECH_LOUDER);
    if (c->back != LAY_NONE && ui_clicked(u, c->back))
        app_act(a, ACT_BACK);
    if (c->second != LAY_NONE && ui_clicked(u, c->second))
        app_act(a, c->bar->second == CHROME_HOME ? ACT_HOME : ACT_LEAVE);
    if (c->primary != LAY_NONE && ui_clicked(u, c->primary))
        app_act(a, c->bar->act);
}

/* ---------------------------------------------------------------- pages and text */

int chrome_page(struct ui *u, int parent, struct ui_scroll *s, const char *name)
{
    const struct style *st = &u->st;
    int view = ui_add_scroll(u, parent, &(struct lay_box){ .w = { LAY_FILL }, .h = { LAY_FILL },
                                                           .pad = { st->margin, 0, st->margin, 0 } }, s, name);

    return ui_add(u, view, &(struct lay_box){ .w = { LAY_FILL, .max = st->body_w }, .self = LAY_CENTRE,
                                              .pad = { 0, st->gap_section, 0, st->margin }, .gap = st->gap });
}

int chrome_picture(struct ui *u, int parent, const struct content_picture *pic, int max_h)
{
    int n = ui_add_picture(u, parent, pic, 0, 0);

    if (n != LAY_NONE)
        ui_box(u, n)->h.max = max_h;
    return n;
}

int chrome_text(struct ui *u, int parent, const char *s, enum style_font font, enum ui_ink ink, enum ui_align align)
{
    int t = ui_add_text(u, parent, s, font, ink, align);

    ui_box(u, t)->w.kind = LAY_FILL;
    return t;
}

const char *chrome_words(const struct app *a, struct ui *u, enum wording_id id, const struct wording_arg *args,
                         int nargs)
{
    char out[WORDING_TEXT_BYTES];
    const char *s = ui_fmt(u, "%s", wording_format(a->words, id, out, sizeof out, args, nargs));

    return s;
}

enum wording_id chrome_time_words(enum form_contact_time t)
{
    switch (t) {
    case FORM_CONTACT_MORNING:   return MSG_TIME_MORNING;
    case FORM_CONTACT_AFTERNOON: return MSG_TIME_AFTERNOON;
    case FORM_CONTACT_EVENING:   return MSG_TIME_EVENING;
    case FORM_CONTACT_ANY:       return MSG_TIME_ANY;
    case FORM_CONTACT_UNSET:     break;
    }
    return MSG_NONE;
}

enum wording_id chrome_outcome_words(enum screening_outcome o, int title)
{
    static const struct { enum wording_id title, summary; } words[] = {
        [SCREENING_NOT_TAKEN] = { MSG_RESULT_UNFINISHED, MSG_REVIEW_NOT_TAKEN },
        [SCREENING_CLEAR] = { MSG_RESULT_CLEAR, MSG_REVIEW_CLEAR },
        [SCREENING_DISCUSS] = { MSG_RESULT_DISCUSS, MSG_REVIEW_DISCUSS },
        [SCREENING_STOP] = { MSG_RESULT_STOP, MSG_REVIEW_STOP },
    };

    assert(o >= 0 && o < (int)(sizeof words / sizeof words[0]));
    return title ? words[o].title : words[o].summary;
}

/* A bullet: its dot on the first line's middle, its text beside it. */
static void bullet(struct ui *u, int list, const char *text)
{
    const struct style *st = &u->st;
    int row = ui_add(u, list, &(struct lay_box){ .kind = LAY_ROW, .cross = LAY_START });
    int holder = ui_add(u, row, &(struct lay_box){
        .w = { LAY_FIXED, st->indent }, .cross = LAY_START,
        .pad = { st->gap_small, (style_line_h(st, FONT_BODY) - st->dot) / 2, 0, 0 } });

    ui_add_dot(u, holder, st->dot, INK_ACCENT);
    chrome_text(u, row, text, FONT_BODY, INK_TEXT, UI_START);
}

/* A numbered step: its number in a circle, its title and text beside it. */
static void step(struct ui *u, int list, const struct content_block *b)
{
    const struct style *st = &u->st;
    int row = ui_add(u, list, &(struct lay_box){ .kind = LAY_ROW, .gap = st->gap, .cross = LAY_START }), words;

    ui_add_badge(u, row, ui_fmt(u, "%d", b->number), FONT_SUBHEADING);
    words = ui_add(u, row, &(struct lay_box){ .w = { LAY_FILL }, .gap = st->gap_small });
    chrome_text(u, words, b->title ? b->title : "", FONT_SUBHEADING, INK_TEXT, UI_START);
    if (b->text[0])
        chrome_text(u, words, b->text, FONT_BODY, INK_TEXT, UI_START);
}

int chrome_section(struct ui *u, int parent, const struct content_section *s, int with_title)
{
    const struct style *st = &u->st;
    int col = ui_add(u, parent, &(struct lay_box){ .gap = st->gap }), list = LAY_NONE;
    int last = -1;

    if (with_title && s->title)
        chrome_text(u, col, s->title, FONT_HEADING, INK_TEXT, UI_START);
    for (int i = 0; i < s->nblocks; i++) {
        const struct content_block *b = &s->blocks[i];
        switch (b->kind) {
        case CONTENT_PARAGRAPH:
            chrome_text(u, col, b->text, FONT_BODY, INK_TEXT, UI_START);
            break;
        case CONTENT_BULLET:
            if (last != CONTENT_BULLET)
                list = ui_add(u, col, &(struct lay_box){ .gap = st->gap_small });
            bullet(u, list, b->text);
            break;
        case CONTENT_STEP:
            if (last != CONTENT_STEP)
                list = ui_add(u, col, &(struct lay_box){ .gap = st->gap_large });
            step(u, list, b);
            break;
        case CONTENT_FAQ: {
            int pair = ui_add(u, col, &(struct lay_box){ .gap = st->gap_tiny });
            chrome_text(u, pair, b->title ? b->title : "", FONT_BODY_BOLD, INK_TEXT, UI_START);
            chrome_text(u, pair, b->text, FONT_BODY, INK_TEXT, UI_START);
            break;
        }
        case CONTENT_PICTURE:
            chrome_picture(u, col, b->picture, st->picture_h);
            break;
        }
        last = (int)b->kind;
    }
    return col;
}
