/* The layout engine without pixels: columns, rows, grids, stacks, wrapping, scrolling, optional
 * boxes, right to left, and that each leaf is measured once. Leaves here are "text" of n
 * characters, 10 px each, that wraps at character boundaries in words of word_len characters. */
#include <string.h>

#include "harness.h"
#include "layout.h"

static struct lay L;

/* A fake text: chars[i] characters in words of words[i] characters, lines of 20 px. */
static int chars[LAY_MAX_NODES], words[LAY_MAX_NODES], heights_asked[LAY_MAX_NODES], last_w[LAY_MAX_NODES];

static void fake_width(void *ctx, int node, int *min, int *pref)
{
    (void)ctx;
    *min = words[node] * 10;
    *pref = chars[node] * 10;
}

static int fake_height(void *ctx, int node, int w, int max_h)
{
    int per_line = w / 10 < 1 ? 1 : w / 10, lines;

    (void)ctx;
    (void)max_h;
    heights_asked[node]++;
    last_w[node] = w;
    per_line = per_line / (words[node] ? words[node] : 1) * (words[node] ? words[node] : 1);
    if (per_line < 1)
        per_line = 1;
    lines = (chars[node] + per_line - 1) / per_line;
    return (lines < 1 ? 1 : lines) * 20;
}

static const struct lay_measurer fake = { NULL, fake_width, fake_height };

static int text(int parent, int n, int word)
{
    int i = lay_add(&L, parent, &(struct lay_box){ .kind = LAY_LEAF, .flags = LAY_MEASURED });

    chars[i] = n;
    words[i] = word;
    heights_asked[i] = 0;
    return i;
}

static int fixed(int parent, int w, int h)
{
    return lay_add(&L, parent, &(struct lay_box){ .kind = LAY_LEAF, .w = { LAY_FIXED, w }, .h = { LAY_FIXED, h } });
}

static int rect_is(struct rect r, int x, int y, int w, int h)
{
    if (r.x == x && r.y == y && r.w == w && r.h == h)
        return 1;
    fprintf(stderr, "  rect is %d,%d %dx%d, expected %d,%d %dx%d\n", r.x, r.y, r.w, r.h, x, y, w, h);
    return 0;
}

TEST(column_stacks_children_with_gaps_and_padding)
{
    int root, a, b;

    lay_begin(&L, &fake, 0);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ .gap = 10, .pad = { 5, 6, 7, 8 } });
    a = text(root, 30, 5);      /* 300 px of text in 188 px: 2 lines of 18 chars... */
    b = fixed(root, 50, 40);
    lay_solve(&L, root, (struct rect){ 0, 0, 200, 500 });
    ASSERT(rect_is(lay_rect(&L, a), 5, 6, 188, 40));    /* 15 chars a line (3 words): 2 lines */
    ASSERT(rect_is(lay_rect(&L, b), 5, 56, 50, 40));
    ASSERT_INT_EQ(1, heights_asked[a]);
    ASSERT_INT_EQ(188, last_w[a]);
}

TEST(column_fill_takes_the_room_left_by_weight)
{
    int root, top, mid, bottom, last;

    lay_begin(&L, &fake, 0);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ 0 });
    top = fixed(root, 10, 100);
    mid = lay_add(&L, root, &(struct lay_box){ .h = { LAY_FILL, .weight = 1 } });
    last = lay_add(&L, root, &(struct lay_box){ .h = { LAY_FILL, .weight = 3 } });
    bottom = fixed(root, 10, 100);
    lay_solve(&L, root, (struct rect){ 0, 0, 300, 1000 });
    ASSERT(rect_is(lay_rect(&L, top), 0, 0, 10, 100));
    ASSERT(rect_is(lay_rect(&L, mid), 0, 100, 300, 200));
    ASSERT(rect_is(lay_rect(&L, last), 0, 300, 300, 600));
    ASSERT(rect_is(lay_rect(&L, bottom), 0, 900, 10, 100));
}

