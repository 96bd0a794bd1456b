/* home: one treatment as a large card beside its big choices (below them in portrait). With
 * several treatments it is the page of the one chosen on the menu, and "Back" returns there. */
#include "screens.h"

#include "ui_picture.h"

static void card(struct app *a, struct ui *u, int parent)
{
    const struct style *st = &u->st;
    const struct content_treatment *t = app_treatment(a);
    int c = ui_add_panel(u, parent, &(struct lay_box){
        .w = { LAY_FILL, .weight = 58 }, .pad = { st->card_pad, st->card_pad, st->card_pad, st->card_pad },
        .gap = st->gap_small }, UI_CARD);

    if (chrome_picture(u, c, &t->picture, st->card_picture_h) != LAY_NONE)
        ui_add(u, c, &(struct lay_box){ .kind = LAY_LEAF, .h = { LAY_FIXED, st->gap_small } });
    chrome_text(u, c, t->name, FONT_TITLE, INK_TEXT, UI_START);
    if (t->tagline)
        chrome_text(u, c, t->tagline, FONT_SUBHEADING, INK_ACCENT, UI_START);
    if (t->summary) {
        ui_add(u, c, &(struct lay_box){ .kind = LAY_LEAF, .h = { LAY_FIXED, st->gap_small } });
        chrome_text(u, c, t->summary, FONT_BODY, INK_TEXT, UI_START);
    }
}

static int choice(struct app *a, struct ui *u, int parent, const char *label, enum ui_button_kind kind)
{
    int b = ui_add_button(u, parent, label, kind);

    (void)a;
    ui_box(u, b)->h.min = kind == UI_QUIET ? u->st.button_h : u->st.choice_h;
    return b;
}

void screen_home(struct app *a, struct ui *u)
{
    static const struct chrome_bar back = { MSG_BUTTON_BACK, CHROME_NONE, MSG_NONE, ACT_NONE };
    const struct style *st = &u->st;
    const struct content_treatment *t = app_treatment(a);
    int several = a->content->ntreatments > 1, landscape = st->w > st->h;
    int page, both, choices, about, screening = LAY_NONE, request, doctor;
    struct chrome c;

    chrome_begin(a, u, &c, CHROME_TOP | (several ? 0 : CHROME_CORNER), several ? &back : NULL);
    /* Centred in the room between the bars; scrolled when it does not fit (large text, portrait). */
    page = ui_add_scroll(u, c.body, &(struct lay_box){ .h = { LAY_FILL }, .main = LAY_CENTRE,
                                                       .pad = { st->margin, st->gap_section, st->margin, st->margin } },
                         &a->scroll[SCREEN_HOME], "home");
    both = ui_add(u, page, &(struct lay_box){ .kind = landscape ? LAY_ROW : LAY_COLUMN, .gap = st->gap_section,
                                              .cross = landscape ? LAY_CENTRE : LAY_STRETCH });
    card(a, u, both);
    choices = ui_add(u, both, &(struct lay_box){ .w = { LAY_FILL, .weight = 42 }, .gap = st->gap_large });
    ui_push_id(u, t->id);
    about = choice(a, u, choices, app_text(a, MSG_BUTTON_ABOUT), UI_SECONDARY);
    if (app_has_checklist(a))
        screening = choice(a, u, choices, app_text(a, MSG_BUTTON_SCREENING), UI_SECONDARY);
    request = choice(a, u, choices, app_text(a, MSG_BUTTON_REQUEST), UI_PRIMARY);
    {
        /* The doctor's photo (or initials) beside her name; the whole row takes the finger. */
        const struct content_clinic *cl = &a->content->clinic;
        int row = ui_add(u, choices, &(struct lay_box){ .kind = LAY_ROW, .gap = st->gap, .cross = LAY_CENTRE });
        ui_add_portrait(u, row, &cl->photo, cl->doctor_name, st->avatar);
        doctor = choice(a, u, row, SAY(a, u, MSG_HOME_DOCTOR, WORDING_TEXT("doctor", cl->doctor_name)), UI_QUIET);
        ui_box(u, doctor)->w.kind = LAY_FILL;
        ui_set_hit(u, doctor, row);
    }
    ui_pop_id(u);
    chrome_end(a, u, &c);
    if (ui_clicked(u, about))
        app_act(a, ACT_ABOUT);
    if (screening != LAY_NONE && ui_clicked(u, screening))
        app_act(a, ACT_SCREENING);
    if (ui_clicked(u, request))
        app_act(a, ACT_REQUEST);
    if (ui_clicked(u, doctor))
        app_act(a, ACT_DOCTOR);
}
