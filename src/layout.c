/* layout: widths top-down, one measure of each leaf at its width, heights bottom-up, then placing. */
#include "layout.h"

#include <assert.h>
#include <string.h>

#define SPARE (LAY_MAX_NODES - 1)   /* what lay_add hands out once the tree is full */

/* ---------------------------------------------------------------- helpers */

static struct lay_node *at(struct lay *L, int i)
{
    assert(i >= 0 && i < LAY_MAX_NODES);
    return &L->nodes[i];
}

static int larger(int a, int b)
{
    return a > b ? a : b;
}

/* v kept within what s allows. */
static int limit(const struct lay_size *s, int v)
{
    if (s->max > 0 && v > s->max)
        v = s->max;
    return v < s->min ? s->min : v;
}

static int pad_x(const struct lay_node *n)
{
    return n->box.pad.start + n->box.pad.end;
}

static int pad_y(const struct lay_node *n)
{
    return n->box.pad.top + n->box.pad.bottom;
}

static int weight(const struct lay_node *n)
{
    return n->box.w.weight > 0 ? n->box.w.weight : 1;
}

static int weight_h(const struct lay_node *n)
{
    return n->box.h.weight > 0 ? n->box.h.weight : 1;
}

/* How child sits across parent's main axis. */
static enum lay_align cross_align(const struct lay_node *parent, const struct lay_node *child)
{
    enum lay_align a = child->box.self != LAY_AUTO ? child->box.self : parent->box.cross;

    return a == LAY_AUTO ? LAY_STRETCH : a;
}

/* Where a box of size used starts in room, by alignment a. */
static int align_offset(enum lay_align a, int room, int used)
{
    int spare = room - used;

    if (spare <= 0)
        return 0;
    return a == LAY_CENTRE ? spare / 2 : a == LAY_END ? spare : 0;
}

/* Children that take part: those not left out. */
static int count_children(const struct lay *L, const struct lay_node *n)
{
    int k = 0;

    for (int c = n->first; c != LAY_NONE; c = L->nodes[c].next)
        k += !L->nodes[c].dropped;
    return k;
}

/* ---------------------------------------------------------------- the tree */

void lay_begin(struct lay *L, const struct lay_measurer *m, int rtl)
{
    L->n = 0;
    L->overflow = 0;
    L->rtl = rtl;
    L->m = m;
}

int lay_add(struct lay *L, int parent, const struct lay_box *b)
{
    struct lay_node *n;
    int i;

    assert(b && (parent == LAY_NONE || (parent >= 0 && (parent < L->n || parent == SPARE))));
    if (L->n >= SPARE) {
        L->overflow = 1;
        i = SPARE;
    } else {
        i = L->n++;
    }
    n = &L->nodes[i];
    memset(n, 0, sizeof *n);
    n->box = *b;
    n->parent = n->first = n->last = n->next = LAY_NONE;
    if (parent == LAY_NONE || parent == SPARE || i == SPARE)
        return i;
    n->parent = parent;
    if (L->nodes[parent].last == LAY_NONE)
        L->nodes[parent].first = i;
    else
        L->nodes[L->nodes[parent].last].next = i;
    L->nodes[parent].last = i;
    return i;
}

/* ---------------------------------------------------------------- widths */

/* The least and the one-line width of node i, worked out only when something needs them. */
static void intrinsic(struct lay *L, int i)
{
    struct lay_node *n = at(L, i);
    int mn = 0, pf = 0, k = 0;

    if (n->known)
        return;
    n->known = 1;
    if (n->box.w.kind == LAY_FIXED) {
        n->min_w = n->pref_w = n->box.w.px;
        return;
    }
    for (int c = n->first; c != LAY_NONE; c = L->nodes[c].next) {
        const struct lay_node *ch = &L->nodes[c];
        intrinsic(L, c);
        if (n->box.kind == LAY_ROW && !(n->box.flags & LAY_WRAP))
            mn += ch->min_w;
        else
            mn = larger(mn, ch->min_w);
        if (n->box.kind == LAY_ROW)
            pf += ch->pref_w;
        else
            pf = larger(pf, ch->pref_w);
        k++;
    }
    switch (n->box.kind) {
    case LAY_LEAF:
        if ((n->box.flags & LAY_MEASURED) && L->m)
            L->m->width(L->m->ctx, i, &mn, &pf);
        break;
    case LAY_ROW:
        if (k > 1) {
            pf += n->box.gap * (k - 1);
            if (!(n->box.flags & LAY_WRAP))
                mn += n->box.gap * (k - 1);
        }
        break;
    case LAY_GRID:
        if (n->box.columns > 0) {
            mn = mn * n->box.columns + n->box.gap * (n->box.columns - 1);
            pf = pf * n->box.columns + n->box.gap * (n->box.columns - 1);
        } else {
            mn = larger(mn, n->box.min_column);
            pf = k > 0 ? larger(pf, n->box.min_column) * k + n->box.gap * (k - 1) : 0;
        }
        break;
    default:
        break;
    }
    mn += pad_x(n);
    pf = larger(pf + pad_x(n), mn);
    n->min_w = limit(&n->box.w, mn);
    n->pref_w = limit(&n->box.w, pf);
}

