/* notices: the idle warning over any screen, and the out-of-order screen: a card in the middle. */
#include "screens.h"

/* A centred card of at most max_w (in parent, or a root of its own for LAY_NONE); returns its
 * column for the words, the root in *root. */
static int dialog(struct ui *u, int parent, int max_w, int *root)
{
    const struct style *st = &u->st;
    int pad = st->dialog_pad;

    *root = ui_add(u, parent, &(struct lay_box){ .kind = LAY_STACK, .main = LAY_CENTRE, .cross = LAY_CENTRE,
                                                   .pad = { st->margin, st->margin, st->margin, st->margin } });
    return ui_add_panel(u, *root, &(struct lay_box){ .w = { LAY_FILL, .max = max_w }, .gap = st->gap_large,
                                                     .pad = { pad, pad, pad, pad } }, UI_DIALOG);
}

void screen_idle_warning(struct app *a, struct ui *u)
{
    uint64_t ends = a->screen_since + (uint64_t)a->cfg->idle_warning_s * 1000;
    int left = ends > a->now ? (int)((ends - a->now + 999) / 1000) : 0;
    int root, card = dialog(u, LAY_NONE, u->st.dialog_w, &root), go_on;

    chrome_text(u, card, app_text(a, MSG_IDLE_TITLE), FONT_TITLE, INK_TEXT, UI_CENTRE);
    chrome_text(u, card, SAY(a, u, MSG_RESTART_COUNTDOWN, WORDING_NUMBER("seconds", left)), FONT_BODY, INK_TEXT,
                UI_CENTRE);
    ui_add(u, card, &(struct lay_box){ .kind = LAY_LEAF, .h = { LAY_FIXED, u->st.gap } });
    go_on = ui_add_button(u, card, app_text(a, MSG_IDLE_CONTINUE), UI_PRIMARY);
    ui_layout(u, root, (struct rect){ 0, 0, u->st.w, u->st.h });
    if (ui_clicked(u, go_on))
        app_act(a, ACT_CONTINUE);
}

void screen_out_of_order(struct app *a, struct ui *u)
{
    struct chrome ch;
    int root, card;

    chrome_begin(a, u, &ch, CHROME_CORNER, NULL);     /* staff can still reach their screen, and see why */
    card = dialog(u, ch.body, u->st.notice_w, &root);
    chrome_text(u, card, app_text(a, MSG_OUT_OF_ORDER_TITLE), FONT_TITLE, INK_TEXT, UI_CENTRE);
    chrome_text(u, card, app_text(a, MSG_OUT_OF_ORDER_TEXT), FONT_HEADING, INK_TEXT, UI_CENTRE);
    chrome_end(a, u, &ch);
}