TEST(fills_stopped_by_their_maximum_leave_the_rest_to_the_alignment)
{
    int root, rows[3];

    lay_begin(&L, &fake, 0);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ .main = LAY_END, .gap = 10 });
    for (int i = 0; i < 3; i++)
        rows[i] = lay_add(&L, root, &(struct lay_box){ .h = { LAY_FILL, .min = 40, .max = 90 } });
    lay_solve(&L, root, (struct rect){ 0, 0, 100, 1000 });
    /* Three rows of 90 and two gaps: 290 px, at the bottom of 1000. */
    ASSERT(rect_is(lay_rect(&L, rows[0]), 0, 710, 100, 90));
    ASSERT(rect_is(lay_rect(&L, rows[2]), 0, 910, 100, 90));
    lay_solve(&L, root, (struct rect){ 0, 0, 100, 200 });
    /* Too little room for the maximum: 60 each (180 + 20 = 200) */
    ASSERT(rect_is(lay_rect(&L, rows[0]), 0, 0, 100, 60));
    ASSERT(rect_is(lay_rect(&L, rows[2]), 0, 140, 100, 60));
}

TEST(column_aligns_and_centres_with_a_maximum_width)
{
    int root, body, end;

    lay_begin(&L, &fake, 0);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ .main = LAY_CENTRE });
    body = lay_add(&L, root, &(struct lay_box){ .w = { LAY_FILL, .max = 400 }, .self = LAY_CENTRE,
                                                .h = { LAY_FIXED, 100 } });
    end = lay_add(&L, root, &(struct lay_box){ .kind = LAY_LEAF, .w = { LAY_FIXED, 50 }, .h = { LAY_FIXED, 50 },
                                               .self = LAY_END });
    lay_solve(&L, root, (struct rect){ 0, 0, 1000, 450 });
    /* 150 px of content in 450: 150 above it */
    ASSERT(rect_is(lay_rect(&L, body), 300, 150, 400, 100));
    ASSERT(rect_is(lay_rect(&L, end), 950, 250, 50, 50));
}

TEST(row_gives_fitting_children_their_width_and_the_rest_to_fill)
{
    int root, back, spacer, go;

    lay_begin(&L, &fake, 0);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ .kind = LAY_ROW, .gap = 10, .pad = { 20, 0, 20, 0 } });
    back = text(root, 8, 4);
    spacer = lay_add(&L, root, &(struct lay_box){ .kind = LAY_LEAF, .w = { LAY_FILL } });
    go = text(root, 12, 12);
    lay_solve(&L, root, (struct rect){ 0, 0, 500, 60 });
    ASSERT(rect_is(lay_rect(&L, back), 20, 0, 80, 60));      /* stretched to the row's height */
    ASSERT(rect_is(lay_rect(&L, spacer), 110, 0, 240, 60));
    ASSERT(rect_is(lay_rect(&L, go), 360, 0, 120, 60));
}

TEST(row_shrinks_fitting_children_to_their_least_width_before_overflowing)
{
    int root, a, b;

    lay_begin(&L, &fake, 0);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ .kind = LAY_ROW, .cross = LAY_START });
    a = text(root, 40, 10);     /* pref 400, min 100 */
    b = text(root, 20, 20);     /* pref 200, min 200: cannot shrink */
    lay_solve(&L, root, (struct rect){ 0, 0, 400, 300 });
    ASSERT_INT_EQ(200, lay_rect(&L, a).w);
    ASSERT_INT_EQ(200, lay_rect(&L, b).w);
    ASSERT_INT_EQ(200, lay_rect(&L, b).x);
    ASSERT_INT_EQ(40, lay_rect(&L, a).h);   /* 40 chars at 20 a line */
}

