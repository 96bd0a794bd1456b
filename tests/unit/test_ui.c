/* Widgets without pixels: the pure behaviour of presses, drags and scrolling; identities from the
 * id stack; controls declared, laid out and recorded with their roles and states; captions that
 * shrink rather than cut a word; right to left; the style's scaling and the themes. Text is
 * measured by a fake: every byte is half the font size wide. */
#include <string.h>

#include "frame.h"
#include "harness.h"
#include "style.h"
#include "theme.h"
#include "ui.h"

static int fake_width(void *ctx, int px, int bold, const char *s, int len)
{
    (void)ctx;
    (void)bold;
    (void)s;
    return len * px / 2;
}

static int fake_line_height(void *ctx, int px, int bold)
{
    (void)ctx;
    (void)bold;
    return px + px / 4;
}

static const struct text_measurer fake = { NULL, fake_width, fake_line_height };
static struct ui u;
static struct frame frame;
static struct text_cache cache;

static const struct ui_pointer away = { -1, -1, 0, 0, 0 };

/* ---------------------------------------------------------------- behaviour */

TEST(press_clicks_when_released_inside)
{
    unsigned active = 0;
    struct rect r = { 10, 10, 100, 50 };
    struct ui_pointer down = { 20, 20, 1, 1, 0 }, hold = { 25, 22, 1, 0, 0 }, up = { 25, 22, 0, 0, 1 };

    ASSERT_INT_EQ(UI_HELD, ui_press_behave(&active, &down, 0, 7, r));
    ASSERT_INT_EQ(7, active);
    ASSERT_INT_EQ(UI_HELD, ui_press_behave(&active, &hold, 0, 7, r));
    ASSERT_INT_EQ(UI_CLICKED, ui_press_behave(&active, &up, 0, 7, r));
    ASSERT_INT_EQ(0, active);
}

TEST(press_released_outside_does_nothing)
{
    unsigned active = 0;
    struct rect r = { 10, 10, 100, 50 };
    struct ui_pointer down = { 20, 20, 1, 1, 0 }, out = { 300, 20, 1, 0, 0 }, up = { 300, 20, 0, 0, 1 };

    ui_press_behave(&active, &down, 0, 7, r);
    ASSERT_INT_EQ(UI_IDLE, ui_press_behave(&active, &out, 0, 7, r));     /* held, but not over it */
    ASSERT_INT_EQ(7, active);
    ASSERT_INT_EQ(UI_IDLE, ui_press_behave(&active, &up, 0, 7, r));
    ASSERT_INT_EQ(0, active);
}

TEST(press_that_lands_elsewhere_or_is_dragged_is_not_a_click)
{
    unsigned active = 0;
    struct rect a = { 0, 0, 50, 50 }, b = { 60, 0, 50, 50 };
    struct ui_pointer down = { 10, 10, 1, 1, 0 }, up_b = { 70, 10, 0, 0, 1 }, hold = { 10, 12, 1, 0, 0 };

    ASSERT_INT_EQ(UI_HELD, ui_press_behave(&active, &down, 0, 1, a));
    ASSERT_INT_EQ(UI_IDLE, ui_press_behave(&active, &down, 0, 2, b));    /* b was not touched */
    ASSERT_INT_EQ(UI_IDLE, ui_press_behave(&active, &up_b, 0, 2, b));    /* released over b: not b's */
    active = 0;
    ui_press_behave(&active, &down, 0, 1, a);
    ASSERT_INT_EQ(UI_IDLE, ui_press_behave(&active, &hold, 1, 1, a));    /* a scroll took the finger */
    ASSERT_INT_EQ(0, active);
}

