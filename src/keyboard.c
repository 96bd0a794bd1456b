/* keyboard: the on-screen keyboard's layouts and their sets per language, key behaviour and typing planner. */
#include "keyboard.h"
#include "utf8.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

/* A letter key is 2 units wide; rows of the letter pages and the email layout are 20. */
#define KEY(s)          { .label = (s), .output = (s), .width = 2, .action = KEYBOARD_TYPE }
#define GAP(w)          { .label = "", .width = (w), .action = KEYBOARD_GAP }
#define CONTROL(m, w, a) { .word = (m), .width = (w), .action = (a) }
#define PAGE(m, w, k)   { .word = (m), .width = (w), .action = KEYBOARD_SWITCH, .target = (k) }
#define SHIFT_TO(k)     { .word = MSG_KEY_SHIFT, .width = 3, .action = KEYBOARD_SHIFT, .target = (k) }
#define DELETE(w)       CONTROL(MSG_KEY_DELETE, (w), KEYBOARD_BACKSPACE)
#define SPACE(w)        { .word = MSG_KEY_SPACE, .output = " ", .width = (w), .action = KEYBOARD_TYPE }

/* The bottom row of each letter page: two page keys, then punctuation, space and controls, these
 * wide enough for their words in every language shipped ("Wyczyść", "下一项") even in portrait. */
#define LETTER_PAGE_BOTTOM(page1, page2) \
    page1, page2, KEY("'"), KEY("-"), \
    SPACE(2), KEY("."), \
    CONTROL(MSG_KEY_CLEAR, 3, KEYBOARD_CLEAR), CONTROL(MSG_KEY_NEXT, 3, KEYBOARD_NEXT), \
    CONTROL(MSG_KEY_DONE, 2, KEYBOARD_DONE)

#define TO_LETTERS  PAGE(MSG_KEY_LETTERS, 2, KEYBOARD_LETTERS)
#define TO_ACCENTS  PAGE(MSG_KEY_ACCENTS, 2, KEYBOARD_ACCENTS)
#define TO_MORE     PAGE(MSG_KEY_MORE, 2, KEYBOARD_MORE)
#define TO_EXTRA    PAGE(MSG_KEY_EXTRA, 2, KEYBOARD_EXTRA)
#define TO_ARABIC   PAGE(MSG_KEY_ARABIC, 2, KEYBOARD_ARABIC)

/* The Latin letters, above the bottom row. */
#define LOWER_ROWS \
    KEY("q"), KEY("w"), KEY("e"), KEY("r"), KEY("t"), KEY("y"), KEY("u"), KEY("i"), KEY("o"), KEY("p"), \
    GAP(1), KEY("a"), KEY("s"), KEY("d"), KEY("f"), KEY("g"), KEY("h"), KEY("j"), KEY("k"), KEY("l"), GAP(1), \
    SHIFT_TO(KEYBOARD_LETTERS_SHIFT), KEY("z"), KEY("x"), KEY("c"), KEY("v"), KEY("b"), KEY("n"), KEY("m"), DELETE(3)
#define UPPER_ROWS \
    KEY("Q"), KEY("W"), KEY("E"), KEY("R"), KEY("T"), KEY("Y"), KEY("U"), KEY("I"), KEY("O"), KEY("P"), \
    GAP(1), KEY("A"), KEY("S"), KEY("D"), KEY("F"), KEY("G"), KEY("H"), KEY("J"), KEY("K"), KEY("L"), GAP(1), \
    SHIFT_TO(KEYBOARD_LETTERS), KEY("Z"), KEY("X"), KEY("C"), KEY("V"), KEY("B"), KEY("N"), KEY("M"), DELETE(3)

static const int letter_page_rows[] = { 10, 11, 9, 9 };

static const struct keyboard_key letters[] = { LOWER_ROWS, LETTER_PAGE_BOTTOM(TO_ACCENTS, TO_MORE) };
static const struct keyboard_key letters_shift[] = { UPPER_ROWS, LETTER_PAGE_BOTTOM(TO_ACCENTS, TO_MORE) };

/* Polish: the nine Polish letters in a row above the Latin ones, so that a Polish name needs no
 * other page. */
