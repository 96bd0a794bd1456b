/* access: Read aloud's keys and what is said of a screen once it is drawn. */
#include "access.h"

#include <string.h>

#include "app.h"

/* A client's details drawn on screen: what they typed, in a field or on review. */
static int personal(const struct app *a, const char *text)
{
    static const enum form_field fields[] = { FORM_FIELD_NAME, FORM_FIELD_PHONE, FORM_FIELD_EMAIL };

    if (a->screen != SCREEN_FORM && a->screen != SCREEN_REVIEW)
        return 0;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const char *v = form_text(&a->form, fields[i]);
        size_t n = strlen(v);
        if (n > 0 && strncmp(text, v, n) == 0 && (text[n] == '\0' || strcmp(text + n, "|") == 0))
            return 1;
    }
    return 0;
}

/* Says the screen's own texts in reading order. */
static void read_screen(struct app *a)
{
    const struct frame *f = &a->frame;
    const char *instead = app_text(a, MSG_SAY_AS_TYPED);

    if (a->screen == SCREEN_IDLE_WARNING)
        speech_tone(&a->speech);
    for (int i = a->access.first_text; i < f->ntexts; i++) {
        const char *t = f->texts[i].text;
        if (!personal(a, t))
            speech_say(&a->speech, t, NULL);
        else if (a->speech.headphones)
            speech_say(&a->speech, t, instead);
        else
            speech_say(&a->speech, instead, NULL);
    }
}

/* Slower, faster, quieter, louder: the change, said at once in the new voice, then the screen again. */
static void adjust(struct app *a, enum speech_adjust how)
{
    static const enum wording_id done[] = {
        [SPEECH_SLOWER] = MSG_SPEECH_SLOWER, [SPEECH_FASTER] = MSG_SPEECH_FASTER,
        [SPEECH_QUIETER] = MSG_SPEECH_QUIETER, [SPEECH_LOUDER] = MSG_SPEECH_LOUDER,
    };
    static const enum wording_id limit[] = {
        [SPEECH_SLOWER] = MSG_SAY_SLOWEST, [SPEECH_FASTER] = MSG_SAY_FASTEST,
        [SPEECH_QUIETER] = MSG_SAY_QUIETEST, [SPEECH_LOUDER] = MSG_SAY_LOUDEST,
    };

    speech_say(&a->speech, app_text(a, speech_adjust(&a->speech, how) ? done[how] : limit[how]), NULL);
    a->access.read_pending = 1;
    a->dirty = 1;
}

int access_key(struct app *a, const struct input_event *ev)
{
    struct speech *s = &a->speech;

    if (ev->kind != INPUT_KEY)
        return 0;
    if (a->screen == SCREEN_IDLE_WARNING) {
        /* Someone is there: a key is "Continue", with or without Read aloud. */
        speech_stop(s);
        app_act(a, ACT_CONTINUE);
        return 1;
    }
    if (!s->on) {
        if (a->screen != SCREEN_ATTRACT || !a->content)
            return 0;
        /* Any key on the welcome screen: a client who cannot see it is there. */
        speech_start(s);
        speech_language(s, a->words ? a->words->language : "en");
        a->access.greet = 1;
        app_act(a, ACT_START);
        return 1;
    }
    speech_stop(s);     /* any key interrupts, and what it leads to is said instead */
    switch (ev->key) {
    case KEY_KP0:
    case KEY_F5:
        a->access.read_pending = 1;
        a->dirty = 1;
        return 1;
    case KEY_KP_DIVIDE:
    case KEY_F6:
        adjust(a, SPEECH_SLOWER);
        return 1;
    case KEY_KP_MULTIPLY:
    case KEY_F7:
        adjust(a, SPEECH_FASTER);
        return 1;
    case KEY_KP_MINUS:
    case KEY_F8:
        adjust(a, SPEECH_QUIETER);
        return 1;
    case KEY_KP_PLUS:
    case KEY_F9:
        adjust(a, SPEECH_LOUDER);
        return 1;
    default:
        return 0;
    }
}

void access_pointer(struct app *a, const struct input_event *ev)
{
    if (ev->kind == INPUT_POINTER_DOWN)
        speech_stop(&a->speech);
}

void access_screen(struct app *a)
{
    if (!a->speech.on)
        return;
    speech_new_screen(&a->speech);
    a->access.read_pending = 1;
}

void access_drawn(struct app *a)
{
    if (!a->speech.on || !a->access.read_pending)
        return;
    a->access.read_pending = 0;
    if (a->access.greet)
        speech_say(&a->speech, app_text(a, MSG_SAY_ON), NULL);
    a->access.greet = 0;
    read_screen(a);
}

void access_off(struct app *a)
{
    speech_end(&a->speech);
    a->access.read_pending = a->access.greet = 0;
}