TEST(drag_starts_past_the_slop_and_ends_when_the_finger_lifts)
{
    struct ui_drag d = { 0 };
    unsigned active = 9;
    struct ui_pointer down = { 100, 100, 1, 1, 0 }, small = { 105, 108, 1, 0, 0 }, far = { 100, 120, 1, 0, 0 };
    struct ui_pointer up = { 100, 120, 0, 0, 1 };

    ASSERT_INT_EQ(0, ui_drag_behave(&d, &active, &down, 10));
    ASSERT_INT_EQ(0, active);               /* a new touch presses nothing yet */
    ASSERT_INT_EQ(0, ui_drag_behave(&d, &active, &small, 10));
    ASSERT_INT_EQ(1, ui_drag_behave(&d, &active, &far, 10));
    ui_release_behave(&d, &active, &up);
    ASSERT_INT_EQ(0, d.dragging);
}

TEST(scroll_follows_the_finger_from_where_it_landed)
{
    struct ui_drag d = { 0 };
    unsigned active = 0;
    struct rect view = { 0, 100, 400, 300 };
    struct ui_pointer down = { 50, 300, 1, 1, 0 }, move = { 50, 200, 1, 0, 0 }, outside = { 50, 50, 1, 1, 0 };

    ui_drag_behave(&d, &active, &down, 10);
    ASSERT_INT_EQ(40, ui_scroll_behave(&d, &down, 5, view, 40));
    ui_drag_behave(&d, &active, &move, 10);
    ASSERT_INT_EQ(140, ui_scroll_behave(&d, &move, 5, view, 40));       /* 100 px up: 100 further down */
    ASSERT_INT_EQ(60, ui_scroll_behave(&d, &move, 6, view, 60));        /* another area stays */
    ui_drag_behave(&d, &active, &outside, 10);
    ASSERT_INT_EQ(140, ui_scroll_behave(&d, &outside, 5, view, 140));   /* landing outside: no grab */
    ASSERT_INT_EQ(0, d.scroll_id);
}

/* ---------------------------------------------------------------- identity */

TEST(ids_come_from_the_scope_not_the_label_alone)
{
    unsigned top, in_a, in_b, again;

    ui_begin(&u, &frame, 800, 600);
    top = ui_id_of(&u, "OK");
    ui_push_id(&u, "dialog a");
    in_a = ui_id_of(&u, "OK");
    ui_pop_id(&u);
    ui_push_id(&u, "dialog b");
    in_b = ui_id_of(&u, "OK");
    ui_push_id_int(&u, 3);
    ASSERT(ui_id_of(&u, "OK") != in_b);
    ui_pop_id(&u);
    ui_pop_id(&u);
    ui_push_id(&u, "dialog a");
    again = ui_id_of(&u, "OK");
    ui_pop_id(&u);
    ASSERT(top != in_a && in_a != in_b && top != in_b);
    ASSERT_INT_EQ(in_a, again);
    ASSERT(ui_id_of(&u, "OK") != 0);
    ui_end(&u);
}

/* ---------------------------------------------------------------- laying out */

/* One pass with the pointer p over a column holding the given labels as buttons. */
static int yes, no, toggle, field;

static void form_pass(struct ui_pointer p, int rtl)
{
    int root, row;

    u.ptr = p;
    u.rtl = rtl;
    ui_begin(&u, &frame, 800, 600);
    root = ui_add(&u, LAY_NONE, &(struct lay_box){ .gap = 10, .pad = { 20, 20, 20, 20 } });
    ui_add_text(&u, root, "Question 1 of 6", FONT_SUBHEADING, INK_ACCENT, UI_START);
    row = ui_add(&u, root, &(struct lay_box){ .kind = LAY_ROW, .gap = 10 });
    ui_push_id(&u, "answers");
    yes = ui_add_button(&u, row, "Yes", UI_SECONDARY);
    no = ui_add_button(&u, row, "No", UI_SECONDARY);
    ui_box(&u, yes)->w.kind = ui_box(&u, no)->w.kind = LAY_FILL;
    ui_set_selected(&u, no, 1);
    ui_pop_id(&u);
    toggle = ui_add_toggle(&u, root, "You may contact me", 1);
    field = ui_add_field(&u, root, "Full name", "", "Tap here to type your name", 0, 1);
    ui_layout(&u, root, (struct rect){ 0, 0, 800, 600 });
    ui_end(&u);
}

