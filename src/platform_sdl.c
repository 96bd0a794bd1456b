/* platform_sdl: SDL2 window or offscreen surface, event translation, showing a frame.
 * Drawing is platform_draw.c's, screenshots platform_shot.c's, text platform_text.c's; these
 * platform_* files are the only ones that include SDL. */
#include "platform.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform_draw.h"
#include "platform_shot.h"
#include "platform_text.h"

struct platform {
    SDL_Window *window;         /* NULL when headless */
    SDL_Surface *surface;       /* headless: what is drawn on */
    SDL_Renderer *renderer;
    SDL_Texture *target;        /* rotated screens: the app draws here first */
    struct pdraw draw;          /* the drawing of frames, its renderer this one */
    int pw, ph;                 /* physical size */
    int lw, lh;                 /* logical size the app lays out for */
    int rotation;
    int headless;
    SDL_FingerID finger;        /* the finger being followed; others are ignored */
    int finger_down;
    struct ptext text;
    char assets_dir[512];
};

uint64_t platform_now_ms(void)
{
    return SDL_GetTicks64();
}

/* SDL's video drivers that draw where nobody can see: a window there would run unseen. */
static int shows_nothing(const char *driver)
{
    static const char *const unseen[] = { "dummy", "offscreen", "evdev" };

    for (size_t i = 0; driver && i < sizeof unseen / sizeof unseen[0]; i++)
        if (SDL_strcasecmp(driver, unseen[i]) == 0)
            return 1;
    return !driver;
}

static int set(const char *env)
{
    const char *v = getenv(env);

    return v && v[0];
}

static void logical_size(struct platform *p)
{
    int quarter = p->rotation == 90 || p->rotation == 270;

    p->lw = quarter ? p->ph : p->pw;
    p->lh = quarter ? p->pw : p->ph;
}

/* (Re)creates what depends on the renderer's size: the rotation target. */
static int make_targets(struct platform *p, char *err, size_t errlen)
{
    if (p->target)
        SDL_DestroyTexture(p->target);
    p->target = NULL;
    pdraw_forget(&p->draw);
    p->draw.renderer = p->renderer;
    p->draw.text = &p->text;
    if (p->rotation) {
        p->target = SDL_CreateTexture(p->renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                      p->lw, p->lh);
        if (!p->target) {
            snprintf(err, errlen, "cannot make the rotated screen: %s", SDL_GetError());
            return -1;
        }
    }
    return 0;
}

static int open_headless(struct platform *p, char *err, size_t errlen)
{
    p->surface = SDL_CreateRGBSurfaceWithFormat(0, p->pw, p->ph, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!p->surface) {
        snprintf(err, errlen, "cannot make a %dx%d surface: %s", p->pw, p->ph, SDL_GetError());
        return -1;
    }
    p->renderer = SDL_CreateSoftwareRenderer(p->surface);
    if (!p->renderer) {
        snprintf(err, errlen, "cannot make a software renderer: %s", SDL_GetError());
        return -1;
    }
    return 0;
}

