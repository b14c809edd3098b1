/* pdf.c - see pdf.h. */
#include "pdf.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pdfpost.h"
#include "xalloc.h"

/* cairo hands its writer half a million pieces for the 1,000-project
 * plan, most of a few bytes (an object's header, a line of the xref): one
 * fwrite each cost 0.8 % of a render's instructions (callgrind).  They are
 * gathered here and written in pieces of WRITE_BUF bytes. */
#define WRITE_BUF 65536

typedef struct Writer {
    cairo_surface_t *surface;
    cairo_t *cr;
    OutFile *out;        /* checks every write itself (outfile.h) */
    int outline[3];      /* the last outline item of each level */
    unsigned char *buf;  /* what cairo wrote and the file has not yet got */
    size_t len;
} Writer;

/* Hands what is gathered to the file (failures are kept by the OutFile). */
static void write_flush(Writer *w)
{
    if (w->len > 0)
        (void)outfile_write(w->out, w->buf, w->len);
    w->len = 0;
}

/* Always tells cairo the bytes were written: the OutFile keeps the first
 * failure, drops what follows and outfile_close() reports it.  A write
 * error handed back to cairo 1.16 sends its PDF surface down error paths
 * that, at some points of the file, end in an assertion
 * (_cairo_array_index_const: index < array->num_elements, from
 * cairo_surface_finish) and abort the process: a -j2 render on a full disk
 * did so in 3 runs of 30, the disk filling up at a different place in the
 * document each time. */
static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int len)
{
    Writer *w = closure;
    if (w->len + len > WRITE_BUF)
        write_flush(w);
    if (len >= WRITE_BUF) {
        (void)outfile_write(w->out, data, len);
    } else if (len > 0) {
        memcpy(w->buf + w->len, data, len);
        w->len += len;
    }
    return CAIRO_STATUS_SUCCESS;
}

/* One cairo context for the whole document: the structure tree (a
 * "Document" element around every page) must span pages, and a PDF with
 * links but no structure tags is damaged in cairo 1.16 (qpdf --check
 * fails). */
static cairo_t *page_begin(void *ctx, int index, const char *label, double w, double h)
{
    Writer *wr = ctx;
    cairo_pdf_surface_set_size(wr->surface, w, h);
    if (label)
        cairo_pdf_surface_set_page_label(wr->surface, label);
    if (!wr->cr) {
        wr->cr = cairo_create(wr->surface);
        cairo_tag_begin(wr->cr, "Document", "");
    }
    cairo_set_source_rgb(wr->cr, 0, 0, 0);
    return wr->cr;
}

static void page_end(void *ctx)
{
    Writer *wr = ctx;
    cairo_show_page(wr->cr);
}

static void heading(void *ctx, const DocBlock *b, double y)
{
    Writer *wr = ctx;
    if (!b->bookmark || b->level > 2)
        return;
    /* the layout marked the heading's named destination; point at it */
    char *attrs = b->anchor ? g_strdup_printf("dest='%s'", b->anchor) : NULL;
    (void)y;
    int parent = b->level == 0 ? CAIRO_PDF_OUTLINE_ROOT : wr->outline[b->level - 1];
    if (parent < 0)
        parent = CAIRO_PDF_OUTLINE_ROOT;
    wr->outline[b->level] = cairo_pdf_surface_add_outline(wr->surface, parent, b->bookmark,
                                                          attrs ? attrs : "", 0);
    for (int l = b->level + 1; l < 3; l++)
        wr->outline[l] = -1;
    g_free(attrs);
}

/* cairo 1.16 writes dates without the "D:" prefix PDF requires (a known
 * bug): "(20180914000000+07'00)".  Same-length repair in the finished
 * file, so no offset moves: "(D:20180914000000+07')" (minutes of the zone
 * are optional in PDF dates).  Looks only in the last 64 KiB, where cairo
 * writes the document information dictionary. */
static int fix_dates(FILE *f)
{
    if (fseek(f, 0, SEEK_END) != 0)
        return -1;
    long size = ftell(f);
    long from = size > 65536 ? size - 65536 : 0;
    size_t n = (size_t)(size - from);
    char *buf = malloc(n + 1);
    if (!buf || fseek(f, from, SEEK_SET) != 0 || fread(buf, 1, n, f) != n) {
        free(buf);
        return -1;
    }
    buf[n] = '\0';
    static const char *const keys[] = {"/CreationDate (", "/ModDate ("};
    int rc = 0;
    for (int k = 0; k < 2; k++) {
        char *at = NULL; /* the last occurrence */
        size_t klen = strlen(keys[k]);
        for (size_t i = 0; i + klen <= n; i++)
            if (buf[i] == '/' && memcmp(buf + i, keys[k], klen) == 0)
                at = buf + i;
        if (!at)
            continue;
        char *v = at + strlen(keys[k]); /* 14 digits, sign, HH'mm) */
        if (v + 21 > buf + n || v[14] == 'D' || v[20] != ')')
            continue;
        char fixed[22];
        memcpy(fixed, "D:", 2);
        memcpy(fixed + 2, v, 17);   /* digits, sign, HH */
        memcpy(fixed + 19, "')", 2);
        if (fseek(f, from + (long)(v - buf), SEEK_SET) != 0 || fwrite(fixed, 1, 21, f) != 21)
            rc = -1;
    }
    free(buf);
    return rc;
}

/* The document date: SOURCE_DATE_EPOCH when set (the reproducible-builds
 * convention), else the doc's own (the plan's revision date); never the
 * clock.  Written as ISO 8601 with a zone, which cairo turns into a PDF date
 * that fix_dates() completes. */
