/* input: names of the physical keys a replay script can press. */
#include "input.h"

#include <string.h>

enum input_key input_key_from_name(const char *name)
{
    static const struct { const char *name; enum input_key key; } keys[] = {
        { "backspace", KEY_BACKSPACE }, { "return", KEY_RETURN }, { "enter", KEY_RETURN },
        { "tab", KEY_TAB }, { "escape", KEY_ESCAPE }, { "up", KEY_UP }, { "down", KEY_DOWN },
        { "pageup", KEY_PAGEUP }, { "pagedown", KEY_PAGEDOWN },
        { "left", KEY_LEFT }, { "right", KEY_RIGHT }, { "space", KEY_SPACE }, { "shift-tab", KEY_SHIFT_TAB },
        { "kp0", KEY_KP0 }, { "kp2", KEY_KP2 }, { "kp4", KEY_KP4 }, { "kp5", KEY_KP5 }, { "kp6", KEY_KP6 },
        { "kp8", KEY_KP8 }, { "kpplus", KEY_KP_PLUS }, { "kpminus", KEY_KP_MINUS },
        { "kpmultiply", KEY_KP_MULTIPLY }, { "kpdivide", KEY_KP_DIVIDE },
        { "f5", KEY_F5 }, { "f6", KEY_F6 }, { "f7", KEY_F7 }, { "f8", KEY_F8 }, { "f9", KEY_F9 },
        { "other", KEY_OTHER },
    };

    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(keys[i].name, name) == 0)
            return keys[i].key;
    return KEY_NONE;
}