TEST(row_with_weights_splits_like_percentages)
{
    int root, label, value;

    lay_begin(&L, &fake, 0);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ .kind = LAY_ROW, .cross = LAY_START });
    label = lay_add(&L, root, &(struct lay_box){ .kind = LAY_LEAF, .w = { LAY_FILL, .weight = 36 },
                                                 .h = { LAY_FIXED, 10 } });
    value = lay_add(&L, root, &(struct lay_box){ .kind = LAY_LEAF, .w = { LAY_FILL, .weight = 64 },
                                                 .h = { LAY_FIXED, 30 } });
    lay_solve(&L, root, (struct rect){ 0, 0, 1000, 100 });
    ASSERT(rect_is(lay_rect(&L, label), 0, 0, 360, 10));
    ASSERT(rect_is(lay_rect(&L, value), 360, 0, 640, 30));
}

TEST(wrapping_row_moves_what_does_not_fit_to_the_next_line)
{
    int root, a, b, c;

    lay_begin(&L, &fake, 0);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ .kind = LAY_ROW, .flags = LAY_WRAP, .gap = 10, .line_gap = 5,
                                                    .main = LAY_END, .cross = LAY_START });
    a = fixed(root, 100, 20);
    b = fixed(root, 100, 30);
    c = fixed(root, 100, 20);
    lay_solve(&L, root, (struct rect){ 0, 0, 250, 200 });
    ASSERT(rect_is(lay_rect(&L, a), 40, 0, 100, 20));
    ASSERT(rect_is(lay_rect(&L, b), 150, 0, 100, 30));
    ASSERT(rect_is(lay_rect(&L, c), 150, 35, 100, 20));
}

TEST(grid_fits_as_many_columns_as_its_children_allow)
{
    int root, cells[7];

    lay_begin(&L, &fake, 0);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ .kind = LAY_GRID, .gap = 10, .min_column = 150 });
    for (int i = 0; i < 7; i++)
        cells[i] = text(root, i == 4 ? 60 : 10, 10);   /* cell 4 wraps to more lines */
    lay_solve(&L, root, (struct rect){ 0, 0, 500, 1000 });
    /* (500 + 10) / (150 + 10) = 3 columns of 160, 160, 160 (480 + 20 gap) */
    ASSERT(rect_is(lay_rect(&L, cells[0]), 0, 0, 160, 20));
    ASSERT(rect_is(lay_rect(&L, cells[2]), 340, 0, 160, 20));
    /* row 2: cell 4 has 60 chars at 10 a line: 6 lines; the others stretch to 120 */
    ASSERT(rect_is(lay_rect(&L, cells[3]), 0, 30, 160, 120));
    ASSERT(rect_is(lay_rect(&L, cells[4]), 170, 30, 160, 120));
    ASSERT(rect_is(lay_rect(&L, cells[6]), 0, 160, 160, 20));
}

TEST(balanced_grid_fills_every_row)
{
    int root, cells[4];

    lay_begin(&L, &fake, 0);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ .kind = LAY_GRID, .min_column = 100, .flags = LAY_BALANCED });
    for (int i = 0; i < 4; i++)
        cells[i] = fixed(root, 0, 10);
    lay_solve(&L, root, (struct rect){ 0, 0, 350, 100 });     /* 3 would fit: 2 rows of 2 instead */
    ASSERT(rect_is(lay_rect(&L, cells[1]), 175, 0, 0, 10));
    ASSERT_INT_EQ(10, lay_rect(&L, cells[2]).y);
    lay_solve(&L, root, (struct rect){ 0, 0, 400, 100 });     /* all 4 in a row */
    ASSERT_INT_EQ(300, lay_rect(&L, cells[3]).x);
}

TEST(grid_columns_never_narrower_than_the_widest_word)
{
    int root, a;

    lay_begin(&L, &fake, 0);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ .kind = LAY_GRID, .gap = 10, .min_column = 100 });
    text(root, 10, 5);
    a = text(root, 40, 25);     /* a word of 250 px */
    text(root, 10, 5);
    lay_solve(&L, root, (struct rect){ 0, 0, 700, 1000 });
    ASSERT_INT_EQ(345, lay_rect(&L, a).w);  /* two columns: (700 + 10) / 260 */
}

