/* platform_sdl: SDL2 window or offscreen surface, event translation, drawing and screenshots.
 * The only file besides platform_text.c that includes SDL. */
#include "platform.h"

#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <string.h>

#include "platform_text.h"

#define DISCS 24    /* antialiased discs kept, one per corner radius in use */

struct platform {
    SDL_Window *window;         /* NULL when headless */
    SDL_Surface *surface;       /* headless: what is drawn on */
    SDL_Renderer *renderer;
    SDL_Texture *target;        /* rotated screens: the app draws here first */
    struct { int radius; SDL_Texture *tex; } discs[DISCS];  /* white discs for rounded corners, drawn unscaled */
    int ndiscs;
    int pw, ph;                 /* physical size */
    int lw, lh;                 /* logical size the app lays out for */
    int rotation;
    int headless;
    SDL_FingerID finger;        /* the finger being followed; others are ignored */
    int finger_down;
    Uint32 keypad_at;           /* when a keypad key last went down (its Num Lock text is dropped) */
    struct ptext text;
    char assets_dir[512];
};

uint64_t platform_now_ms(void)
{
    return SDL_GetTicks64();
}

static void logical_size(struct platform *p)
{
    int quarter = p->rotation == 90 || p->rotation == 270;

    p->lw = quarter ? p->ph : p->pw;
    p->lh = quarter ? p->pw : p->ph;
}

/* A white disc of radius rad with antialiased edges, sampled 4 x 4 per pixel. */
static SDL_Texture *make_disc(SDL_Renderer *r, int rad)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 2 * rad, 2 * rad, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Texture *t = NULL;

    if (!s)
        return NULL;
    for (int y = 0; y < 2 * rad; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < 2 * rad; x++) {
            int inside = 0;
            for (int sy = 0; sy < 4; sy++)
                for (int sx = 0; sx < 4; sx++) {
                    float dx = x + (sx + 0.5f) / 4 - rad, dy = y + (sy + 0.5f) / 4 - rad;
                    inside += dx * dx + dy * dy <= (float)rad * rad;
                }
            row[x] = ((Uint32)(inside * 255 / 16) << 24) | 0xFFFFFF;
        }
    }
    t = SDL_CreateTextureFromSurface(r, s);
    SDL_FreeSurface(s);
    if (t)
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    return t;
}

static void forget_discs(struct platform *p)
{
    for (int i = 0; i < p->ndiscs; i++)
        SDL_DestroyTexture(p->discs[i].tex);
    p->ndiscs = 0;
}

/* The disc for corners of radius rad, made on first use (copying it unscaled is the fast path). */
static SDL_Texture *disc(struct platform *p, int rad)
{
    SDL_Texture *t;

    for (int i = 0; i < p->ndiscs; i++)
        if (p->discs[i].radius == rad)
            return p->discs[i].tex;
    if (p->ndiscs == DISCS)
        forget_discs(p);
    t = make_disc(p->renderer, rad);
    if (t) {
        p->discs[p->ndiscs].radius = rad;
        p->discs[p->ndiscs++].tex = t;
    }
    return t;
}

