/* Pictures: headers read without decoding (PNG, JPEG, WebP, and what is not one), the limits, a
 * FIFO that must not block, initials and fitting, the area-averaging scaler, the cache's files,
 * content naming pictures (and each mistake at its line), and the platform drawing one from the
 * helper's copy with rounded corners within its budget. Files are made here with SDL2_image and
 * libwebp under one temporary directory. */
#define _XOPEN_SOURCE 700
#include "harness.h"

#include <SDL.h>
#include <SDL_image.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <webp/encode.h>

#include "content.h"
#include "picture.h"
#include "picture_cache.h"
#include "picture_scale.h"
#include "platform.h"

static char root[64];

/* ---------------------------------------------------------------- files */

static const char *at(const char *rel)
{
    static char path[4][512];
    static int i;

    i = (i + 1) % 4;
    snprintf(path[i], sizeof path[i], "%s/%s", root, rel);
    return path[i];
}

static void put_bytes(const char *path, const void *bytes, size_t n)
{
    FILE *f = fopen(path, "wb");

    if (!f || fwrite(bytes, 1, n, f) != n || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
}

/* A w x h surface of one colour 0xRRGGBB, opaque. */
static SDL_Surface *solid(int w, int h, unsigned rgb)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);

    if (!s)
        exit(2);
    SDL_FillRect(s, NULL, 0xFF000000u | rgb);
    return s;
}

static void write_png(const char *path, int w, int h, unsigned rgb)
{
    SDL_Surface *s = solid(w, h, rgb);

    if (IMG_SavePNG(s, path) != 0) {
        fprintf(stderr, "%s: %s\n", path, IMG_GetError());
        exit(2);
    }
    SDL_FreeSurface(s);
}

static void write_jpeg(const char *path, int w, int h, unsigned rgb)
{
    SDL_Surface *s = solid(w, h, rgb);

    if (IMG_SaveJPG(s, path, 90) != 0) {
        fprintf(stderr, "%s: %s\n", path, IMG_GetError());
        exit(2);
    }
    SDL_FreeSurface(s);
}

/* lossless: VP8L; lossy: VP8 (or VP8X with alpha when alpha). */
static void write_webp(const char *path, int w, int h, int lossless, int alpha)
{
    unsigned char *rgba = malloc((size_t)w * h * 4), *out = NULL;
    size_t n;

    for (int i = 0; i < w * h; i++) {
        rgba[4 * i] = 200;
        rgba[4 * i + 1] = 40;
        rgba[4 * i + 2] = 60;
        rgba[4 * i + 3] = alpha && i % 2 ? 128 : 255;
    }
    n = lossless ? WebPEncodeLosslessRGBA(rgba, w, h, w * 4, &out) : alpha ? WebPEncodeRGBA(rgba, w, h, w * 4, 80, &out)
      : WebPEncodeRGB(rgba, w, h, w * 4, 80, &out);
    if (!lossless && !alpha) {
        /* WebPEncodeRGB reads 3 bytes a pixel: encode again from a packed copy. */
        unsigned char *rgb = malloc((size_t)w * h * 3);
        for (int i = 0; i < w * h; i++)
            memcpy(rgb + 3 * i, rgba + 4 * i, 3);
        WebPFree(out);
        n = WebPEncodeRGB(rgb, w, h, w * 3, 80, &out);
        free(rgb);
    }
    if (n == 0)
        exit(2);
    put_bytes(path, out, n);
    WebPFree(out);
    free(rgba);
}

/* The first bytes of a PNG that claims w x h: enough for the header check, not for decoding. */
static void write_png_header(const char *path, unsigned w, unsigned h)
{
    unsigned char b[33] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

    for (int i = 0; i < 4; i++) {
        b[16 + i] = (unsigned char)(w >> (24 - 8 * i));
        b[20 + i] = (unsigned char)(h >> (24 - 8 * i));
    }
    b[24] = 8;
    b[25] = 6;
    put_bytes(path, b, sizeof b);
}

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = malloc(64 << 20);

    *n = f ? fread(buf, 1, 64 << 20, f) : 0;
    if (f)
        fclose(f);
    return buf;
}

/* ---------------------------------------------------------------- headers */