static const int polish_rows[] = { 11, 10, 11, 9, 9 };

static const struct keyboard_key polish[] = {
    GAP(1), KEY("ą"), KEY("ć"), KEY("ę"), KEY("ł"), KEY("ń"), KEY("ó"), KEY("ś"), KEY("ź"), KEY("ż"), GAP(1),
    LOWER_ROWS, LETTER_PAGE_BOTTOM(TO_ACCENTS, TO_MORE),
};

static const struct keyboard_key polish_shift[] = {
    GAP(1), KEY("Ą"), KEY("Ć"), KEY("Ę"), KEY("Ł"), KEY("Ń"), KEY("Ó"), KEY("Ś"), KEY("Ź"), KEY("Ż"), GAP(1),
    UPPER_ROWS, LETTER_PAGE_BOTTOM(TO_ACCENTS, TO_MORE),
};

/* In Arabic the Latin letters lead back to the Arabic ones. */
static const struct keyboard_key letters_to_arabic[] = { LOWER_ROWS, LETTER_PAGE_BOTTOM(TO_ARABIC, TO_ACCENTS) };
static const struct keyboard_key letters_shift_to_arabic[] = { UPPER_ROWS, LETTER_PAGE_BOTTOM(TO_ARABIC, TO_ACCENTS) };

static const int accent_page_rows[] = { 10, 10, 9, 9 };

static const struct keyboard_key accents[] = {
    KEY("á"), KEY("à"), KEY("â"), KEY("ä"), KEY("ã"), KEY("å"), KEY("ç"), KEY("é"), KEY("è"), KEY("ê"),
    KEY("ë"), KEY("í"), KEY("ì"), KEY("î"), KEY("ï"), KEY("ñ"), KEY("ó"), KEY("ò"), KEY("ô"), KEY("ö"),
    SHIFT_TO(KEYBOARD_ACCENTS_SHIFT), KEY("õ"), KEY("ø"), KEY("œ"), KEY("ú"), KEY("ù"), KEY("û"), KEY("ü"), DELETE(3),
    LETTER_PAGE_BOTTOM(TO_LETTERS, TO_MORE),
};

static const struct keyboard_key accents_shift[] = {
    KEY("Á"), KEY("À"), KEY("Â"), KEY("Ä"), KEY("Ã"), KEY("Å"), KEY("Ç"), KEY("É"), KEY("È"), KEY("Ê"),
    KEY("Ë"), KEY("Í"), KEY("Ì"), KEY("Î"), KEY("Ï"), KEY("Ñ"), KEY("Ó"), KEY("Ò"), KEY("Ô"), KEY("Ö"),
    SHIFT_TO(KEYBOARD_ACCENTS), KEY("Õ"), KEY("Ø"), KEY("Œ"), KEY("Ú"), KEY("Ù"), KEY("Û"), KEY("Ü"), DELETE(3),
    LETTER_PAGE_BOTTOM(TO_LETTERS, TO_MORE),
};

static const struct keyboard_key more[] = {
    KEY("ą"), KEY("æ"), KEY("ć"), KEY("č"), KEY("ď"), KEY("ð"), KEY("ę"), KEY("ě"), KEY("ğ"), KEY("ł"),
    KEY("ń"), KEY("ň"), KEY("ő"), KEY("ř"), KEY("ś"), KEY("š"), KEY("ş"), KEY("ß"), KEY("ť"), KEY("þ"),
    SHIFT_TO(KEYBOARD_MORE_SHIFT), KEY("ů"), KEY("ű"), KEY("ý"), KEY("ÿ"), KEY("ź"), KEY("ż"), KEY("ž"), DELETE(3),
    LETTER_PAGE_BOTTOM(TO_LETTERS, TO_EXTRA),
};

