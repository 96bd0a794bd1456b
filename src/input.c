/* input: names of the physical keys a replay script can press. */
#include "input.h"

#include <string.h>

enum input_key input_key_from_name(const char *name)
{
    static const struct { const char *name; enum input_key key; } keys[] = {
        { "backspace", KEY_BACKSPACE }, { "return", KEY_RETURN }, { "enter", KEY_RETURN },
        { "tab", KEY_TAB }, { "escape", KEY_ESCAPE }, { "up", KEY_UP }, { "down", KEY_DOWN },
        { "pageup", KEY_PAGEUP }, { "pagedown", KEY_PAGEDOWN },
    };

    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(keys[i].name, name) == 0)
            return keys[i].key;
    return KEY_NONE;
}
