/* access: the kiosk for a client who cannot see it. Read aloud turned on (a key on attract) and off
 * (the end of a visit), its keys (repeat, slower, faster, quieter, louder), and what is said of
 * each screen: its texts in reading order, once drawn; a client's details only into headphones. */
#ifndef ACCESS_H
#define ACCESS_H

#include "input.h"

struct app;

struct access {
    int read_pending;       /* a new screen: read it once it is drawn */
    int greet;              /* Read aloud was just turned on: say how to use it first */
    int first_text;         /* the frame's first text of the screen itself (the idle warning is
                             * drawn over the screen beneath it) */
};

/* A key or typed text, before the screen sees it. Returns 1 when Read aloud took it. */
int access_key(struct app *a, const struct input_event *ev);
/* A finger landed, lifted or moved (speech is interrupted when it lands). */
void access_pointer(struct app *a, const struct input_event *ev);
/* The screen changed (after a->screen is set). */
void access_screen(struct app *a);
/* A frame was drawn: says what waits to be said of it. */
void access_drawn(struct app *a);
/* The visit ended: Read aloud goes off and forgets what it said. */
void access_off(struct app *a);

#endif
