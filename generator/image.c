/* image.c - see image.h. */
#include "image.h"

#include <string.h>

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

cairo_surface_t *image_png_surface(const unsigned char *data, size_t len)
{
    Reader r = {.data = data, .len = len};
    return cairo_image_surface_create_from_png_stream(read_cb, &r);
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
