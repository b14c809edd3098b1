/* typefixture.h - the official template and the fonts of fonts/, opened
 * once for a test file that lays out text (tpl, fonts), and closed again,
 * with fontconfig's memory, so ASan sees no leak; and a layout that paints
 * nothing anyone looks at, for tests of what the engine counts
 * (LayoutStats).  Include after testutil.h; pass type_setup and
 * type_teardown to cmocka's group. */
#ifndef PHAEN_TYPEFIXTURE_H
#define PHAEN_TYPEFIXTURE_H

#include <cairo.h>

#include "fonts.h"
#include "layout.h"
#include "template.h"

static Template *tpl;
static FontSet *fonts;

static int type_setup(void **state)
{
    (void)state;
    Diag d;
    diag_init(&d, stderr, 0);
    tpl = template_load("templates/official.conf", &d);
    fonts = tpl ? fonts_open("fonts", tpl->font_family, &d) : NULL;
    return fonts ? 0 : -1;
}

static int type_teardown(void **state)
{
    (void)state;
    fonts_close(fonts);
    template_free(tpl);
    fonts_cleanup();
    return 0;
}

static inline cairo_t *type_sink_begin(void *ctx, int index, const char *label, double w, double h)
{
    (void)index, (void)label, (void)w, (void)h;
    return ctx;
}

static inline void type_sink_end(void *ctx)
{
    (void)ctx;
}

/* Lays doc out with template t and the fonts; returns layout_run's result,
 * *st filled, the diagnostics in *msg (malloc'd) when msg is not NULL.
 * Every page is painted on one 1 x 1 image surface, where cairo drops
 * each glyph as soon as it finds it outside: what the engine counts does
 * not depend on the surface, and a PDF costs 2 to 10 times the layout
 * (the sample's sheets: 0.10 s against 0.01 s, with the texts kept), a
 * recording surface up to 4 times. */
static inline int type_layout(const Doc *doc, const Template *t, LayoutStats *st, char **msg)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cairo_t *cr = cairo_create(s);
    LayoutSink sink = {.ctx = cr, .page_begin = type_sink_begin, .page_end = type_sink_end};
    DiagCapture dc;
    diag_capture_init(&dc);
    memset(st, 0, sizeof *st);
    int rc = layout_run(doc, t, fonts, &sink, &dc.d, st);
    if (msg)
        *msg = strdup(diag_capture_text(&dc));
    diag_capture_free(&dc);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return rc;
}

#endif