TEST(uniform_grid_rows_are_all_as_tall_as_the_tallest)
{
    int root, a, b, c;

    lay_begin(&L, &fake, 0);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ .kind = LAY_GRID, .columns = 2, .flags = LAY_UNIFORM });
    a = fixed(root, 0, 10);
    b = lay_add(&L, root, &(struct lay_box){ .kind = LAY_LEAF, .h = { LAY_FIXED, 50 } });
    c = lay_add(&L, root, &(struct lay_box){ .kind = LAY_LEAF });
    lay_solve(&L, root, (struct rect){ 0, 0, 101, 500 });
    ASSERT(rect_is(lay_rect(&L, a), 0, 0, 0, 10));      /* FIXED keeps its own size */
    ASSERT(rect_is(lay_rect(&L, b), 51, 0, 50, 50));    /* the spare pixel goes to the first column */
    ASSERT(rect_is(lay_rect(&L, c), 0, 50, 51, 50));
}

TEST(stack_lays_children_over_each_other)
{
    int root, all, corner, middle;

    lay_begin(&L, &fake, 0);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ .kind = LAY_STACK, .main = LAY_CENTRE, .cross = LAY_CENTRE });
    all = lay_add(&L, root, &(struct lay_box){ .kind = LAY_LEAF, .w = { LAY_FILL }, .h = { LAY_FILL } });
    corner = lay_add(&L, root, &(struct lay_box){ .kind = LAY_LEAF, .w = { LAY_FIXED, 10 }, .h = { LAY_FIXED, 10 },
                                                  .self = LAY_START });
    middle = lay_add(&L, root, &(struct lay_box){ .kind = LAY_LEAF, .w = { LAY_FIXED, 100 }, .h = { LAY_FIXED, 50 },
                                                  .shift_x = 3, .shift_y = -2 });
    lay_solve(&L, root, (struct rect){ 0, 0, 400, 300 });
    ASSERT(rect_is(lay_rect(&L, all), 0, 0, 400, 300));
    ASSERT(rect_is(lay_rect(&L, corner), 0, 145, 10, 10));
    ASSERT(rect_is(lay_rect(&L, middle), 153, 123, 100, 50));
}

TEST(scrolling_column_clamps_its_offset_and_moves_its_content)
{
    int root, bar, view, items[10];

    lay_begin(&L, &fake, 0);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ 0 });
    bar = fixed(root, 100, 50);
    view = lay_add(&L, root, &(struct lay_box){ .h = { LAY_FILL }, .flags = LAY_SCROLL, .gap = 10 });
    for (int i = 0; i < 10; i++)
        items[i] = fixed(view, 100, 90);
    L.nodes[view].scroll = 5000;                /* more than there is: kept within */
    lay_solve(&L, root, (struct rect){ 0, 0, 100, 550 });
    ASSERT(rect_is(lay_rect(&L, view), 0, 50, 100, 500));
    ASSERT_INT_EQ(990, L.nodes[view].content_h);
    ASSERT_INT_EQ(490, L.nodes[view].scroll);
    ASSERT_INT_EQ(50 - 490, lay_rect(&L, items[0]).y);
    ASSERT_INT_EQ(0, lay_visible(&L, items[0]).w);              /* scrolled out of view */
    ASSERT(rect_is(lay_visible(&L, items[9]), 0, 460, 100, 90));
    ASSERT(rect_is(lay_rect(&L, bar), 0, 0, 100, 50));
    ASSERT_INT_EQ(60, lay_scroll_to(&L, view, 60));
    ASSERT_INT_EQ(-10, lay_rect(&L, items[0]).y);
    ASSERT(rect_is(lay_visible(&L, items[0]), 0, 50, 100, 30));  /* partly seen */
    ASSERT_INT_EQ(0, lay_scroll_to(&L, view, -7));
    ASSERT_INT_EQ(50, lay_rect(&L, items[0]).y);
}

TEST(short_content_does_not_scroll)
{
    int root, view;

    lay_begin(&L, &fake, 0);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ 0 });
    view = lay_add(&L, root, &(struct lay_box){ .h = { LAY_FILL }, .flags = LAY_SCROLL });
    fixed(view, 100, 90);
    lay_solve(&L, root, (struct rect){ 0, 0, 100, 500 });
    ASSERT_INT_EQ(0, lay_scroll_to(&L, view, 50));
}

