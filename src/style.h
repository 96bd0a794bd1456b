/* style: every size, spacing and font of the kiosk's look in one struct, scaled once for the
 * screen and the text size. Widgets and the layout read it; screens name its fields, never pixels. */
#ifndef STYLE_H
#define STYLE_H

#include "text.h"

/* The kinds of text, each one font size and weight. */
enum style_font {
    FONT_TITLE, FONT_HEADING, FONT_SUBHEADING, FONT_BODY, FONT_BODY_BOLD, FONT_SMALL, FONT_BUTTON,
    FONT_HUGE, FONT_BUTTON_SMALL,
    FONT_KEY_MIN,               /* the last resort of a caption that fits nowhere else: small, unscaled */
    FONT_COUNT
};

struct style_font_metrics {
    int px;                     /* font size in pixels */
    int bold;
};

/* Lengths in pixels for one screen size and text size. The comments give the length at the
 * design size (800 px on the screen's shorter side). */
struct style {
    /* What it was made for. */
    int w, h, large_text;
    float scale;                /* 1.0 at 800 px on the shorter side */
    float text_scale;           /* 1.0, or more with "Larger text" */
    struct style_font_metrics font[FONT_COUNT];
    const struct text_measurer *m;  /* asked for line heights, when a screen needs one */

    /* Touch. */
    int touch;                  /* the smallest a control may be either way (64) */
    int button_h;               /* a standard button: 80, or one line of button text and padding */
    int choice_h;               /* home's big choices (104) */
    int answer_h;               /* the checklist's Yes and No (120) */
    int key_h_max;              /* an on-screen keyboard's key at most (96) */
    int pin_key_h_max;          /* the PIN pad's key at most (96) */
    int drag_slop;              /* how far a finger moves before a press becomes a drag (14) */
    int corner;                 /* the staff corner's side (120) */

    /* Space. */
    int margin;                 /* around everything (32) */
    int gap;                    /* between controls (16) */
    int gap_small;              /* between a label and its field (8) */
    int gap_tiny;               /* between lines that belong together (4) */
    int gap_large;              /* between groups (24) */
    int gap_section;            /* between sections and columns (32) */
    int pad;                    /* inside a button, around its caption (12) */
    int field_pad;              /* inside a text field (18) */
    int field_h;                /* a text field at least: a line of body text and 36 */
    int toggle_pad;             /* inside a toggle, around its tick box (14) */
    int bar_pad;                /* above and below the controls of a bar (16) */
    int card_pad;               /* inside a card (36) */
    int dialog_pad;             /* inside a dialog (40) */
    int indent;                 /* a bullet's text from its dot (44) */

    /* Shapes. */
    int radius;                 /* a button's corners (16) */
    int radius_card;            /* a card's (24) */
    int radius_dialog;          /* a dialog's (28) */
    int radius_field;           /* a text field's (12) */
    int radius_box;             /* a tick box's (6) */
    int border;                 /* a border's width, at least 1 (2) */
    int border_focus;           /* the border of a focused field (4) */
    int border_box;             /* the tick box's border (3) */
    int toggle_box;             /* the tick box's side (28) */
    int dot;                    /* a bullet's dot (12) */
    int pin_dot;                /* a PIN digit's dot (22) */
    int scrollbar;              /* a scroll bar's width (10) */
    int scroll_thumb_min;       /* its thumb at least (60) */

    /* Widths. */
    int body_w;                 /* the readable column at most (1000) */
    int dialog_w;               /* the idle warning's card at most (720) */
    int notice_w;               /* the out-of-order card at most (800) */
    int nav_w;                  /* info's column of section buttons (400) */
    int pin_w;                  /* the PIN pad at most (480) */
    int bar_button_w;           /* a bottom bar's Back and Home at least (160) */
    int menu_card_w;            /* a treatment's card on the menu at least (340) */
    int pill_pad;               /* attract's "Touch to start" beside its words (60) */
    int drift;                  /* how far attract's content wanders (36) */

    /* Pictures: each is fitted into at most this, its aspect kept. */
    int logo_w, logo_h;         /* the logo on attract (640 x 200) */
    int picture_h;              /* a picture on a page, in its width (280) */
    int card_picture_h;         /* the picture on home's card (180; 130 in large text) */
    int menu_picture_h;         /* the picture on a menu's card (150) */
    int photo_w;                /* the doctor's photo or monogram on her page (200) */
    int avatar;                 /* her photo or monogram beside her name (56) */
};

/* Fills s for a screen of w x h in normal or large text, measuring line heights with m. */
void style_init(struct style *s, int w, int h, int large_text, const struct text_measurer *m);

/* The distance between baselines of font: asked of the platform only when needed, so that a
 * screen opens no font it does not draw with. */
int style_line_h(const struct style *s, enum style_font font);

/* Pixels for a length designed at 800 px on the shorter side, rounded; 1 at least when design > 0. */
int style_px(const struct style *s, float design);

#endif