/* (Re)creates what depends on the renderer's size: the rotation target. */
static int make_targets(struct platform *p, char *err, size_t errlen)
{
    if (p->target)
        SDL_DestroyTexture(p->target);
    p->target = NULL;
    forget_discs(p);
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
    if (SDL_Init(subsystems) != 0) {
        snprintf(err, errlen, "cannot start SDL: %s", SDL_GetError());
        goto fail;
    }
    if ((o->headless ? open_headless(p, err, errlen) : open_window(p, o, err, errlen)) != 0)
        goto fail;
    logical_size(p);
    if (make_targets(p, err, errlen) != 0)
        goto fail;
    if (ptext_open(&p->text, err, errlen) != 0)
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
    forget_discs(p);
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
    forget_discs(p);
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

static void set_colour(SDL_Renderer *r, SDL_Texture *t, unsigned c)
{
    Uint8 R = (Uint8)(c >> 24), G = (Uint8)(c >> 16), B = (Uint8)(c >> 8), A = (Uint8)c;

    if (t) {
        SDL_SetTextureColorMod(t, R, G, B);
        SDL_SetTextureAlphaMod(t, A);
    } else {
        SDL_SetRenderDrawBlendMode(r, A == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(r, R, G, B, A);
    }
}

/* rad clamped so that two corners fit each side of b. */
static int fit_radius(SDL_Rect b, int rad)
{
    if (rad > b.w / 2)
        rad = b.w / 2;
    if (rad > b.h / 2)
        rad = b.h / 2;
    return rad > 0 ? rad : 0;
}

/* The four corner quarters of a disc of radius rad at the corners of b. */
static void corners(struct platform *p, SDL_Rect b, int rad, unsigned colour)
{
    SDL_Texture *t = rad > 0 ? disc(p, rad) : NULL;

    if (!t)
        return;
    set_colour(p->renderer, t, colour);
    const SDL_Rect src[4] = { { 0, 0, rad, rad }, { rad, 0, rad, rad }, { 0, rad, rad, rad }, { rad, rad, rad, rad } };
    const SDL_Rect dst[4] = { { b.x, b.y, rad, rad }, { b.x + b.w - rad, b.y, rad, rad },
                              { b.x, b.y + b.h - rad, rad, rad }, { b.x + b.w - rad, b.y + b.h - rad, rad, rad } };
    for (int i = 0; i < 4; i++)
        SDL_RenderCopy(p->renderer, t, &src[i], &dst[i]);
}

/* The inside of a rounded rectangle between its corners: a column down the middle and two beside. */
static void body(struct platform *p, SDL_Rect b, int rad, unsigned colour)
{
    SDL_Rect parts[3] = { { b.x + rad, b.y, b.w - 2 * rad, b.h }, { b.x, b.y + rad, rad, b.h - 2 * rad },
                          { b.x + b.w - rad, b.y + rad, rad, b.h - 2 * rad } };

    set_colour(p->renderer, NULL, colour);
    SDL_RenderFillRects(p->renderer, parts, rad > 0 ? 3 : 1);
}

static void fill_rounded(struct platform *p, SDL_Rect b, int radius, unsigned colour)
{
    int rad;

    if (b.w <= 0 || b.h <= 0)
        return;
    rad = fit_radius(b, radius);
    body(p, b, rad, colour);
    corners(p, b, rad, colour);
}

/* A rounded rectangle with a border bw wide. Each pixel is filled once: the border as four strips
 * and two discs at each corner, not a border-coloured rectangle under a smaller filled one. */
static void bordered_rounded(struct platform *p, SDL_Rect b, int radius, int bw, unsigned fill, unsigned border)
{
    SDL_Rect in = { b.x + bw, b.y + bw, b.w - 2 * bw, b.h - 2 * bw };
    int rad = fit_radius(b, radius);

    if (in.w <= 0 || in.h <= 0 || rad <= bw) {
        fill_rounded(p, b, rad, border);
        fill_rounded(p, in, rad - bw, fill);
        return;
    }
    SDL_Rect strips[4] = { { b.x + rad, b.y, b.w - 2 * rad, bw }, { b.x + rad, b.y + b.h - bw, b.w - 2 * rad, bw },
                           { b.x, b.y + rad, bw, b.h - 2 * rad }, { b.x + b.w - bw, b.y + rad, bw, b.h - 2 * rad } };
    set_colour(p->renderer, NULL, border);
    SDL_RenderFillRects(p->renderer, strips, 4);
    corners(p, b, rad, border);
    body(p, in, rad - bw, fill);
    corners(p, in, rad - bw, fill);
}

static void draw_cmd(struct platform *p, const struct draw_cmd *c)
{
    SDL_Rect b = { c->r.x, c->r.y, c->r.w, c->r.h };

    if (c->kind == DRAW_RECT) {
        if (c->border_px > 0)
            bordered_rounded(p, b, c->radius, c->border_px, c->colour, c->border_colour);
        else
            fill_rounded(p, b, c->radius, c->colour);
        return;
    }
    int w, h, dy;
    SDL_Texture *t = ptext_texture(&p->text, p->renderer, c->font_px, c->bold, c->colour, c->text, c->len, &w, &h, &dy);
    if (!t)
        return;
    SDL_Rect dst = { c->r.x, c->r.y + dy, w, h };
    SDL_RenderCopy(p->renderer, t, NULL, &dst);
}

void platform_render(struct platform *p, const struct frame *f)
{
    SDL_Renderer *r = p->renderer;
    struct rect clip = { 0, 0, 0, 0 };

    if (p->target)
        SDL_SetRenderTarget(r, p->target);
    SDL_RenderSetClipRect(r, NULL);
    set_colour(r, NULL, f->background | 0xFF);
    SDL_RenderClear(r);
    for (int i = 0; i < f->ncmds; i++) {
        const struct draw_cmd *c = &f->cmds[i];
        if (memcmp(&c->clip, &clip, sizeof clip) != 0) {
            SDL_Rect sc = { c->clip.x, c->clip.y, c->clip.w, c->clip.h };
            SDL_RenderSetClipRect(r, c->clip.w ? &sc : NULL);
            clip = c->clip;
        }
        draw_cmd(p, c);
    }
    SDL_RenderSetClipRect(r, NULL);
    if (p->target) {
        SDL_Rect dst = { (p->pw - p->lw) / 2, (p->ph - p->lh) / 2, p->lw, p->lh };
        SDL_SetRenderTarget(r, NULL);
        SDL_RenderCopyEx(r, p->target, NULL, &dst, p->rotation, NULL, SDL_FLIP_NONE);
    }
    SDL_RenderPresent(r);
}

/* The pixels on screen now, in a new surface the caller frees. */
static SDL_Surface *read_back(struct platform *p, char *err, size_t errlen)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, p->pw, p->ph, 32, SDL_PIXELFORMAT_ARGB8888);

    if (!s || SDL_RenderReadPixels(p->renderer, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) != 0) {
        snprintf(err, errlen, "cannot read the screen: %s", SDL_GetError());
        SDL_FreeSurface(s);
        return NULL;
    }
    return s;
}