static const struct keyboard_key more_shift[] = {
    KEY("Ą"), KEY("Æ"), KEY("Ć"), KEY("Č"), KEY("Ď"), KEY("Ð"), KEY("Ę"), KEY("Ě"), KEY("Ğ"), KEY("Ł"),
    KEY("Ń"), KEY("Ň"), KEY("Ő"), KEY("Ř"), KEY("Ś"), KEY("Š"), KEY("Ş"), KEY("ẞ"), KEY("Ť"), KEY("Þ"),
    SHIFT_TO(KEYBOARD_MORE), KEY("Ů"), KEY("Ű"), KEY("Ý"), KEY("Ÿ"), KEY("Ź"), KEY("Ż"), KEY("Ž"), DELETE(3),
    LETTER_PAGE_BOTTOM(TO_LETTERS, TO_EXTRA),
};

/* Romanian ă ș ț, Latvian and Lithuanian ā ē ģ ī ķ ļ ņ ū ė į ų, Maltese ċ ġ ħ, Croatian đ, Slovak ĺ ľ ŕ,
 * Turkish ı, Welsh ŵ ŷ, and the apostrophes of names: ’ and the ʻokina. */
static const struct keyboard_key extra[] = {
    KEY("ă"), KEY("ā"), KEY("ċ"), KEY("đ"), KEY("ē"), KEY("ė"), KEY("ģ"), KEY("ġ"), KEY("ħ"), KEY("ī"),
    KEY("į"), KEY("ı"), KEY("ķ"), KEY("ļ"), KEY("ľ"), KEY("ĺ"), KEY("ņ"), KEY("ō"), KEY("ŕ"), KEY("ș"),
    SHIFT_TO(KEYBOARD_EXTRA_SHIFT), KEY("ț"), KEY("ū"), KEY("ų"), KEY("ŵ"), KEY("ŷ"), KEY("’"), KEY("ʻ"), DELETE(3),
    LETTER_PAGE_BOTTOM(TO_LETTERS, TO_ACCENTS),
};

static const struct keyboard_key extra_shift[] = {
    KEY("Ă"), KEY("Ā"), KEY("Ċ"), KEY("Đ"), KEY("Ē"), KEY("Ė"), KEY("Ģ"), KEY("Ġ"), KEY("Ħ"), KEY("Ī"),
    KEY("Į"), KEY("İ"), KEY("Ķ"), KEY("Ļ"), KEY("Ľ"), KEY("Ĺ"), KEY("Ņ"), KEY("Ō"), KEY("Ŕ"), KEY("Ș"),
    SHIFT_TO(KEYBOARD_EXTRA), KEY("Ț"), KEY("Ū"), KEY("Ų"), KEY("Ŵ"), KEY("Ŷ"), KEY("’"), KEY("ʻ"), DELETE(3),
    LETTER_PAGE_BOTTOM(TO_LETTERS, TO_ACCENTS),
};

/* The phone pad's keys are all 1 unit wide, in four columns. */
#define PAD(s)          { .label = (s), .output = (s), .width = 1, .action = KEYBOARD_TYPE }

static const int phone_rows[] = { 4, 4, 4, 4 };

static const struct keyboard_key phone[] = {
    PAD("1"), PAD("2"), PAD("3"), DELETE(1),
    PAD("4"), PAD("5"), PAD("6"), CONTROL(MSG_KEY_CLEAR, 1, KEYBOARD_CLEAR),
    PAD("7"), PAD("8"), PAD("9"), CONTROL(MSG_KEY_NEXT, 1, KEYBOARD_NEXT),
    PAD("+"), PAD("0"), SPACE(1),
    CONTROL(MSG_KEY_DONE, 1, KEYBOARD_DONE),
};

static const int email_rows[] = { 10, 10, 10, 9, 8 };

#define DOT_COM         { .label = ".com", .output = ".com", .width = 3, .action = KEYBOARD_TYPE }

