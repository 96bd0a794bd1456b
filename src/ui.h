/* ui: immediate-mode widgets (behaviour split from drawing) that emit a frame's draw list and controls.
 * Screens call these once per pass; the pointer snapshot and the clock come in as plain values. */
#ifndef UI_H
#define UI_H

#define UI_FIELD_SHOWN 512    /* the longest field value ui_field() draws whole */

#include "frame.h"
#include "text.h"

/* Colours 0xRRGGBBAA of the current theme. */
struct theme {
    unsigned bg, surface, text, muted, accent, accent_text, border, pressed, pressed_text,
             danger, focus, overlay, selected, selected_text, track;    /* track is the last */
};

/* The pointer as one event left it. went_down / went_up are set only on that event's pass. */
struct ui_pointer {
    int x, y;
    int down;
    int went_down, went_up;
};

/* What a button's behaviour decided on one pass. */
enum ui_press { UI_IDLE, UI_HELD, UI_CLICKED };

enum ui_role { UI_TITLE, UI_HEADING, UI_SUBHEADING, UI_BODY, UI_BODY_BOLD, UI_SMALL, UI_BUTTON, UI_HUGE, UI_BUTTON_SMALL };
enum ui_align { UI_LEFT, UI_CENTRE };
enum ui_button_kind { UI_PRIMARY, UI_SECONDARY, UI_QUIET, UI_TINTED };

struct ui_scroll {
    int offset;             /* pixels scrolled down */
    int content_h;          /* from the last pass */
    int view_h;
};

struct ui {
    /* Set by the owner before each pass. */
    struct frame *f;
    const struct text_measurer *tm;
    struct text_cache *tc;
    struct theme th;
    float scale;            /* layout scale: 1.0 at 800 px on the short side */
    float text_scale;       /* 1.0, or more with "Larger text" */
    struct ui_pointer ptr;

    /* Kept across passes. */
    unsigned active;        /* the control the finger is on, 0 if none */
    int press_x, press_y;   /* where the finger landed */
    int dragging;           /* the finger moved far enough to scroll: presses are cancelled */
    unsigned scroll_id;     /* the scroll area being dragged */
    int scroll_start;       /* its offset when the finger landed */

    /* Per pass. */
    struct rect clip;       /* w == 0: none */
};

/* Pixels for a length designed at 1280x800. */
int ui_px(const struct ui *u, float design);
/* Font pixel size for a role, with the text scale applied. */
int ui_font_px(const struct ui *u, enum ui_role role);
int ui_line_h(const struct ui *u, enum ui_role role);

/* Starts a pass over frame f of w x h. */
void ui_begin(struct ui *u, struct frame *f, int w, int h);
/* Ends the pass: a lifted finger releases the pressed control and any drag. */
void ui_end(struct ui *u);

/* A control's id from its label and a caller's salt. */
unsigned ui_id(const char *label, unsigned salt);

/* Pure behaviour of a pressable rectangle: updates *active and says what happened. */
enum ui_press ui_press_behave(unsigned *active, const struct ui_pointer *p, int cancelled,
                              unsigned id, struct rect r);

/* Filled (and optionally bordered) rounded rectangle. */
void ui_rect(struct ui *u, struct rect r, unsigned colour, int radius, unsigned border, int border_px);

/* Draws text wrapped to maxw at x, y; returns the height used. Records it as one piece of text. */
int ui_text(struct ui *u, int x, int y, int maxw, const char *s, enum ui_role role,
            unsigned colour, enum ui_align align);
/* The height ui_text would use, without drawing. */
int ui_text_height(struct ui *u, int maxw, const char *s, enum ui_role role);
/* The width of s on one line. */
int ui_text_width(struct ui *u, const char *s, enum ui_role role);

/* A button labelled label; returns 1 on the pass where it was tapped. */
int ui_button(struct ui *u, const char *label, struct rect r, enum ui_button_kind kind);
/* A button whose drawn caption differs from its touch label (e.g. a key showing "⌫" for "Backspace"). */
int ui_button_ex(struct ui *u, const char *label, const char *caption, struct rect r,
                 enum ui_button_kind kind, int selected);
/* A two-state button with a visible tick box; returns 1 when tapped (the caller flips the state). */
int ui_toggle(struct ui *u, const char *label, struct rect r, int on);
/* A text field showing value (or placeholder when empty, in a quieter colour) and, when focused,
 * a caret; tapping it returns 1. error, when not NULL, is drawn in the danger colour. */
int ui_field(struct ui *u, const char *label, const char *value, const char *placeholder, struct rect r,
             int focused, int error);
/* The height a field of width w needs to show value (or placeholder) whole. */
int ui_field_height(struct ui *u, int w, const char *value, const char *placeholder, int focused);
/* A hidden area (no label, not a control for tap "Label"); returns the press state. */
enum ui_press ui_hidden_area(struct ui *u, unsigned id, struct rect r);

/* Scrolled region: content drawn between begin and end at y offset by -s->offset.
 * ui_scroll_begin returns the y at which the content starts. */
int ui_scroll_begin(struct ui *u, struct ui_scroll *s, struct rect view, unsigned id);
void ui_scroll_end(struct ui *u, struct ui_scroll *s, struct rect view, int content_h);

#endif