static void assign_w(struct lay *L, int i, int w, int rtl);

/* The width of child c across a column or stack whose content is cw wide. */
static int cross_width(struct lay *L, const struct lay_node *parent, int c, int cw)
{
    struct lay_node *n = at(L, c);
    int w;

    switch (n->box.w.kind) {
    case LAY_FIXED:
        return n->box.w.px;
    case LAY_FILL:
        w = cw;
        break;
    default:
        if (cross_align(parent, n) == LAY_STRETCH) {
            w = cw;
        } else {
            intrinsic(L, c);
            w = larger(n->pref_w < cw ? n->pref_w : cw, n->min_w);
        }
        break;
    }
    return limit(&n->box.w, w);
}

/* A row on one line: fixed and fitting children first, shrunk toward their least width when
 * they do not fit; then what is left goes to the filling ones by weight. */
static void assign_row(struct lay *L, struct lay_node *n, int cw)
{
    int k = 0, fixed = 0, fill_min = 0, fills = 0, shrinkable = 0, room, take, left;

    for (int c = n->first; c != LAY_NONE; c = L->nodes[c].next) {
        struct lay_node *ch = &L->nodes[c];
        k++;
        if (ch->box.w.kind == LAY_FIXED) {
            fixed += ch->box.w.px;
        } else if (ch->box.w.kind == LAY_FILL) {
            fill_min += ch->box.w.min;
            fills += weight(ch);
        } else {
            intrinsic(L, c);
            fixed += ch->pref_w;
            shrinkable += ch->pref_w - ch->min_w;
        }
    }
    room = cw - n->box.gap * (k > 1 ? k - 1 : 0) - fixed - fill_min;
    take = room < 0 ? (-room < shrinkable ? -room : shrinkable) : 0;
    left = room > 0 ? room : 0;
    for (int c = n->first, given = 0, weights = 0; c != LAY_NONE; c = L->nodes[c].next) {
        struct lay_node *ch = &L->nodes[c];
        int w;
        if (ch->box.w.kind == LAY_FIXED) {
            w = ch->box.w.px;
        } else if (ch->box.w.kind == LAY_FILL) {
            /* The last filling child takes what rounding left. */
            int share = left * (weights + weight(ch)) / (fills ? fills : 1) - given;
            weights += weight(ch);
            given += share;
            w = limit(&ch->box.w, ch->box.w.min + share);
        } else {
            int cut = take > 0 ? (int)((long long)take * (ch->pref_w - ch->min_w) / shrinkable) : 0;
            w = ch->pref_w - cut;
        }
        assign_w(L, c, w, n->rtl);
    }
}

/* A wrapping row: children in turn, on to a new line when the next does not fit. */
static void assign_wrap(struct lay *L, struct lay_node *n, int cw)
{
    int x = 0, line = 0, first = 1;

    for (int c = n->first; c != LAY_NONE; c = L->nodes[c].next) {
        struct lay_node *ch = &L->nodes[c];
        int w;
        if (ch->box.w.kind == LAY_FIXED) {
            w = ch->box.w.px;
        } else {
            intrinsic(L, c);
            w = larger(ch->pref_w < cw ? ch->pref_w : cw, ch->min_w);
        }
        if (!first && x + n->box.gap + w > cw) {
            line++;
            x = 0;
            first = 1;
        }
        ch->line = line;
        x += (first ? 0 : n->box.gap) + w;
        first = 0;
        assign_w(L, c, w, n->rtl);
    }
}

