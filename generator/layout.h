/* layout.h - documents into pages.
 *
 * Paginates a Doc with the template's page geometry and the FontSet's fonts,
 * and paints each page on a cairo context that a sink provides: the layout
 * knows nothing of PDF files.  When the document has a table of contents,
 * the engine runs twice: a first pass (painting nothing) finds the page of
 * every heading, the second paints with the numbers known.  Both passes break
 * pages identically, because no width depends on a page number.
 *
 * Pages are painted in order and forgotten: memory does not grow with the
 * page count.  A table whose rows are made on demand (DocTable.fill) has
 * them only while it is laid out (or, in a document small enough for the
 * pass-1 cache, to the end).
 *
 * Threads: one layout per FontSet at a time; several layouts run at once in
 * threads with a FontSet each (main.c's pool does); a layout may start one
 * more thread of its own, with its own FontSet (layout_set_threads).
 */
#ifndef PHAEN_LAYOUT_H
#define PHAEN_LAYOUT_H

#include <cairo.h>

#include "diag.h"
#include "doc.h"
#include "fonts.h"
#include "template.h"

typedef struct LayoutSink {
    void *ctx;
    /* Starts page `index` (0-based) of w x h points, whose printed label is
     * `label` (NULL: none, e.g. the cover).  Returns the context to paint on. */
    cairo_t *(*page_begin)(void *ctx, int index, const char *label, double w, double h);
    /* Ends the page begun last. */
    void (*page_end)(void *ctx);
    /* A heading was placed at y on the current page (for bookmarks); its
     * anchor, if any, is already a named destination there. */
    void (*heading)(void *ctx, const DocBlock *b, double y);
    /* Optional (NULL: not called), for text dumps (dump.h): a line of text
     * was painted with the left end of its baseline at (x, y); text is its
     * UTF-8, len bytes, not NUL-terminated.  Then a table cell's box. */
    void (*line)(void *ctx, double x, double y, const char *text, int len);
    void (*box)(void *ctx, double x, double y, double w, double h);
} LayoutSink;

typedef struct LayoutStats {
    int pages;
    int passes;
    /* Invariants the engine checks on every line it paints (0 when all is
     * well; tests assert them): lines whose ink leaves their box (a cell or
     * the text area) or the page's margins by more than 2 points, and line
     * breaks inside a number (between two digits, or a digit and the comma
     * or point that joins it to more digits). */
    int overflows;
    int broken_numbers;
    /* Pages that end with a heading: nothing painted after its lines (the
     * keep-with-next look-ahead in do_heading is meant to make it 0). */
    int lone_headings;
    int split;          /* the block where the first pass was cut for a second
                         * thread (layout_set_threads; 0: on one thread) */
    int justified;      /* lines painted justified */
    int letter_spaced;  /* of them, with more than 0.2 pt between clusters */
} LayoutStats;

/* For a DB_FIGURE's draw function (doc.h): the context to paint shapes
 * on, and text set like the document's (the template's font, the text
 * layer): markup at `size` points (0: the table size) with the left end,
 * centre or right end (align) of its baseline at (x, y). */
cairo_t *canvas_cairo(DocCanvas *cv);
void canvas_text(DocCanvas *cv, double x, double y, double size, TextAlign align,
                 const char *markup);

/* How many threads layout_run may use (default 1).  With 2 or more, the
 * first pass of a long document with contents is measured on two threads,
 * the second on one; the output is the same.  Set before threads start. */
void layout_set_threads(int n);

/* Drops what the layout keeps with fs from one document to the next (its
 * pool of repeated texts and measured widths, layout_int.h Kept): for a
 * thread that lays out no more documents, so that the memory serves the
 * ones still being laid out.  The next layout with fs starts afresh. */
void layout_forget(FontSet *fs);

/* Lays out and paints doc through sink.  Returns 0, or -1 after reporting
 * to d (a glyph missing from the fonts, bad markup).  stats may be NULL. */
int layout_run(const Doc *doc, const Template *t, FontSet *fs,
               const LayoutSink *sink, Diag *d, LayoutStats *stats);

/* Lays out one paragraph exactly as the engine does (fonts, break rules,
 * justification) in a box `width` points wide and writes one line per
 * laid-out line to out: "<visible width, 2 decimals>\t<text>\n".  For tests
 * and for looking at line breaks.  Returns the number of lines, or -1 after
 * reporting to d. */
int layout_dump_para(FontSet *fs, const Template *t, const char *markup, double width,
                     TextAlign align, FILE *out, Diag *d);

#endif
