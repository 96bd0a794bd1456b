/* platform_image: decoding through SDL2_image in a helper process, scaled copies in a cache
 * directory, textures with the cards' rounded corners, within a memory budget. */
#include "platform_image.h"

#include "platform_imglib.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "picture.h"
#include "picture_cache.h"
#include "platform.h"
#include "picture_scale.h"

#define PATH_BYTES 4096
#define CHECK_TIMEOUT_MS 30000

extern char **environ;

/* ---------------------------------------------------------------- types */

/* A picture file, as first drawn. */
struct source {
    char path[PATH_BYTES];
    char key[17];
    int usable;                 /* its header was read and is within the limits */
    int failed;                 /* the helper could not decode it: only the placeholder is drawn */
};

/* A texture of one source at one size and corner radius. */
struct entry {
    int source;
    int w, h, radius;
    SDL_Texture *tex;
    int opaque;
    size_t bytes;
    unsigned long used;         /* the frame that last drew or prepared it */
};

/* A copy asked of the helper. */
struct job {
    int source;
    int w, h;
    int state;                  /* JOB_WAITING, JOB_RUNNING, JOB_DONE, JOB_FAILED */
};
enum { JOB_FREE, JOB_WAITING, JOB_RUNNING, JOB_DONE, JOB_FAILED };

struct pimage {
    char cache_dir[PATH_BYTES];
    char helper[PATH_BYTES];
    int temporary_dir;          /* cache_dir is ours alone: removed at close */
    Uint32 event;

    struct source sources[PIMAGE_SOURCES];
    int nsources;
    struct entry entries[PIMAGE_ENTRIES];
    int nentries;
    size_t bytes;
    unsigned long frame;
    unsigned long loaded;

    /* Shared with the worker thread, under lock. */
    SDL_mutex *lock;
    SDL_cond *wake;             /* the worker: a job is waiting, or quit */
    SDL_cond *done;             /* waiters: a job finished */
    SDL_Thread *worker;
    struct job jobs[PIMAGE_JOBS];
    int quit;
    pid_t running;              /* the helper at work, 0 if none */
    unsigned long made, failed;
    long helper_peak_kib;
    unsigned long seen;         /* made + failed when pimage_news() last looked (main thread) */
};

/* ---------------------------------------------------------------- the helper's work */