/* How many columns a grid has at content width cw. */
static int grid_columns(struct lay *L, struct lay_node *n, int cw)
{
    int k = 0, colmin = n->box.min_column, cols;

    for (int c = n->first; c != LAY_NONE; c = L->nodes[c].next) {
        k++;
        if (n->box.columns == 0) {
            intrinsic(L, c);
            colmin = larger(colmin, L->nodes[c].min_w);
        }
    }
    if (n->box.columns > 0)
        return n->box.columns;
    cols = (cw + n->box.gap) / larger(colmin + n->box.gap, 1);
    if (cols > k)
        cols = k;
    while ((n->box.flags & LAY_BALANCED) && cols > 1 && k % cols != 0)
        cols--;
    return cols < 1 ? 1 : cols;
}

/* The width of column col of cols in content width cw: the first columns take the spare pixels. */
static int column_w(const struct lay_node *n, int cw, int cols, int col)
{
    int room = cw - n->box.gap * (cols - 1);

    if (room < 0)
        room = 0;
    return room / cols + (col < room % cols);
}

static int column_x(const struct lay_node *n, int cw, int cols, int col)
{
    int x = 0;

    for (int c = 0; c < col; c++)
        x += column_w(n, cw, cols, c) + n->box.gap;
    return x;
}

static void assign_grid(struct lay *L, struct lay_node *n, int cw)
{
    int cols = grid_columns(L, n, cw), j = 0;

    n->line = cols;     /* a grid keeps its column count here */
    for (int c = n->first; c != LAY_NONE; c = L->nodes[c].next, j++) {
        struct lay_node *ch = &L->nodes[c];
        int w = column_w(n, cw, cols, j % cols);
        ch->line = j / cols;
        assign_w(L, c, ch->box.w.kind == LAY_FIXED ? ch->box.w.px : limit(&ch->box.w, w), n->rtl);
    }
}

static void assign_w(struct lay *L, int i, int w, int rtl)
{
    struct lay_node *n = at(L, i);
    int cw;

    n->rtl = rtl && !(n->box.flags & LAY_KEEP_LTR);
    n->r.w = w;
    if (n->box.flags & LAY_OPTIONAL) {
        intrinsic(L, i);
        if (w < n->min_w) {
            n->dropped = 1;
            n->r.w = 0;
            return;
        }
    }
    cw = larger(w - pad_x(n), 0);
    switch (n->box.kind) {
    case LAY_COLUMN:
    case LAY_STACK:
        for (int c = n->first; c != LAY_NONE; c = L->nodes[c].next)
            assign_w(L, c, cross_width(L, n, c, cw), n->rtl);
        break;
    case LAY_ROW:
        if (n->box.flags & LAY_WRAP)
            assign_wrap(L, n, cw);
        else
            assign_row(L, n, cw);
        break;
    case LAY_GRID:
        assign_grid(L, n, cw);
        break;
    case LAY_LEAF:
        break;
    }
}

/* ---------------------------------------------------------------- heights */

static int line_gap(const struct lay_node *n)
{
    return n->box.line_gap > 0 ? n->box.line_gap : n->box.gap;
}

/* Children of a WRAP row or a GRID come line by line (their line numbers never go down). */

/* The tallest child of a UNIFORM grid, else 0. */
static int uniform_h(const struct lay *L, const struct lay_node *n)
{
    int tallest = 0;

    if (n->box.kind != LAY_GRID || !(n->box.flags & LAY_UNIFORM))
        return 0;
    for (int c = n->first; c != LAY_NONE; c = L->nodes[c].next)
        if (!L->nodes[c].dropped)
            tallest = larger(tallest, L->nodes[c].natural_h);
    return tallest;
}

/* From child c on, the children on c's line: their height (the tallest) and width (with gaps).
 * Returns the first child of the next line, or LAY_NONE. */
static int line_of(const struct lay *L, const struct lay_node *n, int c, int uniform, int *h, int *w)
{
    int line = L->nodes[c].line, k = 0;

    *h = uniform;
    *w = 0;
    for (; c != LAY_NONE && L->nodes[c].line == line; c = L->nodes[c].next) {
        const struct lay_node *kid = &L->nodes[c];
        if (kid->dropped)
            continue;
        *h = larger(*h, kid->natural_h);
        *w += (k++ ? n->box.gap : 0) + kid->r.w;
    }
    return c;
}