static const struct keyboard_key email[] = {
    KEY("1"), KEY("2"), KEY("3"), KEY("4"), KEY("5"), KEY("6"), KEY("7"), KEY("8"), KEY("9"), KEY("0"),
    KEY("q"), KEY("w"), KEY("e"), KEY("r"), KEY("t"), KEY("y"), KEY("u"), KEY("i"), KEY("o"), KEY("p"),
    KEY("a"), KEY("s"), KEY("d"), KEY("f"), KEY("g"), KEY("h"), KEY("j"), KEY("k"), KEY("l"), KEY("@"),
    KEY("z"), KEY("x"), KEY("c"), KEY("v"), KEY("b"), KEY("n"), KEY("m"), KEY("_"), DELETE(4),
    PAGE(MSG_KEY_SYMBOLS, 2, KEYBOARD_EMAIL_SYMBOLS), KEY("-"), KEY("+"), KEY("."), DOT_COM,
    CONTROL(MSG_KEY_CLEAR, 3, KEYBOARD_CLEAR), CONTROL(MSG_KEY_NEXT, 3, KEYBOARD_NEXT),
    CONTROL(MSG_KEY_DONE, 3, KEYBOARD_DONE),
};

/* The rest of what an address's local part may hold unquoted. */
static const int email_symbol_rows[] = { 10, 9, 7 };

static const struct keyboard_key email_symbols[] = {
    KEY("!"), KEY("#"), KEY("$"), KEY("%"), KEY("&"), KEY("'"), KEY("*"), KEY("/"), KEY("="), KEY("?"),
    KEY("^"), KEY("`"), KEY("{"), KEY("|"), KEY("}"), KEY("~"), KEY("_"), KEY("@"), DELETE(4),
    PAGE(MSG_KEY_LETTERS, 4, KEYBOARD_EMAIL), KEY("-"), KEY("+"), DOT_COM,
    CONTROL(MSG_KEY_CLEAR, 3, KEYBOARD_CLEAR), CONTROL(MSG_KEY_NEXT, 3, KEYBOARD_NEXT),
    CONTROL(MSG_KEY_DONE, 3, KEYBOARD_DONE),
};

/* Arabic, written as it reads: each row from its right end, mirrored on the screen, which reads
 * right to left, so that the first letter stands on the right and the controls at the end of a line
 * of Arabic, on the left. The letters go in the order of the alphabet (ا ب ت ث ...), then its other
 * forms (ة ى and the hamza's): ten to a row, as wide as the Latin letters' keys, so that each key is
 * a finger wide even in portrait (a phone's twelve would not be). */
#define ARABIC_BOTTOM(page1, page2) \
    page1, page2, SPACE(5), CONTROL(MSG_KEY_CLEAR, 3, KEYBOARD_CLEAR), CONTROL(MSG_KEY_NEXT, 3, KEYBOARD_NEXT), \
    CONTROL(MSG_KEY_DONE, 3, KEYBOARD_DONE)

static const int arabic_rows[] = { 10, 10, 10, 8, 6 };

static const struct keyboard_key arabic[] = {
    KEY("ا"), KEY("ب"), KEY("ت"), KEY("ث"), KEY("ج"), KEY("ح"), KEY("خ"), KEY("د"), KEY("ذ"), KEY("ر"),
    KEY("ز"), KEY("س"), KEY("ش"), KEY("ص"), KEY("ض"), KEY("ط"), KEY("ظ"), KEY("ع"), KEY("غ"), KEY("ف"),
    KEY("ق"), KEY("ك"), KEY("ل"), KEY("م"), KEY("ن"), KEY("ه"), KEY("و"), KEY("ي"), KEY("ة"), KEY("ى"),
    KEY("أ"), KEY("إ"), KEY("آ"), KEY("ء"), KEY("ؤ"), KEY("ئ"), GAP(4), DELETE(4),
    ARABIC_BOTTOM(PAGE(MSG_KEY_LETTERS, 3, KEYBOARD_LETTERS), PAGE(MSG_KEY_ARABIC_MORE, 3, KEYBOARD_ARABIC_MORE)),
};

/* Letters of Persian, Urdu, Kurdish, Sindhi and Maghrebi names written in Arabic script. */
static const int arabic_more_rows[] = { 10, 9, 6 };

static const struct keyboard_key arabic_more[] = {
    KEY("پ"), KEY("چ"), KEY("ژ"), KEY("گ"), KEY("ک"), KEY("ی"), KEY("ڤ"), KEY("ڨ"), KEY("ٹ"), KEY("ڈ"),
    KEY("ڑ"), KEY("ں"), KEY("ے"), KEY("ہ"), KEY("ھ"), KEY("ۃ"), KEY("ٱ"), GAP(2), DELETE(4),
    ARABIC_BOTTOM(PAGE(MSG_KEY_ARABIC, 3, KEYBOARD_ARABIC), PAGE(MSG_KEY_LETTERS, 3, KEYBOARD_LETTERS)),
};