static const char *doc_date(const Doc *doc, char *buf, size_t size)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long t = strtoll(sde, &end, 10);
        if (!*end && t >= 0) {
            time_t tt = (time_t)t;
            struct tm tm;
            if (gmtime_r(&tt, &tm) &&
                strftime(buf, size, "%Y-%m-%dT%H:%M:%S+00:00", &tm) > 0)
                return buf;
        }
    }
    return doc->create_date;
}

static void set_meta(cairo_surface_t *s, cairo_pdf_metadata_t key, const char *value)
{
    if (value)
        cairo_pdf_surface_set_metadata(s, key, value);
}

int pdf_write_staged(const char *path, const Doc *doc, const Template *t, FontSet *fs,
                     Diag *d, LayoutStats *stats, OutFile **staged, OutError *io)
{
    *staged = NULL;
    io->err = 0;
    Writer wr = {.outline = {-1, -1, -1}};
    if (!(wr.out = outfile_create(path, io)))
        return -1;
    wr.buf = xmalloc(WRITE_BUF);
    wr.surface = cairo_pdf_surface_create_for_stream(write_cb, &wr, t->page_w, t->page_h);
    cairo_pdf_surface_restrict_to_version(wr.surface, CAIRO_PDF_VERSION_1_5);
    set_meta(wr.surface, CAIRO_PDF_METADATA_TITLE, doc->title);
    set_meta(wr.surface, CAIRO_PDF_METADATA_AUTHOR, doc->author);
    set_meta(wr.surface, CAIRO_PDF_METADATA_SUBJECT, doc->subject);
    set_meta(wr.surface, CAIRO_PDF_METADATA_KEYWORDS, doc->keywords);
    set_meta(wr.surface, CAIRO_PDF_METADATA_CREATOR, doc->creator);
    /* cairo stamps the wall clock unless told otherwise; an empty date
     * leaves it out. */
    char datebuf[64];
    const char *date = doc_date(doc, datebuf, sizeof datebuf);
    cairo_pdf_surface_set_metadata(wr.surface, CAIRO_PDF_METADATA_CREATE_DATE, date ? date : "");
    if (date)
        cairo_pdf_surface_set_metadata(wr.surface, CAIRO_PDF_METADATA_MOD_DATE, date);

    LayoutSink sink = {.ctx = &wr, .page_begin = page_begin, .page_end = page_end,
                       .heading = heading};
    int rc = layout_run(doc, t, fs, &sink, d, stats);
    if (wr.cr) {
        cairo_tag_end(wr.cr, "Document");
        cairo_destroy(wr.cr);
        wr.cr = NULL;
    }
    cairo_surface_finish(wr.surface);
    cairo_status_t st = cairo_surface_status(wr.surface);
    cairo_surface_destroy(wr.surface);
    write_flush(&wr);
    free(wr.buf);
    /* A failed write is found by outfile_close() even when cairo says
     * success; cairo's own failures (memory) are reported here. */
    if (rc == 0 && st != CAIRO_STATUS_SUCCESS && st != CAIRO_STATUS_WRITE_ERROR) {
        diag_error(d, path, 0, "cannot make the PDF: %s", cairo_status_to_string(st));
        rc = -1;
    }
    if (rc == 0 && st == CAIRO_STATUS_SUCCESS && fix_dates(outfile_stream(wr.out)) != 0) {
        io->err = errno ? errno : EIO;
        io->step = "cannot write";
        rc = -1;
    }
    /* the language cairo cannot write: an incremental update (pdfpost.h),
     * appended through the checked writes so the size check counts it */
    if (rc == 0 && st == CAIRO_STATUS_SUCCESS) {
        FILE *stream = outfile_stream(wr.out);
        char *update = NULL;
        size_t update_len = 0;
        if (pdfpost_lang_update(stream, "th-TH", &update, &update_len) != 0) {
            if (errno == EINVAL) {
                diag_error(d, path, 0, "cannot add the document language: "
                           "cairo's PDF is not as expected");
            } else {
                io->err = errno ? errno : EIO;
                io->step = "cannot write";
            }
            rc = -1;
        } else if (update_len > 0) {
            if (fseek(stream, 0, SEEK_END) != 0) {
                io->err = errno ? errno : EIO;
                io->step = "cannot write";
                rc = -1;
            } else if (outfile_write(wr.out, update, update_len) != 0) {
                rc = -1; /* kept in the OutFile; outfile_close() reports it */
            }
        }
        free(update);
    }
    if (outfile_close(wr.out, io) == 0 && rc == 0 && st == CAIRO_STATUS_WRITE_ERROR) {
        io->err = EIO; /* cairo saw a failure that the file did not */
        io->step = "cannot write";
    }
    if (io->err != 0 || rc != 0) {
        outfile_discard(wr.out);
        return -1;
    }
    *staged = wr.out;
    return 0;
}

void pdf_report_io(Diag *d, const char *path, const OutError *io)
{
    diag_error(d, NULL, 0, "%s: %s (%s)", path, strerror(io->err), io->step);
}

int pdf_write(const char *path, const Doc *doc, const Template *t, FontSet *fs,
              Diag *d, LayoutStats *stats)
{
    OutFile *f;
    OutError io = {0};
    int rc = pdf_write_staged(path, doc, t, fs, d, stats, &f, &io);
    if (rc == 0)
        rc = outfile_commit(f, &io);
    if (rc != 0 && io.err)
        pdf_report_io(d, path, &io);
    return rc;
}
