/* keyboard: the built-in on-screen keyboard: its layouts as data (rows of keys with relative
 * widths) in one set per language, what a key press does, and a planner of the presses that
 * type a given text. */
#ifndef KEYBOARD_H
#define KEYBOARD_H

#include "form.h"
#include "wording.h"

#include <stdbool.h>
#include <stddef.h>

#define KEYBOARD_MAX_ROWS 5     /* the most rows any layout has */

enum keyboard_kind {
    KEYBOARD_LETTERS,           /* a-z ' - . space: names */
    KEYBOARD_LETTERS_SHIFT,
    KEYBOARD_ACCENTS,           /* "àé": accented letters of western Europe */
    KEYBOARD_ACCENTS_SHIFT,
    KEYBOARD_MORE,              /* "čł": letters of central and northern Europe, æ ß ð þ */
    KEYBOARD_MORE_SHIFT,
    KEYBOARD_EXTRA,             /* "ăș": Romanian, Baltic, Maltese, Slovak and Welsh letters, ’ ʻ */
    KEYBOARD_EXTRA_SHIFT,
    KEYBOARD_PHONE,             /* a phone pad: 0-9 + space */
    KEYBOARD_EMAIL,             /* a-z 0-9 @ . - _ + ".com", lower case only */
    KEYBOARD_EMAIL_SYMBOLS,     /* "#=": the other signs an address may hold: ! # $ % & ' * / = ? ^ ` { | } ~ */
    KEYBOARD_ARABIC,            /* "أبت": the Arabic letters, hamza forms included, right to left */
    KEYBOARD_ARABIC_MORE,       /* "پچ": letters of Persian, Urdu and others written in Arabic script */
    KEYBOARD_KIND_COUNT
};

enum keyboard_action {
    KEYBOARD_GAP,               /* no key: empty space in its row (an indent) */
    KEYBOARD_TYPE,              /* types the key's output */
    KEYBOARD_SHIFT,             /* shows the target page; drawn "on" when layout->shifted */
    KEYBOARD_SWITCH,            /* shows the target page */
    KEYBOARD_BACKSPACE,
    KEYBOARD_CLEAR,             /* empties the field */
    KEYBOARD_NEXT,              /* focus moves to the next field */
    KEYBOARD_DONE               /* the keyboard is put away */
};

struct keyboard_key {
    const char *label;          /* what a typing key shows, UTF-8 (its output, or a sign such as
                                 * "Space"'s); "" for a gap; NULL when word names the key */
    enum wording_id word;       /* the label of a control or page key ("Delete", "abc"), from the
                                 * wording; MSG_NONE for a typing key. Labels are unique in a layout */
    const char *output;         /* KEYBOARD_TYPE: what it types; NULL otherwise */
    int width;                  /* in the layout's units */
    enum keyboard_action action;
    enum keyboard_kind target;  /* KEYBOARD_SHIFT, KEYBOARD_SWITCH: the page shown next */
};

/* A layout is static data. Keys are stored row after row, and a key is named by its index
 * in keys[]; every row's widths add up to units, so rows line up edge to edge. */
struct keyboard_layout {
    enum keyboard_kind kind;
    const char *name;           /* "letters", "letters-shift", ... for traces and tests */
    enum form_field field;      /* the field it types into */
    int units;                  /* the width of each row */
    int nrows;
    const int *row_keys;        /* how many keys each row has */
    const struct keyboard_key *keys;
    int nkeys;
    bool shifted;               /* a capitals page: the Shift key is drawn "on" */
    bool rtl;                   /* its rows read right to left (first key on the right) on a
                                 * right-to-left screen; the others read left to right everywhere */
    enum keyboard_kind after_type;  /* shown once a key has typed: a shifted page returns to
                                     * its lower-case page (shift lasts for one letter) */
};

/* The layouts of one language: most are shared; a language may have a letters page of its own
 * (Polish: the Latin letters with a row of Polish ones) and a first page for names (Arabic). */
struct keyboard_set;

/* The keyboard's state: which layout is showing, in which language's set (NULL: the Latin set,
 * as in English and in Chinese, whose names are typed in pinyin). */
struct keyboard {
    enum keyboard_kind kind;
    const struct keyboard_set *set;
};

/* What a key press asks of the field in focus. */
struct keyboard_event {
    enum keyboard_action action;
    const char *text;           /* KEYBOARD_TYPE: the text to insert (static); NULL otherwise */
};

/* One press of a plan: the key numbered key on the layout kind (showing at that moment). */
struct keyboard_step {
    enum keyboard_kind kind;
    int key;
};

/* The set of the language with this BCP 47 code (its primary subtag decides); the Latin set for a
 * language with no layouts of its own. Static data. */
const struct keyboard_set *keyboard_set_for(const char *language);
/* Set number i (0 is the Latin set), or NULL past the last: for tests. */
const struct keyboard_set *keyboard_set_at(int i);
/* The language of set ("" for the Latin set). */
const char *keyboard_set_language(const struct keyboard_set *set);

/* The layout of kind in set (NULL: the Latin set): static data that lives for the whole program. */
const struct keyboard_layout *keyboard_layout_in(const struct keyboard_set *set, enum keyboard_kind kind);
/* The layout of kind in the Latin set. */
const struct keyboard_layout *keyboard_layout(enum keyboard_kind kind);
/* The layout showing. */
const struct keyboard_layout *keyboard_showing(const struct keyboard *kb);

/* What key k shows with the wording w (see wording_text() for a NULL or incomplete one): a
 * string that lives as long as w, or for ever. */
const char *keyboard_key_label(const struct keyboard_key *k, const struct wording *w);

/* The layout a text field starts on in set (NULL: the Latin set): name letters (Arabic ones in
 * Arabic), phone pad, email. */
enum keyboard_kind keyboard_start(const struct keyboard_set *set, enum form_field field);
/* The same in the Latin set. */
enum keyboard_kind keyboard_for_field(enum form_field field);

/* Shows the layout kind, as when a field takes focus. */
void keyboard_show(struct keyboard *kb, enum keyboard_kind kind);

/* Presses key number key (0 <= key < nkeys) of the showing layout (in kb->set): shift and page keys change
 * the layout, a typing key returns what to insert and ends a one-letter shift; the other
 * actions are for the caller to carry out on the field. */
struct keyboard_event keyboard_press(struct keyboard *kb, int key);

/* Plans the presses that type the UTF-8 text starting on the layout start, switching pages
 * and shifting as needed, with the fewest presses for each character (a key typing several,
 * like ".com", is preferred on a tie). Writes up to max steps to out and returns how many,
 * or -1 with a message in err: the first character no key reaches ("no key of the letters
 * keyboard types 'Ж' (U+0416)"), text that is not UTF-8, or a plan longer than max. */
int keyboard_plan_in(const struct keyboard_set *set, enum keyboard_kind start, const char *text,
                     struct keyboard_step *out, int max, char *err, size_t errlen);
/* The same in the Latin set. */
int keyboard_plan(enum keyboard_kind start, const char *text, struct keyboard_step *out, int max,
                  char *err, size_t errlen);

#endif
