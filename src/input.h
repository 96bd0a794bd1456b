/* input: the plain input events the core understands, whatever produced them.
 * The platform layer turns SDL events into these; the replay driver makes them from a script. */
#ifndef INPUT_H
#define INPUT_H

#include <stdint.h>

enum input_kind {
    INPUT_NONE,
    INPUT_POINTER_DOWN,     /* a finger landed (or the left mouse button went down) at x, y */
    INPUT_POINTER_MOVE,     /* the pointer moved to x, y */
    INPUT_POINTER_UP,       /* the finger lifted at x, y */
    INPUT_TEXT,             /* text typed on a physical keyboard (UTF-8, unchecked) */
    INPUT_KEY,              /* a named key on a physical keyboard */
    INPUT_EXPOSE,           /* the window needs drawing again */
    INPUT_QUIT              /* the system asks the app to stop */
};

enum input_key {
    KEY_NONE,
    KEY_BACKSPACE,
    KEY_RETURN,
    KEY_TAB,
    KEY_ESCAPE,
    KEY_UP,
    KEY_DOWN,
    KEY_PAGEUP,
    KEY_PAGEDOWN,
    KEY_LEFT,
    KEY_RIGHT,
    KEY_SPACE,
    KEY_SHIFT_TAB,
    KEY_KP0, KEY_KP2, KEY_KP4, KEY_KP5, KEY_KP6, KEY_KP8,   /* a numeric keypad (whatever Num Lock says) */
    KEY_KP_PLUS, KEY_KP_MINUS, KEY_KP_MULTIPLY, KEY_KP_DIVIDE,
    KEY_F5, KEY_F6, KEY_F7, KEY_F8, KEY_F9,                 /* Read aloud's keys on a keyboard without a keypad */
    KEY_OTHER,              /* any other key: nothing but a sign that someone is there */
    KEY_COUNT
};

struct input_event {
    enum input_kind kind;
    int x, y;               /* POINTER_*: in the app's (rotated) coordinates */
    enum input_key key;     /* KEY */
    char text[32];          /* TEXT: NUL-terminated */
};

/* The key with this replay/script name ("backspace", "return", ...), or KEY_NONE. */
enum input_key input_key_from_name(const char *name);

#endif