/* The decoded picture as ARGB8888 rows, converting any pixel format row by row. */
static int feed_rows(SDL_Surface *s, struct picture_scaler *sc, int n, char *why, size_t whylen)
{
    SDL_Surface *conv = NULL;
    uint32_t *row = malloc((size_t)s->w * 4);
    int rc = 0;

    if (!row) {
        snprintf(why, whylen, "out of memory");
        return -1;
    }
    if (SDL_ISPIXELFORMAT_INDEXED(s->format->format)) {
        conv = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
        if (!conv) {
            snprintf(why, whylen, "cannot convert its pixels: %s", SDL_GetError());
            free(row);
            return -1;
        }
        s = conv;
    }
    for (int y = 0; y < s->h && rc == 0; y++) {
        const Uint8 *src = (const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch;
        if (SDL_ConvertPixels(s->w, 1, s->format->format, src, s->pitch, SDL_PIXELFORMAT_ARGB8888, row,
                              s->w * 4) != 0) {
            snprintf(why, whylen, "cannot convert its pixels: %s", SDL_GetError());
            rc = -1;
        }
        for (int i = 0; i < n && rc == 0; i++)
            picture_scaler_row(&sc[i], row);
    }
    SDL_FreeSurface(conv);
    free(row);
    return rc;
}

/* Decodes path after checking it against the limits. Returns the surface or NULL with why. */
static SDL_Surface *decode(const char *path, char *why, size_t whylen)
{
    static const char *const types[] = { [PICTURE_PNG] = "PNG", [PICTURE_JPEG] = "JPG", [PICTURE_WEBP] = "WEBP" };
    struct picture_info info;
    enum picture_problem pr;
    SDL_Surface *s;
    SDL_RWops *rw;
    FILE *f = picture_open(path, &pr);

    if (!f) {
        picture_probe(path, &info, why, whylen);
        return NULL;
    }
    if (picture_probe_fd(fileno(f), &info, why, whylen) != PICTURE_OK) {
        fclose(f);
        return NULL;
    }
    rw = SDL_RWFromFP(f, SDL_TRUE);
    if (!rw) {
        snprintf(why, whylen, "cannot be read: %s", SDL_GetError());
        fclose(f);
        return NULL;
    }
    s = pimglib_load_typed_rw(rw, 1, types[info.type]);
    if (!s) {
        snprintf(why, whylen, "cannot be decoded: %s", SDL_GetError());
        return NULL;
    }
    if (s->w != info.w || s->h != info.h) {
        snprintf(why, whylen, "is damaged: it decodes to %dx%d, its header says %dx%d", s->w, s->h, info.w, info.h);
        SDL_FreeSurface(s);
        return NULL;
    }
    return s;
}

int pimage_decode_check(const char *path, char *why, size_t whylen)
{
    SDL_Surface *s = decode(path, why, whylen);

    if (!s)
        return -1;
    SDL_FreeSurface(s);
    return 0;
}

int platform_picture_decode(const char *path, char *why, size_t whylen)
{
    return pimage_decode_check(path, why, whylen);
}

int pimage_make_copies(const char *path, const char *dir, const char *key, const int (*sizes)[2], int n,
                       char *why, size_t whylen)
{
    struct picture_scaler sc[PIMAGE_SIZES];
    uint32_t *out[PIMAGE_SIZES] = { 0 };
    SDL_Surface *s;
    int rc = 1, ready = 0;

    if (n < 1 || n > PIMAGE_SIZES) {
        snprintf(why, whylen, "between 1 and %d sizes, not %d", PIMAGE_SIZES, n);
        return 2;
    }
    s = decode(path, why, whylen);
    if (!s)
        return 1;
    for (; ready < n; ready++) {
        int w = sizes[ready][0], h = sizes[ready][1];
        out[ready] = w > 0 && h > 0 && w <= PICTURE_CACHE_MAX_SIDE && h <= PICTURE_CACHE_MAX_SIDE
                   ? malloc((size_t)w * (size_t)h * 4) : NULL;
        if (!out[ready] || picture_scaler_init(&sc[ready], s->w, s->h, w, h, out[ready], w) != 0) {
            free(out[ready]);
            snprintf(why, whylen, "cannot make a copy of %dx%d: out of memory or not a size", w, h);
            rc = 2;
            goto done;
        }
    }
    if (feed_rows(s, sc, n, why, whylen) != 0)
        goto done;
    SDL_FreeSurface(s);        /* the large part goes before the copies are written */
    s = NULL;
    rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        char file[PATH_BYTES];
        if (picture_cache_path(dir, key, sc[i].dw, sc[i].dh, file, sizeof file) != 0 ||
            picture_cache_write(file, out[i], sc[i].dw, sc[i].dh, sc[i].dw, sc[i].opaque, why, whylen) != 0)
            rc = 2;
    }
done:
    for (int i = 0; i < ready; i++) {
        picture_scaler_free(&sc[i]);
        free(out[i]);
    }
    SDL_FreeSurface(s);
    return rc;
}

/* ---------------------------------------------------------------- running the helper */

/* Starts helper with argv; its stderr goes to err_fd when >= 0. Returns the pid or -1. */
static pid_t spawn(const char *helper, char *const argv[], int err_fd)
{
    posix_spawn_file_actions_t fa;
    pid_t pid;
    int rc;

    posix_spawn_file_actions_init(&fa);
    if (err_fd >= 0)
        posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
    rc = posix_spawn(&pid, helper, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    return rc == 0 ? pid : -1;
}

int pimage_helper_check(const char *helper, const char *path, char *why, size_t whylen)
{
    char *argv[] = { (char *)helper, "--check", (char *)path, NULL };
    int fds[2], status = 0, waited = 0;
    pid_t pid;
    ssize_t n;

    if (pipe(fds) != 0) {
        snprintf(why, whylen, "cannot be checked: %s", strerror(errno));
        return -1;
    }
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    pid = spawn(helper, argv, fds[1]);
    close(fds[1]);
    if (pid < 0) {
        snprintf(why, whylen, "cannot be checked: cannot start '%s'", helper);
        close(fds[0]);
        return -1;
    }
    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (waited >= CHECK_TIMEOUT_MS) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            snprintf(why, whylen, "cannot be checked: decoding took longer than %d s", CHECK_TIMEOUT_MS / 1000);
            close(fds[0]);
            return -1;
        }
        SDL_Delay(10);
        waited += 10;
    }
    {
        /* The helper's last line is its verdict; a decoding library may have said more before it. */
        char out[2048], *last;
        n = read(fds[0], out, sizeof out - 1);
        close(fds[0]);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
            return 0;
        out[n > 0 ? n : 0] = '\0';
        while (n > 0 && out[n - 1] == '\n')
            out[--n] = '\0';
        last = strrchr(out, '\n');
        if (n > 0)
            snprintf(why, whylen, "%s", last ? last + 1 : out);
    }
    if (n <= 0) {
        snprintf(why, whylen, "cannot be decoded: the decoder %s", WIFSIGNALED(status) ? "crashed" : "failed");
    }
    return -1;
}

