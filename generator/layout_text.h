/* layout_text.h - the layout's texts: markup laid out with pango, measured
 * line by line, shared, kept between the passes and painted (layout_text.c).
 *
 * A Text is a paragraph or a cell laid out in a box of a given width, with
 * its lines measured once; the layout places it line by line.  Texts are
 * made three ways: afresh (text_make), through the pool of repeated texts
 * (text_pooled: a table repeats the same cell text row after row) or
 * through the first pass's cache (text_make_cached: the second pass takes
 * the first's layouts in the same order).  Every Text is freed with
 * text_free, which leaves alone the ones the cache owns (Text.shared).
 * Internal to the layout (layout.c, layout_table.c, layout_figure.c).
 *
 * Threads: an Engine's texts are made with its FontSet: one thread at a
 * time per Engine (layout.h).
 */
#ifndef PHAEN_LAYOUT_TEXT_H
#define PHAEN_LAYOUT_TEXT_H

#include <pango/pangocairo.h>

#include "doc.h"

typedef struct Engine Engine;

typedef struct LineBox {
    PangoLayoutLine *line; /* borrowed from its layout */
    double top, height;    /* from the layout's top, in points */
    double baseline;       /* from the layout's top */
    double x;              /* left of the logical extents */
    double width;          /* logical width */
} LineBox;

/* A laid-out paragraph or cell, with its lines measured once. */
typedef struct Text {
    PangoLayout *layout;
    LineBox *lines;
    int n;
    double width;          /* the box width it was laid out for */
    int justify;           /* stretch every line but the last to `width` */
    const char *markup;    /* what it was made from (the cache's check) */
    int shared;            /* owned by the pass-1 cache: text_free leaves it */
} Text;

/* The layouts of the first pass, kept for the second.  When a document has
 * a table of contents, the first pass lays everything out to find the pages
 * of the headings, and the second lays out the same texts again in the same
 * order to paint them: instead, the second takes the first's layouts from
 * this queue, in order, and frees each once painted.  Shaping Thai is most
 * of the cost of a page, so this halves the time of such documents; the
 * price is that the layouts of the whole body are held between the passes. */
typedef enum { CACHE_OFF, CACHE_RECORD, CACHE_REPLAY } CacheMode;

typedef struct TextCache {
    CacheMode mode;
    Text *items;
    size_t n, cap, next;
    size_t bytes, max;     /* text held, and how much it may hold */
    GHashTable *held;      /* the layouts held: one shared by several items
                            * (TextPool) counts once */
} TextCache;

/* A cached layout costs about 30 bytes of memory per byte of its text
 * (measured: the 1,000-project action plan, 17,426 cells, 1.36 MB of text,
 * 43 MB of layouts).  The cache holds 1 MiB of text (about 32 MB) whatever
 * the document's size; the rest is laid out again in the second pass.
 * Without the cache the 100-project action plan takes 38 % more
 * instructions; holding a quarter of the text instead (as before) took
 * 74 MB more at 10,000 projects (-j2, master and action plan: 287 MB
 * against 213) for about 2 % less CPU time.  A layout shared by several
 * items (TextPool: a repeated cell) counts once, so that 1 MiB holds the
 * whole of a 1,000-project action plan's distinct text; a document of
 * more than 8 MiB of text keeps none (layout_run). */
#define CACHE_BYTES ((size_t)1 << 20)

/* Repeated texts (see text_pooled in layout_text.c): one pool per FontSet,
 * kept from one document to the next (Kept in layout_int.h). */
typedef struct PoolItem PoolItem;

typedef struct TextPool {
    GHashTable *items;         /* key -> PoolItem* */
    PoolItem *head[2], *tail[2]; /* long and short texts (is_short) */
    size_t bytes[2];
} TextPool;

/* Lays out markup at `size` points (0: the body size), bold or not, in a
 * box `width` wide with the alignment and first-line indent given; a
 * justified paragraph's breaks are chosen together when e->total_fit.
 * Text the fonts cannot show is reported (check_glyphs).  Returns 0, or -1
 * after reporting bad markup.  The caller frees tx with text_free. */
int text_make(Engine *e, Text *tx, const char *markup, double size, int bold,
              double width, TextAlign align, double indent);
/* text_make through the pool of repeated texts (a look-ahead's way). */
int text_pooled(Engine *e, Text *tx, const char *markup, double size, int bold,
                double width, TextAlign align, double indent);
/* text_make through the pool and the pass-1 cache: the same arguments in
 * the same order in both passes (a text that is painted). */
int text_make_cached(Engine *e, Text *tx, const char *markup, double size, int bold,
                     double width, TextAlign align, double indent);
void text_free(Text *tx);
/* pango_parse_markup(markup, -1, 0, attrs, plain, NULL, err), without the
 * parser for text with no tag or entity.  Returns 0 on bad markup. */
int text_parse(const char *markup, PangoAttrList **attrs, char **plain, GError **err);
/* Reports text of l the fonts cannot show (it would come out as boxes). */
void check_glyphs(Engine *e, PangoLayout *l);
/* What the cache and the pool hold; both may be used again after. */
void cache_free(TextCache *c);
void pool_free(TextPool *p);

/* Height of lines [from, to) as placed. */
static inline double lines_height(const Text *tx, int from, int to)
{
    if (to <= from)
        return 0;
    return tx->lines[to - 1].top + tx->lines[to - 1].height - tx->lines[from].top;
}

/* How many lines from `from` fit in `avail` points. */
int lines_fitting(const Text *tx, int from, double avail);

/* Paints lines [from, to) with the first one's top at (x, y), justified
 * when tx is, glyph by glyph (textlayer.h); counts what leaves its box
 * (LayoutStats) and tells the sink.  Nothing while measuring (no e->cr). */
void lines_paint(Engine *e, Text *tx, int from, int to, double x, double y);

/* Whether line i is justified when painted (a paragraph's last line too
 * when linebreak.c chose it a little long: it narrows to the measure). */
int line_is_set(const Text *tx, int i);

#endif
