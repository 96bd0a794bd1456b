/* access: the kiosk for a client who cannot see it, as a screen reader would have it. Read aloud
 * turned on (a key on attract, or its control in the top bar) and off (the end of a visit); a focus
 * ring that keys move through every control in reading order and activate; explore by touch
 * (touching speaks, a double tap activates what was spoken, a flick moves on); and what is said:
 * a new screen's title, its texts and where the focus is, each control with its role and state,
 * what appears on the screen later, what is typed (only into headphones). */
#ifndef ACCESS_H
#define ACCESS_H

#include <stdint.h>

#include "input.h"
#include "speech.h"

#define ACCESS_SCREENS 32   /* at least SCREEN_COUNT */
#define ACCESS_SEEN 768     /* texts of one screen remembered, so that only new ones are announced */

struct app;

struct access {
    /* The screen. */
    int read_pending;       /* a new screen: read it once it is drawn */
    int focus_pending;      /* a new screen: put the focus on its first control once drawn */
    int greet;              /* Read aloud was just turned on: say how to use it first */
    int first_text;         /* the frame's first text of the screen itself (the idle warning is
                             * drawn over the screen beneath it) */
    int last_screen;        /* the screen before this one (enum screen) */
    uint64_t seen[ACCESS_SEEN];     /* hashes of the texts already said or shown on this screen */
    int nseen;

    /* The focus ring. */
    unsigned focus;         /* the control with the focus (its id), 0 for none */
    int ring;               /* keys are in use (or Read aloud): the ring is drawn and traced */
    int say_focus;          /* the focused control changed state: say it again once drawn */
    int tab_out;            /* Tab in a field: when it was the last, on to what follows it */
    int eat_space;          /* the text " " of a Space that activated a control is not typing */
    int field;              /* the form's field being typed in at the last frame, -1 for none */
    int question;           /* the checklist's question at the last frame */
    int to_answer;          /* back to an earlier question: the focus goes to the answer given */
    unsigned left[ACCESS_SCREENS];  /* where the focus was on each screen when it was last left */
    unsigned restore;       /* Escape went back: the focus goes where it was on that screen */
    unsigned focus_under;   /* the focus on the screen beneath the idle warning */
    int nseen_under;        /* the texts seen on it (the warning's own come after) */

    /* Explore by touch (Read aloud on). */
    unsigned under;         /* the control under the finger, 0 for none */
    unsigned before;        /* the focus when this touch began */
    unsigned tap_before;    /* the focus before the last single tap: what a double tap activates */
    uint64_t down_at, up_at;    /* when the finger landed, when the last tap lifted (0: none) */
    int down_x, down_y;
    int moved;              /* the finger travelled since it landed */
    int tapping;            /* access is activating a control by a tap of its own: let it through */
    int relayout;           /* access is drawing the screen again for itself: say nothing */

    /* Typing. */
    int typed_field;        /* the field last typed into (enum form_field), -1 for none */
    size_t typed_len;       /* its length then, in bytes */
};

/* A key or typed text, before the screen sees it. Returns 1 when it was taken. */
int access_key(struct app *a, const struct input_event *ev);
/* A finger landed, moved or lifted. Returns 1 when Read aloud took it (explore by touch), so the
 * screen must not see it. */
int access_pointer(struct app *a, const struct input_event *ev);
/* The screen changed (after a->screen is set). */
void access_screen(struct app *a);
/* A frame was drawn: the focus ring is added to it, and what waits to be said of it is said. */
void access_drawn(struct app *a);
/* The visit ended: Read aloud goes off and forgets what it said; the focus goes. */
void access_off(struct app *a);

/* The top bar's controls: Read aloud on or off; slower, faster, quieter, louder. */
void access_toggle(struct app *a);
void access_adjust(struct app *a, enum speech_adjust how);

#endif
