/* speech: on/off, speed and volume, the record of what was said, and the "say" trace. */
#include "speech.h"

#include <sodium.h>
#include <string.h>

#include "utf8.h"

void speech_init(struct speech *s, const struct speech_out *out, FILE *trace, int headphones, int volume)
{
    sodium_memzero(s, sizeof *s);
    if (out)
        s->out = *out;
    s->trace = trace;
    s->headphones = headphones;
    s->volume_default = volume < SPEECH_VOLUME_MIN ? SPEECH_VOLUME_MIN : volume > SPEECH_VOLUME_MAX ? SPEECH_VOLUME_MAX
                      : volume;
    s->wpm = SPEECH_WPM_DEFAULT;
    s->volume = s->volume_default;
    snprintf(s->language, sizeof s->language, "en");
}

/* Forgets what was said, wiping it. */
static void forget(struct speech *s)
{
    sodium_memzero(s->arena, s->used);
    s->used = 0;
    s->nsaid = 0;
}

void speech_start(struct speech *s)
{
    if (s->on)
        return;
    s->on = 1;
    s->wpm = SPEECH_WPM_DEFAULT;
    s->volume = s->volume_default;
    if (s->out.volume)
        s->out.volume(s->out.ctx, s->volume);
}

void speech_end(struct speech *s)
{
    if (!s->on)
        return;
    s->on = 0;
    if (s->out.rest)
        s->out.rest(s->out.ctx);
    forget(s);
}

void speech_language(struct speech *s, const char *language)
{
    snprintf(s->language, sizeof s->language, "%s", language && language[0] ? language : "en");
}

void speech_new_screen(struct speech *s)
{
    speech_stop(s);
    forget(s);
}

void speech_stop(struct speech *s)
{
    if (s->on && s->out.stop)
        s->out.stop(s->out.ctx);
}

/* Keeps an utterance (spoken, and shown when it differs) in the arena, making room by forgetting
 * the oldest. Returns 0, or -1 when it cannot fit at all (it is then not kept). */
static int keep(struct speech *s, const char *spoken, size_t slen, const char *shown, size_t wlen)
{
    size_t need = slen + 1 + (shown ? wlen + 1 : 0);

    if (need > sizeof s->arena)
        return -1;
    while (s->nsaid > 0 && (s->used + need > sizeof s->arena || s->nsaid == SPEECH_SAID_MAX)) {
        /* The oldest utterance goes, and every offset moves down by what it held. */
        size_t gone = s->nsaid > 1 ? s->said[1].spoken : s->used;
        memmove(s->arena, s->arena + gone, s->used - gone);
        sodium_memzero(s->arena + s->used - gone, gone);
        s->used -= gone;
        memmove(s->said, s->said + 1, (size_t)(s->nsaid - 1) * sizeof s->said[0]);
        s->nsaid--;
        for (int i = 0; i < s->nsaid; i++) {
            s->said[i].spoken -= (unsigned)gone;
            s->said[i].shown -= (unsigned)gone;
        }
    }
    s->said[s->nsaid].spoken = (unsigned)s->used;
    memcpy(s->arena + s->used, spoken, slen);
    s->arena[s->used + slen] = '\0';
    s->used += slen + 1;
    s->said[s->nsaid].shown = s->said[s->nsaid].spoken;
    if (shown) {
        s->said[s->nsaid].shown = (unsigned)s->used;
        memcpy(s->arena + s->used, shown, wlen);
        s->arena[s->used + wlen] = '\0';
        s->used += wlen + 1;
    }
    s->nsaid++;
    return 0;
}

