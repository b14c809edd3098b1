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

/* Every PNG decoded, kept with its pixels until the process ends, and
 * every surface given out for it.  The cover's emblem was decoded by the
 * template's check and again for each document (20 million instructions
 * each), then its pixels copied three times per document: into a cache,
 * into the document's surface, and by cairo when that surface was
 * destroyed (a painted image's snapshot, which cairo 1.16 keeps past the
 * PDF's end, copies the pixels when its image goes).  Now a document's
 * surface reads the kept pixels in place (cairo_image_surface_create_for_data;
 * nothing writes them after decoding) and is never destroyed: each caller
 * still gets a cairo object of its own (none is shared between threads).
 * A render of tests/data/minimal.xml: 4,586 -> 3,794 page faults.  A
 * process reads one template or a few, and paints an image in a few
 * documents: the lists stay short. */
typedef struct Decoded {
    struct Decoded *next;
    unsigned char *png;
    size_t len;
    cairo_surface_t *s;      /* never painted; only its pixels are read */
    cairo_surface_t **views; /* given out, kept until the process ends */
    size_t n_views, cap_views;
} Decoded;

static pthread_mutex_t decoded_lock = PTHREAD_MUTEX_INITIALIZER;
static Decoded *decoded;

/* The decoded image for these bytes, decoding it when it is new; NULL
 * (*err the error surface) when cairo cannot decode it.  Under the lock. */
static Decoded *find_or_decode(const unsigned char *data, size_t len, cairo_surface_t **err)
{
    for (Decoded *d = decoded; d; d = d->next)
        if (d->len == len && memcmp(d->png, data, len) == 0)
            return d;
    Reader r = {.data = data, .len = len};
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_cb, &r);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        *err = s;
        return NULL;
    }
    cairo_surface_flush(s);
    Decoded *d = xcalloc(1, sizeof *d);
    d->png = xmalloc(len);
    memcpy(d->png, data, len);
    d->len = len;
    d->s = s;
    d->next = decoded;
    decoded = d;
    return d;
}

cairo_surface_t *image_png_surface(const unsigned char *data, size_t len)
{
    pthread_mutex_lock(&decoded_lock);
    cairo_surface_t *v = NULL;
    Decoded *d = find_or_decode(data, len, &v);
    if (d) {
        v = cairo_image_surface_create_for_data(
            cairo_image_surface_get_data(d->s), cairo_image_surface_get_format(d->s),
            cairo_image_surface_get_width(d->s), cairo_image_surface_get_height(d->s),
            cairo_image_surface_get_stride(d->s));
        d->views = xgrow(d->views, &d->cap_views, d->n_views + 1, sizeof *d->views);
        d->views[d->n_views++] = v;
    }
    pthread_mutex_unlock(&decoded_lock);
    return v;
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
    pthread_mutex_lock(&decoded_lock);
    cairo_surface_t *err = NULL;
    Decoded *d = find_or_decode(data, len, &err);
    if (d) {
        *w = cairo_image_surface_get_width(d->s);
        *h = cairo_image_surface_get_height(d->s);
    }
    pthread_mutex_unlock(&decoded_lock);
    if (!d) {
        cairo_status_t st = cairo_surface_status(err);
        cairo_surface_destroy(err);
        *why = st == CAIRO_STATUS_NO_MEMORY ? "too large to decode"
                                            : "a damaged or truncated PNG file";
        return -1;
    }
    if (*w < 1 || *h < 1) {
        *why = "an empty image";
        return -1;
    }
    return 0;
}
