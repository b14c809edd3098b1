/* layout_int.h - what the pieces of the layout share: the Engine and the
 * page flow's helpers (layout.c).
 *
 * The layout is layout.c (the page flow: pages, paragraphs, headings, the
 * contents, the passes), layout_text.c (laid-out texts), layout_table.c
 * (tables, row by row) with layout_columns.c (their column widths), and
 * layout_figure.c (figures and images).  One Engine walks a document; the
 * pieces read and move its cursor.  Internal: only layout*.c include it.
 *
 * Threads: an Engine is used by one thread at a time (layout.h); the
 * helper thread of a first pass has an Engine of its own.
 */
#ifndef PHAEN_LAYOUT_INT_H
#define PHAEN_LAYOUT_INT_H

#include "layout.h"
#include "layout_text.h"

/* What the layout keeps with a FontSet from one document to the next (as
 * data of its context, fonts.h FONTS_KEPT), for one template: the pool of
 * repeated texts and the widths of table headers and tokens.  A sheet, the
 * combined sheets and the plans repeat their headers, units, names and
 * amounts (the sample's render: 17 % fewer instructions). */
typedef struct Kept {
    /* The template all of it was measured under: a copy with other values
     * is at another address, and a freed one's address may be another's,
     * which has another serial (Template.serial). */
    const Template *t;
    unsigned long serial;
    TextPool pool;
    GHashTable *head_widths;   /* min_width of header cells and columns'
                                * widest: "size/bold/whole/markup" -> double* */
    GHashTable *token_widths;  /* tokens_width: "size/bold/token" -> double* */
} Kept;

/* The labels of a document's paragraphs, laid out once each. */
typedef struct LabelCache {
    Text *texts;
    const char **markup;
    int *bold;
    double *size;
    size_t n, cap;
} LabelCache;

struct Engine {
    const Doc *doc;
    const Template *t;
    FontSet *fs;
    const LayoutSink *sink;
    Diag *d;
    int painting;          /* second pass (or the only one) */
    int failed;

    int has_body_start;
    int body_start;        /* index of the first body page; -1 before it */
    int page;              /* current page index; -1 before the first */
    int landscape;
    double pw, ph;
    double y;
    int at_top;            /* nothing placed on this page yet */
    cairo_t *cr;           /* NULL while measuring */

    double body_line;      /* the height of one body line */
    int *heading_page;     /* block index -> body page number (pass 1) */
    char **toc_markup;     /* block index -> its contents entry (do_toc) */
    TextCache cache;
    Kept *kept;            /* the FontSet's (kept_of) */
    struct TableFit *fits; /* block index -> its table's columns (both passes) */
    int overflows, broken_numbers; /* see LayoutStats */
    int lone;              /* a heading is the last thing painted on the page */
    int lone_headings;     /* pages closed with lone set (LayoutStats) */
    int in_page_number;    /* painting the page number (in the top margin) */
    Text *label;           /* a paragraph's label, painted with its first line */
    LabelCache labels;
    int justified, letter_spaced; /* lines painted justified, and of them with
                                   * more than 0.2 pt between clusters */
    double label_x;
    size_t split;          /* LayoutStats.split */
    int total_fit;         /* texts made now are paragraphs: breaks chosen
                            * together (linebreak.h); table cells keep first
                            * fit, which readers' table heuristics expect */
    /* A heading was placed on this page and only paragraphs kept with the
     * next have followed it (kept_chain, after the block), as it was before
     * the current block began (under_heading).  What follows such a chain
     * and does not fit does not break the page: the heading asked for it
     * (follow_need), so it fits on no page below the heading, and a break
     * would leave the heading alone. */
    int kept_chain, under_heading;
    /* The rows of tables made on demand (DocTable.fill, table_at): per
     * block while the text cache is on, else the one last asked for. */
    Doc **rows_kept;
    Doc *rows_one;
    size_t rows_at;
};

/* How far in from the left of its box a cell's text starts, at text size
 * `size`: a status mark's room (doc.h, CellMark; template key
 * table.mark.room) when it has a mark or asks for its room, else nothing.
 * (The composers once indented with five spaces: a line could break inside
 * them, leaving a line of spaces and the next line at the box's edge, and a
 * wrapped line started at the edge anyway.) */
static inline double cell_room(const Engine *e, const DocCell *c, double size)
{
    return c && (c->mark != MARK_NONE || c->mark_room) ? e->t->mark_room * size : 0;
}

/* The width of the text area, its bottom, and its height. */
static inline double text_width(const Engine *e)
{
    return e->pw - e->t->margin_left - e->t->margin_right;
}

static inline double bottom(const Engine *e)
{
    return e->ph - e->t->margin_bottom;
}

static inline double page_body(const Engine *e)
{
    return bottom(e) - e->t->margin_top;
}

/* What e's fonts keep (Kept): made on the first ask, emptied when another
 * template asks (its font, spacing and break rules make other layouts and
 * widths of the same markup). */
Kept *kept_of(Engine *e);

/* A new page (closing the one before); the first page when there is none. */
void page_new(Engine *e);
void ensure_page(Engine *e);
/* Reports content that can never fit on a page and stops the layout. */
void too_tall(Engine *e, const Text *tx, int line, double height);
/* A structure tag (tag_begin returns NULL while measuring; tag_end takes
 * what it returned) and a named destination at y on the current page. */
cairo_t *tag_begin(Engine *e, const char *name);
void tag_end(cairo_t *cr, const char *name);
void dest_mark(Engine *e, const char *name, double y);

#endif
