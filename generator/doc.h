/* doc.h - a document as the composers build it, before layout.
 *
 * A composer (master.c, action.c, sheet.c) walks the plan model and appends
 * blocks: headings, paragraphs, tables, page breaks.  The layout engine
 * (layout.c) turns the blocks into pages; it knows nothing of plans.  Text is
 * pango markup: composers escape plan text with doc_esc().
 *
 * A Doc owns its blocks and strings (one arena); free it with doc_free().
 *
 * Threads: a Doc belongs to one thread; a finished Doc may be read by another.
 */
#ifndef PHAEN_DOC_H
#define PHAEN_DOC_H

#include <stddef.h>

#include "arena.h"

typedef enum { TA_LEFT, TA_CENTER, TA_RIGHT, TA_JUSTIFY } TextAlign;

typedef enum {
    DB_HEADING,    /* a chapter or section title; goes into the TOC and bookmarks */
    DB_PARA,       /* a paragraph */
    DB_TABLE,      /* a table with header rows repeated across pages */
    DB_TOC,        /* the table of contents, built from the headings */
    DB_PAGEBREAK,  /* start a new page (landscape or portrait) */
    DB_VSPACE,     /* vertical space */
    DB_BODY_START, /* new page; page numbering restarts at 1 (front matter before) */
    DB_IMAGE,      /* a PNG picture, centred (the cover's emblem) */
    DB_FIGURE,     /* a drawing (a chart) of fixed height across the text width */
} DocBlockKind;

/* Where a DB_FIGURE paints: the page's cairo context and the engine's text
 * (layout.h: canvas_cairo, canvas_text), so that a figure's labels are set
 * like any text and reach the text layer, and its lines and shapes do not. */
typedef struct DocCanvas DocCanvas;

typedef struct Doc Doc;

/* Paints a figure whose top-left corner is (x, y), w x h points. */
typedef void (*DocDrawFn)(const void *data, DocCanvas *cv, double x, double y, double w,
                          double h);

/* A small shape painted before a cell's first line, in the cell's mark
 * colour, so that a status reads in black and white too.  The cell's text
 * is set a mark's room in from the left of its box (every line of it,
 * wrapped ones too), and so is a cell's with mark_room set and no mark: the
 * words of a column line up whether a shape stands before them or not. */
typedef enum {
    MARK_NONE,
    MARK_FULL,     /* a filled disc */
    MARK_HALF,     /* a disc filled on its left half */
    MARK_EMPTY,    /* a ring */
} CellMark;

typedef enum {
    ROW_HEADER,    /* repeated at the top of each page the table continues on */
    ROW_BODY,
    ROW_GROUP,     /* a spanning group title inside a table (shaded) */
    ROW_SUBTOTAL,  /* bold, lightly shaded */
    ROW_TOTAL,     /* bold, shaded */
} RowKind;

typedef struct DocCell {
    const char *markup;
    TextAlign align;
    int span;             /* columns it covers (>= 1) */
    const char *link;     /* cairo link attributes ("dest='IND-1.1'", or
                           * "uri='master-plan.pdf#IND-1.1'" for another
                           * document of the plan), or NULL */
    const char **para_links; /* per paragraph of the cell (its text split at
                              * '\n'): the link of each, NULL for none */
    size_t n_para_links;
    CellMark mark;        /* MARK_NONE: none */
    unsigned mark_rgb;    /* its colour, 0xRRGGBB */
    int mark_room;        /* the text starts a mark's room in (see CellMark);
                           * always so when mark is set */
} DocCell;

typedef struct DocRow {
    RowKind kind;
    const char *anchor;   /* named destination at the row, or NULL */
    const char *file;     /* where its content is written (the plan's file
                           * and line), for layout errors; or NULL */
    int line;
    DocCell *cells;
    size_t n_cells;
} DocRow;

/* What a column holds.  The layout sizes columns from what it has shaped:
 * each column is at least as wide as the widest thing in it that cannot
 * break, and the room left is shared by weight. */
typedef enum {
    COL_TEXT,     /* wrapping text: at least its longest unbreakable word */
    COL_FIGURE,   /* numbers, amounts, dates, codes: a body cell's lines never
                   * wrap (at least its natural width); header cells wrap
                   * between words */
} ColKind;

typedef struct DocCol {
    ColKind kind;
    double weight;        /* share of the room the minimums leave (any scale;
                           * 0: just its minimum) */
    int match;            /* columns with the same nonzero match get one width
                           * (a column per fiscal year) */
    int key;              /* repeated in every column group when the table is
                           * too wide for the page and split (default: the
                           * first column) */
    const char *widest;   /* markup of the widest figure the column must hold
                           * (bold), so that sibling tables line up; or NULL */
    double min_em;        /* at least this many ems of the table font (room
                           * for the text to wrap in), 0: no such minimum */
} DocCol;

