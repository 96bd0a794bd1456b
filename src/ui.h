/* ui: immediate-mode widgets on the layout engine. A pass declares its boxes, texts and controls
 * (ui_add_*), ui_layout() measures and places them once, runs each control's behaviour and paints
 * it; then the screen asks what was tapped (ui_clicked). Behaviour and drawing are separate
 * functions (Nuklear's split); identities come from a stack of scopes (microui's). */
#ifndef UI_H
#define UI_H

#define UI_ID_DEPTH    16       /* scopes of ui_push_id() */
#define UI_MAX_TEXTS   640      /* wrapped texts (captions included) one pass keeps */
#define UI_ARENA       16384    /* strings made during a pass (ui_fmt, field captions) */
#define UI_WIDTH_SLOTS 256      /* captions whose widths are remembered across passes */

#include <stdint.h>

#include "frame.h"
#include "layout.h"
#include "style.h"
#include "text.h"
#include "theme.h"

/* The pointer as one event left it. went_down / went_up are set only on that event's pass. */
struct ui_pointer {
    int x, y;
    int down;
    int went_down, went_up;
};

/* What a button's behaviour decided on one pass. */
enum ui_press { UI_IDLE, UI_HELD, UI_CLICKED };

enum ui_align { UI_START, UI_CENTRE, UI_END };   /* START: left in left-to-right, right in right-to-left */

/* Which way a text reads (its words' order; where it stands is its align's). */
enum ui_dir {
    UI_DIR_SCREEN,              /* the screen's: right to left on a right-to-left screen, else from its
                                 * first letter (the wording and the content, in the screen's language) */
    UI_DIR_AUTO,                /* from its first letter: what a client typed, such as a name */
    UI_DIR_LTR                  /* left to right on any screen: phone numbers, email addresses, references */
};
enum ui_button_kind { UI_PRIMARY, UI_SECONDARY, UI_QUIET, UI_TINTED, UI_PILL };

/* The theme colour a text or a shape is drawn in. */
enum ui_ink { INK_TEXT, INK_MUTED, INK_ACCENT, INK_DANGER, INK_ACCENT_TEXT, INK_SURFACE, INK_BORDER, INK_TRACK };

/* The background of a panel. */
enum ui_surface {
    UI_CARD,                    /* surface colour, bordered, card corners */
    UI_BAR,                     /* surface colour, a border line on the side toward the content */
    UI_BAR_TOP,                 /* a bar at the top: its line below it */
    UI_DIALOG                   /* surface colour, bordered, dialog corners */
};

/* A scrolled region's state, kept by its owner across passes. */
struct ui_scroll {
    int offset;                 /* pixels scrolled down */
    int content_h;              /* from the last pass */
    int view_h;
};

/* A caption's least and one-line widths at one font size, remembered across passes. */
struct ui_width_slot {
    uint64_t hash;              /* of the text and the font; 0: empty */
    int min, pref;
    int public;                 /* the text is TEXT_PUBLIC: ui_forget() keeps it */
};

/* A finger's travel across passes. */
struct ui_drag {
    int press_x, press_y;       /* where the finger landed */
    int dragging;               /* it moved far enough to scroll: presses are cancelled */
    unsigned scroll_id;         /* the scroll area it landed in, 0 if none */
    int scroll_start;           /* that area's offset when it landed */
};

enum ui_kind { UI_ITEM_BOX, UI_ITEM_PANEL, UI_ITEM_TEXT, UI_ITEM_BUTTON, UI_ITEM_TOGGLE, UI_ITEM_FIELD, UI_ITEM_AREA,
               UI_ITEM_DOT, UI_ITEM_BADGE, UI_ITEM_SCROLL,
               UI_ITEM_PICTURE,         /* label: its words; caption: its file (ui_picture.c) */
               UI_ITEM_MONOGRAM };      /* label: the initials (ui_picture.c) */

/* What the widget layer knows of one box of the layout. Strings live as long as the caller
 * promised (until ui_layout() returns, or the pass's arena). */
struct ui_item {
    enum ui_kind kind;
    const char *label;          /* a control's name (tap "Label", speech); a text's words */
    const char *caption;        /* what a control shows, when not its label */
    enum style_font font;       /* after measuring: the size that fitted */
    enum ui_ink ink;
    enum ui_align align;
    enum ui_dir dir;
    enum ui_button_kind button;
    enum ui_surface surface;
    enum frame_role role;
    int selected, on, focused, error, empty;
    int client;                 /* it shows what a client typed or was given (a field's value, their
                                 * reference): its text is never TEXT_PUBLIC */
    unsigned id;
    int lines;                  /* index into ui.lines once measured, -1 before */
    int hit;                    /* the box whose rectangle is its touch area, or -1 for its own */
    struct ui_scroll *scroll;   /* UI_SCROLL */
    enum ui_press state;        /* after ui_layout() */
    int pic_w, pic_h;           /* UI_ITEM_PICTURE: the picture's own size, fitted into the box */
    int same_font;              /* a box: its controls' captions share one size (ui_set_same_font) */
};