TEST(headers_give_type_and_size)
{
    struct picture_info info;
    char why[256];

    write_png(at("a.png"), 301, 207, 0x336699);
    ASSERT_INT_EQ(PICTURE_OK, picture_probe(at("a.png"), &info, why, sizeof why));
    ASSERT_INT_EQ(PICTURE_PNG, info.type);
    ASSERT_INT_EQ(301, info.w);
    ASSERT_INT_EQ(207, info.h);
    write_jpeg(at("a.jpg"), 640, 480, 0x336699);
    ASSERT_INT_EQ(PICTURE_OK, picture_probe(at("a.jpg"), &info, why, sizeof why));
    ASSERT_INT_EQ(PICTURE_JPEG, info.type);
    ASSERT_INT_EQ(640, info.w);
    ASSERT_INT_EQ(480, info.h);
    write_webp(at("lossy.webp"), 123, 45, 0, 0);
    write_webp(at("lossless.webp"), 77, 99, 1, 0);
    write_webp(at("alpha.webp"), 50, 60, 0, 1);
    ASSERT_INT_EQ(PICTURE_OK, picture_probe(at("lossy.webp"), &info, why, sizeof why));
    ASSERT_INT_EQ(PICTURE_WEBP, info.type);
    ASSERT_INT_EQ(123, info.w);
    ASSERT_INT_EQ(45, info.h);
    ASSERT_INT_EQ(PICTURE_OK, picture_probe(at("lossless.webp"), &info, why, sizeof why));
    ASSERT_INT_EQ(77, info.w);
    ASSERT_INT_EQ(99, info.h);
    ASSERT_INT_EQ(PICTURE_OK, picture_probe(at("alpha.webp"), &info, why, sizeof why));
    ASSERT_INT_EQ(50, info.w);
    ASSERT_INT_EQ(60, info.h);
}

/* A JPEG whose size comes after 3 large segments (as a camera's EXIF and previews put it). */
TEST(jpeg_size_after_large_segments)
{
    size_t n, m = 0;
    unsigned char *src, *dst;
    struct picture_info info;
    char why[256];

    write_jpeg(at("b.jpg"), 400, 300, 0x808080);
    src = slurp(at("b.jpg"), &n);
    dst = malloc(n + 3 * 65537 + 16);
    memcpy(dst, src, 2);                        /* SOI */
    m = 2;
    for (int k = 0; k < 3; k++) {
        dst[m++] = 0xFF;
        dst[m++] = (unsigned char)(0xE1 + k);   /* APP1..APP3 */
        dst[m++] = 0xFF;
        dst[m++] = 0xFF;
        memset(dst + m, 'x', 65533);
        m += 65533;
    }
    memcpy(dst + m, src + 2, n - 2);
    m += n - 2;
    put_bytes(at("b2.jpg"), dst, m);
    ASSERT_INT_EQ(PICTURE_OK, picture_probe(at("b2.jpg"), &info, why, sizeof why));
    ASSERT_INT_EQ(400, info.w);
    ASSERT_INT_EQ(300, info.h);
    /* The first 64 bytes alone do not reach it. */
    ASSERT_INT_EQ(PICTURE_BAD_HEADER, picture_parse_header(dst, 64, &info));
    free(src);
    free(dst);
}

TEST(what_is_not_a_usable_picture)
{
    struct picture_info info;
    char why[256];
    int fd;

    put_bytes(at("text.png"), "just some text, not a picture at all\n", 37);
    ASSERT_INT_EQ(PICTURE_NOT_PICTURE, picture_probe(at("text.png"), &info, why, sizeof why));
    ASSERT_STR_EQ("is not a PNG, JPEG or WebP picture", why);
    put_bytes(at("short.png"), "\x89PNG\r\n\x1a\n\0\0", 10);
    ASSERT_INT_EQ(PICTURE_BAD_HEADER, picture_probe(at("short.png"), &info, why, sizeof why));
    ASSERT_INT_EQ(PICTURE_MISSING, picture_probe(at("nothing.png"), &info, why, sizeof why));
    ASSERT_INT_EQ(PICTURE_NOT_REGULAR, picture_probe(root, &info, why, sizeof why));
    /* 6000 x 5000 is 30 megapixels: refused from its header, never decoded. */
    write_png_header(at("huge.png"), 6000, 5000);
    ASSERT_INT_EQ(PICTURE_TOO_MANY_PIXELS, picture_probe(at("huge.png"), &info, why, sizeof why));
    ASSERT_CONTAINS(why, "30.0 megapixels (6000x5000)");
    write_png_header(at("fine.png"), 6000, 4000);
    ASSERT_INT_EQ(PICTURE_OK, picture_probe(at("fine.png"), &info, why, sizeof why));
    /* 21 MB (a sparse file): too large whatever it holds. */
    write_png(at("big.png"), 10, 10, 0);
    fd = open(at("big.png"), O_WRONLY);
    ASSERT(fd >= 0 && ftruncate(fd, 21 * 1000 * 1000) == 0);
    close(fd);
    ASSERT_INT_EQ(PICTURE_TOO_LARGE, picture_probe(at("big.png"), &info, why, sizeof why));
    ASSERT_CONTAINS(why, "21.0 MB");
}