/* The height of all lines of a WRAP row or a GRID, with the gaps between them. */
static int lines_h(const struct lay *L, const struct lay_node *n)
{
    int h = 0, lines = 0, uniform = uniform_h(L, n);

    for (int c = n->first; c != LAY_NONE; lines++) {
        int lh, lw;
        c = line_of(L, n, c, uniform, &lh, &lw);
        h += lh + (lines > 0 ? line_gap(n) : 0);
    }
    return h;
}

/* The height node i's content needs at its width, measured bottom-up; each leaf is measured once. */
static int measure_h(struct lay *L, int i)
{
    struct lay_node *n = at(L, i);
    int cw = larger(n->r.w - pad_x(n), 0), h = 0, k = 0;

    if (n->dropped) {
        n->natural_h = 0;
        return 0;
    }
    for (int c = n->first; c != LAY_NONE; c = L->nodes[c].next) {
        int ch;
        if (L->nodes[c].dropped)
            continue;
        ch = measure_h(L, c);
        if (L->nodes[c].dropped)
            continue;       /* too tall for its maximum: left out */
        if (n->box.kind == LAY_COLUMN)
            h += ch + (k > 0 ? n->box.gap : 0);
        else if (n->box.kind == LAY_ROW || n->box.kind == LAY_STACK)
            h = larger(h, ch);
        k++;
    }
    switch (n->box.kind) {
    case LAY_LEAF:
        if (n->box.aspect_w > 0 && n->box.aspect_h > 0) {
            h = (int)((long long)cw * n->box.aspect_h / n->box.aspect_w);
        } else if ((n->box.flags & LAY_MEASURED) && L->m) {
            int max_h = n->box.h.kind == LAY_FIXED ? n->box.h.px - pad_y(n)
                      : n->box.h.max > 0 ? n->box.h.max - pad_y(n) : 0;
            h = L->m->height(L->m->ctx, i, cw, max_h < 0 ? 1 : max_h);
        }
        break;
    case LAY_ROW:
        if (n->box.flags & LAY_WRAP)
            h = lines_h(L, n);
        break;
    case LAY_GRID:
        h = lines_h(L, n);
        break;
    default:
        break;
    }
    h += pad_y(n);
    if ((n->box.flags & LAY_OPTIONAL) && n->box.h.max > 0 && h > n->box.h.max) {
        n->dropped = 1;
        n->natural_h = 0;
        return 0;
    }
    n->content_h = h;
    if (n->box.h.kind == LAY_FIXED)
        h = n->box.h.px;
    else if ((n->box.flags & LAY_SCROLL) && n->box.h.kind == LAY_FILL)
        h = 0;              /* a scrolling area needs no more than its minimum: it scrolls */
    n->natural_h = limit(&n->box.h, h);
    return n->natural_h;
}

/* ---------------------------------------------------------------- placing */

static struct rect clip_within(struct rect r, int clipped, struct rect clip)
{
    return clipped ? rect_intersect(r, clip) : r;
}

static void arrange(struct lay *L, int i, int x, int y, int h, int clipped, struct rect clip);

/* Places child c at ltr_x (from the start of content box cx..cx+cw), mirrored in a right-to-left
 * parent (a LAY_KEEP_LTR child too: only what is in it keeps reading left to right). */
static void place(struct lay *L, const struct lay_node *n, int c, int cx, int cw, int ltr_x, int y, int h,
                  int clipped, struct rect clip)
{
    struct lay_node *ch = at(L, c);
    int x = n->rtl ? cx + cw - ltr_x - ch->r.w : cx + ltr_x;

    arrange(L, c, x + ch->box.shift_x, y + ch->box.shift_y, h, clipped, clip);
}

/* The height child c takes across a row (or down a stack) whose content is ch tall. */
static int cross_height(const struct lay_node *parent, const struct lay_node *c, int ch, enum lay_align a)
{
    if (c->box.h.kind == LAY_FIXED)
        return c->box.h.px;
    if (c->box.h.kind == LAY_FILL || a == LAY_STRETCH)
        return limit(&c->box.h, larger(ch, c->natural_h));
    (void)parent;
    return c->natural_h;
}

/* The height child kid gets in a column with extra room to share among fills (weights so far). */
static int column_share(const struct lay_node *kid, int extra, int fills, int *weights, int *given)
{
    int share;

    if (kid->box.h.kind != LAY_FILL || extra <= 0)
        return kid->natural_h;
    share = extra * (*weights + weight_h(kid)) / fills - *given;
    *weights += weight_h(kid);
    *given += share;
    return limit(&kid->box.h, kid->natural_h + share);
}