TEST(controls_are_recorded_in_reading_order_with_role_and_state)
{
    u.active = 0;
    form_pass(away, 0);
    ASSERT_INT_EQ(4, frame.nwidgets);
    ASSERT_STR_EQ("Yes", frame.widgets[0].label);
    ASSERT_STR_EQ("No", frame.widgets[1].label);
    ASSERT_INT_EQ(FRAME_ROLE_BUTTON, frame.widgets[1].role);
    ASSERT_INT_EQ(FRAME_STATE_SELECTED, frame.widgets[1].state);
    ASSERT_INT_EQ(FRAME_ROLE_CHECKBOX, frame.widgets[2].role);
    ASSERT_INT_EQ(FRAME_STATE_CHECKED, frame.widgets[2].state);
    ASSERT_INT_EQ(FRAME_ROLE_FIELD, frame.widgets[3].role);
    ASSERT_INT_EQ(FRAME_STATE_EMPTY | FRAME_STATE_INVALID, frame.widgets[3].state);
    ASSERT_STR_EQ("Question 1 of 6", frame.texts[0].text);
    ASSERT(frame_has_text(&frame, "Tap here to type your name"));
    /* Yes and No share the row: 760 less a 10 px gap */
    ASSERT_INT_EQ(375, frame.widgets[0].r.w);
    ASSERT_INT_EQ(20 + 375 + 10, frame.widgets[1].r.x);
    ASSERT(frame.widgets[0].r.h >= u.st.button_h);
}

TEST(a_tap_clicks_the_control_under_the_finger_once)
{
    struct rect r;
    struct ui_pointer down, up;

    u.active = 0;
    form_pass(away, 0);
    r = frame.widgets[1].r;
    down = (struct ui_pointer){ r.x + 5, r.y + 5, 1, 1, 0 };
    up = (struct ui_pointer){ r.x + 5, r.y + 5, 0, 0, 1 };
    form_pass(down, 0);
    ASSERT_INT_EQ(UI_HELD, ui_state(&u, no));
    ASSERT(frame.widgets[1].state & FRAME_STATE_PRESSED);
    ASSERT_INT_EQ(0, ui_clicked(&u, no));
    form_pass(up, 0);
    ASSERT_INT_EQ(1, ui_clicked(&u, no));
    ASSERT_INT_EQ(0, ui_clicked(&u, yes));
    form_pass(away, 0);
    ASSERT_INT_EQ(0, ui_clicked(&u, no));
}

TEST(right_to_left_mirrors_the_row_and_puts_the_tick_box_at_the_right)
{
    const struct draw_cmd *box = NULL;

    form_pass(away, 1);
    ASSERT_INT_EQ(800 - 20 - 375, frame.widgets[0].r.x);    /* "Yes", first, at the right */
    ASSERT_INT_EQ(20, frame.widgets[1].r.x);
    /* The tick box: the toggle's second rectangle, at its right end. */
    for (int i = 0, seen = 0; i < frame.ncmds; i++)
        if (frame.cmds[i].kind == DRAW_RECT && frame.cmds[i].r.w == u.st.toggle_box && seen++ == 0)
            box = &frame.cmds[i];
    ASSERT(box != NULL);
    ASSERT_INT_EQ(frame.widgets[2].r.x + frame.widgets[2].r.w - u.st.toggle_pad - u.st.toggle_box, box->r.x);
    /* Text at the start is right-aligned. */
    ASSERT_INT_EQ(800 - 20, frame.texts[0].r.x + frame.texts[0].r.w);
    form_pass(away, 0);
    ASSERT_INT_EQ(20, frame.texts[0].r.x);
}