/* The worker: runs one helper at a time for the waiting jobs, gathering every size a source needs. */
static int worker(void *arg)
{
    struct pimage *m = arg;

    SDL_LockMutex(m->lock);
    while (!m->quit) {
        int first = -1, n = 0, picked[PIMAGE_SIZES];
        char sizes[PIMAGE_SIZES][24], *argv[6 + PIMAGE_SIZES];
        char path[PATH_BYTES], key[17];
        struct rusage ru;
        int status = 0;
        pid_t pid;

        for (int i = 0; i < PIMAGE_JOBS && first < 0; i++)
            if (m->jobs[i].state == JOB_WAITING)
                first = i;
        if (first < 0) {
            SDL_CondWait(m->wake, m->lock);
            continue;
        }
        for (int i = first; i < PIMAGE_JOBS && n < PIMAGE_SIZES; i++)
            if (m->jobs[i].state == JOB_WAITING && m->jobs[i].source == m->jobs[first].source) {
                m->jobs[i].state = JOB_RUNNING;
                snprintf(sizes[n], sizeof sizes[n], "%dx%d", m->jobs[i].w, m->jobs[i].h);
                picked[n++] = i;
            }
        snprintf(path, sizeof path, "%s", m->sources[m->jobs[first].source].path);
        snprintf(key, sizeof key, "%s", m->sources[m->jobs[first].source].key);
        argv[0] = m->helper;
        argv[1] = path;
        argv[2] = m->cache_dir;
        argv[3] = key;
        for (int i = 0; i < n; i++)
            argv[4 + i] = sizes[i];
        argv[4 + n] = NULL;
        pid = spawn(m->helper, argv, -1);
        m->running = pid > 0 ? pid : 0;
        SDL_UnlockMutex(m->lock);
        if (pid > 0) {
            while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR)
                ;
        } else {
            fprintf(stderr, "kiosk: cannot start '%s' to show pictures: %s\n", m->helper, strerror(errno));
            memset(&ru, 0, sizeof ru);
        }
        SDL_LockMutex(m->lock);
        m->running = 0;
        for (int i = 0; i < n; i++)
            m->jobs[picked[i]].state = pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? JOB_DONE : JOB_FAILED;
        if (pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0)
            m->made += (unsigned long)n;
        else
            m->failed++;
        if (ru.ru_maxrss > m->helper_peak_kib)
            m->helper_peak_kib = ru.ru_maxrss;
        SDL_CondBroadcast(m->done);
        if (m->event) {
            SDL_Event e;
            memset(&e, 0, sizeof e);
            e.type = m->event;
            SDL_PushEvent(&e);
        }
    }
    SDL_UnlockMutex(m->lock);
    return 0;
}

/* ---------------------------------------------------------------- setting up */