static void arrange_column(struct lay *L, struct lay_node *n, int cx, int cy, int cw, int ch,
                           int clipped, struct rect clip)
{
    int k = count_children(L, n), used = 0, fills = 0, extra, total, y, given = 0, weights = 0;

    for (int c = n->first; c != LAY_NONE; c = L->nodes[c].next) {
        const struct lay_node *kid = &L->nodes[c];
        if (kid->dropped)
            continue;
        used += kid->natural_h;
        if (kid->box.h.kind == LAY_FILL)
            fills += weight_h(kid);
    }
    used += n->box.gap * (k > 1 ? k - 1 : 0);
    extra = ch - used;
    /* What the children take once the fills have grown (a fill may stop at its maximum). */
    total = used;
    for (int c = n->first; c != LAY_NONE; c = L->nodes[c].next)
        if (!L->nodes[c].dropped)
            total += column_share(&L->nodes[c], extra, fills, &weights, &given) - L->nodes[c].natural_h;
    y = cy + align_offset(n->box.main, ch, total);
    if (n->box.flags & LAY_SCROLL) {
        int content = (total > ch ? total : ch) + pad_y(n), max = larger(content - (ch + pad_y(n)), 0);
        n->content_h = content;
        if (n->scroll > max)
            n->scroll = max;
        if (n->scroll < 0)
            n->scroll = 0;
        y -= n->scroll;
    }
    weights = given = 0;
    for (int c = n->first; c != LAY_NONE; c = L->nodes[c].next) {
        struct lay_node *kid = &L->nodes[c];
        int h;
        if (kid->dropped)
            continue;
        h = column_share(kid, extra, fills, &weights, &given);
        place(L, n, c, cx, cw, align_offset(cross_align(n, kid), cw, kid->r.w), y, h, clipped, clip);
        y += h + n->box.gap;
    }
}

static void arrange_row(struct lay *L, struct lay_node *n, int cx, int cy, int cw, int ch, int clipped,
                        struct rect clip)
{
    int total = 0, k = count_children(L, n), x;

    for (int c = n->first; c != LAY_NONE; c = L->nodes[c].next)
        if (!L->nodes[c].dropped)
            total += L->nodes[c].r.w;
    total += n->box.gap * (k > 1 ? k - 1 : 0);
    x = align_offset(n->box.main, cw, total);
    for (int c = n->first; c != LAY_NONE; c = L->nodes[c].next) {
        struct lay_node *kid = &L->nodes[c];
        enum lay_align a = cross_align(n, kid);
        int h;
        if (kid->dropped)
            continue;
        h = cross_height(n, kid, ch, a);
        place(L, n, c, cx, cw, x, cy + align_offset(a, ch, h), h, clipped, clip);
        x += kid->r.w + n->box.gap;
    }
}

/* A wrapping row or a grid: line by line. */
static void arrange_lines(struct lay *L, struct lay_node *n, int cx, int cy, int cw, int clipped,
                          struct rect clip)
{
    int grid = n->box.kind == LAY_GRID, cols = n->line, uniform = uniform_h(L, n), y = cy, j = 0;

    for (int c = n->first; c != LAY_NONE;) {
        int lh, lw, next = line_of(L, n, c, uniform, &lh, &lw);
        int x = grid ? 0 : align_offset(n->box.main, cw, lw);
        for (; c != next; c = L->nodes[c].next, j++) {
            struct lay_node *kid = &L->nodes[c];
            enum lay_align a = grid ? LAY_STRETCH : cross_align(n, kid);
            int h;
            if (kid->dropped)
                continue;
            h = cross_height(n, kid, lh, a);
            if (grid)
                x = column_x(n, cw, cols, j % cols);
            place(L, n, c, cx, cw, x, y + align_offset(a, lh, h), h, clipped, clip);
            if (!grid)
                x += kid->r.w + n->box.gap;
        }
        y += lh + line_gap(n);
    }
}

