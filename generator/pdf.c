/* pdf.c - see pdf.h. */
#include "pdf.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct Writer {
    cairo_surface_t *surface;
    cairo_t *cr;
    FILE *file;
    int io_error;
    int outline[3];      /* the last outline item of each level */
} Writer;

static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int len)
{
    Writer *w = closure;
    if (fwrite(data, 1, len, w->file) != len) {
        w->io_error = errno ? errno : EIO;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

static cairo_t *page_begin(void *ctx, int index, const char *label, double w, double h)
{
    Writer *wr = ctx;
    cairo_pdf_surface_set_size(wr->surface, w, h);
    if (label)
        cairo_pdf_surface_set_page_label(wr->surface, label);
    wr->cr = cairo_create(wr->surface);
    cairo_set_source_rgb(wr->cr, 0, 0, 0);
    return wr->cr;
}

static void page_end(void *ctx)
{
    Writer *wr = ctx;
    cairo_show_page(wr->cr);
    cairo_destroy(wr->cr);
    wr->cr = NULL;
}

static void heading(void *ctx, const DocBlock *b, double y)
{
    Writer *wr = ctx;
    if (!b->bookmark || b->level > 2)
        return;
    char *attrs = NULL;
    if (b->anchor) {
        char *dest = g_strdup_printf("name='%s'", b->anchor);
        cairo_tag_begin(wr->cr, CAIRO_TAG_DEST, dest);
        cairo_tag_end(wr->cr, CAIRO_TAG_DEST);
        g_free(dest);
        attrs = g_strdup_printf("dest='%s'", b->anchor);
    }
    int parent = b->level == 0 ? CAIRO_PDF_OUTLINE_ROOT : wr->outline[b->level - 1];
    if (parent < 0)
        parent = CAIRO_PDF_OUTLINE_ROOT;
    wr->outline[b->level] = cairo_pdf_surface_add_outline(wr->surface, parent, b->bookmark,
                                                          attrs ? attrs : "", 0);
    for (int l = b->level + 1; l < 3; l++)
        wr->outline[l] = -1;
    g_free(attrs);
    (void)y;
}

static void set_meta(cairo_surface_t *s, cairo_pdf_metadata_t key, const char *value)
{
    if (value)
        cairo_pdf_surface_set_metadata(s, key, value);
}

int pdf_write(const char *path, const Doc *doc, const Template *t, FontSet *fs,
              Diag *d, LayoutStats *stats)
{
    /* A temporary file in the same folder, so the rename cannot cross
     * file systems. */
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    char *tmp = g_strdup_printf("%.*s.%s.XXXXXX", (int)dirlen, path, slash ? slash + 1 : path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        diag_error(d, path, 0, "cannot create a file in this folder: %s", strerror(errno));
        g_free(tmp);
        return -1;
    }
    /* mkstemp makes the file private; give it the mode a new file gets. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    Writer wr = {.outline = {-1, -1, -1}};
    wr.file = fdopen(fd, "wb");
    if (!wr.file) {
        close(fd);
        unlink(tmp);
        g_free(tmp);
        diag_error(d, path, 0, "cannot write: %s", strerror(errno));
        return -1;
    }
    wr.surface = cairo_pdf_surface_create_for_stream(write_cb, &wr, t->page_w, t->page_h);
    cairo_pdf_surface_restrict_to_version(wr.surface, CAIRO_PDF_VERSION_1_5);
    set_meta(wr.surface, CAIRO_PDF_METADATA_TITLE, doc->title);
    set_meta(wr.surface, CAIRO_PDF_METADATA_AUTHOR, doc->author);
    set_meta(wr.surface, CAIRO_PDF_METADATA_SUBJECT, doc->subject);
    set_meta(wr.surface, CAIRO_PDF_METADATA_KEYWORDS, doc->keywords);
    set_meta(wr.surface, CAIRO_PDF_METADATA_CREATOR, doc->creator);
    /* cairo stamps the wall clock unless told otherwise; an empty date
     * leaves it out (reproducible output). */
    cairo_pdf_surface_set_metadata(wr.surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                   doc->create_date ? doc->create_date : "");

    LayoutSink sink = {.ctx = &wr, .page_begin = page_begin, .page_end = page_end,
                       .heading = heading};
    int rc = layout_run(doc, t, fs, &sink, d, stats);
    if (wr.cr) {
        cairo_destroy(wr.cr);
        wr.cr = NULL;
    }
    cairo_surface_finish(wr.surface);
    cairo_status_t st = cairo_surface_status(wr.surface);
    cairo_surface_destroy(wr.surface);
    if (rc == 0 && st != CAIRO_STATUS_SUCCESS) {
        diag_error(d, path, 0, "cannot write the PDF: %s",
                   wr.io_error ? strerror(wr.io_error) : cairo_status_to_string(st));
        rc = -1;
    }
    if (fflush(wr.file) != 0 || fsync(fileno(wr.file)) != 0) {
        if (rc == 0)
            diag_error(d, path, 0, "cannot write the PDF: %s", strerror(errno));
        rc = -1;
    }
    if (fclose(wr.file) != 0 && rc == 0) {
        diag_error(d, path, 0, "cannot write the PDF: %s", strerror(errno));
        rc = -1;
    }
    if (rc == 0 && rename(tmp, path) != 0) {
        diag_error(d, path, 0, "cannot put the PDF in place: %s", strerror(errno));
        rc = -1;
    }
    if (rc != 0)
        unlink(tmp);
    g_free(tmp);
    return rc;
}
