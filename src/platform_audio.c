/* platform_audio: a bounded ring of samples between the speech thread and SDL's audio callback.
 * The only file that touches SDL audio. */
#include "platform_audio.h"

#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define RING_SAMPLES  11025     /* half a second at 22050 Hz */
#define DEVICE_SAMPLES 512      /* the device's buffer: 23 ms at 22050 Hz */
#define STALL_MS      2000      /* a device that takes nothing for this long has its sound dropped */
#define SILENT        64        /* a sample this close to 0 is silence */
#define RETRY_MS      10000     /* after a device could not be opened, the next try */

struct platform_audio {
    SDL_mutex *lock;            /* guards everything below; the callback takes it briefly */
    SDL_cond *room;             /* signalled when the callback took samples, or on a drop */
    SDL_AudioDeviceID dev;      /* 0 when closed */
    int rate;
    double buffer_ms;           /* of the open device */
    short ring[RING_SAMPLES];
    int head, count;
    unsigned min_token;         /* sound of tokens before this is dropped */
    float gain;
    int sounding;               /* a sound has begun and not yet ended in a quiet spell or a drop */
    double began;               /* when the last sound began (CLOCK_MONOTONIC ms) */
    double quiet_since;         /* when the ring last ran empty */
    double failed_at;           /* when the device last could not be opened, 0 if it could */
    char failed[256];           /* why, said once in the log */
};

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* SDL's audio thread asks for len bytes. */
static void SDLCALL pull(void *userdata, Uint8 *stream, int len)
{
    struct platform_audio *a = userdata;
    short *out = (short *)(void *)stream;
    int want = len / (int)sizeof(short), got;

    SDL_LockMutex(a->lock);
    got = want < a->count ? want : a->count;
    for (int i = 0; i < got; i++) {
        float v = a->ring[(a->head + i) % RING_SAMPLES] * a->gain;
        out[i] = (short)(v > 32767.f ? 32767.f : v < -32768.f ? -32768.f : v);
        if (!a->sounding && (out[i] > SILENT || out[i] < -SILENT)) {
            a->sounding = 1;
            a->began = now_ms() + 1000.0 * i / a->rate;
        }
    }
    a->head = (a->head + got) % RING_SAMPLES;
    a->count -= got;
    if (got < want) {
        memset(out + got, 0, (size_t)(want - got) * sizeof(short));
        if (a->sounding || got > 0)
            a->quiet_since = now_ms();
        a->sounding = 0;
    }
    SDL_CondBroadcast(a->room);
    SDL_UnlockMutex(a->lock);
}

int platform_audio_open(struct platform_audio **out, int rate, char *err, size_t errlen)
{
    struct platform_audio *a = SDL_calloc(1, sizeof *a);

    *out = NULL;
    if (!a) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    a->rate = rate;
    a->gain = 1.0f;
    a->lock = SDL_CreateMutex();
    a->room = SDL_CreateCond();
    if (!a->lock || !a->room) {
        snprintf(err, errlen, "cannot make a lock for sound: %s", SDL_GetError());
        goto fail;
    }
    *out = a;
    return 0;
fail:
    if (a->room)
        SDL_DestroyCond(a->room);
    if (a->lock)
        SDL_DestroyMutex(a->lock);
    SDL_free(a);
    return -1;
}

void platform_audio_close(struct platform_audio *a)
{
    if (!a)
        return;
    if (a->dev) {
        SDL_CloseAudioDevice(a->dev);
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    SDL_DestroyCond(a->room);
    SDL_DestroyMutex(a->lock);
    SDL_free(a);
}

/* Starts SDL's audio and opens the default device, with a->lock held. Returns 0, or -1 (said once
 * in the log). SDL's audio runs only while a device is open: some of its drivers look for new
 * devices many times a second, which an idle kiosk must not pay for. */
static int open_device(struct platform_audio *a)
{
    SDL_AudioSpec want, have;
    double t = now_ms();

    if (a->failed_at > 0 && t - a->failed_at < RETRY_MS)
        return -1;
    SDL_zero(want);
    want.freq = a->rate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = DEVICE_SAMPLES;
    want.callback = pull;
    want.userdata = a;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) == 0) {
        a->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
        if (!a->dev)
            SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    if (!a->dev) {
        char why[256];
        snprintf(why, sizeof why, "cannot open the sound device (%s): %s",
                 SDL_GetCurrentAudioDriver() ? SDL_GetCurrentAudioDriver() : "no driver", SDL_GetError());
        if (strcmp(why, a->failed) != 0)
            fprintf(stderr, "kiosk: %s\n", why);
        snprintf(a->failed, sizeof a->failed, "%s", why);
        a->failed_at = t;
        return -1;
    }
    a->failed[0] = '\0';
    a->failed_at = 0;
    a->buffer_ms = 1000.0 * have.samples / (have.freq > 0 ? have.freq : a->rate);
    a->quiet_since = t;
    SDL_PauseAudioDevice(a->dev, 0);
    return 0;
}