static void arrange_stack(struct lay *L, struct lay_node *n, int cx, int cy, int cw, int ch, int clipped,
                          struct rect clip)
{
    for (int c = n->first; c != LAY_NONE; c = L->nodes[c].next) {
        struct lay_node *kid = &L->nodes[c];
        enum lay_align down = n->box.main == LAY_AUTO ? LAY_START : n->box.main;
        int h;
        if (kid->dropped)
            continue;
        h = kid->box.h.kind == LAY_FIXED ? kid->box.h.px
          : kid->box.h.kind == LAY_FILL || down == LAY_STRETCH ? limit(&kid->box.h, larger(ch, kid->natural_h))
          : kid->natural_h;
        place(L, n, c, cx, cw, align_offset(cross_align(n, kid), cw, kid->r.w), cy + align_offset(down, ch, h), h,
              clipped, clip);
    }
}

static void arrange(struct lay *L, int i, int x, int y, int h, int clipped, struct rect clip)
{
    struct lay_node *n = at(L, i);
    int cx, cy, cw, ch;

    n->r.x = x;
    n->r.y = y;
    n->r.h = h;
    n->clipped = clipped;
    n->clip = clipped ? clip : (struct rect){ 0, 0, 0, 0 };
    if (n->dropped)
        return;
    if (n->box.flags & LAY_SCROLL) {
        clip = clip_within(n->r, clipped, clip);
        clipped = 1;
    }
    cx = x + (n->rtl ? n->box.pad.end : n->box.pad.start);
    cy = y + n->box.pad.top;
    cw = larger(n->r.w - pad_x(n), 0);
    ch = larger(h - pad_y(n), 0);
    switch (n->box.kind) {
    case LAY_COLUMN:
        arrange_column(L, n, cx, cy, cw, ch, clipped, clip);
        break;
    case LAY_ROW:
        if (n->box.flags & LAY_WRAP)
            arrange_lines(L, n, cx, cy, cw, clipped, clip);
        else
            arrange_row(L, n, cx, cy, cw, ch, clipped, clip);
        break;
    case LAY_GRID:
        arrange_lines(L, n, cx, cy, cw, clipped, clip);
        break;
    case LAY_STACK:
        arrange_stack(L, n, cx, cy, cw, ch, clipped, clip);
        break;
    case LAY_LEAF:
        break;
    }
}

/* ---------------------------------------------------------------- global functions */

void lay_solve(struct lay *L, int root, struct rect area)
{
    struct lay_node *n = at(L, root);

    assign_w(L, root, area.w, L->rtl);
    measure_h(L, root);
    n->natural_h = area.h;
    arrange(L, root, area.x, area.y, area.h, 0, (struct rect){ 0, 0, 0, 0 });
}

static void move_y(struct lay *L, int i, int dy)
{
    for (int c = L->nodes[i].first; c != LAY_NONE; c = L->nodes[c].next) {
        L->nodes[c].r.y += dy;
        move_y(L, c, dy);
    }
}

int lay_scroll_to(struct lay *L, int node, int offset)
{
    struct lay_node *n = at(L, node);
    int max = larger(n->content_h - n->r.h, 0);

    assert(n->box.flags & LAY_SCROLL);
    if (offset > max)
        offset = max;
    if (offset < 0)
        offset = 0;
    if (offset != n->scroll) {
        move_y(L, node, n->scroll - offset);
        n->scroll = offset;
    }
    return offset;
}

struct rect lay_rect(const struct lay *L, int node)
{
    assert(node >= 0 && node < LAY_MAX_NODES);
    return L->nodes[node].r;
}

struct rect lay_visible(const struct lay *L, int node)
{
    const struct lay_node *n;

    assert(node >= 0 && node < LAY_MAX_NODES);
    n = &L->nodes[node];
    if (n->r.w <= 0 || n->r.h <= 0 || lay_dropped(L, node))
        return (struct rect){ 0, 0, 0, 0 };
    return n->clipped ? rect_intersect(n->r, n->clip) : n->r;
}

struct rect lay_content(const struct lay *L, int node)
{
    const struct lay_node *n = &L->nodes[node];
    struct rect r = n->r;

    r.x += n->rtl ? n->box.pad.end : n->box.pad.start;
    r.y += n->box.pad.top;
    r.w = larger(r.w - pad_x(n), 0);
    r.h = larger(r.h - pad_y(n), 0);
    return r;
}

int lay_dropped(const struct lay *L, int node)
{
    for (int i = node; i != LAY_NONE; i = L->nodes[i].parent)
        if (L->nodes[i].dropped)
            return 1;
    return 0;
}