static int open_window(struct platform *p, const struct platform_options *o, char *err, size_t errlen)
{
    Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;

    if (o->width <= 0 || o->height <= 0)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
    p->window = SDL_CreateWindow("Clinic kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                 o->width > 0 ? o->width : 1280, o->height > 0 ? o->height : 800, flags);
    if (!p->window) {
        snprintf(err, errlen, "cannot open a window: %s", SDL_GetError());
        return -1;
    }
    /* SDL's software renderer shows its frames through OpenGL on X11 unless told not to; with no
     * GPU that costs more CPU than drawing the frame. Its own framebuffer (XShm) is cheaper. */
    if (SDL_strcmp(SDL_GetCurrentVideoDriver(), "x11") == 0 &&
        SDL_strcasecmp(SDL_GetHint(SDL_HINT_RENDER_DRIVER) ? SDL_GetHint(SDL_HINT_RENDER_DRIVER) : "", "software") == 0)
        SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0", SDL_HINT_DEFAULT);
    p->renderer = SDL_CreateRenderer(p->window, -1, 0);
    if (!p->renderer) {
        snprintf(err, errlen, "cannot make a renderer: %s", SDL_GetError());
        return -1;
    }
    if (SDL_GetRendererOutputSize(p->renderer, &p->pw, &p->ph) != 0) {
        snprintf(err, errlen, "cannot read the screen size: %s", SDL_GetError());
        return -1;
    }
    if (!(flags & SDL_WINDOW_FULLSCREEN_DESKTOP))
        SDL_ShowCursor(SDL_ENABLE);
    else
        SDL_ShowCursor(SDL_DISABLE);
    SDL_StartTextInput();
    return 0;
}

int platform_open(struct platform **out, const struct platform_options *o, char *err, size_t errlen)
{
    struct platform *p = SDL_calloc(1, sizeof *p);
    Uint32 subsystems = o->headless ? SDL_INIT_EVENTS : SDL_INIT_VIDEO | SDL_INIT_EVENTS;

    *out = NULL;
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    p->headless = o->headless;
    p->rotation = o->rotation;
    p->pw = o->width > 0 ? o->width : 1280;
    p->ph = o->height > 0 ? o->height : 800;
    snprintf(p->assets_dir, sizeof p->assets_dir, "%s", o->assets_dir);
    /* A tap must count once: we follow fingers ourselves and drop SDL's synthesised mouse events. */
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    /* With no display named, SDL would probe every driver (and libwayland complain on stderr)
     * before settling on none or on one that shows nothing. A driver asked for by name
     * (SDL_VIDEODRIVER=kmsdrm, say) is still tried. */
    if (!o->headless && !set("SDL_VIDEODRIVER") && !set("DISPLAY") && !set("WAYLAND_DISPLAY")) {
        snprintf(err, errlen, "%s", PLATFORM_NO_DISPLAY);
        goto fail;
    }
    if (SDL_Init(subsystems) != 0) {
        snprintf(err, errlen, "cannot start SDL: %s", SDL_GetError());
        goto fail;
    }
    if (!o->headless && shows_nothing(SDL_GetCurrentVideoDriver())) {
        snprintf(err, errlen, "%s", PLATFORM_NO_DISPLAY);
        goto fail;
    }
    if ((o->headless ? open_headless(p, err, errlen) : open_window(p, o, err, errlen)) != 0)
        goto fail;
    logical_size(p);
    if (make_targets(p, err, errlen) != 0)
        goto fail;
    if (ptext_open(&p->text, p->assets_dir, err, errlen) != 0)
        goto fail;
    *out = p;
    return 0;
fail:
    platform_close(p);
    return -1;
}

void platform_close(struct platform *p)
{
    if (!p)
        return;
    if (p->text.measurer.width)
        ptext_close(&p->text);
    pdraw_forget(&p->draw);
    if (p->target)
        SDL_DestroyTexture(p->target);
    if (p->renderer)
        SDL_DestroyRenderer(p->renderer);
    if (p->surface)
        SDL_FreeSurface(p->surface);
    if (p->window)
        SDL_DestroyWindow(p->window);
    SDL_free(p);
    SDL_Quit();
}

void platform_size(const struct platform *p, int *w, int *h)
{
    *w = p->lw;
    *h = p->lh;
}

int platform_resize(struct platform *p, int w, int h, char *err, size_t errlen)
{
    if (!p->headless) {
        snprintf(err, errlen, "only the headless screen can change size");
        return -1;
    }
    ptext_forget(&p->text);
    pdraw_forget(&p->draw);
    if (p->target)
        SDL_DestroyTexture(p->target);
    p->target = NULL;
    SDL_DestroyRenderer(p->renderer);
    SDL_FreeSurface(p->surface);
    p->renderer = NULL;
    p->surface = NULL;
    p->pw = w;
    p->ph = h;
    if (open_headless(p, err, errlen) != 0)
        return -1;
    logical_size(p);
    return make_targets(p, err, errlen);
}

/* Physical pixel to the app's logical pixel, undoing the rotation. */
static void to_logical(const struct platform *p, int px, int py, int *lx, int *ly)
{
    switch (p->rotation) {
    case 90:  *lx = py;              *ly = p->pw - 1 - px; break;
    case 180: *lx = p->pw - 1 - px;  *ly = p->ph - 1 - py; break;
    case 270: *lx = p->ph - 1 - py;  *ly = px;             break;
    default:  *lx = px;              *ly = py;             break;
    }
}

static void to_physical(const struct platform *p, int lx, int ly, int *px, int *py)
{
    switch (p->rotation) {
    case 90:  *px = p->pw - 1 - ly;  *py = lx;             break;
    case 180: *px = p->pw - 1 - lx;  *py = p->ph - 1 - ly; break;
    case 270: *px = ly;              *py = p->ph - 1 - lx; break;
    default:  *px = lx;              *py = ly;             break;
    }
}

static enum input_key map_key(SDL_Keycode k)
{
    switch (k) {
    case SDLK_BACKSPACE: return KEY_BACKSPACE;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:  return KEY_RETURN;
    case SDLK_TAB:       return KEY_TAB;
    case SDLK_ESCAPE:    return KEY_ESCAPE;
    case SDLK_UP:        return KEY_UP;
    case SDLK_DOWN:      return KEY_DOWN;
    case SDLK_PAGEUP:    return KEY_PAGEUP;
    case SDLK_PAGEDOWN:  return KEY_PAGEDOWN;
    default:             return KEY_NONE;
    }
}

static void pointer(struct platform *p, struct input_event *ev, enum input_kind kind, int px, int py)
{
    ev->kind = kind;
    to_logical(p, px, py, &ev->x, &ev->y);
}

/* Turns one SDL event into an app event. Returns 1 when ev was filled. */
static int translate(struct platform *p, const SDL_Event *e, struct input_event *ev)
{
    memset(ev, 0, sizeof *ev);
    switch (e->type) {
    case SDL_QUIT:
        ev->kind = INPUT_QUIT;
        return 1;
    case SDL_FINGERDOWN:
        if (p->finger_down)
            return 0;
        p->finger = e->tfinger.fingerId;
        p->finger_down = 1;
        pointer(p, ev, INPUT_POINTER_DOWN, (int)(e->tfinger.x * p->pw), (int)(e->tfinger.y * p->ph));
        return 1;
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
        if (!p->finger_down || e->tfinger.fingerId != p->finger)
            return 0;
        if (e->type == SDL_FINGERUP)
            p->finger_down = 0;
        pointer(p, ev, e->type == SDL_FINGERUP ? INPUT_POINTER_UP : INPUT_POINTER_MOVE,
                (int)(e->tfinger.x * p->pw), (int)(e->tfinger.y * p->ph));
        return 1;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT)
            return 0;
        pointer(p, ev, e->type == SDL_MOUSEBUTTONDOWN ? INPUT_POINTER_DOWN : INPUT_POINTER_UP,
                e->button.x, e->button.y);
        return 1;
    case SDL_MOUSEMOTION:
        if (e->motion.which == SDL_TOUCH_MOUSEID || !(e->motion.state & SDL_BUTTON_LMASK))
            return 0;
        pointer(p, ev, INPUT_POINTER_MOVE, e->motion.x, e->motion.y);
        return 1;
    case SDL_TEXTINPUT:
        ev->kind = INPUT_TEXT;
        SDL_strlcpy(ev->text, e->text.text, sizeof ev->text);
        return 1;
    case SDL_KEYDOWN:
        ev->key = map_key(e->key.keysym.sym);
        ev->kind = INPUT_KEY;
        return ev->key != KEY_NONE;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED && p->renderer) {
            SDL_GetRendererOutputSize(p->renderer, &p->pw, &p->ph);
            logical_size(p);
            char err[256];
            if (make_targets(p, err, sizeof err) != 0)
                SDL_Log("%s", err);
        }
        ev->kind = INPUT_EXPOSE;
        return e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED || e->window.event == SDL_WINDOWEVENT_EXPOSED ||
               e->window.event == SDL_WINDOWEVENT_SHOWN;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        ptext_forget(&p->text);
        ev->kind = INPUT_EXPOSE;
        return 1;
    default:
        return 0;
    }
}