static void on_alarm(int sig)
{
    (void)sig;
    fputs("a FIFO blocked the probe\n", stderr);
    _exit(1);
}

TEST(a_fifo_is_refused_without_waiting)
{
    struct picture_info info;
    char why[256];

    ASSERT_INT_EQ(0, mkfifo(at("fifo.png"), 0600));
    signal(SIGALRM, on_alarm);
    alarm(5);
    ASSERT_INT_EQ(PICTURE_NOT_REGULAR, picture_probe(at("fifo.png"), &info, why, sizeof why));
    ASSERT_STR_EQ("is not a regular file", why);
    alarm(0);
}

TEST(names_and_initials)
{
    char s[16];

    ASSERT(picture_name_ok("logo.png"));
    ASSERT(picture_name_ok("team/dr nicole.jpg"));
    ASSERT(!picture_name_ok(""));
    ASSERT(!picture_name_ok("/etc/passwd"));
    ASSERT(!picture_name_ok("../../secret.png"));
    ASSERT(!picture_name_ok("a/../b.png"));
    picture_initials("Dr Nicole", s, sizeof s);
    ASSERT_STR_EQ("N", s);
    picture_initials("Dr. Nicole Smith-Jones", s, sizeof s);
    ASSERT_STR_EQ("NJ", s);
    picture_initials("prof ana maria lopez", s, sizeof s);
    ASSERT_STR_EQ("AL", s);
    picture_initials("\xC3\x89lodie Durand", s, sizeof s);      /* Élodie: a whole character */
    ASSERT_STR_EQ("\xC3\x89" "D", s);
    picture_initials("Dr", s, sizeof s);
    ASSERT_STR_EQ("", s);
    /* the doctor's name in each shipped language: the title is never an initial */
    picture_initials("dr Nicole", s, sizeof s);
    ASSERT_STR_EQ("N", s);
    picture_initials("الدكتورة نيكول", s, sizeof s);
    ASSERT_STR_EQ("ن", s);
    picture_initials("Nicole 医生", s, sizeof s);
    ASSERT_STR_EQ("N", s);
}

TEST(fitting_keeps_the_aspect_and_centres)
{
    struct rect r = picture_fit((struct rect){ 10, 20, 400, 400 }, 1200, 800);

    ASSERT_INT_EQ(400, r.w);
    ASSERT_INT_EQ(266, r.h);
    ASSERT_INT_EQ(10, r.x);
    ASSERT_INT_EQ(20 + (400 - 266) / 2, r.y);
    r = picture_fit((struct rect){ 0, 0, 1000, 100 }, 1200, 800);
    ASSERT_INT_EQ(150, r.w);
    ASSERT_INT_EQ(100, r.h);
    ASSERT_INT_EQ(425, r.x);
}

/* ---------------------------------------------------------------- the scaler */

static unsigned channel(uint32_t px, int shift) { return (px >> shift) & 0xFF; }

TEST(scaling_keeps_a_solid_colour)
{
    uint32_t src[30 * 20], dst[7 * 5];

    for (int i = 0; i < 30 * 20; i++)
        src[i] = 0xFF1B585E;
    ASSERT_INT_EQ(0, picture_scale(src, 30, 20, 30, dst, 7, 5, 7));
    for (int i = 0; i < 7 * 5; i++)
        if (dst[i] != 0xFF1B585E)
            FAIL_AT("pixel %d is %08x, not ff1b585e", i, dst[i]);
}