struct ui {
    /* Set by the owner before each pass. */
    struct frame *f;
    const struct text_measurer *tm;
    struct text_cache *tc;
    struct theme th;
    struct style st;            /* scaled for the screen and the text size (ui_style()) */
    int rtl;                    /* the screen reads right to left */
    int private_screen;         /* the screen is not for clients (staff's): none of its text is TEXT_PUBLIC */
    struct ui_pointer ptr;

    /* Kept across passes. */
    unsigned active;            /* the control the finger is on, 0 if none */
    struct ui_drag drag;
    struct ui_width_slot widths[UI_WIDTH_SLOTS];  /* all but the public ones cleared by ui_forget() */

    /* Per pass. */
    unsigned id_stack[UI_ID_DEPTH];
    int id_depth;
    struct lay_measurer measurer;
    int nlines;
    size_t arena_used;
    int overflow;               /* a limit was hit: some text or control is missing */
    char arena[UI_ARENA];       /* zero but for what the pass wrote, zeroed again at its end */

    /* Storage, last: each box, item and text is written in the pass before it is read, so it is
     * never zeroed (ui_reset() leaves it be: only what a pass uses becomes resident memory). */
    struct lay lay;
    struct ui_item items[LAY_MAX_NODES];
    struct text_lines lines[UI_MAX_TEXTS];
};

/* ---------------------------------------------------------------- a pass */

/* Zeroes u but for its storage (which needs none), as a new ui starts. */
void ui_reset(struct ui *u);
/* Forgets what u remembers of texts across passes (they may be what a client typed). */
void ui_forget(struct ui *u);

/* Makes u->st fit a screen of w x h in normal or large text (cheap when nothing changed). */
void ui_style(struct ui *u, int w, int h, int large_text);
/* Starts a pass over frame f of w x h. */
void ui_begin(struct ui *u, struct frame *f, int w, int h);
/* Ends the pass: a lifted finger releases the pressed control and any drag; the arena is zeroed. */
void ui_end(struct ui *u);