static int dropped(const struct platform_audio *a, unsigned token)
{
    return (int)(token - a->min_token) < 0;
}

int platform_audio_play(void *ctx, const short *pcm, int n, unsigned token)
{
    struct platform_audio *a = ctx;
    double stalled = 0;
    int rc = 0;

    SDL_LockMutex(a->lock);
    if (dropped(a, token)) {
        rc = -1;
        goto out;
    }
    if (!a->dev && open_device(a) != 0)
        goto out;   /* no sound to be had: this is dropped, speech goes on quietly */
    while (n > 0) {
        int space = RING_SAMPLES - a->count, k;
        if (dropped(a, token)) {
            rc = -1;
            break;
        }
        if (space == 0) {
            if (SDL_CondWaitTimeout(a->room, a->lock, 100) == SDL_MUTEX_TIMEDOUT) {
                stalled += 100;
                if (stalled >= STALL_MS)
                    break;  /* the device takes nothing: drop rather than hang */
            } else {
                stalled = 0;
            }
            continue;
        }
        k = n < space ? n : space;
        for (int i = 0; i < k; i++)
            a->ring[(a->head + a->count + i) % RING_SAMPLES] = pcm[i];
        a->count += k;
        pcm += k;
        n -= k;
    }
out:
    SDL_UnlockMutex(a->lock);
    return rc;
}

void platform_audio_drop(void *ctx, unsigned token)
{
    struct platform_audio *a = ctx;

    SDL_LockMutex(a->lock);
    if ((int)(token - a->min_token) > 0)
        a->min_token = token;
    a->head = a->count = 0;
    if (a->sounding)
        a->quiet_since = now_ms();
    a->sounding = 0;
    SDL_CondBroadcast(a->room);
    SDL_UnlockMutex(a->lock);
}

int platform_audio_settle(void *ctx)
{
    struct platform_audio *a = ctx;
    SDL_AudioDeviceID dev = 0;

    SDL_LockMutex(a->lock);
    if (a->dev && a->count == 0 && now_ms() - a->quiet_since >= PLATFORM_AUDIO_LINGER_MS) {
        dev = a->dev;
        a->dev = 0;
    }
    SDL_UnlockMutex(a->lock);
    if (dev) {
        SDL_CloseAudioDevice(dev);  /* (waits for the callback, so not under the lock) */
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    SDL_LockMutex(a->lock);
    dev = a->dev;
    SDL_UnlockMutex(a->lock);
    return dev == 0;
}

void platform_audio_release(struct platform_audio *a)
{
    SDL_AudioDeviceID dev;

    SDL_LockMutex(a->lock);
    dev = a->dev;
    a->dev = 0;
    a->head = a->count = 0;
    a->sounding = 0;
    SDL_CondBroadcast(a->room);
    SDL_UnlockMutex(a->lock);
    if (dev) {
        SDL_CloseAudioDevice(dev);
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
}

void platform_audio_volume(struct platform_audio *a, int percent)
{
    int p = percent < 0 ? 0 : percent > 100 ? 100 : percent;

    SDL_LockMutex(a->lock);
    a->gain = p == 0 ? 0.0f : (float)pow(10.0, (p - 100) * 0.3 / 20.0);
    SDL_UnlockMutex(a->lock);
}

int platform_audio_playing(struct platform_audio *a)
{
    int playing;

    SDL_LockMutex(a->lock);
    playing = a->count > 0 || a->sounding || (a->dev && now_ms() - a->quiet_since < a->buffer_ms);
    SDL_UnlockMutex(a->lock);
    return playing;
}

double platform_audio_sound_began(struct platform_audio *a)
{
    double t;

    SDL_LockMutex(a->lock);
    t = a->began;
    SDL_UnlockMutex(a->lock);
    return t;
}

double platform_audio_buffer_ms(struct platform_audio *a)
{
    double ms;

    SDL_LockMutex(a->lock);
    ms = a->buffer_ms;
    SDL_UnlockMutex(a->lock);
    return ms;
}
