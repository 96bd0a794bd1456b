/* shape: a line itemised into pieces of one direction, script and face, in display order. */
#include "shape.h"

#include <hb.h>
#include <string.h>

/* Whether a script is a real one rather than Common (spaces, punctuation, digits), Inherited
 * (combining marks) or Unknown. */
static int real_script(hb_script_t s)
{
    return s != HB_SCRIPT_COMMON && s != HB_SCRIPT_INHERITED && s != HB_SCRIPT_UNKNOWN &&
           s != HB_SCRIPT_INVALID;
}

static hb_script_t script_of(uint32_t cp)
{
    return hb_unicode_script(hb_unicode_funcs_get_default(), cp);
}

/* The script that Common and Inherited characters of the run [first, end) take when the run
 * has no real script of its own (digits in Arabic text): the nearest one before it in the
 * line, else after it, else Latin. */
static hb_script_t context_script(const struct bidi_scratch *sc, int first, int end, int n)
{
    for (int i = first; i < end; i++)
        if (real_script(script_of(sc->cp[i])))
            return script_of(sc->cp[i]);
    for (int i = first - 1; i >= 0; i--)
        if (real_script(script_of(sc->cp[i])))
            return script_of(sc->cp[i]);
    for (int i = end; i < n; i++)
        if (real_script(script_of(sc->cp[i])))
            return script_of(sc->cp[i]);
    return HB_SCRIPT_LATIN;
}

/* Which chain Han takes its face from in this line: Japanese beside kana, Korean beside Hangul. */
static hb_script_t han_chain(const struct bidi_scratch *sc, int n)
{
    for (int i = 0; i < n; i++) {
        uint32_t c = sc->cp[i];
        if (c >= 0x3040 && c <= 0x30FF)
            return HB_SCRIPT_HIRAGANA;
        if ((c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F))
            return HB_SCRIPT_HANGUL;
    }
    return HB_SCRIPT_HAN;
}

static void set_script(struct shape_piece *p, hb_script_t script)
{
    hb_tag_t tag = hb_script_to_iso15924_tag(script);

    p->script = (uint32_t)script;
    p->script_name[0] = (char)(tag >> 24);
    p->script_name[1] = (char)(tag >> 16);
    p->script_name[2] = (char)(tag >> 8);
    p->script_name[3] = (char)tag;
    p->script_name[4] = '\0';
}

/* Appends the pieces of one bidi run, in logical order. Returns -1 when there is no room. */
static int itemise_run(struct fonts *fonts, const struct bidi_scratch *sc, const struct bidi_run *r, int n,
                       int bold, hb_script_t han, struct shape_line *out)
{
    hb_script_t script = context_script(sc, r->first, r->first + r->count, n);
    struct shape_piece *cur = NULL;

    for (int i = r->first; i < r->first + r->count; i++) {
        uint32_t cp = sc->cp[i];
        hb_script_t own = script_of(cp);
        int face;

        if (real_script(own))
            script = own;
        if (cur && !real_script(own) && fonts_covers(fonts, cur->face, cp)) {
            face = cur->face;
        } else {
            hb_script_t chain = script == HB_SCRIPT_HAN ? han : script;
            face = fonts_face_for(fonts, cp, (uint32_t)chain, bold);
        }
        if (cur && face == cur->face && (!real_script(own) || (hb_script_t)cur->script == script)) {
            cur->len = sc->byte[i + 1] - cur->start;
            continue;
        }
        if (out->n == SHAPE_MAX_PIECES)
            return -1;
        cur = &out->piece[out->n++];
        cur->start = sc->byte[i];
        cur->len = sc->byte[i + 1] - sc->byte[i];
        cur->face = face;
        cur->rtl = r->level & 1;
        set_script(cur, script);
    }
    /* Bytes the bidi step could not decode into code points (past its limit) stay with the run. */
    if (cur && r->start + r->len > cur->start + cur->len && r->first + r->count == n)
        cur->len = r->start + r->len - cur->start;
    return 0;
}

static void reverse(struct shape_piece *p, int n)
{
    for (int a = 0, b = n - 1; a < b; a++, b--) {
        struct shape_piece t = p[a];
        p[a] = p[b];
        p[b] = t;
    }
}

void shape_line(struct fonts *fonts, struct bidi_scratch *sc, const char *s, int len, enum bidi_dir dir,
                int bold, struct shape_line *out)
{
    struct bidi_line bl;
    int n = 0, overflow = 0;
    hb_script_t han;

    memset(out, 0, sizeof *out);
    bidi_line(s, len, dir, sc, &bl);
    out->rtl = bl.rtl;
    for (int i = 0; i < bl.n; i++)
        n += bl.run[i].count;
    han = han_chain(sc, n);
    for (int i = 0; i < bl.n && !overflow; i++) {
        int first = out->n;
        overflow = itemise_run(fonts, sc, &bl.run[i], n, bold, han, out) != 0;
        if (bl.run[i].level & 1)
            reverse(&out->piece[first], out->n - first);
    }
    if (overflow && len > 0) {
        /* Too many pieces to show: the whole line in logical order in one face rather than
         * part of it. */
        struct shape_piece *p = &out->piece[0];
        out->n = 1;
        p->start = 0;
        p->len = len;
        p->face = fonts_face_for(fonts, sc->cp[0], (uint32_t)script_of(sc->cp[0]), bold);
        p->rtl = out->rtl;
        set_script(p, context_script(sc, 0, n, n));
    }
    bidi_wipe(sc, n);
}