int platform_save_png(struct platform *p, const char *path, char *err, size_t errlen)
{
    SDL_Surface *s = read_back(p, err, errlen);
    int rc = -1;

    if (!s)
        return -1;
    if (IMG_SavePNG(s, path) != 0)
        snprintf(err, errlen, "cannot write '%s': %s", path, IMG_GetError());
    else
        rc = 0;
    SDL_FreeSurface(s);
    return rc;
}

double platform_compare_png(struct platform *p, const char *path, char *err, size_t errlen)
{
    SDL_Surface *now = read_back(p, err, errlen), *file = NULL, *ref = NULL;
    double share = -1;
    long differ = 0;

    if (!now)
        return -1;
    file = IMG_Load(path);
    if (!file) {
        snprintf(err, errlen, "cannot read '%s': %s", path, IMG_GetError());
        goto out;
    }
    ref = SDL_ConvertSurfaceFormat(file, SDL_PIXELFORMAT_ARGB8888, 0);
    if (!ref || ref->w != now->w || ref->h != now->h) {
        snprintf(err, errlen, "'%s' is %dx%d, the screen %dx%d", path, file->w, file->h, now->w, now->h);
        goto out;
    }
    for (int y = 0; y < now->h; y++) {
        const Uint8 *a = (const Uint8 *)now->pixels + y * now->pitch;
        const Uint8 *b = (const Uint8 *)ref->pixels + y * ref->pitch;
        for (int x = 0; x < now->w * 4; x += 4)
            for (int ch = 0; ch < 3; ch++)
                if (abs(a[x + ch] - b[x + ch]) > 48) {
                    differ++;
                    break;
                }
    }
    share = (double)differ / ((double)now->w * now->h);
out:
    SDL_FreeSurface(now);
    SDL_FreeSurface(file);
    SDL_FreeSurface(ref);
    return share;
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
    int w, h, dy;

    for (int i = 0; i < f->ncmds; i++)
        if (f->cmds[i].kind == DRAW_TEXT)
            ptext_texture(&p->text, p->renderer, f->cmds[i].font_px, f->cmds[i].bold, f->cmds[i].colour,
                          f->cmds[i].text, f->cmds[i].len, &w, &h, &dy);
}

void platform_text_stats(const struct platform *p, unsigned long *made, unsigned long *reused, int *cached)
{
    *made = p->text.made;
    *reused = p->text.reused;
    *cached = p->text.nslots;
}
