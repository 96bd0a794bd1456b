/* access: the focus ring, keys, explore by touch and what Read aloud says of the frame. It reads
 * only the frame (texts and controls in reading order, with their roles and states) and the form's
 * typed values (to keep them out of what a speaker says); it acts as a finger would, by tapping. */
#include "access.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "utf8.h"

#define DOUBLE_TAP_MS 400   /* from one tap lifting to the next lifting, for a double tap */
#define FLICK_MS      350   /* a flick is quicker than this */
#define FLICK_PX      80    /* and travels at least this far across */
#define SLOP_PX       24    /* a finger that moves less than this has not moved */
#define RING_PX       6     /* the focus ring's width, outside the control */

_Static_assert(SCREEN_COUNT <= ACCESS_SCREENS, "access.left[] holds a focus for each screen");

/* ---------------------------------------------------------------- the frame */

static int find_id(const struct frame *f, unsigned id)
{
    for (int i = 0; id && i < f->nwidgets; i++)
        if (f->widgets[i].id == id)
            return i;
    return -1;
}

static int shown(const struct frame_widget *w)
{
    return !(w->state & FRAME_STATE_HIDDEN) && w->r.w > 0 && w->r.h > 0;
}

/* Seen whole, not cut by the edge of its scrolled page. */
static int whole(const struct frame_widget *w)
{
    return shown(w) && w->r.h >= w->full.h && w->r.w >= w->full.w;
}

/* The top bar's own controls, which the focus skips when a screen opens. */
static int chrome_control(const struct app *a, const struct frame_widget *w)
{
    static const enum wording_id bar[] = { MSG_BAR_LARGER_TEXT, MSG_BAR_HIGH_CONTRAST, MSG_SPEECH_READ_ALOUD,
                                           MSG_SPEECH_SLOWER, MSG_SPEECH_FASTER, MSG_SPEECH_QUIETER,
                                           MSG_SPEECH_LOUDER };

    const struct languages *L = app_languages(a);

    for (size_t i = 0; i < sizeof bar / sizeof bar[0]; i++)
        if (strcmp(w->label, app_text(a, bar[i])) == 0)
            return 1;
    /* the language picker: named by the language shown */
    return L && strcmp(w->label, languages_current(L)->name) == 0;
}

/* Where the focus goes when a screen opens: the field being typed in, else the first control that
 * is the screen's own. -1 when there is none. */
static int first_control(const struct app *a)
{
    const struct frame *f = &a->frame;
    int any = -1;

    for (int i = 0; i < f->nwidgets; i++)
        if (f->widgets[i].role == FRAME_ROLE_FIELD && (f->widgets[i].state & FRAME_STATE_FOCUSED))
            return i;
    for (int i = 0; i < f->nwidgets; i++) {
        if (!shown(&f->widgets[i]))
            continue;
        if (!chrome_control(a, &f->widgets[i]))
            return i;
        if (any < 0)
            any = i;
    }
    return any;
}

/* The text drawn inside control i (a field's value or placeholder), or NULL. */
static const char *caption_of(const struct frame *f, int i)
{
    struct rect r = f->widgets[i].full;

    for (int k = 0; k < f->ntexts; k++) {
        const struct frame_text *t = &f->texts[k];
        if ((t->flags & FRAME_TEXT_CAPTION) && t->r.x >= r.x && t->r.y >= r.y && t->r.x + t->r.w <= r.x + r.w &&
            t->r.y + t->r.h <= r.y + r.h)
            return t->text;
    }
    return NULL;
}

/* A client's details on screen: exactly what they typed in a field (on review, say). */
static int personal(const struct app *a, const char *text)
{
    static const enum form_field fields[] = { FORM_FIELD_NAME, FORM_FIELD_PHONE, FORM_FIELD_EMAIL };

    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const char *v = form_text(&a->form, fields[i]);
        size_t n = strlen(v);
        if (n > 0 && (strcmp(text, v) == 0 || (n >= 3 && strstr(text, v))))
            return 1;
    }
    return 0;
}