/* One-pixel black and white stripes: nearest would give black or white, a single bilinear step
 * from far away would alias; the area average is the grey of half the light (sRGB 188). */
TEST(scaling_averages_the_area_in_linear_light)
{
    static uint32_t src[64 * 64], dst[16 * 16];

    for (int y = 0; y < 64; y++)
        for (int x = 0; x < 64; x++)
            src[y * 64 + x] = x % 2 ? 0xFFFFFFFF : 0xFF000000;
    ASSERT_INT_EQ(0, picture_scale(src, 64, 64, 64, dst, 16, 16, 16));
    for (int i = 0; i < 16 * 16; i++)
        if (abs((int)channel(dst[i], 8) - 188) > 1 || channel(dst[i], 24) != 255)
            FAIL_AT("pixel %d is %08x, not the grey ffbcbcbc", i, dst[i]);
    /* By 2.5 (not a whole number) the columns differ, but the light in all of them is the same. */
    ASSERT_INT_EQ(0, picture_scale(src, 40, 40, 64, dst, 16, 16, 16));
    {
        double light = 0;
        for (int x = 0; x < 16; x++)
            light += pow(channel(dst[x], 8) / 255.0, 2.2);
        light /= 16;
        if (fabs(light - 0.5) > 0.02)
            FAIL_AT("the mean light is %.3f, not 0.5", light);
    }
}

TEST(scaling_with_alpha_has_no_fringe)
{
    /* Transparent red beside opaque blue: the red must not show in the average. */
    uint32_t src[4] = { 0x00FF0000, 0xFF0000FF, 0x00FF0000, 0xFF0000FF }, dst[1];

    ASSERT_INT_EQ(0, picture_scale(src, 2, 2, 2, dst, 1, 1, 1));
    ASSERT(abs((int)channel(dst[0], 24) - 128) <= 1);
    ASSERT_INT_EQ(0, channel(dst[0], 16));
    ASSERT_INT_EQ(255, channel(dst[0], 0));
}

TEST(scaling_by_rows_matches_and_upscales)
{
    uint32_t src[5 * 3], a[2 * 2], up[10 * 6];
    struct picture_scaler s;

    for (int i = 0; i < 15; i++)
        src[i] = 0xFF000000u | (uint32_t)(i * 17) << 16 | (uint32_t)(255 - i * 17);
    ASSERT_INT_EQ(0, picture_scaler_init(&s, 5, 3, 2, 2, a, 2));
    for (int y = 0; y < 3; y++)
        picture_scaler_row(&s, src + y * 5);
    ASSERT_INT_EQ(2, s.dy);
    ASSERT(s.opaque);
    picture_scaler_free(&s);
    ASSERT_INT_EQ(0, picture_scale(src, 5, 3, 5, up, 10, 6, 10));
    /* Upscaled by 2, the top-left pixel is the source's own. */
    ASSERT_INT_EQ(src[0], up[0]);
    ASSERT_INT_EQ(-1, picture_scale(src, 0, 3, 5, up, 10, 6, 10));
}

/* ---------------------------------------------------------------- the cache */

TEST(cached_copies_round_trip_and_are_pruned)
{
    uint32_t px[6 * 4], back[6 * 4];
    char path[512], other[512], err[256];
    const char keys[1][17] = { "00112233445566aa" };
    int opaque = 0;

    for (int i = 0; i < 24; i++)
        px[i] = 0xFF000000u | (uint32_t)i;
    ASSERT_INT_EQ(0, mkdir(at("cache"), 0700));
    ASSERT_INT_EQ(0, picture_cache_path(at("cache"), keys[0], 6, 4, path, sizeof path));
    ASSERT_INT_EQ(0, picture_cache_write(path, px, 6, 4, 6, 1, err, sizeof err));
    ASSERT(picture_cache_has(path, 6, 4));
    ASSERT(!picture_cache_has(path, 4, 6));
    ASSERT_INT_EQ(0, picture_cache_read(path, 6, 4, back, 24, &opaque));
    ASSERT(opaque);
    ASSERT(memcmp(px, back, sizeof px) == 0);
    /* A copy cut short is not one. */
    ASSERT_INT_EQ(0, truncate(path, 40));
    ASSERT_INT_EQ(-1, picture_cache_read(path, 6, 4, back, 24, &opaque));
    ASSERT_INT_EQ(0, picture_cache_write(path, px, 6, 4, 6, 1, err, sizeof err));
    ASSERT_INT_EQ(0, picture_cache_path(at("cache"), "ffffffffffffffff", 6, 4, other, sizeof other));
    ASSERT_INT_EQ(0, picture_cache_write(other, px, 6, 4, 6, 1, err, sizeof err));
    put_bytes(at("cache/notes.txt"), "mine", 4);
    ASSERT_INT_EQ(1, picture_cache_prune(at("cache"), keys, 1));
    ASSERT(picture_cache_has(path, 6, 4));
    ASSERT(access(other, F_OK) != 0);
    ASSERT(access(at("cache/notes.txt"), F_OK) == 0);
}