TEST(optional_box_is_left_out_when_its_content_cannot_fit)
{
    int root, name, toggle, kid;

    lay_begin(&L, &fake, 0);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ .kind = LAY_ROW, .gap = 10 });
    name = lay_add(&L, root, &(struct lay_box){ .w = { LAY_FILL }, .flags = LAY_OPTIONAL });
    kid = text(name, 30, 15);       /* a word of 150 px */
    toggle = fixed(root, 200, 40);
    lay_solve(&L, root, (struct rect){ 0, 0, 400, 100 });
    ASSERT_INT_EQ(0, lay_dropped(&L, kid));
    ASSERT_INT_EQ(190, lay_rect(&L, name).w);
    lay_solve(&L, root, (struct rect){ 0, 0, 300, 100 });  /* 90 px left: the word does not fit */
    ASSERT_INT_EQ(1, lay_dropped(&L, kid));
    ASSERT_INT_EQ(0, lay_visible(&L, kid).w);
    ASSERT_INT_EQ(200, lay_rect(&L, toggle).w);
    /* Taller than its maximum: 30 chars in 160 px is 2 lines, 40 px, more than 30. */
    lay_begin(&L, &fake, 0);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ .kind = LAY_ROW, .gap = 10 });
    name = lay_add(&L, root, &(struct lay_box){ .w = { LAY_FILL }, .h = { .max = 30 }, .flags = LAY_OPTIONAL });
    kid = text(name, 30, 15);
    toggle = fixed(root, 230, 20);
    lay_solve(&L, root, (struct rect){ 0, 0, 400, 100 });
    ASSERT_INT_EQ(1, lay_dropped(&L, kid));
    ASSERT_INT_EQ(0, lay_visible(&L, name).w);
}

TEST(right_to_left_mirrors_rows_columns_and_padding)
{
    int root, row, a, b, col, c, pad_box, inner;

    lay_begin(&L, &fake, 1);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ .gap = 0 });
    row = lay_add(&L, root, &(struct lay_box){ .kind = LAY_ROW, .gap = 10, .pad = { 20, 0, 0, 0 } });
    a = fixed(row, 100, 10);
    b = fixed(row, 50, 10);
    col = lay_add(&L, root, &(struct lay_box){ .cross = LAY_START });
    c = fixed(col, 70, 10);
    pad_box = lay_add(&L, root, &(struct lay_box){ .pad = { 30, 0, 5, 0 } });
    inner = fixed(pad_box, 10, 10);
    lay_solve(&L, root, (struct rect){ 0, 0, 500, 100 });
    /* The first child of a row is at the right; start padding is on the right. */
    ASSERT(rect_is(lay_rect(&L, a), 380, 0, 100, 10));
    ASSERT(rect_is(lay_rect(&L, b), 320, 0, 50, 10));
    ASSERT(rect_is(lay_rect(&L, c), 430, 10, 70, 10));
    ASSERT_INT_EQ(500 - 30 - 10, lay_rect(&L, inner).x);
}

TEST(keep_ltr_boxes_stand_mirrored_but_read_left_to_right)
{
    int root, pad, one, two, mark;

    lay_begin(&L, &fake, 1);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ .kind = LAY_STACK });
    pad = lay_add(&L, root, &(struct lay_box){ .kind = LAY_ROW, .w = { LAY_FIXED, 60 }, .self = LAY_START,
                                               .flags = LAY_KEEP_LTR });
    one = fixed(pad, 30, 10);
    two = fixed(pad, 30, 10);
    mark = lay_add(&L, root, &(struct lay_box){ .kind = LAY_LEAF, .w = { LAY_FIXED, 10 }, .h = { LAY_FIXED, 10 },
                                                .self = LAY_END });
    lay_solve(&L, root, (struct rect){ 0, 0, 200, 100 });
    ASSERT_INT_EQ(140, lay_rect(&L, pad).x);    /* at the start: the right */
    ASSERT_INT_EQ(140, lay_rect(&L, one).x);    /* but 1 before 2, left to right */
    ASSERT_INT_EQ(170, lay_rect(&L, two).x);
    ASSERT_INT_EQ(0, lay_rect(&L, mark).x);     /* the end of a right-to-left box is its left */
}