/* mkdir -p with mode 0700 for each part that is missing. */
static int make_dirs(char *path)
{
    for (char *s = path + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(path, 0700) != 0 && errno != EEXIST) {
            *s = '/';
            return -1;
        }
        *s = '/';
    }
    return mkdir(path, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

struct pimage *pimage_open(const char *cache_dir, const char *helper, Uint32 event)
{
    struct pimage *m = calloc(1, sizeof *m);

    if (!m)
        return NULL;
    snprintf(m->cache_dir, sizeof m->cache_dir, "%s", cache_dir ? cache_dir : "");
    snprintf(m->helper, sizeof m->helper, "%s", helper ? helper : "");
    m->event = event;
    if (!m->cache_dir[0] || make_dirs(m->cache_dir) != 0 || access(m->cache_dir, W_OK | X_OK) != 0) {
        const char *tmp = getenv("TMPDIR");
        if (m->cache_dir[0])
            fprintf(stderr, "kiosk: cannot use '%s' for pictures: %s; using a temporary directory\n",
                    m->cache_dir, strerror(errno));
        snprintf(m->cache_dir, sizeof m->cache_dir, "%s/kiosk-pictures.XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
        if (!mkdtemp(m->cache_dir))
            m->cache_dir[0] = '\0';
        m->temporary_dir = m->cache_dir[0] != '\0';
    }
    m->lock = SDL_CreateMutex();
    m->wake = SDL_CreateCond();
    m->done = SDL_CreateCond();
    if (m->lock && m->wake && m->done)
        m->worker = SDL_CreateThread(worker, "pictures", m);
    if (!m->worker)
        fprintf(stderr, "kiosk: cannot start the picture worker: %s\n", SDL_GetError());
    return m;
}

void pimage_close(struct pimage *m)
{
    if (!m)
        return;
    pimage_forget(m);
    if (m->worker) {
        SDL_LockMutex(m->lock);
        m->quit = 1;
        if (m->running > 0)
            kill(m->running, SIGKILL);
        SDL_CondSignal(m->wake);
        SDL_UnlockMutex(m->lock);
        SDL_WaitThread(m->worker, NULL);
    }
    SDL_DestroyCond(m->done);
    SDL_DestroyCond(m->wake);
    SDL_DestroyMutex(m->lock);
    if (m->temporary_dir) {
        picture_cache_prune(m->cache_dir, NULL, 0);
        rmdir(m->cache_dir);
    }
    free(m);
}

/* ---------------------------------------------------------------- sources and copies */

/* The source for path, probed on first use; -1 when the table is full. */
static int source_of(struct pimage *m, const char *path)
{
    struct picture_info info;
    char why[256];
    struct source *s;

    for (int i = 0; i < m->nsources; i++)
        if (strcmp(m->sources[i].path, path) == 0)
            return i;
    if (m->nsources == PIMAGE_SOURCES)
        return -1;
    s = &m->sources[m->nsources];
    memset(s, 0, sizeof *s);
    snprintf(s->path, sizeof s->path, "%s", path);
    s->usable = picture_probe(path, &info, why, sizeof why) == PICTURE_OK;
    if (s->usable)
        picture_key(path, &info, s->key);
    else
        fprintf(stderr, "kiosk: picture '%s' %s\n", path, why);
    return m->nsources++;
}

/* Asks the helper for a copy of source at w x h, once. Caller holds the lock. */
static void ask(struct pimage *m, int source, int w, int h)
{
    int free_slot = -1;

    for (int i = 0; i < PIMAGE_JOBS; i++) {
        struct job *j = &m->jobs[i];
        if (j->state != JOB_FREE && j->source == source && j->w == w && j->h == h) {
            if (j->state == JOB_FAILED)
                m->sources[source].failed = 1;
            if (j->state == JOB_DONE)
                j->state = JOB_FREE;    /* made, yet not found: the cache lost it; ask again */
            else
                return;
        }
        if (j->state == JOB_FREE && free_slot < 0)
            free_slot = i;
    }
    if (free_slot < 0 || m->sources[source].failed)
        return;
    m->jobs[free_slot] = (struct job){ source, w, h, JOB_WAITING };
    SDL_CondSignal(m->wake);
}

/* Coverage (0..16) of the pixel (x, y) of a w x h box by its rounded shape of radius rad. */
static int coverage(int x, int y, int w, int h, int rad)
{
    float cx, cy;
    int inside = 0;

    if (rad <= 0)
        return 16;
    cx = x < rad ? (float)rad : x >= w - rad ? (float)(w - rad) : -1;
    cy = y < rad ? (float)rad : y >= h - rad ? (float)(h - rad) : -1;
    if (cx < 0 || cy < 0)
        return 16;
    for (int sy = 0; sy < 4; sy++)
        for (int sx = 0; sx < 4; sx++) {
            float dx = x + (sx + 0.5f) / 4 - cx, dy = y + (sy + 0.5f) / 4 - cy;
            inside += dx * dx + dy * dy <= (float)rad * rad;
        }
    return inside;
}

/* Rounds the corners of w x h pixels (pitch in bytes) by taking alpha away outside the shape. */
static void round_corners(void *px, int pitch, int w, int h, int rad)
{
    if (rad > w / 2)
        rad = w / 2;
    if (rad > h / 2)
        rad = h / 2;
    for (int y = 0; y < h; y++) {
        uint32_t *row = (uint32_t *)((char *)px + (size_t)y * (size_t)pitch);
        if (y >= rad && y < h - rad)
            continue;
        for (int x = 0; x < w; x++) {
            int c = coverage(x, y, w, h, rad);
            if (c < 16)
                row[x] = (row[x] & 0xFFFFFF) | (((row[x] >> 24) * (uint32_t)c / 16) << 24);
        }
    }
}

static void drop_entry(struct pimage *m, int i)
{
    SDL_DestroyTexture(m->entries[i].tex);
    m->bytes -= m->entries[i].bytes;
    m->entries[i] = m->entries[--m->nentries];
}

/* The texture of source at w x h with corners of radius rad: from memory, else read from its
 * cached copy, else asked of the helper (NULL until it is made). */
static struct entry *texture(struct pimage *m, SDL_Renderer *r, int source, int w, int h, int rad)
{
    char file[PATH_BYTES];
    struct entry *e;
    SDL_Texture *t;
    void *px;
    int pitch, opaque = 0;

    for (int i = 0; i < m->nentries; i++) {
        e = &m->entries[i];
        if (e->source == source && e->w == w && e->h == h && e->radius == rad) {
            e->used = m->frame;
            return e;
        }
    }
    if (!m->sources[source].usable || m->sources[source].failed || w > PICTURE_CACHE_MAX_SIDE ||
        h > PICTURE_CACHE_MAX_SIDE || picture_cache_path(m->cache_dir, m->sources[source].key, w, h, file, sizeof file) != 0)
        return NULL;
    if (!picture_cache_has(file, w, h)) {
        if (m->lock) {
            SDL_LockMutex(m->lock);
            ask(m, source, w, h);
            SDL_UnlockMutex(m->lock);
        }
        return NULL;
    }
    if (m->nentries == PIMAGE_ENTRIES) {
        int oldest = 0;
        for (int i = 1; i < m->nentries; i++)
            if (m->entries[i].used < m->entries[oldest].used)
                oldest = i;
        drop_entry(m, oldest);
    }
    t = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, w, h);
    if (!t)
        return NULL;
    if (SDL_LockTexture(t, NULL, &px, &pitch) != 0 || picture_cache_read(file, w, h, px, pitch, &opaque) != 0) {
        SDL_DestroyTexture(t);
        return NULL;
    }
    round_corners(px, pitch, w, h, rad);
    SDL_UnlockTexture(t);
    m->loaded++;
    e = &m->entries[m->nentries++];
    *e = (struct entry){ source, w, h, rad, t, opaque, (size_t)w * (size_t)h * 4, m->frame };
    m->bytes += e->bytes;
    return e;
}

static struct entry *entry_for(struct pimage *m, SDL_Renderer *r, const struct draw_cmd *c)
{
    char path[PATH_BYTES];
    int source;

    if (c->kind != DRAW_PICTURE || !c->text || c->len <= 0 || c->len >= (int)sizeof path || c->r.w <= 0 || c->r.h <= 0)
        return NULL;
    memcpy(path, c->text, (size_t)c->len);
    path[c->len] = '\0';
    source = source_of(m, path);
    return source < 0 ? NULL : texture(m, r, source, c->r.w, c->r.h, c->radius);
}

int pimage_draw(struct pimage *m, SDL_Renderer *r, const struct draw_cmd *c)
{
    struct entry *e = m ? entry_for(m, r, c) : NULL;
    int rad;

    if (!e)
        return 0;
    rad = e->radius > e->h / 2 ? e->h / 2 : e->radius;
    if (!e->opaque || rad <= 0) {
        SDL_Rect dst = { c->r.x, c->r.y, e->w, e->h };
        SDL_SetTextureBlendMode(e->tex, e->opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        SDL_RenderCopy(r, e->tex, NULL, &dst);
        return 1;
    }
    /* An opaque picture blends only its two bands of rounded corners; the middle is a plain copy. */
    {
        SDL_Rect band[3] = { { 0, 0, e->w, rad }, { 0, rad, e->w, e->h - 2 * rad }, { 0, e->h - rad, e->w, rad } };
        for (int i = 0; i < 3; i++) {
            SDL_Rect dst = { c->r.x + band[i].x, c->r.y + band[i].y, band[i].w, band[i].h };
            if (band[i].h <= 0)
                continue;
            SDL_SetTextureBlendMode(e->tex, i == 1 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
            SDL_RenderCopy(r, e->tex, &band[i], &dst);
        }
    }
    return 1;
}

void pimage_prepare(struct pimage *m, SDL_Renderer *r, const struct frame *f)
{
    if (!m)
        return;
    for (int i = 0; i < f->ncmds; i++)
        if (f->cmds[i].kind == DRAW_PICTURE)
            entry_for(m, r, &f->cmds[i]);
}

void pimage_end_frame(struct pimage *m)
{
    if (!m)
        return;
    while (m->bytes > PIMAGE_BUDGET) {
        int oldest = -1;
        for (int i = 0; i < m->nentries; i++)
            if (m->entries[i].used < m->frame && (oldest < 0 || m->entries[i].used < m->entries[oldest].used))
                oldest = i;
        if (oldest < 0)
            break;              /* everything over the budget is on screen now */
        drop_entry(m, oldest);
    }
    m->frame++;
}

int pimage_news(struct pimage *m)
{
    unsigned long now;

    if (!m || !m->lock)
        return 0;
    SDL_LockMutex(m->lock);
    now = m->made + m->failed;
    SDL_UnlockMutex(m->lock);
    if (now == m->seen)
        return 0;
    m->seen = now;
    return 1;
}

void pimage_forget(struct pimage *m)
{
    if (!m)
        return;
    while (m->nentries > 0)
        drop_entry(m, m->nentries - 1);
}

void pimage_keep_only(struct pimage *m, const char *const *paths, int n)
{
    char (*keys)[17] = calloc((size_t)(n > 0 ? n : 1), sizeof *keys);
    int k = 0;

    if (!m || !keys) {
        free(keys);
        return;
    }
    for (int i = 0; i < n; i++) {
        struct picture_info info;
        char why[256];
        if (picture_probe(paths[i], &info, why, sizeof why) == PICTURE_OK)
            picture_key(paths[i], &info, keys[k++]);
    }
    picture_cache_prune(m->cache_dir, (const char (*)[17])keys, k);
    free(keys);
}

int pimage_pending(struct pimage *m)
{
    int n = 0;

    if (!m || !m->lock)
        return 0;
    SDL_LockMutex(m->lock);
    for (int i = 0; i < PIMAGE_JOBS; i++)
        n += m->jobs[i].state == JOB_WAITING || m->jobs[i].state == JOB_RUNNING;
    SDL_UnlockMutex(m->lock);
    return n;
}

int pimage_wait(struct pimage *m, int timeout_ms)
{
    Uint64 end = SDL_GetTicks64() + (Uint64)timeout_ms;

    if (!m || !m->lock)
        return 1;
    SDL_LockMutex(m->lock);
    for (;;) {
        int pending = 0;
        Uint64 now = SDL_GetTicks64();
        for (int i = 0; i < PIMAGE_JOBS; i++)
            pending += m->jobs[i].state == JOB_WAITING || m->jobs[i].state == JOB_RUNNING;
        if (!pending || now >= end || !m->worker) {
            SDL_UnlockMutex(m->lock);
            return !pending;
        }
        SDL_CondWaitTimeout(m->done, m->lock, (Uint32)(end - now));
    }
}

void pimage_stats(const struct pimage *m, struct pimage_stats *s)
{
    memset(s, 0, sizeof *s);
    if (!m)
        return;
    s->textures = m->nentries;
    s->bytes = m->bytes;
    s->loaded = m->loaded;
    if (m->lock)
        SDL_LockMutex(m->lock);
    s->made = m->made;
    s->failed = m->failed;
    s->helper_peak_kib = m->helper_peak_kib;
    if (m->lock)
        SDL_UnlockMutex(m->lock);
}