/* ---------------------------------------------------------------- content */

#define CLINIC_HEAD "Name: C\nWelcome: W\nContact: Ask.\nDoctor: Dr Test Person\nDoctor role: R\n"
#define CLINIC_BODY "\n== About ==\nText.\n\n== Privacy notice ==\nWe keep.\n"
#define T_HEAD "Id: t\nName: T\nTagline: x\nSummary: S.\n"

static const char *content_tree(const char *name, const char *clinic, const char *treatment)
{
    static char dir[512];
    char path[600];

    snprintf(dir, sizeof dir, "%s/%s", root, name);
    mkdir(dir, 0700);
    snprintf(path, sizeof path, "%s/treatments", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/images", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/clinic.txt", dir);
    put_bytes(path, clinic, strlen(clinic));
    snprintf(path, sizeof path, "%s/treatments/t.txt", dir);
    put_bytes(path, treatment, strlen(treatment));
    {
        size_t n;
        unsigned char *wording = slurp("content/wording.txt", &n);
        snprintf(path, sizeof path, "%s/wording.txt", dir);
        put_bytes(path, wording, n);
        free(wording);
    }
    return dir;
}

TEST(content_finds_pictures_next_to_it_or_in_images)
{
    struct content c;
    char err[512], path[600];
    const char *dir = content_tree("good", CLINIC_HEAD "Logo: logo.png\nLogo text: The clinic's name\n"
                                   "Photo: photo.jpg\nPhoto text: The doctor\n" CLINIC_BODY,
                                   T_HEAD "Picture: t.webp\nPicture text: A drawing\n\n== What ==\nText.\n"
                                   "Picture: inside.png\n\nPicture text: Inside a section\nMore text.\n");

    snprintf(path, sizeof path, "%s/logo.png", dir);
    write_png(path, 400, 100, 0x1B585E);
    snprintf(path, sizeof path, "%s/images/photo.jpg", dir);
    write_jpeg(path, 300, 400, 0x1B585E);
    snprintf(path, sizeof path, "%s/treatments/t.webp", dir);
    write_webp(path, 120, 80, 1, 0);
    snprintf(path, sizeof path, "%s/images/inside.png", dir);
    write_png(path, 64, 32, 0xC0FFEE);
    if (content_load(dir, &c, err, sizeof err) != 0)
        FAIL_AT("content_load: %s", err);
    ASSERT_STR_EQ("logo.png", c.clinic.logo.file);
    ASSERT_CONTAINS(c.clinic.logo.path, "/good/logo.png");
    ASSERT_INT_EQ(400, c.clinic.logo.width);
    ASSERT_STR_EQ("The clinic's name", c.clinic.logo.text);
    ASSERT_CONTAINS(c.clinic.photo.path, "/good/images/photo.jpg");
    ASSERT_INT_EQ(400, c.clinic.photo.height);
    ASSERT_CONTAINS(c.treatments[0].picture.path, "/treatments/t.webp");
    ASSERT_STR_EQ("A drawing", c.treatments[0].picture.text);
    ASSERT_INT_EQ(3, c.treatments[0].sections[0].nblocks);
    ASSERT_INT_EQ(CONTENT_PICTURE, c.treatments[0].sections[0].blocks[1].kind);
    ASSERT_STR_EQ("Inside a section", c.treatments[0].sections[0].blocks[1].picture->text);
    ASSERT_INT_EQ(64, c.treatments[0].sections[0].blocks[1].picture->width);
    ASSERT_STR_EQ("More text.", c.treatments[0].sections[0].blocks[2].text);
    content_free(&c);
}