typedef struct DocTable {
    size_t n_cols;
    double *widths;       /* relative column widths (any scale): cols[i].weight */
    DocCol *cols;         /* n_cols; doc_table() makes them COL_TEXT with the
                           * given widths as weights */
    DocRow *rows;
    size_t n_rows, cap_rows;
    double size;          /* font size; 0 = the template's table size */
    /* Rows made when the layout needs them, or NULL (rows holds them): the
     * action plan's program tables held 43 MB of a 10,000-project render
     * (render.h).  fill(fill_arg, d, t) appends the rows to t, a table of
     * the scratch doc d with this one's columns, with doc_row() and d's
     * arena; the same rows on every call, from any thread.  Only the layout
     * reads such a table (layout.h); rows stays empty. */
    void (*fill)(const void *fill_arg, Doc *d, struct DocTable *t);
    const void *fill_arg;
} DocTable;

typedef struct DocBlock {
    DocBlockKind kind;
    /* DB_HEADING */
    int level;            /* 0 chapter, 1 section, 2 subsection */
    int in_toc;           /* listed in the table of contents */
    const char *anchor;   /* named destination (also the bookmark target) */
    const char *bookmark; /* plain text for the TOC and bookmarks */
    /* DB_HEADING, DB_PARA */
    const char *markup;
    TextAlign align;
    double size;          /* 0: the template's size for this kind */
    int bold;
    double indent;        /* left indent of every line */
    double first_indent;  /* extra indent of the first line; < 0 hangs */
    const char *label;    /* DB_PARA, DB_HEADING: markup set in a column of its own left
                           * of the text, on its first line ("๑)", a goal's
                           * number), or NULL; the text's lines all start
                           * after it */
    int keep_with_next;   /* do not end a page after this block */
    /* DB_TABLE */
    DocTable *table;
    /* DB_PAGEBREAK, DB_BODY_START: the orientation of the pages that follow */
    int landscape;
    /* DB_VSPACE, and space before a DB_HEADING/DB_PARA */
    double space;
    /* DB_IMAGE: the PNG file's bytes (borrowed: the template's), its size
     * in pixels, and the width to print it at (points); the height keeps
     * the picture's proportions */
    const unsigned char *image;
    size_t image_len;
    int image_px_w, image_px_h;
    double image_w;
    /* DB_FIGURE: `height` points tall; draw(data, ...) paints it (data
     * lives in the doc's arena) */
    double height;
    DocDrawFn draw;
    const void *data;
} DocBlock;

struct Doc {
    Arena *arena;
    DocBlock *blocks;
    size_t n_blocks, cap_blocks;
    /* metadata for the PDF */
    const char *title, *author, *subject, *keywords, *creator;
    const char *create_date;   /* ISO 8601 with zone "2018-09-14T00:00:00+07:00", or NULL */
    /* On every page (layout.c), for a plan that is not approved: `mark`,
     * a word painted large and diagonal under the text as shapes, never as
     * text (the template's draft.* keys give its look), and `header_note`,
     * markup set at the right of the running header ("ฉบับที่ ๐.๙ (ร่าง)").
     * NULL: none. */
    const char *mark;
    const char *header_note;
};

/* A new empty document (never NULL: out of memory aborts, xalloc.h). */
Doc *doc_new(void);

void doc_free(Doc *d);

/* Appends a block of the given kind and returns it (zeroed but for kind),
 * for the caller to fill in.  The pointer is valid until the next append. */
DocBlock *doc_add(Doc *d, DocBlockKind kind);

/* Shorthands for the common blocks; text is pango markup. */
DocBlock *doc_heading(Doc *d, int level, const char *anchor,
                      const char *bookmark, const char *markup);
DocBlock *doc_para(Doc *d, TextAlign align, const char *markup);

/* Starts a table of n_cols columns with the given relative widths (the
 * weights of COL_TEXT columns; NULL: equal).  Set t->cols[i] to say more. */
DocTable *doc_table(Doc *d, size_t n_cols, const double *widths);

/* Appends a row of n cells (each spanning one column unless changed). */
DocRow *doc_row(Doc *d, DocTable *t, RowKind kind, size_t n);

/* Escapes plain text for markup, in the doc's arena (NULL gives ""). */
const char *doc_esc(Doc *d, const char *text);

/* printf into the doc's arena (arguments are NOT escaped). */
const char *doc_printf(Doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