#define COUNT(a) ((int)(sizeof (a) / sizeof *(a)))
#define LAYOUT_OF(k, n, u, rows, keys_, shift, after) \
    { .kind = (k), .name = (n), .units = (u), .nrows = COUNT(rows), .row_keys = (rows), \
      .field = (k) == KEYBOARD_PHONE ? FORM_FIELD_PHONE \
             : (k) == KEYBOARD_EMAIL || (k) == KEYBOARD_EMAIL_SYMBOLS ? FORM_FIELD_EMAIL : FORM_FIELD_NAME, \
      .keys = (keys_), .nkeys = COUNT(keys_), .shifted = (shift), .after_type = (after), \
      .rtl = (k) == KEYBOARD_ARABIC || (k) == KEYBOARD_ARABIC_MORE }
#define LAYOUT(k, n, u, rows, keys_, shift, after) [k] = LAYOUT_OF(k, n, u, rows, keys_, shift, after)

static const struct keyboard_layout layouts[KEYBOARD_KIND_COUNT] = {
    LAYOUT(KEYBOARD_LETTERS, "letters", 20, letter_page_rows, letters, false, KEYBOARD_LETTERS),
    LAYOUT(KEYBOARD_LETTERS_SHIFT, "letters-shift", 20, letter_page_rows, letters_shift, true,
           KEYBOARD_LETTERS),
    LAYOUT(KEYBOARD_ACCENTS, "accents", 20, accent_page_rows, accents, false, KEYBOARD_ACCENTS),
    LAYOUT(KEYBOARD_ACCENTS_SHIFT, "accents-shift", 20, accent_page_rows, accents_shift, true,
           KEYBOARD_ACCENTS),
    LAYOUT(KEYBOARD_MORE, "more", 20, accent_page_rows, more, false, KEYBOARD_MORE),
    LAYOUT(KEYBOARD_MORE_SHIFT, "more-shift", 20, accent_page_rows, more_shift, true, KEYBOARD_MORE),
    LAYOUT(KEYBOARD_EXTRA, "extra", 20, accent_page_rows, extra, false, KEYBOARD_EXTRA),
    LAYOUT(KEYBOARD_EXTRA_SHIFT, "extra-shift", 20, accent_page_rows, extra_shift, true, KEYBOARD_EXTRA),
    LAYOUT(KEYBOARD_PHONE, "phone", 4, phone_rows, phone, false, KEYBOARD_PHONE),
    LAYOUT(KEYBOARD_EMAIL, "email", 20, email_rows, email, false, KEYBOARD_EMAIL),
    LAYOUT(KEYBOARD_EMAIL_SYMBOLS, "email-symbols", 20, email_symbol_rows, email_symbols, false,
           KEYBOARD_EMAIL_SYMBOLS),
    LAYOUT(KEYBOARD_ARABIC, "arabic", 20, arabic_rows, arabic, false, KEYBOARD_ARABIC),
    LAYOUT(KEYBOARD_ARABIC_MORE, "arabic-more", 20, arabic_more_rows, arabic_more, false, KEYBOARD_ARABIC_MORE),
};

/* The pages a language has of its own, in place of the shared ones. */
static const struct keyboard_layout polish_layouts[] = {
    LAYOUT_OF(KEYBOARD_LETTERS, "polish", 20, polish_rows, polish, false, KEYBOARD_LETTERS),
    LAYOUT_OF(KEYBOARD_LETTERS_SHIFT, "polish-shift", 20, polish_rows, polish_shift, true, KEYBOARD_LETTERS),
};

static const struct keyboard_layout arabic_latin_layouts[] = {
    LAYOUT_OF(KEYBOARD_LETTERS, "letters-arabic", 20, letter_page_rows, letters_to_arabic, false, KEYBOARD_LETTERS),
    LAYOUT_OF(KEYBOARD_LETTERS_SHIFT, "letters-shift-arabic", 20, letter_page_rows, letters_shift_to_arabic, true,
              KEYBOARD_LETTERS),
};