/* One utterance of at most SPEECH_TEXT_MAX - 1 bytes. */
static void say_one(struct speech *s, const char *spoken, size_t slen, const char *shown, size_t wlen, int spelled)
{
    char text[SPEECH_TEXT_MAX];

    if (slen == 0)
        return;
    keep(s, spoken, slen, shown, wlen);
    if (s->trace) {
        const char *w = shown ? shown : spoken;
        size_t n = shown ? wlen : slen;
        fputs("say ", s->trace);
        for (size_t i = 0; i < n; i++)
            fputc(w[i] == '\n' || w[i] == '\r' ? ' ' : w[i], s->trace);
        fputc('\n', s->trace);
        fflush(s->trace);
    }
    if (s->out.say) {
        memcpy(text, spoken, slen);
        text[slen] = '\0';
        s->out.say(s->out.ctx, s->language, text, s->wpm, spelled);
        sodium_memzero(text, sizeof text);
    }
}

/* Where to end a piece of at most max bytes of s (len bytes): after the last sentence end, else
 * the last space, else the last whole character. */
static size_t piece_end(const char *s, size_t len, size_t max)
{
    size_t cut;

    if (len <= max)
        return len;
    for (cut = max; cut > max / 2; cut--)
        if (s[cut] == ' ' && (s[cut - 1] == '.' || s[cut - 1] == '?' || s[cut - 1] == '!' || s[cut - 1] == ':'))
            return cut + 1;
    for (cut = max; cut > 0; cut--)
        if (s[cut] == ' ')
            return cut + 1;
    return utf8_cut(s, len, max);
}

void speech_say(struct speech *s, const char *spoken, const char *shown)
{
    size_t slen, wlen;

    if (!s->on || !spoken)
        return;
    slen = strlen(spoken);
    if (shown) {
        /* A client's details: one utterance, each version cut to fit. */
        slen = utf8_cut(spoken, slen, SPEECH_TEXT_MAX - 1);
        wlen = utf8_cut(shown, strlen(shown), SPEECH_TEXT_MAX - 1);
        say_one(s, spoken, slen, shown, wlen, 0);
        return;
    }
    while (slen > 0) {
        size_t n = piece_end(spoken, slen, SPEECH_TEXT_MAX - 1);
        if (n == 0)
            break;
        say_one(s, spoken, n, NULL, 0, 0);
        spoken += n;
        slen -= n;
    }
}

void speech_spell(struct speech *s, const char *spoken, const char *shown)
{
    if (!s->on || !spoken)
        return;
    say_one(s, spoken, utf8_cut(spoken, strlen(spoken), SPEECH_TEXT_MAX - 1), shown,
            shown ? utf8_cut(shown, strlen(shown), SPEECH_TEXT_MAX - 1) : 0, 1);
}

void speech_tone(struct speech *s)
{
    if (s->on && s->out.tone)
        s->out.tone(s->out.ctx);
}

int speech_adjust(struct speech *s, enum speech_adjust how)
{
    int wpm = s->wpm, volume = s->volume;

    switch (how) {
    case SPEECH_SLOWER:  wpm -= SPEECH_WPM_STEP; break;
    case SPEECH_FASTER:  wpm += SPEECH_WPM_STEP; break;
    case SPEECH_QUIETER: volume -= SPEECH_VOLUME_STEP; break;
    case SPEECH_LOUDER:  volume += SPEECH_VOLUME_STEP; break;
    }
    if (wpm < SPEECH_WPM_MIN || wpm > SPEECH_WPM_MAX || volume < SPEECH_VOLUME_MIN || volume > SPEECH_VOLUME_MAX)
        return 0;
    s->wpm = wpm;
    if (volume != s->volume && s->out.volume)
        s->out.volume(s->out.ctx, volume);
    s->volume = volume;
    return 1;
}

int speech_said(const struct speech *s, const char *needle)
{
    for (int i = 0; i < s->nsaid; i++)
        if (strstr(s->arena + s->said[i].spoken, needle))
            return 1;
    return 0;
}

const char *speech_said_shown(const struct speech *s, int i)
{
    return i >= 0 && i < s->nsaid ? s->arena + s->said[i].shown : NULL;
}