TEST(a_caption_too_wide_for_its_key_is_set_smaller_not_cut)
{
    int root, key;

    u.ptr = away;
    u.rtl = 0;
    ui_begin(&u, &frame, 800, 600);
    root = ui_add(&u, LAY_NONE, &(struct lay_box){ .kind = LAY_ROW });
    key = ui_add_button(&u, root, "Backspace", UI_TINTED);
    /* 9 bytes at 27 px is 121 px: more than 100 less padding */
    ui_box(&u, key)->w = (struct lay_size){ .kind = LAY_FIXED, .px = 100 };
    ui_box(&u, key)->h = (struct lay_size){ .kind = LAY_FIXED, .px = 64 };
    ui_layout(&u, root, (struct rect){ 0, 0, 800, 600 });
    ASSERT_INT_EQ(1, frame.ntexts);
    ASSERT_INT_EQ(0, frame.texts[0].cut);
    ASSERT(frame.texts[0].r.w <= 100 - 2 * u.st.pad);
    ASSERT(frame.texts[0].r.x >= 0 && frame.texts[0].r.x + frame.texts[0].r.w <= 100);
    ui_end(&u);
}

/* A scrolled list of 20 buttons under a bar. */
static int list_button[20];
static struct ui_scroll list_scroll;

static void list_pass(struct ui_pointer p)
{
    int root, view;
    char label[16];

    u.ptr = p;
    ui_begin(&u, &frame, 400, 600);
    root = ui_add(&u, LAY_NONE, &(struct lay_box){ 0 });
    ui_add_panel(&u, root, &(struct lay_box){ .h = { LAY_FIXED, 100 } }, UI_BAR_TOP);
    view = ui_add_scroll(&u, root, &(struct lay_box){ .h = { LAY_FILL }, .gap = 20 }, &list_scroll, "list");
    for (int i = 0; i < 20; i++) {
        snprintf(label, sizeof label, "Item %d", i);
        list_button[i] = ui_add_button(&u, view, ui_fmt(&u, "%s", label), UI_SECONDARY);
    }
    ui_layout(&u, root, (struct rect){ 0, 0, 400, 600 });
    ui_end(&u);
}

TEST(dragging_scrolls_the_list_and_cancels_the_press)
{
    int y0;

    memset(&list_scroll, 0, sizeof list_scroll);
    u.active = 0;
    list_pass(away);
    ASSERT_INT_EQ(500, list_scroll.view_h);
    ASSERT(list_scroll.content_h > 1000);
    y0 = frame.widgets[1].r.y;
    ASSERT(frame_find_widget(&frame, "Item 19") == -1);             /* out of view: not tappable */
    ASSERT(frame.widgets[19].state & FRAME_STATE_HIDDEN);           /* but recorded, in order */
    list_pass((struct ui_pointer){ 200, y0 + 10, 1, 1, 0 });        /* lands on Item 1 */
    list_pass((struct ui_pointer){ 200, y0 - 290, 1, 0, 0 });       /* drags 300 px up */
    ASSERT_INT_EQ(300, list_scroll.offset);
    ASSERT_INT_EQ(0, u.active);                                     /* the press was cancelled */
    list_pass((struct ui_pointer){ 200, y0 - 290, 0, 0, 1 });
    ASSERT_INT_EQ(0, ui_clicked(&u, list_button[1]));
    ASSERT_INT_EQ(y0 - 300, lay_rect(&u.lay, list_button[1]).y);
    list_pass((struct ui_pointer){ 200, 300, 1, 1, 0 });
    list_pass((struct ui_pointer){ 200, -100000, 1, 0, 0 });        /* far past the end: kept within */
    ASSERT_INT_EQ(list_scroll.content_h - 500, list_scroll.offset);
    list_pass((struct ui_pointer){ 200, -100000, 0, 0, 1 });
    ASSERT(frame_find_widget(&frame, "Item 19") >= 0);
}

