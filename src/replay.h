/* replay: the script language that drives the kiosk headlessly (tests, screenshots, anyone).
 * This module only parses; driver.c runs a parsed script against the real app on a virtual clock. */
#ifndef REPLAY_H
#define REPLAY_H

#include <stddef.h>

#define REPLAY_MAX_STR   1024
#define REPLAY_MAX_CMDS  10000

enum replay_op {
    OP_SIZE,            /* size W H */
    OP_TAP,             /* tap "Label" */
    OP_DOUBLE_TAP,      /* double-tap "Label": two quick taps on the same spot */
    OP_TAP_AT,          /* tap-at X Y */
    OP_MOUSE_TAP_AT,    /* mouse-tap-at X Y: a mouse click, no touch */
    OP_HOLD,            /* hold "Label" SECONDS */
    OP_HOLD_AT,         /* hold-at X Y SECONDS */
    OP_DRAG,            /* drag X1 Y1 X2 Y2 */
    OP_TYPE,            /* type "text": on the on-screen keyboard */
    OP_TEXT,            /* text "text": from a physical keyboard */
    OP_KEY,             /* key NAME */
    OP_WAIT,            /* wait SECONDS: the virtual clock moves on */
    OP_SHOT,            /* shot NAME */
    OP_EXPECT_SCREEN,   /* expect-screen NAME */
    OP_EXPECT_TEXT,     /* expect-text "..." */
    OP_EXPECT_NO_TEXT,  /* expect-no-text "..." */
    OP_EXPECT_GOLDEN,   /* expect-golden NAME: compare with the reference screenshot */
    OP_WIDGETS,         /* widgets */
    OP_TEXTS,           /* texts */
    OP_SLEEP,           /* sleep SECONDS: really sleep, the virtual clock stands still */
    OP_DB_FAULT,        /* db-fault none|write|sync|full: make the database fail (tests) */
    OP_MONKEY,          /* monkey SEED COUNT: COUNT seeded random taps, drags, holds, keys, clock jumps */
    OP_EXPECT_PICTURE,  /* expect-picture "words" RRGGBB: that picture is on screen, in that colour */
    OP_EXPECT_SAID,     /* expect-said "...": said aloud since the last screen change */
    OP_EXPECT_NOT_SAID, /* expect-not-said "..." */
    OP_WAIT_SPEECH,     /* wait-speech: really wait (30 s at most) until Read aloud has said all and played it */
    OP_EXPECT_FOCUS,    /* expect-focus "Label": the focus ring is on that control */
    OP_TAP_WORD         /* tap-word NAME: tap the control labelled with message NAME in the language shown */
};

struct replay_cmd {
    enum replay_op op;
    int line;                   /* 1-based, for messages */
    char str[REPLAY_MAX_STR];   /* label, text, name */
    int n[4];                   /* coordinates, sizes */
    double seconds;
};

struct replay_script {
    struct replay_cmd *cmds;    /* owned; release with replay_free() */
    int n;
};

/* Parses len bytes of text. Returns 0 with *out filled, or -1 with "LINE: message" in err.
 * Strings are double-quoted with \" \\ \n \t and \xNN (a byte, 01 to ff) escapes; '#' starts a
 * comment outside strings. */
int replay_parse(const char *text, size_t len, struct replay_script *out, char *err, size_t errlen);
void replay_free(struct replay_script *s);

#endif
