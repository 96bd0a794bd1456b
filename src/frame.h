/* frame: what one frame draws, as a list of plain commands, plus what can be touched and read on it.
 * Screens fill it through ui.h; the platform layer turns it into pixels; tests and replay read it. */
#ifndef FRAME_H
#define FRAME_H

#include <stddef.h>

#define FRAME_MAX_CMDS    4096
#define FRAME_MAX_WIDGETS 256
#define FRAME_MAX_TEXTS   1024
#define FRAME_ARENA       (256 * 1024)

struct rect { int x, y, w, h; };

enum draw_kind { DRAW_RECT, DRAW_TEXT, DRAW_PICTURE };

/* Colours are 0xRRGGBBAA. */
struct draw_cmd {
    enum draw_kind kind;
    struct rect r;          /* RECT: the box; TEXT: top-left and the line's measured size;
                             * PICTURE: where the picture goes, exactly its size once scaled */
    struct rect clip;       /* nothing outside is drawn; w == 0 means no clip */
    unsigned colour;        /* fill, or the text's colour; PICTURE: the placeholder's fill */
    unsigned border_colour; /* RECT: drawn as a border border_px wide inside r */
    int border_px;
    int radius;             /* RECT, PICTURE: rounded corners */
    int font_px;            /* TEXT */
    int bold;               /* TEXT: the measurer's flags it was measured with: TEXT_BOLD, its direction */
    const char *text;       /* TEXT: one line, in the frame's arena, len bytes; PICTURE: its file's path */
    int len;
};

/* What kind of control a widget is, for whoever reads the frame aloud or moves a focus through it. */
enum frame_role {
    FRAME_ROLE_BUTTON,      /* "No, button" */
    FRAME_ROLE_CHECKBOX,    /* "You may contact me, checkbox, not ticked" */
    FRAME_ROLE_FIELD,       /* "Full name, text field, empty" */
    FRAME_ROLE_KEY,         /* a key of the on-screen keyboard or the PIN pad */
    FRAME_ROLE_AREA         /* "Touch to start": the whole screen */
};

/* A control's state, as bits. */
enum frame_state {
    FRAME_STATE_SELECTED = 1 << 0,  /* the answer given, the contact time chosen, the section shown */
    FRAME_STATE_CHECKED = 1 << 1,   /* a ticked checkbox */
    FRAME_STATE_FOCUSED = 1 << 2,   /* the field being typed in */
    FRAME_STATE_PRESSED = 1 << 3,   /* a finger is on it */
    FRAME_STATE_INVALID = 1 << 4,   /* a field with a mistake shown by it */
    FRAME_STATE_EMPTY = 1 << 5,     /* a field with nothing typed */
    FRAME_STATE_HIDDEN = 1 << 6     /* scrolled out of view: r is empty, full says where it is */
};

/* A control that a finger can touch: its label is what `tap "Label"` matches. Controls are
 * recorded in reading order, scrolled-out ones included (FRAME_STATE_HIDDEN). */
struct frame_widget {
    const char *label;      /* in the arena */
    struct rect r;          /* as visible (clipped to its scroll area); w 0 when hidden */
    struct rect full;       /* its whole size, part of which may be scrolled out of view */
    unsigned id;
    enum frame_role role;
    unsigned state;         /* enum frame_state bits */
};

/* What a piece of text is, for whoever reads the frame aloud, as bits. */
enum frame_text_flag {
    FRAME_TEXT_HIDDEN = 1 << 0,     /* scrolled out of view: r is where it lies, unclipped */
    FRAME_TEXT_CAPTION = 1 << 1,    /* a control's own words: read with the control */
    FRAME_TEXT_TITLE = 1 << 2,      /* in the title's size: what the screen is */
    FRAME_TEXT_PICTURE = 1 << 3     /* what a picture shows, in words (not drawn: r is the picture's place) */
};

/* A piece of text as a person reads it: a wrapped paragraph is one piece. Texts are recorded in
 * reading order, scrolled-out ones included (FRAME_TEXT_HIDDEN). */
struct frame_text {
    const char *text;       /* in the arena, whole, line breaks as spaces */
    int cut;                /* a word did not fit its width and was cut between characters */
    struct rect r;          /* the part on screen (clipped to its scroll area) */
    unsigned flags;         /* enum frame_text_flag bits */
};

struct frame {
    int w, h;
    unsigned background;
    struct draw_cmd cmds[FRAME_MAX_CMDS];
    int ncmds;
    struct frame_widget widgets[FRAME_MAX_WIDGETS];
    int nwidgets;
    struct frame_text texts[FRAME_MAX_TEXTS];
    int ntexts;
    char arena[FRAME_ARENA];
    size_t arena_used;
    int overflow;           /* set when a limit was hit: the frame is incomplete */
};

/* Makes f an empty frame without touching its arrays (written before they are read), wiping what
 * its arena held: how an app starts its frame. */
void frame_reset(struct frame *f);

/* Empties f for a new frame of w x h. Zeroes the arena, which may hold what a client typed. */
void frame_begin(struct frame *f, int w, int h, unsigned background);

/* Copies len bytes of s into f's arena; the copy lives until the next frame_begin().
 * Returns NULL (and sets f->overflow) when the arena is full. */
const char *frame_strdup(struct frame *f, const char *s, size_t len);

/* Appends a command; returns it for the caller to fill, or NULL (f->overflow set) when full. */
struct draw_cmd *frame_push(struct frame *f, enum draw_kind kind);

/* Records a touchable control. The label is copied. */
void frame_add_widget(struct frame *f, const char *label, struct rect r, struct rect full, unsigned id);
/* The same with its role and state; a control with an empty r is recorded as hidden. */
void frame_add_control(struct frame *f, const char *label, struct rect r, struct rect full, unsigned id,
                       enum frame_role role, unsigned state);
/* Records a piece of text as drawn at r: copied, its line breaks as spaces. */
void frame_add_text(struct frame *f, const char *text, struct rect r, int cut);
/* The same with flags (enum frame_text_flag). */
void frame_add_text_as(struct frame *f, const char *text, struct rect r, int cut, unsigned flags);
/* Records the words of a picture shown at r (flag FRAME_TEXT_PICTURE). */
void frame_add_picture_text(struct frame *f, const char *text, struct rect r);

/* 1 when widget i can be seen (and so tapped). */
int frame_widget_visible(const struct frame *f, int i);

/* The visible control whose label is exactly label: returns its index, -1 if none, -2 if several. */
int frame_find_widget(const struct frame *f, const char *label);

/* 1 when any text in view on f contains needle. */
int frame_has_text(const struct frame *f, const char *needle);

int rect_contains(struct rect r, int x, int y);
int rect_overlaps(struct rect a, struct rect b);
struct rect rect_intersect(struct rect a, struct rect b);

#endif