struct bad_picture {
    const char *name;
    const char *clinic_extra;   /* header lines after line 5 */
    const char *section_extra;  /* lines at the end of the treatment's section (from line 7) */
    const char *message;        /* after "DIR/", the first problem */
};

static const struct bad_picture bad_pictures[] = {
    { "missing", "Logo: nowhere.png\nLogo text: x\n", "",
      "clinic.txt:6: picture 'nowhere.png' is not in " },
    { "no text", "Logo: logo.png\n", "", "clinic.txt:6: picture 'logo.png' needs its text: add a line 'Logo text: what it shows'" },
    { "text without picture", "Photo text: The doctor\n", "",
      "clinic.txt:6: 'Photo text' without a 'Photo:' line: name the picture's file, or remove it" },
    { "empty text", "Logo: logo.png\nLogo text:\n", "", "clinic.txt:7: 'Logo text' is empty: say in words what the picture shows" },
    { "not a picture", "Logo: notes.png\nLogo text: x\n", "",
      "clinic.txt:6: picture 'notes.png' is not a PNG, JPEG or WebP picture" },
    { "too many pixels", "Logo: huge.png\nLogo text: x\n", "",
      "clinic.txt:6: picture 'huge.png' has 30.0 megapixels (6000x5000), more than the 24 a picture may have: make it smaller" },
    { "a fifo", "Logo: fifo.png\nLogo text: x\n", "", "clinic.txt:6: picture 'fifo.png' is not a regular file" },
    { "a directory", "Logo: images\nLogo text: x\n", "", "clinic.txt:6: picture 'images' is not a regular file" },
    { "outside", "Logo: ../logo.png\nLogo text: x\n", "", "clinic.txt:6: picture '../logo.png' must be a file name" },
    { "section picture missing", "", "Picture: gone.png\nPicture text: x\n",
      "treatments/t.txt:8: picture 'gone.png' is not in " },
    { "section picture name empty", "", "Picture:\nPicture text: x\n",
      "treatments/t.txt:8: nothing after 'Picture:': write the picture's file name on the same line" },
    { "section text without picture", "", "Picture text: nothing\n",
      "treatments/t.txt:8: 'Picture text:' without a picture: put it on the line below a 'Picture:' line" },
};

TEST(each_picture_mistake_is_reported_at_its_line)
{
    char path[600], clinic[1024], treatment[1024], err[600], want[600];
    const char *dir = content_tree("bad", CLINIC_HEAD CLINIC_BODY, T_HEAD "\n== What ==\nText.\n");

    snprintf(path, sizeof path, "%s/logo.png", dir);
    write_png(path, 40, 10, 0x1B585E);
    snprintf(path, sizeof path, "%s/notes.png", dir);
    put_bytes(path, "notes, not pixels\n", 18);
    snprintf(path, sizeof path, "%s/huge.png", dir);
    write_png_header(path, 6000, 5000);
    snprintf(path, sizeof path, "%s/fifo.png", dir);
    mkfifo(path, 0600);
    signal(SIGALRM, on_alarm);
    alarm(10);
    for (size_t i = 0; i < sizeof bad_pictures / sizeof bad_pictures[0]; i++) {
        const struct bad_picture *k = &bad_pictures[i];
        struct content c;

        snprintf(clinic, sizeof clinic, "%s%s%s", CLINIC_HEAD, k->clinic_extra, CLINIC_BODY);
        snprintf(treatment, sizeof treatment, "%s\n== What ==\nText.\n%s", T_HEAD, k->section_extra);
        snprintf(path, sizeof path, "%s/clinic.txt", dir);
        put_bytes(path, clinic, strlen(clinic));
        snprintf(path, sizeof path, "%s/treatments/t.txt", dir);
        put_bytes(path, treatment, strlen(treatment));
        snprintf(want, sizeof want, "%s/%s", dir, k->message);
        if (content_load(dir, &c, err, sizeof err) != -1)
            FAIL_AT("%s: content_load() accepted it", k->name);
        if (strncmp(want, err, strlen(want)) != 0)
            FAIL_AT("%s:\n    expected \"%s...\"\n    got      \"%s\"", k->name, want, err);
    }
    alarm(0);
}