int platform_next_event(struct platform *p, int timeout_ms, struct input_event *ev)
{
    SDL_Event e;
    Uint64 start = SDL_GetTicks64();

    for (;;) {
        /* A poll (0) looks at every queued event, however long that takes: once a millisecond
         * passed it used to stop early, leaving events for a later pump (and the replay's taps
         * out of step with its clock). Only a timed wait runs out. */
        int left = timeout_ms <= 0 ? timeout_ms : timeout_ms - (int)(SDL_GetTicks64() - start);
        int got = timeout_ms == 0 ? SDL_PollEvent(&e)
                : timeout_ms < 0 ? SDL_WaitEvent(&e)
                : left < 0 ? 0 : SDL_WaitEventTimeout(&e, left);
        if (!got)
            return 0;
        if (translate(p, &e, ev))
            return 1;
    }
}

void platform_inject_pointer(struct platform *p, enum input_kind kind, int x, int y, int touch)
{
    SDL_Event e;
    int px, py;

    to_physical(p, x, y, &px, &py);
    memset(&e, 0, sizeof e);
    if (touch) {
        e.type = kind == INPUT_POINTER_DOWN ? SDL_FINGERDOWN : kind == INPUT_POINTER_UP ? SDL_FINGERUP
               : SDL_FINGERMOTION;
        e.tfinger.touchId = 1;
        e.tfinger.fingerId = 7;
        e.tfinger.x = (px + 0.5f) / (float)p->pw;
        e.tfinger.y = (py + 0.5f) / (float)p->ph;
        e.tfinger.pressure = 1.0f;
        SDL_PushEvent(&e);
        memset(&e, 0, sizeof e);
    }
    if (kind == INPUT_POINTER_MOVE) {
        e.type = SDL_MOUSEMOTION;
        e.motion.which = touch ? SDL_TOUCH_MOUSEID : 0;
        e.motion.state = SDL_BUTTON_LMASK;
        e.motion.x = px;
        e.motion.y = py;
    } else {
        e.type = kind == INPUT_POINTER_DOWN ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
        e.button.which = touch ? SDL_TOUCH_MOUSEID : 0;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.state = kind == INPUT_POINTER_DOWN ? SDL_PRESSED : SDL_RELEASED;
        e.button.clicks = 1;
        e.button.x = px;
        e.button.y = py;
    }
    SDL_PushEvent(&e);
}