TEST(picture_keeps_its_shape)
{
    int root, pic;

    lay_begin(&L, &fake, 0);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ .pad = { 10, 10, 10, 10 } });
    pic = lay_add(&L, root, &(struct lay_box){ .kind = LAY_LEAF, .aspect_w = 4, .aspect_h = 3 });
    lay_solve(&L, root, (struct rect){ 0, 0, 420, 1000 });
    ASSERT(rect_is(lay_rect(&L, pic), 10, 10, 400, 300));
}

TEST(each_leaf_is_measured_once_in_a_deep_tree)
{
    int root, col, row, leaves[6], k = 0;

    lay_begin(&L, &fake, 0);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ 0 });
    col = lay_add(&L, root, &(struct lay_box){ .h = { LAY_FILL }, .flags = LAY_SCROLL });
    for (int i = 0; i < 3; i++) {
        row = lay_add(&L, col, &(struct lay_box){ .kind = LAY_ROW, .flags = i == 1 ? LAY_WRAP : 0 });
        leaves[k++] = text(row, 30, 3);
        leaves[k++] = text(row, 5, 5);
    }
    lay_solve(&L, root, (struct rect){ 0, 0, 300, 400 });
    for (int i = 0; i < k; i++)
        ASSERT_INT_EQ(1, heights_asked[leaves[i]]);
}

TEST(a_full_tree_hands_out_a_spare_box_and_says_so)
{
    int root, spare = 0;

    lay_begin(&L, &fake, 0);
    root = lay_add(&L, LAY_NONE, &(struct lay_box){ 0 });
    for (int i = 0; i < LAY_MAX_NODES + 10; i++)
        spare = fixed(root, 1, 1);
    ASSERT_INT_EQ(1, L.overflow);
    ASSERT_INT_EQ(LAY_MAX_NODES - 1, spare);
    lay_add(&L, spare, &(struct lay_box){ 0 });     /* a child of the spare box is harmless */
    lay_solve(&L, root, (struct rect){ 0, 0, 100, 100 });
}

int main(int argc, char **argv)
{
    BEGIN(argc, argv);
    RUN(column_stacks_children_with_gaps_and_padding);
    RUN(column_fill_takes_the_room_left_by_weight);
    RUN(fills_stopped_by_their_maximum_leave_the_rest_to_the_alignment);
    RUN(column_aligns_and_centres_with_a_maximum_width);
    RUN(row_gives_fitting_children_their_width_and_the_rest_to_fill);
    RUN(row_shrinks_fitting_children_to_their_least_width_before_overflowing);
    RUN(row_with_weights_splits_like_percentages);
    RUN(wrapping_row_moves_what_does_not_fit_to_the_next_line);
    RUN(grid_fits_as_many_columns_as_its_children_allow);
    RUN(balanced_grid_fills_every_row);
    RUN(grid_columns_never_narrower_than_the_widest_word);
    RUN(uniform_grid_rows_are_all_as_tall_as_the_tallest);
    RUN(stack_lays_children_over_each_other);
    RUN(scrolling_column_clamps_its_offset_and_moves_its_content);
    RUN(short_content_does_not_scroll);
    RUN(optional_box_is_left_out_when_its_content_cannot_fit);
    RUN(right_to_left_mirrors_rows_columns_and_padding);
    RUN(keep_ltr_boxes_stand_mirrored_but_read_left_to_right);
    RUN(picture_keeps_its_shape);
    RUN(each_leaf_is_measured_once_in_a_deep_tree);
    RUN(a_full_tree_hands_out_a_spare_box_and_says_so);
    END();
}