TEST(a_section_picture_needs_its_text_below_it)
{
    char path[600], err[600];
    struct content c;
    const char *dir = content_tree("notext", CLINIC_HEAD CLINIC_BODY,
                                   T_HEAD "\n== What ==\nText.\nPicture: p.png\nA paragraph instead.\n");

    snprintf(path, sizeof path, "%s/images/p.png", dir);
    write_png(path, 40, 10, 0x1B585E);
    ASSERT_INT_EQ(-1, content_load(dir, &c, err, sizeof err));
    ASSERT_CONTAINS(err, "treatments/t.txt:8: picture 'p.png' needs its text: add a line 'Picture text: what it shows'");
}

/* A PNG whose header is right and whose pixels are cut off: only decoding finds it. */
TEST(check_content_decodes_when_asked)
{
    char path[600], report[2048] = "";
    size_t n;
    unsigned char *png;
    FILE *f;
    int decode(void *, const char *, char *, size_t);
    struct content_decoder real = { decode, NULL };
    const char *dir = content_tree("cut", CLINIC_HEAD "Logo: cut.png\nLogo text: x\n" CLINIC_BODY,
                                   T_HEAD "\n== What ==\nText.\n");

    snprintf(path, sizeof path, "%s/whole.png", dir);
    write_png(path, 300, 300, 0x123456);
    png = slurp(path, &n);
    snprintf(path, sizeof path, "%s/cut.png", dir);
    put_bytes(path, png, 60);
    free(png);
    ASSERT_INT_EQ(0, content_check_with(dir, NULL, NULL));
    f = fmemopen(report, sizeof report - 1, "w");
    ASSERT_INT_EQ(1, content_check_with(dir, f, &real));
    fclose(f);
    ASSERT_CONTAINS(report, "clinic.txt:6: picture 'cut.png' cannot be decoded");
}

int decode(void *ctx, const char *path, char *why, size_t whylen)
{
    (void)ctx;
    return platform_picture_decode(path, why, whylen);
}

/* ---------------------------------------------------------------- drawing */

/* The pixel (x, y) of the last frame, read back through a screenshot. */
static uint32_t pixel_at(struct platform *p, int x, int y)
{
    char err[256];
    SDL_Surface *s, *c;
    uint32_t v;

    if (platform_save_png(p, at("shot.png"), err, sizeof err) != 0)
        return 0;
    s = IMG_Load(at("shot.png"));
    c = s ? SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
    v = c ? ((uint32_t *)((char *)c->pixels + y * c->pitch))[x] : 0;
    SDL_FreeSurface(s);
    SDL_FreeSurface(c);
    return v & 0xFFFFFF;
}

static void picture_frame(struct frame *f, const char *path, struct rect r, int radius)
{
    struct draw_cmd *c;

    frame_begin(f, 640, 480, 0x000000FF);
    c = frame_push(f, DRAW_PICTURE);
    c->r = r;
    c->colour = 0x808080FF;
    c->radius = radius;
    c->text = frame_strdup(f, path, strlen(path));
    c->len = (int)strlen(path);
}

static char helper[600];