/* A string formatted into the pass's arena, living until ui_end(); "" when the arena is full. */
const char *ui_fmt(struct ui *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Scopes for identities: a control's id is its label's hash within the scopes open, so two "OK"
 * in two places differ. Push and pop in pairs within a pass. */
void ui_push_id(struct ui *u, const char *name);
void ui_push_id_int(struct ui *u, int n);
void ui_pop_id(struct ui *u);
/* The id a control labelled label gets in the current scope. */
unsigned ui_id_of(const struct ui *u, const char *label);

/* ---------------------------------------------------------------- declaring
 * Each returns the box's index in u->lay. Strings must live until ui_layout() returns. */

/* A plain box (a column, row, grid or stack holding others, or a leaf of a size). */
int ui_add(struct ui *u, int parent, const struct lay_box *b);
/* A box with a background. */
int ui_add_panel(struct ui *u, int parent, const struct lay_box *b, enum ui_surface surface);
/* A scrolled column (its box gets LAY_SCROLL) that keeps its offset in s; a drag scrolls it. */
int ui_add_scroll(struct ui *u, int parent, const struct lay_box *b, struct ui_scroll *s, const char *name);
/* Wrapped text, full width unless its box says otherwise. */
int ui_add_text(struct ui *u, int parent, const char *s, enum style_font font, enum ui_ink ink, enum ui_align align);
/* A button labelled label; its caption shrinks to a smaller size rather than be cut. */
int ui_add_button(struct ui *u, int parent, const char *label, enum ui_button_kind kind);
/* A two-state button with a visible tick box (the caller flips the state when clicked). */
int ui_add_toggle(struct ui *u, int parent, const char *label, int on);
/* A text field showing value, or placeholder when empty, with a caret when focused. */
int ui_add_field(struct ui *u, int parent, const char *label, const char *value, const char *placeholder,
                 int focused, int error);
/* A touchable area with no look of its own; label NULL: not a control anyone can find (the staff
 * corner), named by name instead. */
int ui_add_area(struct ui *u, int parent, const char *label, const char *name);
/* A filled circle of side size (a bullet). */
int ui_add_dot(struct ui *u, int parent, int size, enum ui_ink ink);
/* Text in a filled circle as tall as the font's line (a step's number). */
int ui_add_badge(struct ui *u, int parent, const char *s, enum style_font font);

/* Changing a declared box or control before ui_layout(). */
struct lay_box *ui_box(struct ui *u, int node);
/* What a control shows instead of its label; a button keeps the room its label needs, so that it
 * does not move or shrink under the finger ("Send request" reading "Sending…"). */
void ui_set_caption(struct ui *u, int node, const char *caption);
void ui_set_selected(struct ui *u, int node, int selected);
/* Marks node's text as a client's own (what they typed, their reference): not TEXT_PUBLIC, so the
 * caches drop it at the visit's end. A field's value is marked so by ui_add_field(). */
void ui_set_client(struct ui *u, int node);
void ui_set_role(struct ui *u, int node, enum frame_role role);
/* The text or caption's font (a button's caption may still shrink to fit). */
void ui_set_font(struct ui *u, int node, enum style_font font);
/* The buttons and toggles in box node share one caption size once laid out: the smallest that one
 * of them needed to fit (a bar whose labels would otherwise come in different sizes). */
void ui_set_same_font(struct ui *u, int node);
/* The control's touch area is hit's rectangle (attract's "Touch to start" covers the screen). */
void ui_set_hit(struct ui *u, int node, int hit);
/* Which way the text, caption or field's value reads (UI_DIR_SCREEN unless set). */
void ui_set_dir(struct ui *u, int node, enum ui_dir dir);

/* ---------------------------------------------------------------- laying out */

/* Measures and places the tree under root in area; runs scrolling and every control's behaviour;
 * paints it all into the frame and records its controls and texts in reading order. */
void ui_layout(struct ui *u, int root, struct rect area);

/* After ui_layout(): whether the control was tapped on this pass, its state, where it is. */
int ui_clicked(const struct ui *u, int node);
enum ui_press ui_state(const struct ui *u, int node);
struct rect ui_rect_of(const struct ui *u, int node);

/* ---------------------------------------------------------------- behaviour (pure) */

/* A pressable rectangle: updates *active and says what happened. cancelled: a drag took the finger. */
enum ui_press ui_press_behave(unsigned *active, const struct ui_pointer *p, int cancelled,
                              unsigned id, struct rect r);
/* At the start of a pass: a finger that lands starts a new travel (and presses nothing yet);
 * one that moves more than slop from where it landed starts dragging. Returns d->dragging. */
int ui_drag_behave(struct ui_drag *d, unsigned *active, const struct ui_pointer *p, int slop);
/* A scroll area with id over view at offset: the offset the finger asks for. */
int ui_scroll_behave(struct ui_drag *d, const struct ui_pointer *p, unsigned id, struct rect view, int offset);
/* At the end of a pass: a lifted finger lets go of everything. */
void ui_release_behave(struct ui_drag *d, unsigned *active, const struct ui_pointer *p);

/* ---------------------------------------------------------------- drawing (paint only) */

/* A filled (and optionally bordered) rounded rectangle, clipped to clip when clipped. */
void ui_draw_rect(struct ui *u, struct rect r, int clipped, struct rect clip, unsigned colour, int radius,
                  unsigned border, int border_px);
/* Wrapped lines of s in box r (its width, top-aligned), each line aligned as align says. */
void ui_draw_lines(struct ui *u, const struct text_lines *lines, const char *s, struct rect r, int clipped,
                   struct rect clip, enum style_font font, unsigned colour, enum ui_align align);
/* A button's face in state st. */
void ui_draw_button(struct ui *u, struct rect r, int clipped, struct rect clip, enum ui_button_kind kind,
                    int selected, enum ui_press st, unsigned *ink);
/* A toggle's face and tick box (box at the start side). */
void ui_draw_toggle(struct ui *u, struct rect r, int clipped, struct rect clip, int on, enum ui_press st,
                    int rtl, unsigned *ink);
/* A text field's frame. */
void ui_draw_field(struct ui *u, struct rect r, int clipped, struct rect clip, int focused, int error,
                   enum ui_press st);
/* A scroll bar for view scrolled offset of content_h, at its end side. */
void ui_draw_scrollbar(struct ui *u, struct rect view, int offset, int content_h, int rtl);

/* The colour of an ink in the current theme. */
unsigned ui_ink_colour(const struct ui *u, enum ui_ink ink);

#endif
