/* image.c - see image.h. */
#include "image.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

typedef struct Reader {
    const unsigned char *data;
    size_t len, at;
} Reader;

static cairo_status_t read_cb(void *closure, unsigned char *out, unsigned int n)
{
    Reader *r = closure;
    if (n > r->len - r->at)
        return CAIRO_STATUS_READ_ERROR; /* a truncated file */
    memcpy(out, r->data + r->at, n);
    r->at += n;
    return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *decode(const unsigned char *data, size_t len)
{
    Reader r = {.data = data, .len = len};
    return cairo_image_surface_create_from_png_stream(read_cb, &r);
}

/* The last PNG decoded and its pixels, for the next document that paints
 * it: the cover's emblem was decoded by the template's check and again
 * for each document (20 million instructions each, a third of rendering
 * tests/data/minimal.xml's master plan besides cairo compressing it).
 * Each caller still gets a surface of its own (no cairo object is shared
 * between threads), with the same pixels. */
static pthread_mutex_t last_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    unsigned char *png, *pixels;
    size_t len;
    cairo_format_t format;
    int w, h, stride;
} last;

static void keep_last(const unsigned char *data, size_t len, cairo_surface_t *s)
{
    cairo_surface_flush(s);
    int stride = cairo_image_surface_get_stride(s), h = cairo_image_surface_get_height(s);
    free(last.png);
    free(last.pixels);
    last.png = xmalloc(len);
    memcpy(last.png, data, len);
    last.pixels = xmalloc((size_t)stride * (size_t)h);
    memcpy(last.pixels, cairo_image_surface_get_data(s), (size_t)stride * (size_t)h);
    last.len = len;
    last.format = cairo_image_surface_get_format(s);
    last.w = cairo_image_surface_get_width(s);
    last.h = h;
    last.stride = stride;
}

cairo_surface_t *image_png_surface(const unsigned char *data, size_t len)
{
    pthread_mutex_lock(&last_lock);
    cairo_surface_t *s = NULL;
    if (last.png && last.len == len && memcmp(last.png, data, len) == 0) {
        s = cairo_image_surface_create(last.format, last.w, last.h);
        if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS &&
            cairo_image_surface_get_stride(s) == last.stride) {
            cairo_surface_flush(s);
            memcpy(cairo_image_surface_get_data(s), last.pixels, (size_t)last.stride * (size_t)last.h);
            cairo_surface_mark_dirty(s);
        } else {
            cairo_surface_destroy(s);
            s = NULL;
        }
    }
    if (!s) {
        s = decode(data, len);
        if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS)
            keep_last(data, len, s);
    }
    pthread_mutex_unlock(&last_lock);
    return s;
}

int image_png_check(const unsigned char *data, size_t len, int *w, int *h, const char **why)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (len < sizeof sig || memcmp(data, sig, sizeof sig) != 0) {
        *why = "not a PNG file (SVG, JPEG and others: convert it to PNG first)";
        return -1;
    }
    /* the size from the header (IHDR), before decoding: a small file can
     * claim a picture of gigabytes */
    if (len < 24 || memcmp(data + 12, "IHDR", 4) != 0) {
        *why = "a damaged PNG file (no header)";
        return -1;
    }
    unsigned long hw = (unsigned long)data[16] << 24 | (unsigned long)data[17] << 16 |
                       (unsigned long)data[18] << 8 | data[19];
    unsigned long hh = (unsigned long)data[20] << 24 | (unsigned long)data[21] << 16 |
                       (unsigned long)data[22] << 8 | data[23];
    if (hw > IMAGE_MAX_PX || hh > IMAGE_MAX_PX) {
        *why = "larger than 8000 x 8000 pixels";
        return -1;
    }
    cairo_surface_t *s = image_png_surface(data, len);
    cairo_status_t st = cairo_surface_status(s);
    if (st != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        *why = st == CAIRO_STATUS_NO_MEMORY ? "too large to decode"
                                            : "a damaged or truncated PNG file";
        return -1;
    }
    *w = cairo_image_surface_get_width(s);
    *h = cairo_image_surface_get_height(s);
    cairo_surface_destroy(s);
    if (*w < 1 || *h < 1) {
        *why = "an empty image";
        return -1;
    }
    return 0;
}
