/* layout: boxes in columns, rows, grids and stacks, measured first and then placed, in one pass.
 * A screen declares a tree (lay_add); lay_solve() sizes and places all of it at once, so no screen
 * works out a coordinate itself. Right to left mirrors every row. Nothing here draws or knows SDL.
 *
 * How a box is sized, on each axis:
 *   FIT    as big as its content (a leaf asks the measurer; a container adds up its children)
 *   FILL   shares the room its parent has left, by weight (across a column or a stack: all of it)
 *   FIXED  px
 * then kept within min and max. Widths are settled top-down first; then each leaf is measured once
 * for its height at its final width (text wraps there); heights add up bottom-up; then FILL boxes
 * grow into the room left, top-down, while everything is placed. */
#ifndef LAYOUT_H
#define LAYOUT_H

#include "frame.h"

#define LAY_MAX_NODES 1024
#define LAY_NONE      (-1)

enum lay_kind {
    LAY_COLUMN,             /* children top to bottom (the zero value) */
    LAY_ROW,                /* children start to end: left to right, or right to left */
    LAY_GRID,               /* children in cells, row by row, columns of one width */
    LAY_STACK,              /* children over each other, each aligned in the whole box */
    LAY_LEAF                /* no children: content the measurer knows, or just a size */
};

enum lay_sizing { LAY_FIT, LAY_FILL, LAY_FIXED };

enum lay_align {
    LAY_AUTO,               /* main axis: START; cross axis: STRETCH; self: as the parent says */
    LAY_STRETCH,            /* across: as wide (tall) as the parent's content (FIT boxes only) */
    LAY_START,              /* left in a left-to-right box, right in a right-to-left one; top */
    LAY_CENTRE,
    LAY_END
};

struct lay_size {
    enum lay_sizing kind;
    int px;                 /* FIXED */
    int min, max;           /* max 0: no limit */
    int weight;             /* FILL: its share of the room left; 0 counts as 1 */
};

/* Padding inside a box. start and end swap sides in right to left. */
struct lay_pad { int start, top, end, bottom; };

enum lay_flag {
    LAY_WRAP = 1 << 0,      /* ROW: children that do not fit go on to a next line */
    LAY_SCROLL = 1 << 1,    /* COLUMN: content taller than the box scrolls (lay_scroll_to) */
    LAY_UNIFORM = 1 << 2,   /* GRID: every row as tall as the tallest */
    LAY_OPTIONAL = 1 << 3,  /* left out, at no size, when its content cannot fit whole: a word
                             * wider than its width, or taller than its h.max */
    LAY_KEEP_LTR = 1 << 4,  /* what is in it reads left to right in any direction (a phone pad);
                             * where it stands is mirrored with its parent */
    LAY_MEASURED = 1 << 5,  /* LEAF: the measurer gives its content's size */
    LAY_BALANCED = 1 << 6   /* GRID with columns 0: a column count that fills every row (4: 4, 2, 1) */
};

/* What a box asks for. All zero is a column that fits its content, stretched across its parent. */
struct lay_box {
    enum lay_kind kind;
    struct lay_size w, h;
    struct lay_pad pad;
    int gap;                /* between children along the main axis; GRID: between columns */
    int line_gap;           /* between the lines of a WRAP row or the rows of a GRID; 0: gap */
    enum lay_align main;    /* children along the main axis (STACK: vertically) */
    enum lay_align cross;   /* children across it (STACK: horizontally) */
    enum lay_align self;    /* this box across its parent's main axis, instead of the parent's cross */
    int columns;            /* GRID: how many; 0: as many as fit, each at least min_column */
    int min_column;
    unsigned flags;         /* enum lay_flag */
    int aspect_w, aspect_h; /* LEAF: keeps this shape, height from width (a picture) */
    int shift_x, shift_y;   /* moved by this much once placed, with everything in it */
};

struct lay_node {
    struct lay_box box;
    int parent, first, last, next;  /* the tree, LAY_NONE where there is none */

    /* Worked out by lay_solve(). */
    int rtl;                /* its children run right to left */
    int known;              /* min_w and pref_w are worked out */
    int min_w, pref_w;      /* the least width that cuts nothing, and the width on one line */
    int natural_h;          /* the height its content needs at its width */
    int content_h;          /* SCROLL: the height of what it holds */
    int scroll;             /* SCROLL: the offset in use, 0 to content_h - r.h */
    int line;               /* WRAP row, GRID: the line or row it sits on */
    int dropped;            /* OPTIONAL and left out */
    struct rect r;          /* where it is, in screen pixels (scrolled content may lie outside) */
    int clipped;            /* it lies in a scrolling area: only clip can be seen */
    struct rect clip;       /* the part of the screen its scroll areas show */
};

/* How big a leaf's content is: the widget layer knows (text wraps, captions, fields). */
struct lay_measurer {
    void *ctx;
    /* The content's least width that cuts no word (*min) and its width on one line (*pref). */
    void (*width)(void *ctx, int node, int *min, int *pref);
    /* The content's height in width w, given at most max_h of height (0: as much as it needs).
     * Called once for each measured leaf, when its width is final. */
    int (*height)(void *ctx, int node, int w, int max_h);
};

struct lay {
    int n;
    int overflow;           /* more boxes were asked for than fit: the rest share one spare box */
    int rtl;                /* the reading direction of the whole tree */
    const struct lay_measurer *m;
    struct lay_node nodes[LAY_MAX_NODES];   /* last: each is written by lay_add() before it is read */
};

/* Empties L for a new tree, right to left when rtl. m is kept; it may be NULL when no box is
 * LAY_MEASURED. */
void lay_begin(struct lay *L, const struct lay_measurer *m, int rtl);

/* Adds a box as the last child of parent (LAY_NONE: a root). Returns its index, which stays valid
 * until lay_begin(). Never fails: when L is full it returns a spare box that is not placed. */
int lay_add(struct lay *L, int parent, const struct lay_box *b);

/* Sizes and places the tree under root in area. */
void lay_solve(struct lay *L, int root, struct rect area);

/* Scrolls a LAY_SCROLL box to offset (kept within what it holds) and moves its content to suit.
 * Returns the offset used. */
int lay_scroll_to(struct lay *L, int node, int offset);

/* Where a box is and the part of it that can be seen (w 0 when none). */
struct rect lay_rect(const struct lay *L, int node);
struct rect lay_visible(const struct lay *L, int node);

/* The node's content box: its rectangle less its padding. */
struct rect lay_content(const struct lay *L, int node);

/* 1 when node or a box it is in was left out (LAY_OPTIONAL). */
int lay_dropped(const struct lay *L, int node);

#endif