static uint64_t hash(const char *s)
{
    uint64_t h = 14695981039346656037ULL;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* 1 the first time text is met on this screen (it is then remembered). */
static int first_sight(struct access *x, const char *text)
{
    uint64_t h = hash(text);

    for (int i = 0; i < x->nseen; i++)
        if (x->seen[i] == h)
            return 0;
    if (x->nseen < ACCESS_SEEN)
        x->seen[x->nseen++] = h;
    return x->nseen < ACCESS_SEEN;
}

/* ---------------------------------------------------------------- saying */

/* Says message id about a control labelled label (and value), as spoken and as shown. */
static void say_words(struct app *a, enum wording_id id, const char *label, const char *value, const char *shown_value)
{
    char spoken[WORDING_TEXT_BYTES], shown_words[WORDING_TEXT_BYTES];
    struct wording_arg args[2] = { WORDING_TEXT("label", label), WORDING_TEXT("value", value ? value : "") };


    wording_format(a->words, id, spoken, sizeof spoken, args, 2);
    if (shown_value) {
        args[1] = WORDING_TEXT("value", shown_value);
        wording_format(a->words, id, shown_words, sizeof shown_words, args, 2);
        speech_say(&a->speech, a->speech.headphones ? spoken : shown_words, shown_words);
    } else {
        speech_say(&a->speech, spoken, NULL);
    }
    sodium_memzero(spoken, sizeof spoken);
}

/* Control i by its label, role and state: "No, button", "Full name, text field, empty". */
static void say_control(struct app *a, int i)
{
    const struct frame *f = &a->frame;
    const struct frame_widget *w = &f->widgets[i];
    char value[WORDING_TEXT_BYTES];

    switch (w->role) {
    case FRAME_ROLE_FIELD: {
        const char *caption = caption_of(f, i);
        size_t n;
        if ((w->state & FRAME_STATE_EMPTY) || !caption) {
            say_words(a, MSG_SAY_FIELD_EMPTY, w->label, NULL, NULL);
            return;
        }
        n = strlen(caption);
        if (n > 0 && caption[n - 1] == '|')
            n--;    /* the caret */
        snprintf(value, sizeof value, "%.*s", (int)n, caption);
        say_words(a, MSG_SAY_FIELD, w->label, value, app_text(a, MSG_SAY_AS_TYPED));
        sodium_memzero(value, sizeof value);
        return;
    }
    case FRAME_ROLE_CHECKBOX:
        say_words(a, w->state & FRAME_STATE_CHECKED ? MSG_SAY_CHECKBOX_ON : MSG_SAY_CHECKBOX_OFF, w->label, NULL, NULL);
        return;
    case FRAME_ROLE_KEY:
        /* A key's name is heard, but never written: a trace of keys would spell what was typed. */
        wording_format(a->words, MSG_SAY_KEY, value, sizeof value,
                       (const struct wording_arg[]){ WORDING_TEXT("label", w->label) }, 1);
        if (utf8_count(w->label, strlen(w->label)) == 1)
            speech_spell(&a->speech, w->label, app_text(a, MSG_SAY_A_KEY));
        else
            speech_say(&a->speech, value, app_text(a, MSG_SAY_A_KEY));
        return;
    case FRAME_ROLE_BUTTON:
    case FRAME_ROLE_AREA:
        say_words(a, w->state & FRAME_STATE_SELECTED ? MSG_SAY_BUTTON_SELECTED : MSG_SAY_BUTTON, w->label, NULL, NULL);
        return;
    }
}

/* A text of the screen: a client's details only as the speaker allows; the reference spelled. */
static void say_text(struct app *a, const char *label, const char *t)
{
    char spoken[WORDING_TEXT_BYTES], shown_words[WORDING_TEXT_BYTES];
    const char *instead = app_text(a, MSG_SAY_AS_TYPED);

    if (personal(a, t)) {
        if (label) {
            snprintf(spoken, sizeof spoken, "%s: %s", label, t);
            snprintf(shown_words, sizeof shown_words, "%s: %s", label, instead);
        } else {
            snprintf(spoken, sizeof spoken, "%s", t);
            snprintf(shown_words, sizeof shown_words, "%s", instead);
        }
        speech_say(&a->speech, a->speech.headphones ? spoken : shown_words, shown_words);
        sodium_memzero(spoken, sizeof spoken);
        return;
    }
    if (label)
        speech_say(&a->speech, label, NULL);
    if (a->screen == SCREEN_THANKS && a->receipt.ref[0] && strcmp(t, a->receipt.ref) == 0)
        speech_spell(&a->speech, t, NULL);
    else
        speech_say(&a->speech, t, NULL);
}

/* The bottom of the top bar (0 when the screen has none): its texts are not the screen's. */
static int bar_bottom(const struct app *a)
{
    const struct frame *f = &a->frame;
    int bottom = 0;

    for (int i = 0; i < f->nwidgets; i++)
        if (chrome_control(a, &f->widgets[i]) && shown(&f->widgets[i]) &&
            f->widgets[i].r.y + f->widgets[i].r.h > bottom)
            bottom = f->widgets[i].r.y + f->widgets[i].r.h;
    return bottom;
}

/* The screen's title, then its texts in reading order, then where the focus is. */
static void read_screen(struct app *a)
{
    const struct frame *f = &a->frame;
    int title = -1, top = bar_bottom(a), i;

    if (a->screen == SCREEN_IDLE_WARNING)
        speech_tone(&a->speech);
    for (i = a->access.first_text; i < f->ntexts && title < 0; i++)
        if ((f->texts[i].flags & (FRAME_TEXT_TITLE | FRAME_TEXT_CAPTION)) == FRAME_TEXT_TITLE)
            title = i;
    if (title >= 0)
        say_text(a, NULL, f->texts[title].text);
    for (i = a->access.first_text; i < f->ntexts; i++) {
        const struct frame_text *t = &f->texts[i];
        first_sight(&a->access, t->text);
        if (i == title || (t->flags & FRAME_TEXT_CAPTION))
            continue;
        if (!(t->flags & FRAME_TEXT_HIDDEN) && t->r.y + t->r.h <= top)
            continue;   /* the top bar: the clinic's name */
        if (t->flags & FRAME_TEXT_PICTURE) {
            say_words(a, MSG_SAY_PICTURE, t->text, NULL, NULL);
            continue;
        }
        /* "Name" then what they typed: one utterance, "Name: as you typed it" on a speaker. */
        if (i + 1 < f->ntexts && !(f->texts[i + 1].flags & FRAME_TEXT_CAPTION) && !personal(a, t->text) &&
            personal(a, f->texts[i + 1].text)) {
            first_sight(&a->access, f->texts[i + 1].text);
            say_text(a, t->text, f->texts[i + 1].text);
            i++;
            continue;
        }
        /* A field's label: the field itself, with what it holds. */
        {
            int k;
            for (k = 0; k < f->nwidgets; k++)
                if (f->widgets[k].role == FRAME_ROLE_FIELD && strcmp(f->widgets[k].label, t->text) == 0)
                    break;
            if (k < f->nwidgets) {
                say_control(a, k);
                continue;
            }
        }
        say_text(a, NULL, t->text);
    }
    i = find_id(f, a->access.focus);
    if (i >= 0)
        say_control(a, i);
}

/* Texts that appeared since the screen was read (a mistake by a field, a refused key): said once. */
static void announce(struct app *a)
{
    const struct frame *f = &a->frame;
    int top = bar_bottom(a);

    for (int i = a->access.first_text; i < f->ntexts; i++) {
        const struct frame_text *t = &f->texts[i];
        if ((t->flags & FRAME_TEXT_CAPTION) || !first_sight(&a->access, t->text))
            continue;
        if (!(t->flags & FRAME_TEXT_HIDDEN) && t->r.y + t->r.h <= top)
            continue;   /* the top bar: the clinic's name, as when the screen is read */
        if (a->screen == SCREEN_IDLE_WARNING || a->screen == SCREEN_THANKS || a->screen == SCREEN_ATTRACT)
            continue;   /* (their countdowns change every second) */
        if (t->flags & FRAME_TEXT_PICTURE)
            say_words(a, MSG_SAY_PICTURE, t->text, NULL, NULL);
        else
            say_text(a, NULL, t->text);
    }
}

/* What was typed into the field in focus since the last frame: each letter into headphones, on a
 * speaker only that a letter was entered or deleted. */
static void typed(struct app *a)
{
    struct access *x = &a->access;
    int field = a->screen == SCREEN_FORM ? a->focus : -1;
    const char *text = field >= 0 ? form_text(&a->form, (enum form_field)field) : "";
    size_t len = strlen(text);

    if (field >= 0 && field == x->typed_field && len != x->typed_len) {
        if (len < x->typed_len)
            speech_say(&a->speech, app_text(a, MSG_SAY_LETTER_DELETED), NULL);
        else if (a->speech.headphones)
            speech_spell(&a->speech, text + x->typed_len, app_text(a, MSG_SAY_LETTER_ENTERED));
        else
            speech_say(&a->speech, app_text(a, MSG_SAY_LETTER_ENTERED), NULL);
    }
    x->typed_field = field;
    x->typed_len = len;
}

/* ---------------------------------------------------------------- the focus */

/* The ring around the focused control, on top of everything drawn: four bars just outside it. */
static void draw_ring(struct app *a)
{
    struct frame *f = &a->frame;
    int i = find_id(f, a->access.focus);
    int px = RING_PX * (a->w < a->h ? a->w : a->h) / 800, gap;
    struct rect r, bars[4];

    if (i < 0 || !shown(&f->widgets[i]) || (!a->access.ring && !a->speech.on))
        return;
    px = px < 3 ? 3 : px;
    gap = px / 2;
    r = f->widgets[i].r;
    r = (struct rect){ r.x - gap - px, r.y - gap - px, r.w + 2 * (gap + px), r.h + 2 * (gap + px) };
    bars[0] = (struct rect){ r.x, r.y, r.w, px };
    bars[1] = (struct rect){ r.x, r.y + r.h - px, r.w, px };
    bars[2] = (struct rect){ r.x, r.y + px, px, r.h - 2 * px };
    bars[3] = (struct rect){ r.x + r.w - px, r.y + px, px, r.h - 2 * px };
    for (int k = 0; k < 4; k++) {
        struct draw_cmd *c = frame_push(f, DRAW_RECT);
        if (!c)
            return;
        c->r = bars[k];
        c->colour = a->ui.th.focus | 0xFF;
    }
}

/* Draws the screen again for access's own use (after a scroll), saying nothing. */
static void relayout(struct app *a)
{
    a->access.relayout = 1;
    app_draw(a, a->w, a->h);
    a->access.relayout = 0;
}

/* Scrolls control i of the frame into view. Returns its index in the new frame, or -1. */
static int reveal(struct app *a, int i)
{
    struct ui_scroll *areas[2] = { &a->scroll[a->screen], a->screen == SCREEN_INFO ? &a->nav_scroll : NULL };
    unsigned id = a->frame.widgets[i].id;
    struct rect full = a->frame.widgets[i].full;
    int h = a->frame.h;

    for (int k = 0; k < 2; k++) {
        struct ui_scroll *s = areas[k];
        int was, max, j;
        if (!s || s->content_h <= s->view_h)
            continue;
        was = s->offset;
        max = s->content_h - s->view_h;
        s->offset += full.y + full.h / 2 - h / 2;
        s->offset = s->offset < 0 ? 0 : s->offset > max ? max : s->offset;
        relayout(a);
        j = find_id(&a->frame, id);
        if (j >= 0 && shown(&a->frame.widgets[j]))
            return j;
        s->offset = was;
        relayout(a);

    }
    return find_id(&a->frame, id);
}

/* Moves the focus to control i (scrolled into view), says it when Read aloud is on, and traces it. */
static void focus_on(struct app *a, int i, int say)
{
    const struct frame_widget *w;

    if (i < 0)
        return;
    if (!whole(&a->frame.widgets[i]))
        i = reveal(a, i);
    if (i < 0)
        return;
    w = &a->frame.widgets[i];
    if (a->trace && w->id != a->access.focus) {
        /* The keys of a keyboard (and the PIN pad) are not named: their order would spell what was typed. */
        fprintf(a->trace, "focus %s\n", w->role == FRAME_ROLE_KEY ? "(key)" : w->label);
        fflush(a->trace);
    }
    a->access.focus = w->id;
    if (say && a->speech.on) {
        speech_stop(&a->speech);
        say_control(a, i);
    }
    a->dirty = 1;
}

/* The next (dir 1) or previous (-1) control in reading order, round from the end to the start. */
static void step(struct app *a, int dir)
{
    const struct frame *f = &a->frame;
    int i = find_id(f, a->access.focus);

    if (f->nwidgets == 0)
        return;
    if (i < 0)
        i = first_control(a);
    else
        i = (i + dir + f->nwidgets) % f->nwidgets;
    focus_on(a, i, 1);
}

/* Up or down (dir -1, 1) within a keyboard's keys: the key in the row above or below, nearest
 * across. -1 when the focus is not on a key, or there is no row there. */
static int key_row(const struct app *a, int dir)
{
    const struct frame *f = &a->frame;
    int i = find_id(f, a->access.focus), best = -1;
    long best_score = 0;

    if (i < 0 || f->widgets[i].role != FRAME_ROLE_KEY)
        return -1;
    for (int k = 0; k < f->nwidgets; k++) {
        struct rect c = f->widgets[k].r, r = f->widgets[i].r;
        long dy = dir > 0 ? c.y - (r.y + r.h / 2) : (r.y + r.h / 2) - (c.y + c.h);
        long dx = labs((long)(c.x + c.w / 2) - (r.x + r.w / 2));
        if (k == i || f->widgets[k].role != FRAME_ROLE_KEY || !shown(&f->widgets[k]) || dy < 0)
            continue;
        if (best < 0 || dy * 8 + dx < best_score) {
            best = k;
            best_score = dy * 8 + dx;
        }
    }
    return best;
}

/* Activates the control with id as a finger would: a tap on it, scrolled into view first. */
static void activate(struct app *a, unsigned id)
{
    int i = find_id(&a->frame, id);
    struct input_event ev = { .kind = INPUT_POINTER_DOWN };

    if (i >= 0 && !whole(&a->frame.widgets[i]))
        i = reveal(a, i);
    if (i < 0 || !shown(&a->frame.widgets[i]))
        return;
    ev.x = a->frame.widgets[i].r.x + a->frame.widgets[i].r.w / 2;
    ev.y = a->frame.widgets[i].r.y + a->frame.widgets[i].r.h / 2;
    a->access.focus = id;
    /* Its new state, once drawn (a new screen is read instead); a key says what it typed. */
    a->access.say_focus = a->frame.widgets[i].role != FRAME_ROLE_KEY;
    a->access.tapping = 1;
    app_event(a, &ev, a->now);
    ev.kind = INPUT_POINTER_UP;
    app_event(a, &ev, a->now);
    a->access.tapping = 0;
}

/* Escape: the screen's own way back, if it has one. */
static void back(struct app *a)
{
    static const enum wording_id ways[] = { MSG_BUTTON_BACK, MSG_BUTTON_EDIT };

    for (size_t k = 0; k < sizeof ways / sizeof ways[0]; k++) {
        int i = frame_find_widget(&a->frame, app_text(a, ways[k]));
        if (i >= 0) {
            enum screen was = a->screen;
            activate(a, a->frame.widgets[i].id);
            if (a->screen == was)
                a->access.focus_pending = a->access.to_answer = 1;  /* an earlier question: not "Back" */
            else
                a->access.restore = a->access.left[a->screen];      /* where the client was there */
            return;
        }
    }
}

/* ---------------------------------------------------------------- Read aloud's own */

void access_adjust(struct app *a, enum speech_adjust how)
{
    static const enum wording_id done[] = {
        [SPEECH_SLOWER] = MSG_SPEECH_SLOWER, [SPEECH_FASTER] = MSG_SPEECH_FASTER,
        [SPEECH_QUIETER] = MSG_SPEECH_QUIETER, [SPEECH_LOUDER] = MSG_SPEECH_LOUDER,
    };
    static const enum wording_id limit[] = {
        [SPEECH_SLOWER] = MSG_SAY_SLOWEST, [SPEECH_FASTER] = MSG_SAY_FASTEST,
        [SPEECH_QUIETER] = MSG_SAY_QUIETEST, [SPEECH_LOUDER] = MSG_SAY_LOUDEST,
    };
    int i;

    speech_stop(&a->speech);
    speech_say(&a->speech, app_text(a, speech_adjust(&a->speech, how) ? done[how] : limit[how]), NULL);
    i = find_id(&a->frame, a->access.focus);
    if (i >= 0)
        say_control(a, i);  /* heard again in the new voice */
    a->dirty = 1;
}

/* Turns Read aloud on where the client is: how to use it, then the screen. */
static void start(struct app *a)
{
    speech_start(&a->speech);
    speech_language(&a->speech, a->words ? a->words->language : "en");
    a->access.greet = 1;
    a->access.read_pending = 1;
    a->access.nseen = 0;
    a->dirty = 1;
}

void access_toggle(struct app *a)
{
    if (!a->speech.on) {
        start(a);
        return;
    }
    speech_end(&a->speech);
    a->access.read_pending = a->access.greet = 0;
    a->dirty = 1;
}

/* ---------------------------------------------------------------- input */

int access_key(struct app *a, const struct input_event *ev)
{
    struct access *x = &a->access;
    struct speech *s = &a->speech;
    int typing = a->screen == SCREEN_FORM && a->focus >= 0, i;

    if (ev->kind == INPUT_TEXT) {
        int eat = x->eat_space && strcmp(ev->text, " ") == 0;
        x->eat_space = 0;
        return eat;
    }
    if (ev->kind != INPUT_KEY)
        return 0;
    x->eat_space = 0;
    if (a->screen == SCREEN_IDLE_WARNING) {
        /* Someone is there: a key is "Continue", with or without Read aloud. */
        speech_stop(s);
        app_act(a, ACT_CONTINUE);
        return 1;
    }
    if (!s->on && a->screen == SCREEN_ATTRACT) {
        if (!a->content)
            return 0;
        /* Any key on the welcome screen: a client who cannot see it is there. */
        start(a);
        x->ring = 1;
        app_act(a, ACT_START);
        return 1;
    }
    if (a->screen == SCREEN_STAFF_PIN || a->screen == SCREEN_STAFF || a->screen == SCREEN_OUT_OF_ORDER)
        return 0;
    if (s->on)
        speech_stop(s);     /* any key interrupts, and what it leads to is said instead */
    i = find_id(&a->frame, x->focus);
    switch (ev->key) {
    case KEY_TAB:
        if (typing) {
            x->tab_out = 1;
            return 0;       /* the next field, as the keyboard's Next: the focus follows */
        }
        x->ring = 1;
        step(a, 1);
        return 1;
    case KEY_DOWN: case KEY_KP2:
    case KEY_UP: case KEY_KP8: {
        /* On a keyboard's keys, the row below or above; elsewhere, as Tab. */
        int dir = ev->key == KEY_DOWN || ev->key == KEY_KP2 ? 1 : -1, k = key_row(a, dir);
        x->ring = 1;
        if (k >= 0)
            focus_on(a, k, 1);
        else
            step(a, dir);
        return 1;
    }
    case KEY_RIGHT: case KEY_KP6:
        x->ring = 1;
        step(a, 1);
        return 1;
    case KEY_SHIFT_TAB: case KEY_LEFT: case KEY_KP4:
        x->ring = 1;
        step(a, -1);
        return 1;
    case KEY_RETURN:
    case KEY_SPACE:
    case KEY_KP5:
        if (ev->key != KEY_KP5 && typing && (i < 0 || a->frame.widgets[i].role == FRAME_ROLE_FIELD))
            return 0;       /* typing: Return is the next field, Space a space */
        x->ring = 1;
        if (i < 0) {
            focus_on(a, first_control(a), 1);
            return 1;
        }
        x->eat_space = ev->key == KEY_SPACE;
        activate(a, x->focus);
        return 1;
    case KEY_ESCAPE:
        if (typing)
            return 0;       /* the keyboard closes */
        back(a);
        return 1;
    case KEY_KP0:
    case KEY_F5:
        if (!s->on)
            return 0;
        speech_new_screen(s);
        x->read_pending = 1;
        x->nseen = 0;
        a->dirty = 1;
        return 1;
    case KEY_KP_DIVIDE: case KEY_F6:
    case KEY_KP_MULTIPLY: case KEY_F7:
    case KEY_KP_MINUS: case KEY_F8:
    case KEY_KP_PLUS: case KEY_F9:
        if (!s->on)
            return 0;
        access_adjust(a, ev->key == KEY_KP_DIVIDE || ev->key == KEY_F6 ? SPEECH_SLOWER
                       : ev->key == KEY_KP_MULTIPLY || ev->key == KEY_F7 ? SPEECH_FASTER
                       : ev->key == KEY_KP_MINUS || ev->key == KEY_F8 ? SPEECH_QUIETER : SPEECH_LOUDER);
        return 1;
    default:
        return 0;
    }
}

/* The control (or else the text) under the finger, said when the finger enters it. */
static void touch_at(struct app *a, int x, int y)
{
    const struct frame *f = &a->frame;
    int best = -1;

    for (int i = 0; i < f->nwidgets; i++)
        if (shown(&f->widgets[i]) && rect_contains(f->widgets[i].r, x, y) &&
            (best < 0 || f->widgets[i].r.w * f->widgets[i].r.h < f->widgets[best].r.w * f->widgets[best].r.h))
            best = i;   /* the smallest: a key over its keyboard, a button over "Touch to start" */
    if (best >= 0) {
        if (f->widgets[best].id != a->access.under) {
            a->access.under = f->widgets[best].id;
            focus_on(a, best, 0);
            speech_stop(&a->speech);
            say_control(a, best);
        }
        return;
    }
    a->access.under = 0;
    for (int i = a->access.first_text; i < f->ntexts; i++) {
        const struct frame_text *t = &f->texts[i];
        if (!(t->flags & (FRAME_TEXT_HIDDEN | FRAME_TEXT_CAPTION)) && rect_contains(t->r, x, y)) {
            unsigned h = (unsigned)hash(t->text) | 1u;
            if (h != a->access.under) {
                speech_stop(&a->speech);
                say_text(a, NULL, t->text);
            }
            a->access.under = h;    /* (a text's mark, never a control's id on this frame) */
            return;
        }
    }
}

int access_pointer(struct app *a, const struct input_event *ev)
{
    struct access *x = &a->access;

    if (x->tapping)
        return 0;
    if (!a->speech.on) {
        if (ev->kind == INPUT_POINTER_DOWN)
            x->ring = 0;    /* a finger: the ring goes until a key is used again */
        return 0;
    }
    switch (ev->kind) {
    case INPUT_POINTER_DOWN:
        x->down_at = a->now;
        x->down_x = ev->x;
        x->down_y = ev->y;
        x->moved = 0;
        x->before = x->focus;
        /* The second tap of a double tap: nothing new is said before it activates. */
        x->under = x->up_at && a->now - x->up_at <= DOUBLE_TAP_MS ? x->focus : 0;
        if (!x->under) {
            speech_stop(&a->speech);    /* any touch interrupts, on nothing too */
            touch_at(a, ev->x, ev->y);
        }
        break;
    case INPUT_POINTER_MOVE:
        if (!x->down_at)
            break;
        if (abs(ev->x - x->down_x) > SLOP_PX || abs(ev->y - x->down_y) > SLOP_PX)
            x->moved = 1;
        touch_at(a, ev->x, ev->y);
        break;
    case INPUT_POINTER_UP: {
        int dx = ev->x - x->down_x, dy = ev->y - x->down_y;
        uint64_t held = a->now - x->down_at;
        if (!x->down_at)
            break;
        x->down_at = 0;
        x->under = 0;
        if (x->moved && held <= FLICK_MS && abs(dx) >= FLICK_PX && 2 * abs(dy) < abs(dx)) {
            /* A flick: on to the next control (or back), from where the focus was. */
            x->focus = x->before;
            step(a, (dx > 0) != (a->ui.rtl != 0) ? 1 : -1);
            x->up_at = 0;
        } else if (!x->moved && x->up_at && a->now - x->up_at <= DOUBLE_TAP_MS) {
            /* A double tap anywhere: what was spoken before it is activated. */
            unsigned target = x->tap_before ? x->tap_before : x->focus;
            x->up_at = 0;
            speech_stop(&a->speech);
            activate(a, target);
        } else if (!x->moved) {
            x->tap_before = x->before;
            x->up_at = a->now;
        } else {
            x->up_at = 0;
        }
        break;
    }
    default:
        break;
    }
    a->dirty = 1;
    return 1;
}

/* ---------------------------------------------------------------- the screen */

void access_screen(struct app *a)
{
    struct access *x = &a->access;
    int resumed = x->last_screen == SCREEN_IDLE_WARNING && (int)a->screen == (int)a->under;

    if (a->screen == SCREEN_STAFF_PIN || a->screen == SCREEN_STAFF)
        access_off(a);      /* staff, not a client: Read aloud and the ring end with the visit */
    if (x->last_screen >= 0 && x->last_screen < ACCESS_SCREENS)
        x->left[x->last_screen] = x->focus;
    x->last_screen = (int)a->screen;
    x->up_at = x->down_at = 0;
    x->typed_field = x->field = -1;
    if (resumed) {
        /* Back from the idle warning: where the client was, not the whole screen again. */
        x->focus = x->focus_under;
        x->nseen = x->nseen_under;
        x->say_focus = 1;
        return;
    }
    if (a->screen == SCREEN_IDLE_WARNING) {
        /* Drawn over the screen beneath: what was said of that one stays said. */
        x->focus_under = x->focus;
        x->nseen_under = x->nseen;
        x->focus = 0;
        x->focus_pending = 1;
        if (a->speech.on) {
            speech_new_screen(&a->speech);
            x->read_pending = 1;
        }
        return;
    }
    x->focus = 0;
    x->focus_pending = 1;
    x->nseen = 0;
    if (!a->speech.on)
        return;
    speech_new_screen(&a->speech);
    x->read_pending = 1;
}

void access_drawn(struct app *a)
{
    struct access *x = &a->access;
    int i, k;

    if (x->relayout)
        return;
    /* Speech follows the screen's language, whenever the client changes it. */
    speech_language(&a->speech, a->words ? a->words->language : "en");
    if (x->focus_pending) {
        x->focus_pending = 0;
        i = first_control(a);
        for (k = 0; x->to_answer && k < a->frame.nwidgets; k++)
            if (shown(&a->frame.widgets[k]) && (a->frame.widgets[k].state & FRAME_STATE_SELECTED))
                i = k;      /* the answer given to it, else its first */
        x->to_answer = 0;
        k = find_id(&a->frame, x->restore);
        if (k >= 0 && !(a->frame.widgets[k].state & FRAME_STATE_HIDDEN))
            i = k;          /* (scrolled into view by focus_on) */
        x->restore = 0;
        if (x->ring || a->speech.on)
            focus_on(a, i, 0);
    } else if (find_id(&a->frame, x->focus) < 0 && (x->ring || a->speech.on) && x->focus) {
        /* The focused control went (the keyboard closed, the next question came): the field that
         * was being typed in, else the first of what is there now, said after whatever appeared. */
        static const enum wording_id labels[] = { [FORM_FIELD_NAME] = MSG_FORM_NAME,
                                                  [FORM_FIELD_PHONE] = MSG_FORM_PHONE,
                                                  [FORM_FIELD_EMAIL] = MSG_FORM_EMAIL };
        i = -1;
        if (x->field >= 0 && x->field < (int)(sizeof labels / sizeof labels[0]))
            i = frame_find_widget(&a->frame, app_text(a, labels[x->field]));
        focus_on(a, i >= 0 ? i : first_control(a), 0);
        x->say_focus = 1;
    } else if (a->screen == SCREEN_FORM && x->field >= 0 && a->focus < 0 && (x->ring || a->speech.on) &&
               (i = find_id(&a->frame, x->focus)) >= 0 && a->frame.widgets[i].role == FRAME_ROLE_FIELD) {
        /* The keyboard closed on a physical key (Tab or Return in the last field, Escape): Tab goes
         * on to what follows; else the field is shown (the page moved) and said again. */
        if (x->tab_out) {
            step(a, 1);
        } else {
            focus_on(a, i, 0);
            x->say_focus = 1;
        }
    }
    x->tab_out = 0;
    if (a->screen == SCREEN_FORM && a->focus >= 0 && a->focus != x->field && (x->ring || a->speech.on)) {
        /* A field now being typed in has the focus, whichever way it was chosen. */
        for (i = 0; i < a->frame.nwidgets; i++)
            if (a->frame.widgets[i].role == FRAME_ROLE_FIELD && (a->frame.widgets[i].state & FRAME_STATE_FOCUSED))
                break;
        if (i < a->frame.nwidgets && a->frame.widgets[i].id != x->focus) {
            focus_on(a, i, 0);
            x->say_focus = 1;
        }
    }
    x->field = a->screen == SCREEN_FORM ? a->focus : -1;
    if (a->screen == SCREEN_SCREENING && a->screening.current < x->question)
        x->nseen = 0;       /* back to an earlier question: it is said again, as a new one is */
    x->question = a->screen == SCREEN_SCREENING ? a->screening.current : 0;
    if (a->speech.on && a->sending == APP_SEND_NONE) {
        /* (While a request is shown being sent, nothing is said: thanks or save-error follows at
         * once and is read as a new screen.) */
        if (x->read_pending) {
            x->read_pending = x->say_focus = 0;
            if (x->greet)
                speech_say(&a->speech, app_text(a, MSG_SAY_ON), NULL);
            x->greet = 0;
            read_screen(a);
        } else {
            announce(a);
            typed(a);
            if (x->say_focus && (i = find_id(&a->frame, x->focus)) >= 0)
                say_control(a, i);
            x->say_focus = 0;
        }
        typed(a);   /* (after a reading: where typing starts from) */
    }
    draw_ring(a);
}

void access_off(struct app *a)
{
    speech_end(&a->speech);
    a->access.read_pending = a->access.greet = a->access.say_focus = 0;
    a->access.ring = 0;
    a->access.focus = 0;
    a->access.restore = 0;
    memset(a->access.left, 0, sizeof a->access.left);
    a->access.up_at = a->access.down_at = 0;
}
