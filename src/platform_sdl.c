/* platform_sdl: SDL2 window or offscreen surface, event translation, showing a frame.
 * Frames are drawn on a canvas this file owns (the window's own pixels, when it is not rotated),
 * by platform_draw.c, and only the rectangles that changed are shown. Screenshots are
 * platform_shot.c's, text platform_text.c's; these platform_* files are the only ones that
 * include SDL. */
#include "platform.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform_draw.h"
#include "platform_image.h"
#include "platform_shot.h"
#include "platform_text.h"

struct platform {
    SDL_Window *window;         /* NULL when headless */
    SDL_Surface *screen;        /* headless: the physical pixels (owned); else NULL */
    SDL_Surface *shown;         /* the physical pixels: screen, or the window's surface (SDL's) */
    SDL_Surface *canvas;        /* the logical pixels frames are drawn on: shown itself, or owned */
    SDL_Renderer *renderer;     /* SDL's software renderer on canvas (platform_draw.h) */
    struct pdraw draw;          /* the drawing of frames on canvas */
    int pw, ph;                 /* physical size */
    int lw, lh;                 /* logical size the app lays out for */
    int rotation;
    int headless;
    SDL_FingerID finger;        /* the finger being followed; others are ignored */
    int finger_down;
    Uint32 keypad_at;           /* when a keypad key last went down (its Num Lock text is dropped) */
    struct ptext text;
    struct pshot shot;          /* a replay's screenshots: what one leaves for the next */
    char assets_dir[512];
    struct pimage *images;      /* the content's pictures, once platform_pictures_open() ran */
    Uint32 picture_event;       /* pushed when a picture's copy is ready */
    char picture_helper[512];
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

/* Frees the canvas and its renderer. */
static void drop_canvas(struct platform *p)
{
    if (p->renderer) {
        pimage_forget(p->images);   /* its pictures' textures were made by the renderer */
        SDL_DestroyRenderer(p->renderer);
    }
    if (p->canvas && p->canvas != p->shown)
        SDL_FreeSurface(p->canvas);
    p->renderer = NULL;
    p->canvas = NULL;
    pdraw_invalidate(&p->draw);
}

/* (Re)makes the canvas for the physical pixels as they are now: those pixels themselves when
 * nothing turns them and they are 32-bit RGB, else a surface of the logical size. */
static int make_canvas(struct platform *p, char *err, size_t errlen)
{
    drop_canvas(p);
    p->shown = p->window ? SDL_GetWindowSurface(p->window) : p->screen;
    if (!p->shown) {
        snprintf(err, errlen, "cannot reach the window's pixels: %s", SDL_GetError());
        return -1;
    }
    p->pw = p->shown->w;
    p->ph = p->shown->h;
    logical_size(p);
    if (p->rotation == 0 && (p->shown->format->format == SDL_PIXELFORMAT_ARGB8888 ||
                             p->shown->format->format == SDL_PIXELFORMAT_RGB888))
        p->canvas = p->shown;
    else
        p->canvas = SDL_CreateRGBSurfaceWithFormat(0, p->lw, p->lh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!p->canvas) {
        snprintf(err, errlen, "cannot make a %dx%d canvas: %s", p->lw, p->lh, SDL_GetError());
        return -1;
    }
    if (p->canvas != p->shown)
        SDL_SetSurfaceBlendMode(p->canvas, SDL_BLENDMODE_NONE);     /* shown as it is, not blended */
    p->renderer = SDL_CreateSoftwareRenderer(p->canvas);
    if (!p->renderer) {
        snprintf(err, errlen, "cannot make a software renderer: %s", SDL_GetError());
        return -1;
    }
    p->draw.canvas = p->canvas;
    p->draw.renderer = p->renderer;
    p->draw.text = &p->text;
    p->draw.images = p->images;
    return 0;
}

static int open_headless(struct platform *p, char *err, size_t errlen)
{
    p->screen = SDL_CreateRGBSurfaceWithFormat(0, p->pw, p->ph, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!p->screen) {
        snprintf(err, errlen, "cannot make a %dx%d surface: %s", p->pw, p->ph, SDL_GetError());
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
    /* The window's pixels: on X11 its own shared-memory framebuffer (XShm), not a texture
     * shown through OpenGL, which with no GPU costs more CPU than drawing the frame. (On Wayland
     * SDL always shows them through a texture.) */
    if (SDL_strcmp(SDL_GetCurrentVideoDriver(), "x11") == 0)
        SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0", SDL_HINT_DEFAULT);
    if (!(flags & SDL_WINDOW_FULLSCREEN_DESKTOP))
        SDL_ShowCursor(SDL_ENABLE);
    else
        SDL_ShowCursor(SDL_DISABLE);
    SDL_StartTextInput();
    return 0;
}

int platform_open(struct platform **out, const struct platform_options *o, char *err, size_t errlen)
{
    return platform_open_loaded(out, o, NULL, err, errlen);
}

int platform_open_loaded(struct platform **out, const struct platform_options *o, struct fonts_loading *fonts,
                         char *err, size_t errlen)
{
    struct platform *p = SDL_calloc(1, sizeof *p);
    Uint32 subsystems = o->headless ? SDL_INIT_EVENTS : SDL_INIT_VIDEO | SDL_INIT_EVENTS;
    struct fonts_loading *loading = fonts;      /* until ptext_open_loaded() takes it */

    *out = NULL;
    if (!p) {
        snprintf(err, errlen, "out of memory");
        fonts_load_cancel(fonts);
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
    if (make_canvas(p, err, errlen) != 0)
        goto fail;
    loading = NULL;
    if (ptext_open_loaded(&p->text, fonts, err, errlen) != 0)
        goto fail;
    *out = p;
    return 0;
fail:
    fonts_load_cancel(loading);
    platform_close(p);
    return -1;
}

void platform_close(struct platform *p)
{
    if (!p)
        return;
    drop_canvas(p);
    pimage_close(p->images);
    if (p->text.measurer.width)
        ptext_close(&p->text);
    pdraw_forget(&p->draw);
    pshot_free(&p->shot);
    if (p->screen)
        SDL_FreeSurface(p->screen);
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
    drop_canvas(p);
    SDL_FreeSurface(p->screen);
    p->screen = p->shown = NULL;
    p->pw = w;
    p->ph = h;
    if (open_headless(p, err, errlen) != 0)
        return -1;
    return make_canvas(p, err, errlen);
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

static enum input_key map_key(SDL_Keycode k, Uint16 mod)
{
    switch (k) {
    case SDLK_BACKSPACE: return KEY_BACKSPACE;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:  return KEY_RETURN;
    case SDLK_TAB:       return mod & KMOD_SHIFT ? KEY_SHIFT_TAB : KEY_TAB;
    case SDLK_ESCAPE:    return KEY_ESCAPE;
    case SDLK_UP:        return KEY_UP;
    case SDLK_DOWN:      return KEY_DOWN;
    case SDLK_LEFT:      return KEY_LEFT;
    case SDLK_RIGHT:     return KEY_RIGHT;
    case SDLK_SPACE:     return KEY_SPACE;
    case SDLK_PAGEUP:    return KEY_PAGEUP;
    case SDLK_PAGEDOWN:  return KEY_PAGEDOWN;
    case SDLK_KP_0:      return KEY_KP0;
    case SDLK_KP_2:      return KEY_KP2;
    case SDLK_KP_4:      return KEY_KP4;
    case SDLK_KP_5:      return KEY_KP5;
    case SDLK_KP_6:      return KEY_KP6;
    case SDLK_KP_8:      return KEY_KP8;
    case SDLK_KP_PLUS:   return KEY_KP_PLUS;
    case SDLK_KP_MINUS:  return KEY_KP_MINUS;
    case SDLK_KP_MULTIPLY: return KEY_KP_MULTIPLY;
    case SDLK_KP_DIVIDE: return KEY_KP_DIVIDE;
    case SDLK_F5:        return KEY_F5;
    case SDLK_F6:        return KEY_F6;
    case SDLK_F7:        return KEY_F7;
    case SDLK_F8:        return KEY_F8;
    case SDLK_F9:        return KEY_F9;
    case SDLK_LSHIFT: case SDLK_RSHIFT: case SDLK_LCTRL: case SDLK_RCTRL: case SDLK_LALT: case SDLK_RALT:
    case SDLK_LGUI: case SDLK_RGUI: case SDLK_CAPSLOCK: case SDLK_NUMLOCKCLEAR: case SDLK_MODE:
        return KEY_NONE;    /* held with another key, never meant alone */
    default:             return KEY_OTHER;
    }
}

/* A keypad key moves or chooses: the digit Num Lock would also type is not text. */
static int keypad_key(SDL_Keycode k)
{
    return k >= SDLK_KP_DIVIDE && k <= SDLK_KP_PERIOD;
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
        if (p->keypad_at && e->text.timestamp - p->keypad_at < 50 && strlen(e->text.text) == 1 &&
            strchr("0123456789+-*/.,", e->text.text[0])) {
            p->keypad_at = 0;
            return 0;
        }
        ev->kind = INPUT_TEXT;
        SDL_strlcpy(ev->text, e->text.text, sizeof ev->text);
        return 1;
    case SDL_KEYDOWN:
        p->keypad_at = keypad_key(e->key.keysym.sym) ? (e->key.timestamp ? e->key.timestamp : 1) : 0;
        ev->key = map_key(e->key.keysym.sym, e->key.keysym.mod);
        ev->kind = INPUT_KEY;
        return ev->key != KEY_NONE;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED && p->window) {
            char err[256];
            if (make_canvas(p, err, sizeof err) != 0)
                SDL_Log("%s", err);
        }
        pdraw_invalidate(&p->draw);     /* whatever was shown may be gone: draw it all */
        ev->kind = INPUT_EXPOSE;
        return e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED || e->window.event == SDL_WINDOWEVENT_EXPOSED ||
               e->window.event == SDL_WINDOWEVENT_SHOWN;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        ptext_forget(&p->text);
        pimage_forget(p->images);
        pdraw_invalidate(&p->draw);
        ev->kind = INPUT_EXPOSE;
        return 1;
    default:
        if (p->picture_event && e->type == p->picture_event) {
            /* A picture's copy is ready: where its placeholder was, the same command now draws it. */
            pdraw_invalidate(&p->draw);
            ev->kind = INPUT_EXPOSE;
            return 1;
        }
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
    static const SDL_Keycode codes[KEY_COUNT] = {
        [KEY_BACKSPACE] = SDLK_BACKSPACE, [KEY_RETURN] = SDLK_RETURN, [KEY_TAB] = SDLK_TAB,
        [KEY_ESCAPE] = SDLK_ESCAPE, [KEY_UP] = SDLK_UP, [KEY_DOWN] = SDLK_DOWN,
        [KEY_PAGEUP] = SDLK_PAGEUP, [KEY_PAGEDOWN] = SDLK_PAGEDOWN, [KEY_LEFT] = SDLK_LEFT,
        [KEY_RIGHT] = SDLK_RIGHT, [KEY_SPACE] = SDLK_SPACE, [KEY_SHIFT_TAB] = SDLK_TAB,
        [KEY_KP0] = SDLK_KP_0, [KEY_KP2] = SDLK_KP_2, [KEY_KP4] = SDLK_KP_4, [KEY_KP5] = SDLK_KP_5,
        [KEY_KP6] = SDLK_KP_6, [KEY_KP8] = SDLK_KP_8, [KEY_KP_PLUS] = SDLK_KP_PLUS,
        [KEY_KP_MINUS] = SDLK_KP_MINUS, [KEY_KP_MULTIPLY] = SDLK_KP_MULTIPLY, [KEY_KP_DIVIDE] = SDLK_KP_DIVIDE,
        [KEY_F5] = SDLK_F5, [KEY_F6] = SDLK_F6, [KEY_F7] = SDLK_F7, [KEY_F8] = SDLK_F8, [KEY_F9] = SDLK_F9,
        [KEY_OTHER] = SDLK_F12,
    };
    SDL_Event e;

    (void)p;
    if (key <= KEY_NONE || key >= KEY_COUNT)
        return;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = codes[key];
    e.key.keysym.mod = key == KEY_SHIFT_TAB ? KMOD_LSHIFT : KMOD_NONE;
    SDL_PushEvent(&e);
}

/* Copies logical rectangle r of the canvas to the physical pixels, turned as the screen is
 * mounted; returns where it landed there. */
static SDL_Rect show_rect(struct platform *p, struct rect r)
{
    SDL_Rect dst;
    int x0, y0, x1, y1;

    to_physical(p, r.x, r.y, &x0, &y0);
    to_physical(p, r.x + r.w - 1, r.y + r.h - 1, &x1, &y1);
    dst = (SDL_Rect){ x0 < x1 ? x0 : x1, y0 < y1 ? y0 : y1, abs(x1 - x0) + 1, abs(y1 - y0) + 1 };
    if (p->rotation == 0) {
        SDL_Rect src = { r.x, r.y, r.w, r.h };
        SDL_BlitSurface(p->canvas, &src, p->shown, &dst);
        return dst;
    }
    if (SDL_LockSurface(p->shown) != 0)
        return dst;
    for (int y = r.y; y < r.y + r.h; y++) {
        const Uint32 *src = (const Uint32 *)((const Uint8 *)p->canvas->pixels + y * p->canvas->pitch);
        for (int x = r.x; x < r.x + r.w; x++) {
            int px, py;
            to_physical(p, x, y, &px, &py);
            *(Uint32 *)((Uint8 *)p->shown->pixels + py * p->shown->pitch + px * 4) = src[x];
        }
    }
    SDL_UnlockSurface(p->shown);
    return dst;
}

void platform_render(struct platform *p, const struct frame *f)
{
    struct rect damage[PDRAW_DAMAGE];
    SDL_Rect shown[PDRAW_DAMAGE];
    int n;

    if (!p->canvas)
        return;
    if (pimage_news(p->images))
        pdraw_invalidate(&p->draw);     /* placeholders may have become pictures */
    n = pdraw_frame(&p->draw, f, damage);
    ptext_frame_done(&p->text);     /* a large face this frame did not need is closed */
    for (int i = 0; i < n; i++)
        shown[i] = p->canvas == p->shown ? (SDL_Rect){ damage[i].x, damage[i].y, damage[i].w, damage[i].h }
                                         : show_rect(p, damage[i]);
    if (p->window && n > 0 && SDL_UpdateWindowSurfaceRects(p->window, shown, n) != 0) {
        /* SDL dropped the window's pixels (a resize not yet reported): make them again, show all */
        char err[256];
        if (make_canvas(p, err, sizeof err) != 0) {
            SDL_Log("%s", err);
            return;
        }
        n = pdraw_frame(&p->draw, f, damage);
        if (p->canvas != p->shown)
            for (int i = 0; i < n; i++)
                show_rect(p, damage[i]);
        SDL_UpdateWindowSurface(p->window);
    }
    pimage_end_frame(p->images);
}

void platform_pictures_open(struct platform *p, const char *cache_dir, const char *helper)
{
    pimage_close(p->images);
    snprintf(p->picture_helper, sizeof p->picture_helper, "%s", helper ? helper : "");
    if (!p->picture_event) {
        p->picture_event = SDL_RegisterEvents(1);
        if (p->picture_event == (Uint32)-1)
            p->picture_event = 0;
    }
    p->images = pimage_open(cache_dir, p->picture_helper, p->picture_event);
    p->draw.images = p->images;
    pdraw_invalidate(&p->draw);
    if (!p->images)
        fprintf(stderr, "kiosk: cannot show pictures: out of memory\n");
}

void platform_prepare_pictures(struct platform *p, const struct frame *f)
{
    if (p->renderer)
        pimage_prepare(p->images, p->renderer, f);
}

int platform_pictures_pending(struct platform *p)
{
    return pimage_pending(p->images);
}

int platform_pictures_wait(struct platform *p, int timeout_ms)
{
    return pimage_wait(p->images, timeout_ms);
}

void platform_pictures_keep(struct platform *p, const char *const *paths, int n)
{
    pimage_keep_only(p->images, paths, n);
}

int platform_picture_check(struct platform *p, const char *path, char *why, size_t whylen)
{
    return pimage_helper_check(p->picture_helper, path, why, whylen);
}

void platform_picture_stats(const struct platform *p, int *textures, size_t *bytes, unsigned long *loaded,
                            unsigned long *made, long *helper_peak_kib)
{
    struct pimage_stats s;

    pimage_stats(p->images, &s);
    *textures = s.textures;
    *bytes = s.bytes;
    *loaded = s.loaded;
    *made = s.made;
    *helper_peak_kib = s.helper_peak_kib;
}

double platform_colour_share(struct platform *p, struct rect r, unsigned rgb, int tolerance, unsigned *common,
                             char *err, size_t errlen)
{
    struct seen_colour { Uint32 colour; long n; } seen[16];
    long match = 0, total = 0, best = 0;
    int nseen = 0;

    *common = 0;
    if (!p->shown) {
        snprintf(err, errlen, "no screen to read");
        return -1;
    }
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++) {
            int px, py, k;
            Uint32 c;
            if (x < 0 || y < 0 || x >= p->lw || y >= p->lh)
                continue;
            to_physical(p, x, y, &px, &py);
            c = ((const Uint32 *)((const Uint8 *)p->shown->pixels + py * p->shown->pitch))[px] & 0xFFFFFF;
            total++;
            match += abs((int)(c >> 16) - (int)(rgb >> 16 & 0xFF)) <= tolerance &&
                     abs((int)(c >> 8 & 0xFF) - (int)(rgb >> 8 & 0xFF)) <= tolerance &&
                     abs((int)(c & 0xFF) - (int)(rgb & 0xFF)) <= tolerance;
            for (k = 0; k < nseen && seen[k].colour != c; k++)
                ;
            if (k == nseen && nseen < 16)
                seen[nseen++] = (struct seen_colour){ c, 0 };
            if (k < nseen && ++seen[k].n > best) {
                best = seen[k].n;
                *common = c;
            }
        }
    if (total == 0) {
        snprintf(err, errlen, "the place %d,%d %dx%d is off the screen", r.x, r.y, r.w, r.h);
        return -1;
    }
    return (double)match / (double)total;
}

void platform_redraw_all(struct platform *p)
{
    pdraw_invalidate(&p->draw);
}

const uint32_t *platform_pixels(const struct platform *p, int *w, int *h, int *pitch)
{
    *w = p->shown ? p->shown->w : 0;
    *h = p->shown ? p->shown->h : 0;
    *pitch = p->shown ? p->shown->pitch : 0;
    return p->shown ? p->shown->pixels : NULL;
}

int platform_save_png(struct platform *p, const char *path, char *err, size_t errlen)
{
    return pshot_save_png(&p->shot, p->shown, path, err, errlen);
}

double platform_compare_png(struct platform *p, const char *path, char *err, size_t errlen)
{
    return pshot_compare_png(p->shown, path, err, errlen);
}

const struct text_measurer *platform_measurer(struct platform *p)
{
    return &p->text.measurer;
}

void platform_forget_text(struct platform *p)
{
    ptext_forget(&p->text);
}

int platform_close_fonts(struct platform *p)
{
    return ptext_close_fonts(&p->text);
}

void platform_keep_text_begin(struct platform *p)
{
    ptext_keep_begin(&p->text);
}

void platform_keep_text_end(struct platform *p)
{
    ptext_keep_end(&p->text);
}

void platform_prepare_text(struct platform *p, const struct frame *f)
{
    for (int i = 0; i < f->ncmds; i++)
        if (f->cmds[i].kind == DRAW_TEXT)
            ptext_ink(&p->text, f->cmds[i].font_px, f->cmds[i].bold, f->cmds[i].text, f->cmds[i].len);
}

int platform_text_holds(struct platform *p, int px, int flags, const char *s, int len)
{
    return ptext_holds(&p->text, px, flags, s, len);
}

void platform_text_stats(const struct platform *p, unsigned long *made, unsigned long *reused, int *cached)
{
    *made = p->text.made;
    *reused = p->text.reused;
    *cached = p->text.nslots;
}
