/* floor.c - the bare pango+cairo floor for `make bench`.
 *
 *   floor PLAN OUTDIR
 *
 * Sets the same text phaen sets from PLAN, with nothing of what phaen
 * adds: every text node of the plan (titles, paragraphs, goals,
 * indicators, project names, figures) in document order, one paragraph
 * each, 16 pt Laksaman from fonts/ on A4 pages with the template's
 * margins, ragged right, lines painted with pango_cairo_show_layout_line.
 * No table of contents, links, bookmarks, structure tags, justification,
 * tables, text layer or checks.  One thread, one font map.
 *
 * Prints one row in bench's format ("floor"): wall seconds, CPU seconds,
 * pages, pages per second and peak memory.  Pages per second of phaen over
 * those of the floor say what phaen's extra work costs.
 */
#include <cairo-pdf.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "diag.h"
#include "fonts.h"

#define PT_PER_CM (72.0 / 2.54)
#define PAGE_W (21.0 * PT_PER_CM)
#define PAGE_H (29.7 * PT_PER_CM)
#define MARGIN_TOP (2.5 * PT_PER_CM)
#define MARGIN_BOTTOM (2.0 * PT_PER_CM)
#define MARGIN_LEFT (3.0 * PT_PER_CM)
#define MARGIN_RIGHT (2.0 * PT_PER_CM)
#define SIZE 16.0

typedef struct Floor {
    PangoContext *ctx;
    PangoFontDescription *fd;
    cairo_surface_t *surface;
    cairo_t *cr;
    double y;
    long pages;
    size_t projects;
} Floor;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void paragraph(Floor *f, const char *text)
{
    PangoLayout *l = pango_layout_new(f->ctx);
    pango_layout_set_font_description(l, f->fd);
    pango_layout_set_width(l, (int)((PAGE_W - MARGIN_LEFT - MARGIN_RIGHT) * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(l, text, -1);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        double h = logical.height / (double)PANGO_SCALE;
        if (f->y + h > PAGE_H - MARGIN_BOTTOM) {
            cairo_show_page(f->cr);
            f->pages++;
            f->y = MARGIN_TOP;
        }
        double base = (pango_layout_iter_get_baseline(it) - logical.y) / (double)PANGO_SCALE;
        cairo_move_to(f->cr, MARGIN_LEFT + logical.x / (double)PANGO_SCALE, f->y + base);
        pango_cairo_show_layout_line(f->cr, pango_layout_iter_get_line_readonly(it));
        f->y += h;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    g_object_unref(l);
    f->y += SIZE * 0.5; /* paragraph space */
}

static void walk(Floor *f, xmlNode *n)
{
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "project"))
            f->projects++;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            const char *s = (const char *)n->content;
            const char *p = s;
            while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
                p++;
            if (*p)
                paragraph(f, p);
        }
        walk(f, n->children);
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: floor PLAN OUTDIR\n");
        return 2;
    }
    double t0 = now();
    Diag d;
    diag_init(&d, stderr, 20);
    FontSet *fs = fonts_open("fonts", "Laksaman", &d);
    if (!fs)
        return 2;
    xmlDoc *doc = xmlReadFile(argv[1], NULL, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    if (!doc) {
        fprintf(stderr, "floor: cannot read %s\n", argv[1]);
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/floor.pdf", argv[2]);
    Floor f = {.ctx = fonts_context(fs), .y = MARGIN_TOP, .pages = 1};
    f.fd = pango_font_description_new();
    pango_font_description_set_family(f.fd, "Laksaman");
    pango_font_description_set_absolute_size(f.fd, SIZE * PANGO_SCALE);
    f.surface = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
    f.cr = cairo_create(f.surface);
    walk(&f, xmlDocGetRootElement(doc));
    cairo_show_page(f.cr);
    cairo_destroy(f.cr);
    cairo_surface_finish(f.surface);
    int bad = cairo_surface_status(f.surface) != CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(f.surface);
    pango_font_description_free(f.fd);
    xmlFreeDoc(doc);
    fonts_close(fs);
    if (bad) {
        fprintf(stderr, "floor: cannot write %s\n", path);
        return 2;
    }
    double total = now() - t0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
                 (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    printf("%8zu %-12s %7s %7s %7s %7s %10s %8.3f %7.3f %6ld %8.1f %8.1f\n", f.projects,
           "floor", "-", "-", "-", "-", "-", total, cpu, f.pages,
           total > 0 ? (double)f.pages / total : 0.0, (double)ru.ru_maxrss / 1024.0);
    return 0;
}