TEST(the_platform_draws_the_helpers_copy_with_round_corners)
{
    struct platform_options po = { 1, 640, 480, 0, "assets" };
    static struct frame f;
    struct platform *p;
    char err[256];
    int textures;
    size_t bytes;
    unsigned long loaded, made;
    long peak;

    static char cache[512];

    snprintf(cache, sizeof cache, "%s", at("pcache"));
    if (platform_open(&p, &po, err, sizeof err) != 0)
        FAIL_AT("%s", err);
    platform_pictures_open(p, cache, helper);
    write_png(at("red.png"), 900, 600, 0xC0392B);
    picture_frame(&f, at("red.png"), (struct rect){ 100, 100, 300, 200 }, 24);
    platform_render(p, &f);
    /* Until the copy is made, the placeholder. */
    ASSERT_INT_EQ(0x808080, pixel_at(p, 250, 200));
    ASSERT(platform_pictures_wait(p, 20000));
    platform_render(p, &f);
    ASSERT_INT_EQ(0xC0392B, pixel_at(p, 250, 200));
    ASSERT_INT_EQ(0xC0392B, pixel_at(p, 101, 200));     /* the left edge, between the corners */
    ASSERT_INT_EQ(0x000000, pixel_at(p, 100, 100));     /* the corner is cut round */
    ASSERT_INT_EQ(0x000000, pixel_at(p, 399, 299));
    ASSERT_INT_EQ(0x000000, pixel_at(p, 99, 200));      /* nothing outside */
    platform_picture_stats(p, &textures, &bytes, &loaded, &made, &peak);
    ASSERT_INT_EQ(1, textures);
    ASSERT_INT_EQ(300 * 200 * 4, bytes);
    ASSERT_INT_EQ(1, made);
    ASSERT(peak > 0);
    /* A second kiosk finds the copy in the cache and draws it in its first frame. */
    platform_close(p);
    if (platform_open(&p, &po, err, sizeof err) != 0)
        FAIL_AT("%s", err);
    platform_pictures_open(p, cache, helper);
    platform_render(p, &f);
    ASSERT_INT_EQ(0xC0392B, pixel_at(p, 250, 200));
    ASSERT_INT_EQ(0, platform_pictures_pending(p));
    platform_close(p);
}

TEST(textures_stay_within_the_budget)
{
    struct platform_options po = { 1, 1280, 800, 0, "assets" };
    static struct frame f;
    struct platform *p;
    char err[256], name[64];
    int textures;
    size_t bytes;
    unsigned long loaded, made;
    long peak;

    static char cache[512];

    snprintf(cache, sizeof cache, "%s", at("bcache"));
    if (platform_open(&p, &po, err, sizeof err) != 0)
        FAIL_AT("%s", err);
    platform_pictures_open(p, cache, helper);
    /* Five pictures of 4 MB each (1000 x 1000), one a frame: 20 MB asked, 10 MiB kept. */
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 5; i++) {
            snprintf(name, sizeof name, "b%d.png", i);
            if (round == 0)
                write_png(at(name), 1000, 1000, 0x102030u * (unsigned)(i + 1));
            picture_frame(&f, at(name), (struct rect){ 0, 0, 1000, 1000 }, 0);
            f.w = 1280;
            f.h = 800;
            platform_render(p, &f);
            platform_pictures_wait(p, 20000);
            platform_render(p, &f);
            platform_picture_stats(p, &textures, &bytes, &loaded, &made, &peak);
            if (bytes > 10u << 20)
                FAIL_AT("%zu bytes of textures after picture %d", bytes, i);
        }
    ASSERT_INT_EQ(5, made);
    ASSERT(loaded >= 7);        /* the first ones were dropped and read back */
    platform_close(p);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

int main(int argc, char **argv)
{
    char exe[512];
    ssize_t n;

    BEGIN(argc, argv);
    snprintf(root, sizeof root, "/tmp/test_picture.XXXXXX");
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 2;
    }
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    if (strrchr(exe, '/'))
        *strrchr(exe, '/') = '\0';
    snprintf(helper, sizeof helper, "%s/../kiosk-picture", exe);
    RUN(headers_give_type_and_size);
    RUN(jpeg_size_after_large_segments);
    RUN(what_is_not_a_usable_picture);
    RUN(a_fifo_is_refused_without_waiting);
    RUN(names_and_initials);
    RUN(fitting_keeps_the_aspect_and_centres);
    RUN(scaling_keeps_a_solid_colour);
    RUN(scaling_averages_the_area_in_linear_light);
    RUN(scaling_with_alpha_has_no_fringe);
    RUN(scaling_by_rows_matches_and_upscales);
    RUN(cached_copies_round_trip_and_are_pruned);
    RUN(content_finds_pictures_next_to_it_or_in_images);
    RUN(each_picture_mistake_is_reported_at_its_line);
    RUN(a_section_picture_needs_its_text_below_it);
    RUN(check_content_decodes_when_asked);
    RUN(the_platform_draws_the_helpers_copy_with_round_corners);
    RUN(textures_stay_within_the_budget);
    nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    END();
}