void platform_inject_text(struct platform *p, const char *utf8)
{
    SDL_Event e;

    (void)p;
    memset(&e, 0, sizeof e);
    e.type = SDL_TEXTINPUT;
    SDL_strlcpy(e.text.text, utf8, sizeof e.text.text);
    SDL_PushEvent(&e);
}

void platform_inject_key(struct platform *p, enum input_key key)
{
    static const SDL_Keycode codes[] = {
        [KEY_BACKSPACE] = SDLK_BACKSPACE, [KEY_RETURN] = SDLK_RETURN, [KEY_TAB] = SDLK_TAB,
        [KEY_ESCAPE] = SDLK_ESCAPE, [KEY_UP] = SDLK_UP, [KEY_DOWN] = SDLK_DOWN,
        [KEY_PAGEUP] = SDLK_PAGEUP, [KEY_PAGEDOWN] = SDLK_PAGEDOWN,
    };
    SDL_Event e;

    (void)p;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = codes[key];
    SDL_PushEvent(&e);
}

void platform_render(struct platform *p, const struct frame *f)
{
    SDL_Renderer *r = p->renderer;

    if (p->target)
        SDL_SetRenderTarget(r, p->target);
    pdraw_frame(&p->draw, f);
    if (p->target) {
        SDL_Rect dst = { (p->pw - p->lw) / 2, (p->ph - p->lh) / 2, p->lw, p->lh };
        SDL_SetRenderTarget(r, NULL);
        SDL_RenderCopyEx(r, p->target, NULL, &dst, p->rotation, NULL, SDL_FLIP_NONE);
    }
    SDL_RenderPresent(r);
}

int platform_save_png(struct platform *p, const char *path, char *err, size_t errlen)
{
    return pshot_save_png(p->renderer, p->pw, p->ph, path, err, errlen);
}

double platform_compare_png(struct platform *p, const char *path, char *err, size_t errlen)
{
    return pshot_compare_png(p->renderer, p->pw, p->ph, path, err, errlen);
}

const struct text_measurer *platform_measurer(struct platform *p)
{
    return &p->text.measurer;
}

void platform_forget_text(struct platform *p)
{
    ptext_forget(&p->text);
}

void platform_prepare_text(struct platform *p, const struct frame *f)
{
    int w, h;

    for (int i = 0; i < f->ncmds; i++)
        if (f->cmds[i].kind == DRAW_TEXT)
            ptext_texture(&p->text, p->renderer, f->cmds[i].font_px, f->cmds[i].bold, f->cmds[i].colour,
                          f->cmds[i].text, f->cmds[i].len, &w, &h);
}

void platform_text_stats(const struct platform *p, unsigned long *made, unsigned long *reused, int *cached)
{
    *made = p->text.made;
    *reused = p->text.reused;
    *cached = p->text.nslots;
}
