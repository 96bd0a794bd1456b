/* screens: one function per screen, each a single immediate-mode pass that declares its boxes and
 * controls on the layout, lays them out, then asks for actions. chrome.c holds what they share:
 * the top bar, the bottom bar, a scrolled page, a content section and words with placeholders. */
#ifndef SCREENS_H
#define SCREENS_H

#include "app.h"
#include "content.h"
#include "ui.h"

/* What a screen's frame has. */
enum chrome_part {
    CHROME_TOP = 1 << 0,        /* the top bar: the clinic's name, "Larger text", "High contrast" */
    CHROME_CORNER = 1 << 1      /* the hidden top-left corner that staff hold for 3 s */
};

/* The bottom bar's second button. */
enum chrome_second { CHROME_NONE, CHROME_HOME, CHROME_START_OVER };

/* A bottom bar: a back button (asks for ACT_BACK), a second one, and the main action at the end.
 * MSG_NONE where a button is not wanted. */
struct chrome_bar {
    enum wording_id back;
    enum chrome_second second;
    enum wording_id primary;
    enum action act;            /* what the primary asks for */
};

/* A screen's frame as declared: boxes to fill and the bars' controls. */
struct chrome {
    int root;                   /* the whole screen */
    int body;                   /* the room between the bars: a column, filled by the screen */
    int corner, large, contrast, back, second, primary;    /* LAY_NONE where there is none */
    int speech, slower, faster, quieter, louder;            /* Read aloud's, likewise */
    int language;               /* the top bar's language picker, when there are languages to pick */
    const struct chrome_bar *bar;
};

/* Declares a screen's frame: parts (enum chrome_part) and the bottom bar (NULL for none). */
void chrome_begin(struct app *a, struct ui *u, struct chrome *c, unsigned parts, const struct chrome_bar *bar);
/* Lays the whole screen out, then acts on the bars' controls. The screen's own controls can be
 * asked (ui_clicked) after it. */
void chrome_end(struct app *a, struct ui *u, struct chrome *c);

/* A scrolled page in parent: returns its readable column (centred, at most the body's width). */
int chrome_page(struct ui *u, int parent, struct ui_scroll *s, const char *name);
/* A content section (title, paragraphs, bullets, steps, questions and answers) in parent;
 * returns its box. */
int chrome_section(struct ui *u, int parent, const struct content_section *s, int with_title);
/* Text in parent that fills its width. */
int chrome_text(struct ui *u, int parent, const char *s, enum style_font font, enum ui_ink ink, enum ui_align align);
/* A content picture as wide as parent gives it, at most max_h tall (LAY_NONE when pic has none). */
int chrome_picture(struct ui *u, int parent, const struct content_picture *pic, int max_h);

/* The one wording of a contact time ("Afternoon"), and of a checklist's outcome: as the result
 * screen's title, or as the review's summary. */
enum wording_id chrome_time_words(enum form_contact_time t);
enum wording_id chrome_outcome_words(enum screening_outcome o, int title);

/* Message id with its placeholders filled, in the pass's arena. */
const char *chrome_words(const struct app *a, struct ui *u, enum wording_id id, const struct wording_arg *args,
                         int nargs);
#define SAY(a, u, id, ...) \
    chrome_words((a), (u), (id), (const struct wording_arg[]){ __VA_ARGS__ }, \
                 (int)(sizeof (const struct wording_arg[]){ __VA_ARGS__ } / sizeof (struct wording_arg)))

void screen_attract(struct app *a, struct ui *u);
void screen_treatments(struct app *a, struct ui *u);
void screen_home(struct app *a, struct ui *u);
void screen_info(struct app *a, struct ui *u);
void screen_doctor(struct app *a, struct ui *u);
void screen_idle_warning(struct app *a, struct ui *u);
void screen_out_of_order(struct app *a, struct ui *u);
void screen_screening(struct app *a, struct ui *u);
void screen_result(struct app *a, struct ui *u);
void screen_form(struct app *a, struct ui *u);
void screen_privacy(struct app *a, struct ui *u);
void screen_review(struct app *a, struct ui *u);
void screen_thanks(struct app *a, struct ui *u);
void screen_save_error(struct app *a, struct ui *u);
void screen_staff_pin(struct app *a, struct ui *u);
void screen_staff(struct app *a, struct ui *u);

/* The language picker (languages.c): a button for each language offered, named in its own
 * script, in a row in parent (attract); into buttons[] (LAY_MAX... of them), returning the row.
 * After the layout, picker_clicked() asks for the language tapped. */
int picker_row(struct app *a, struct ui *u, int parent, int *buttons);
void picker_clicked(struct app *a, struct ui *u, const int *buttons);
/* The list of languages over the screen, opened by the top bar's picker (drawn by app.c's pass). */
void screen_languages(struct app *a, struct ui *u);

/* A key of a physical keyboard, or typed text, for the field being edited on the form. */
void form_screen_key(struct app *a, const struct input_event *ev);

#endif