struct keyboard_set {
    const char *language;           /* the primary subtag, "" for the Latin set */
    enum keyboard_kind names;       /* the page a name starts on */
    const struct keyboard_layout *own[KEYBOARD_KIND_COUNT];     /* NULL: the shared layout */
};

static const struct keyboard_set sets[] = {
    { "", KEYBOARD_LETTERS, { NULL } },
    { "pl", KEYBOARD_LETTERS, { [KEYBOARD_LETTERS] = &polish_layouts[0], [KEYBOARD_LETTERS_SHIFT] = &polish_layouts[1] } },
    { "ar", KEYBOARD_ARABIC, { [KEYBOARD_LETTERS] = &arabic_latin_layouts[0],
                               [KEYBOARD_LETTERS_SHIFT] = &arabic_latin_layouts[1] } },
};

const struct keyboard_set *keyboard_set_for(const char *language)
{
    size_t n = strcspn(language, "-_");

    for (int i = 1; i < COUNT(sets); i++)
        if (strlen(sets[i].language) == n && strncmp(sets[i].language, language, n) == 0)
            return &sets[i];
    return &sets[0];
}

const struct keyboard_set *keyboard_set_at(int i)
{
    return i >= 0 && i < COUNT(sets) ? &sets[i] : NULL;
}

const char *keyboard_set_language(const struct keyboard_set *set)
{
    return set ? set->language : "";
}

const struct keyboard_layout *keyboard_layout_in(const struct keyboard_set *set, enum keyboard_kind kind)
{
    assert(kind >= 0 && kind < KEYBOARD_KIND_COUNT);
    return set && set->own[kind] ? set->own[kind] : &layouts[kind];
}

const struct keyboard_layout *keyboard_layout(enum keyboard_kind kind)
{
    return keyboard_layout_in(NULL, kind);
}

const struct keyboard_layout *keyboard_showing(const struct keyboard *kb)
{
    return keyboard_layout_in(kb->set, kb->kind);
}

const char *keyboard_key_label(const struct keyboard_key *k, const struct wording *w)
{
    return k->word != MSG_NONE ? wording_text(w, k->word) : k->label;
}

enum keyboard_kind keyboard_start(const struct keyboard_set *set, enum form_field field)
{
    switch (field) {
    case FORM_FIELD_NAME:
        return set ? set->names : KEYBOARD_LETTERS;
    case FORM_FIELD_PHONE:
        return KEYBOARD_PHONE;
    case FORM_FIELD_EMAIL:
        return KEYBOARD_EMAIL;
    case FORM_FIELD_CONTACT_TIME:
    case FORM_FIELD_CONSENT_CONTACT:
    case FORM_FIELD_COUNT:
        break;
    }
    assert(!"only a text field has a keyboard");
    return KEYBOARD_LETTERS;
}

enum keyboard_kind keyboard_for_field(enum form_field field)
{
    return keyboard_start(NULL, field);
}

void keyboard_show(struct keyboard *kb, enum keyboard_kind kind)
{
    assert(kind >= 0 && kind < KEYBOARD_KIND_COUNT);
    kb->kind = kind;
}

struct keyboard_event keyboard_press(struct keyboard *kb, int key)
{
    const struct keyboard_layout *l = keyboard_showing(kb);
    const struct keyboard_key *k;

    assert(key >= 0 && key < l->nkeys);
    k = &l->keys[key];
    if (k->action == KEYBOARD_SHIFT || k->action == KEYBOARD_SWITCH)
        kb->kind = k->target;
    else if (k->action == KEYBOARD_TYPE)
        kb->kind = l->after_type;
    return (struct keyboard_event){ k->action, k->output };
}

/* Shortest ways between layouts: how many page presses reach each, and the last of them. */
struct routes {
    int presses[KEYBOARD_KIND_COUNT];       /* -1: unreachable */
    struct keyboard_step last[KEYBOARD_KIND_COUNT];
};