TEST(the_arena_is_zeroed_after_each_pass)
{
    const char *s;

    ui_begin(&u, &frame, 800, 600);
    s = ui_fmt(&u, "%s", "Ana Example");
    ASSERT_STR_EQ("Ana Example", s);
    ui_end(&u);
    ASSERT_INT_EQ(0, u.arena_used);
    for (size_t i = 0; i < sizeof u.arena; i++)
        if (u.arena[i])
            FAIL_AT("byte %zu of the arena is not zero", i);
}

/* ---------------------------------------------------------------- style and theme */

TEST(style_scales_once_for_the_screen_and_the_text_size)
{
    struct style s, big, large;

    style_init(&s, 1280, 800, 0, &fake);
    style_init(&big, 1920, 1080, 0, &fake);
    style_init(&large, 1280, 800, 1, &fake);
    ASSERT_INT_EQ(64, s.touch);
    ASSERT_INT_EQ(86, big.touch);                   /* 64 x 1080 / 800 */
    ASSERT_INT_EQ(s.touch, large.touch);            /* text size changes fonts, not targets */
    ASSERT(large.font[FONT_BODY].px > s.font[FONT_BODY].px);
    ASSERT_INT_EQ(s.font[FONT_KEY_MIN].px, large.font[FONT_KEY_MIN].px);   /* the last resort is unscaled */
    ASSERT(s.button_h >= style_line_h(&s, FONT_BUTTON) + 2 * s.pad);
    ASSERT(large.button_h >= style_line_h(&large, FONT_BUTTON) + 2 * large.pad);
    style_init(&s, 200, 200, 0, &fake);
    ASSERT(s.border >= 1 && s.border_box >= 1 && s.gap_tiny >= 1);
}

TEST(themes_keep_their_colours_and_dim_everything_but_the_overlay)
{
    struct content_clinic c = { 0 };
    struct theme t, hc, d;

    c.colour_background = 0x102030;
    c.colour_accent = 0xABCDEF;
    t = theme_standard(&c);
    ASSERT_INT_EQ(0x102030FF, t.bg);
    ASSERT_INT_EQ(0xABCDEFFF, t.accent);
    ASSERT_INT_EQ(t.accent, t.selected);
    hc = theme_high_contrast();
    ASSERT_INT_EQ(0x000000FF, hc.bg);
    ASSERT_INT_EQ(0xFFFFFFFF, hc.text);
    d = theme_dimmed(&t);
    ASSERT(d.bg != t.bg && d.text != t.text && d.track != t.track);
    ASSERT_INT_EQ(t.overlay, d.overlay);
    ASSERT_INT_EQ(0xFF, d.bg & 0xFF);
    ASSERT_INT_EQ(0xF6F4F0FF, theme_standard(NULL).bg);
}

int main(int argc, char **argv)
{
    BEGIN(argc, argv);
    u.tm = &fake;
    u.tc = &cache;
    u.th = theme_standard(NULL);
    ui_style(&u, 800, 600, 0);
    RUN(press_clicks_when_released_inside);
    RUN(press_released_outside_does_nothing);
    RUN(press_that_lands_elsewhere_or_is_dragged_is_not_a_click);
    RUN(drag_starts_past_the_slop_and_ends_when_the_finger_lifts);
    RUN(scroll_follows_the_finger_from_where_it_landed);
    RUN(ids_come_from_the_scope_not_the_label_alone);
    RUN(controls_are_recorded_in_reading_order_with_role_and_state);
    RUN(a_tap_clicks_the_control_under_the_finger_once);
    RUN(right_to_left_mirrors_the_row_and_puts_the_tick_box_at_the_right);
    RUN(a_caption_too_wide_for_its_key_is_set_smaller_not_cut);
    RUN(dragging_scrolls_the_list_and_cancels_the_press);
    RUN(the_arena_is_zeroed_after_each_pass);
    RUN(style_scales_once_for_the_screen_and_the_text_size);
    RUN(themes_keep_their_colours_and_dim_everything_but_the_overlay);
    END();
}