static void routes_from(const struct keyboard_set *set, enum keyboard_kind start, struct routes *r)
{
    enum keyboard_kind queue[KEYBOARD_KIND_COUNT];
    int head = 0, tail = 0;

    for (enum keyboard_kind k = 0; k < KEYBOARD_KIND_COUNT; k++)
        r->presses[k] = -1;
    r->presses[start] = 0;
    queue[tail++] = start;
    while (head < tail) {
        const struct keyboard_layout *l = keyboard_layout_in(set, queue[head++]);

        for (int i = 0; i < l->nkeys; i++) {
            const struct keyboard_key *k = &l->keys[i];

            if ((k->action != KEYBOARD_SHIFT && k->action != KEYBOARD_SWITCH) ||
                r->presses[k->target] >= 0)
                continue;
            r->presses[k->target] = r->presses[l->kind] + 1;
            r->last[k->target] = (struct keyboard_step){ l->kind, i };
            queue[tail++] = k->target;
        }
    }
}

/* The typing key, among the layouts r reaches, that types a prefix of text in the fewest
 * presses, the longest prefix on a tie. Returns false when none does. */
static bool best_key(const struct keyboard_set *set, const struct routes *r, const char *text,
                     struct keyboard_step *best)
{
    int best_presses = 0;
    size_t best_len = 0;

    for (enum keyboard_kind kind = 0; kind < KEYBOARD_KIND_COUNT; kind++) {
        const struct keyboard_layout *l = keyboard_layout_in(set, kind);

        if (r->presses[kind] < 0)
            continue;
        for (int i = 0; i < l->nkeys; i++) {
            const struct keyboard_key *k = &l->keys[i];
            size_t len = k->output ? strlen(k->output) : 0;

            if (k->action != KEYBOARD_TYPE || strncmp(text, k->output, len) != 0)
                continue;
            if (best_len == 0 || r->presses[kind] < best_presses ||
                (r->presses[kind] == best_presses && len > best_len)) {
                best_presses = r->presses[kind];
                best_len = len;
                *best = (struct keyboard_step){ kind, i };
            }
        }
    }
    return best_len > 0;
}

static void untypable(const struct keyboard_set *set, const char *text, enum keyboard_kind start, char *err,
                      size_t errlen)
{
    uint32_t cp;
    size_t len = utf8_decode(text, strlen(text), &cp);
    const char *name = keyboard_layout_in(set, start)->name;

    if (len == 0)
        snprintf(err, errlen, "text is not valid UTF-8");
    else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        snprintf(err, errlen, "no key of the %s keyboard types U+%04X", name, (unsigned)cp);
    else
        snprintf(err, errlen, "no key of the %s keyboard types '%.*s' (U+%04X)", name, (int)len,
                 text, (unsigned)cp);
}

int keyboard_plan(enum keyboard_kind start, const char *text, struct keyboard_step *out, int max,
                  char *err, size_t errlen)
{
    return keyboard_plan_in(NULL, start, text, out, max, err, errlen);
}

int keyboard_plan_in(const struct keyboard_set *set, enum keyboard_kind start, const char *text,
                     struct keyboard_step *out, int max, char *err, size_t errlen)
{
    struct keyboard kb = { start, set };
    struct routes r;
    struct keyboard_step step;
    int n = 0;

    while (*text) {
        routes_from(set, kb.kind, &r);
        if (!best_key(set, &r, text, &step)) {
            untypable(set, text, start, err, errlen);
            return -1;
        }
        int pages = r.presses[step.kind];
        enum keyboard_kind k = step.kind;

        if (n + pages + 1 > max) {
            snprintf(err, errlen, "typing the text takes more than %d key presses", max);
            return -1;
        }
        /* The page presses that lead to step.kind, found backwards, then the key itself. */
        for (int i = pages - 1; i >= 0; i--) {
            out[n + i] = r.last[k];
            k = r.last[k].kind;
        }
        out[n + pages] = step;
        for (int i = 0; i <= pages; i++) {
            assert(out[n + i].kind == kb.kind);
            keyboard_press(&kb, out[n + i].key);
        }
        n += pages + 1;
        text += strlen(keyboard_layout_in(set, step.kind)->keys[step.key].output);
    }
    return n;
}
