/* layout.c - pagination and painting; see layout.h.
 *
 * One Engine walks the blocks top to bottom with a cursor `y` on the current
 * page.  Paragraphs and table cells are pango layouts; they are placed line
 * by line so a paragraph can continue on the next page (never leaving a
 * single line behind or ahead: no widows, no orphans), and a table row moves
 * whole to the next page unless it is taller than a page.
 */
#include "layout.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "breaks.h"
#include "image.h"
#include "justify.h"
#include "linebreak.h"
#include "textlayer.h"
#include "thai.h"

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

/* Layouts by what they were made from: a table repeats the same cell text
 * (a strategy's title, an agency's abbreviation, a unit, a header) row
 * after row, and a look-ahead (follow_need, row_need) lays out what is
 * laid out again when it is placed.  Same markup, size, weight, width,
 * alignment and indent give the same layout, so the second asks share the
 * first's (a reference on its PangoLayout, a copy of its line boxes).
 * Justified texts are not shared: painting stretches their lines in place.
 * The least recently used go first once the pool holds POOL_BYTES of text. */
typedef struct PoolItem {
    char *key;                 /* the parameters, then the markup */
    PangoLayout *layout;       /* one reference */
    LineBox *lines;
    int n;
    double width;
    size_t bytes;
    struct PoolItem *prev, *next; /* most recently used first */
} PoolItem;

typedef struct TextPool {
    GHashTable *items;         /* key -> PoolItem* */
    PoolItem *head, *tail;
    size_t bytes;
} TextPool;

#define POOL_BYTES ((size_t)256 << 10)

/* The labels of a document's paragraphs, laid out once each. */
typedef struct LabelCache {
    Text *texts;
    const char **markup;
    int *bold;
    double *size;
    size_t n, cap;
} LabelCache;

typedef struct Engine {
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
    TextCache cache;
    TextPool pool;
    struct TableFit *fits; /* block index -> its table's columns (both passes) */
    int overflows, broken_numbers; /* see LayoutStats */
    int lone;              /* a heading is the last thing painted on the page */
    int lone_headings;     /* pages closed with lone set (LayoutStats) */
    int in_page_number;    /* painting the page number (in the top margin) */
    Text *label;           /* a paragraph's label, painted with its first line */
    LabelCache labels;
    GHashTable *token_widths; /* tokens_width: "size/bold/token" -> double* */
    GHashTable *head_widths; /* min_width of header cells: "size/bold/markup" ->
                              * double*; every table repeats its headers */
    int justified, letter_spaced; /* lines painted justified, and of them with
                                   * more than 0.2 pt between clusters */
    double label_x;
    size_t split;          /* LayoutStats.split */
    int total_fit;         /* texts made now are paragraphs: breaks chosen
                            * together (linebreak.h); table cells keep first
                            * fit, which readers' table heuristics expect */
    /* The rows of tables made on demand (DocTable.fill, table_at): per
     * block while the text cache is on, else the one last asked for. */
    Doc **rows_kept;
    Doc *rows_one;
    size_t rows_at;
} Engine;

/* --- text ---------------------------------------------------------------- */

static void text_free(Text *tx)
{
    if (tx->shared) {
        memset(tx, 0, sizeof *tx);
        return;
    }
    if (tx->layout)
        g_object_unref(tx->layout);
    free(tx->lines);
    memset(tx, 0, sizeof *tx);
}

/* Reports text the fonts cannot show: it would come out as hex boxes. */
static void check_glyphs(Engine *e, PangoLayout *l)
{
    if (pango_layout_get_unknown_glyphs_count(l) == 0)
        return;
    const char *s = pango_layout_get_text(l);
    size_t n = strlen(s);
    if (n > 80) { /* cut at a character boundary */
        n = 80;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    diag_error(e->d, NULL, 0, "the font '%s' has no glyph for some characters of: %.*s",
               e->t->font_family, (int)n, s);
    e->failed = 1;
}

/* Lays out markup in a box `width` wide.  Returns 0, or -1 on bad markup. */
static int text_make(Engine *e, Text *tx, const char *markup, double size, int bold,
                     double width, TextAlign align, double indent)
{
    memset(tx, 0, sizeof *tx);
    PangoAttrList *attrs = NULL;
    char *plain = NULL;
    GError *err = NULL;
    if (!pango_parse_markup(markup, -1, 0, &attrs, &plain, NULL, &err)) {
        diag_error(e->d, NULL, 0, "internal: bad markup (%s): %s", err->message, markup);
        g_error_free(err);
        e->failed = 1;
        return -1;
    }
    PangoLayout *l = pango_layout_new(fonts_context(e->fs));
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, e->t->font_family);
    pango_font_description_set_absolute_size(fd, (size > 0 ? size : e->t->body_size) * PANGO_SCALE);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_line_spacing(l, (float)e->t->line_spacing);
    pango_layout_set_indent(l, (int)(indent * PANGO_SCALE));
    pango_layout_set_alignment(l, align == TA_CENTER ? PANGO_ALIGN_CENTER
                                  : align == TA_RIGHT ? PANGO_ALIGN_RIGHT
                                                      : PANGO_ALIGN_LEFT);
    pango_layout_set_text(l, plain, -1);
    /* The break rules hold unless they would push text out of its box (a
     * kept phrase wider than a narrow table cell): then the text is laid
     * out again without them. */
    /* Thai is never hyphenated; pango would add a hyphen where it has to
     * break a word between characters. */
    pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
    PangoAttrList *kept = pango_attr_list_copy(attrs);
    breaks_apply(plain, kept, e->t);
    int total_fit = align == TA_JUSTIFY && e->t->justify && e->total_fit;
    if (!total_fit)
        breaks_keep_words(plain, kept, (const char *const *)e->t->preferwhole,
                          e->t->n_preferwhole);
    pango_layout_set_attributes(l, kept);
    PangoRectangle box;
    pango_layout_get_extents(l, NULL, &box);
    PangoAttrList *used = kept;
    if (box.x + box.width > (int)(width * PANGO_SCALE) + PANGO_SCALE / 2) {
        pango_layout_set_attributes(l, attrs);
        used = attrs;
    }
    /* A justified paragraph's breaks are chosen together (linebreak.h). */
    if (total_fit)
        lb_fit_layout(l, used, width, indent, size > 0 ? size : e->t->body_size, e->t);
    pango_attr_list_unref(kept);
    pango_attr_list_unref(attrs);
    g_free(plain);
    check_glyphs(e, l);

    tx->layout = l;
    tx->width = width;
    tx->justify = align == TA_JUSTIFY && e->t->justify;
    tx->n = pango_layout_get_line_count(l);
    tx->lines = calloc((size_t)tx->n + 1, sizeof *tx->lines);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    int i = 0;
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        LineBox *lb = &tx->lines[i++];
        lb->line = pango_layout_iter_get_line_readonly(it);
        lb->top = logical.y / (double)PANGO_SCALE;
        lb->height = logical.height / (double)PANGO_SCALE;
        lb->x = logical.x / (double)PANGO_SCALE;
        lb->width = logical.width / (double)PANGO_SCALE;
        lb->baseline = pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
    } while (pango_layout_iter_next_line(it) && i < tx->n);
    pango_layout_iter_free(it);
    tx->n = i;
    return 0;
}

static void pool_unlink(TextPool *p, PoolItem *it)
{
    if (it->prev)
        it->prev->next = it->next;
    else
        p->head = it->next;
    if (it->next)
        it->next->prev = it->prev;
    else
        p->tail = it->prev;
    it->prev = it->next = NULL;
}

static void pool_front(TextPool *p, PoolItem *it)
{
    it->next = p->head;
    if (p->head)
        p->head->prev = it;
    p->head = it;
    if (!p->tail)
        p->tail = it;
}

static void pool_item_free(gpointer v)
{
    PoolItem *it = v;
    g_free(it->key);
    g_object_unref(it->layout);
    free(it->lines);
    free(it);
}

static void pool_free(TextPool *p)
{
    if (p->items)
        g_hash_table_destroy(p->items); /* frees the keys and the items */
    memset(p, 0, sizeof *p);
}

/* A copy of it for a caller, who frees it with text_free. */
static void pool_give(const PoolItem *it, Text *tx)
{
    memset(tx, 0, sizeof *tx);
    tx->layout = g_object_ref(it->layout);
    tx->n = it->n;
    tx->width = it->width;
    tx->lines = malloc(((size_t)it->n + 1) * sizeof *tx->lines);
    if (!tx->lines) {
        fputs("phaen: out of memory\n", stderr);
        abort();
    }
    memcpy(tx->lines, it->lines, (size_t)it->n * sizeof *tx->lines);
}

/* text_make through the pool (see TextPool). */
static int text_pooled(Engine *e, Text *tx, const char *markup, double size, int bold,
                       double width, TextAlign align, double indent)
{
    if (align == TA_JUSTIFY && e->t->justify)
        return text_make(e, tx, markup, size, bold, width, align, indent);
    TextPool *p = &e->pool;
    if (!p->items)
        p->items = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, pool_item_free);
    char *key = g_strdup_printf("%a %d %a %d %a\n%s", size, bold, width, (int)align, indent,
                                markup);
    PoolItem *it = g_hash_table_lookup(p->items, key);
    if (it) {
        g_free(key);
        pool_unlink(p, it);
        pool_front(p, it);
        pool_give(it, tx);
        return 0;
    }
    int rc = text_make(e, tx, markup, size, bold, width, align, indent);
    if (rc != 0 || e->failed) {
        g_free(key);
        return rc;
    }
    it = calloc(1, sizeof *it);
    if (!it) {
        fputs("phaen: out of memory\n", stderr);
        abort();
    }
    it->key = key;
    it->layout = g_object_ref(tx->layout);
    it->n = tx->n;
    it->width = tx->width;
    it->bytes = strlen(key);
    it->lines = malloc(((size_t)tx->n + 1) * sizeof *it->lines);
    if (!it->lines) {
        fputs("phaen: out of memory\n", stderr);
        abort();
    }
    memcpy(it->lines, tx->lines, (size_t)tx->n * sizeof *it->lines);
    g_hash_table_insert(p->items, key, it);
    pool_front(p, it);
    p->bytes += it->bytes;
    while (p->bytes > POOL_BYTES && p->tail && p->tail != it) {
        PoolItem *old = p->tail;
        pool_unlink(p, old);
        p->bytes -= old->bytes;
        g_hash_table_remove(p->items, old->key); /* frees old and its key */
    }
    return 0;
}

static void cache_free(TextCache *c)
{
    for (size_t i = c->next; i < c->n; i++) {
        c->items[i].shared = 0;
        text_free(&c->items[i]);
    }
    free(c->items);
    if (c->held)
        g_hash_table_destroy(c->held);
    memset(c, 0, sizeof *c);
}

/* text_make through the pass-1 cache (see TextCache): the same arguments
 * in the same order in both passes. */
static int text_make_cached(Engine *e, Text *tx, const char *markup, double size, int bold,
                            double width, TextAlign align, double indent)
{
    TextCache *c = &e->cache;
    if (c->mode == CACHE_REPLAY && c->next < c->n) {
        if (c->items[c->next].markup == markup &&
            c->items[c->next].width == width) {
            *tx = c->items[c->next++];
            tx->shared = 0; /* the caller frees it once painted */
            return 0;
        }
        cache_free(c); /* out of step: cannot happen; lay out afresh from here */
    }
    int rc = text_pooled(e, tx, markup, size, bold, width, align, indent);
    tx->markup = markup;
    if (rc == 0 && c->mode == CACHE_RECORD && c->bytes < c->max) {
        if (!c->held)
            c->held = g_hash_table_new(NULL, NULL);
        /* held until replayed: no other layout takes its address meanwhile */
        if (g_hash_table_add(c->held, tx->layout))
            c->bytes += strlen(pango_layout_get_text(tx->layout));
        if (c->n == c->cap) {
            c->cap = c->cap ? c->cap * 2 : 1024;
            c->items = realloc(c->items, c->cap * sizeof *c->items);
            if (!c->items) {
                fputs("phaen: out of memory\n", stderr);
                abort();
            }
        }
        tx->shared = 1;
        c->items[c->n++] = *tx;
    }
    return rc;
}

/* Height of lines [from, to) as placed. */
static double lines_height(const Text *tx, int from, int to)
{
    if (to <= from)
        return 0;
    return tx->lines[to - 1].top + tx->lines[to - 1].height - tx->lines[from].top;
}

/* How many lines from `from` fit in `avail` points. */
static int lines_fitting(const Text *tx, int from, double avail)
{
    int k = 0;
    while (from + k < tx->n && lines_height(tx, from, from + k + 1) <= avail + 0.01)
        k++;
    return k;
}

static double bottom(const Engine *e);

static int is_numeric(gunichar c)
{
    return (c >= '0' && c <= '9') || (c >= 0x0E50 && c <= 0x0E59);
}

/* Whether line i of tx starts inside a number: a digit (or a comma or
 * point between digits) on both sides of the break. */
static int breaks_number(const Text *tx, int i)
{
    const char *text = pango_layout_get_text(tx->layout);
    int at = tx->lines[i].line->start_index;
    if (i == 0 || at == 0)
        return 0;
    const char *p = text + at, *q = g_utf8_prev_char(p);
    gunichar a = g_utf8_get_char(q), b = g_utf8_get_char(p);
    if (is_numeric(a) && is_numeric(b))
        return 1;
    if ((a == ',' || a == '.') && is_numeric(b) && q > text)
        return is_numeric(g_utf8_get_char(g_utf8_prev_char(q)));
    if (is_numeric(a) && (b == ',' || b == '.'))
        return is_numeric(g_utf8_get_char(g_utf8_next_char(p)));
    return 0;
}

/* The size in points of the first font of a line (0 when it has none). */
static double line_font_size(PangoLayoutLine *line)
{
    if (!line->runs)
        return 0;
    const PangoLayoutRun *run = line->runs->data;
    PangoFontDescription *fd = pango_font_describe(run->item->analysis.font);
    double size = pango_font_description_get_size(fd) / (double)PANGO_SCALE;
    pango_font_description_free(fd);
    return size;
}

/* Whether ink [x0, x1] x [y0, y1] of line i leaves its box or the text
 * area by more than `slack` points (see line_check). */
static int line_out(const Engine *e, const Text *tx, int i, double x, double x0, double x1,
                    double y0, double y1, double slack)
{
    int out = x0 < x - tx->lines[i].x - slack || x1 > x - tx->lines[i].x + tx->width + slack ||
              x0 < e->t->margin_left - slack || x1 > e->pw - e->t->margin_right + slack;
    /* the page number lives in the top margin */
    if (e->in_page_number)
        out = out || y0 < 0 || y1 > e->t->margin_top;
    else
        out = out || y0 < e->t->margin_top - slack || y1 > bottom(e) + slack;
    return out;
}

/* Counts a painted line whose ink leaves its box [x, x + tx->width] or
 * the page's text area (see LayoutStats).  A point of slack: some glyphs'
 * ink reaches a little past their advance.  `tight`: what justification
 * will take from the line's width (a line chosen a little long). */
static void line_check(Engine *e, const Text *tx, int i, double x, double baseline, double tight)
{
    PangoRectangle ink;
    pango_layout_line_get_extents(tx->lines[i].line, &ink, NULL);
    if (ink.width == 0)
        return;
    double x0 = x + ink.x / (double)PANGO_SCALE, x1 = x0 + ink.width / (double)PANGO_SCALE - tight;
    double y0 = baseline + ink.y / (double)PANGO_SCALE, y1 = y0 + ink.height / (double)PANGO_SCALE;
    double slack = 2; /* ใ and ไ reach a point left of their advance */
    int out = line_out(e, tx, i, x, x0, x1, y0, y1, slack);
    /* The overhang grows with the size (measured in tables under a
     * template with a huge table font: ใ and ไ 2.65 pt at 42 pt, italic
     * 2.58 pt at 24 pt, about 0.06 and 0.11 em).  The size is looked up
     * only for a line that seems out. */
    if (out) {
        double size = line_font_size(tx->lines[i].line);
        if (0.12 * size > slack)
            out = line_out(e, tx, i, x, x0, x1, y0, y1, 0.12 * size);
    }
    e->overflows += out;
    e->broken_numbers += breaks_number(tx, i);
}

/* Paints lines [from, to) with the first one's top at (x, y). */
static void lines_paint(Engine *e, Text *tx, int from, int to, double x, double y)
{
    if (!e->cr)
        return;
    for (int i = from; i < to; i++) {
        LineBox *lb = &tx->lines[i];
        double lx = x + lb->x;
        int set = tx->justify && i < tx->n - 1 && !justify_ends_paragraph(lb->line);
        /* a line longer than its box is one linebreak.c chose to shrink */
        double tight = set && lb->x + lb->width > tx->width
                           ? fmax(0, lb->x + justify_visible_width(lb->line) - tx->width)
                           : 0;
        line_check(e, tx, i, lx, y + lb->baseline - tx->lines[from].top, tight);
        if (set) {
            /* Justify from the line's own start (it carries the indent). */
            double gap;
            justify_line_as(lb->line, tx->width - lb->x, e->t, &gap);
            e->justified++;
            e->letter_spaced += gap > 0.2;
        }
        cairo_move_to(e->cr, lx, y + lb->baseline - tx->lines[from].top);
        textlayer_show_line(e->cr, lb->line);
        e->lone = 0; /* do_heading sets it again after its own lines */
        if (e->sink->line)
            e->sink->line(e->sink->ctx, lx, y + lb->baseline - tx->lines[from].top,
                          pango_layout_get_text(tx->layout) + lb->line->start_index,
                          lb->line->length);
    }
}

/* --- pages --------------------------------------------------------------- */

static double text_width(const Engine *e)
{
    return e->pw - e->t->margin_left - e->t->margin_right;
}

static double bottom(const Engine *e)
{
    return e->ph - e->t->margin_bottom;
}

/* The printed label of page `index`: front matter gets Thai letters (the
 * cover none), the body numbers from 1. */
static const char *page_label(const Engine *e, int index, char *buf, size_t size)
{
    if (e->has_body_start && (e->body_start < 0 || index < e->body_start)) {
        if (index == 0)
            return NULL;
        return thai_page_letter(buf, size, index);
    }
    int start = e->has_body_start ? e->body_start : 0;
    thai_int(buf, size, index - start + 1, e->t->numerals_page);
    return buf;
}

static void paint_page_number(Engine *e, const char *label)
{
    /* The format is template data, not a printf format: only "%s" is
     * replaced (by the label). */
    const char *fmt = e->t->page_number_format;
    const char *at = strstr(fmt, "%s");
    char *pre = g_markup_escape_text(fmt, at ? (gssize)(at - fmt) : -1);
    char *post = g_markup_escape_text(at ? at + 2 : "", -1);
    char *lab = g_markup_escape_text(label, -1);
    char *markup = g_strconcat(pre, at ? lab : "", post, NULL);
    g_free(pre);
    g_free(post);
    g_free(lab);
    Text tx;
    e->in_page_number = 1;
    if (text_make(e, &tx, markup, e->t->body_size, 0, text_width(e), TA_CENTER, 0) == 0 &&
        e->cr) {
        /* poppler's reading order takes a line ending in '-' ("- ๓ -") for
         * a hyphenated word and joins it to the text below: the span ends
         * with a space, which is what is there. */
        textlayer_group_begin(e->cr);
        lines_paint(e, &tx, 0, tx.n, e->t->margin_left, e->t->header_y);
        textlayer_group_tail(e->cr, " ");
        textlayer_group_end(e->cr);
    }
    e->in_page_number = 0;
    text_free(&tx);
    g_free(markup);
}

/* The draft mark (doc->mark): the word, bold, at the template's size,
 * colour and angle, centred on the page and painted first, so that
 * everything else lies over it.  It is filled as outlines
 * (pango_cairo_layout_path), never shown as glyphs: the PDF has no text
 * for it, so no reader copies it into the page's text. */
static void paint_mark(Engine *e)
{
    const Template *t = e->t;
    PangoLayout *l = pango_layout_new(fonts_context(e->fs));
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, t->font_family);
    pango_font_description_set_absolute_size(fd, t->draft_size * PANGO_SCALE);
    pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(l, e->doc->mark, -1);
    check_glyphs(e, l);
    PangoRectangle ink;
    pango_layout_get_extents(l, &ink, NULL);
    cairo_t *cr = e->cr;
    cairo_save(cr);
    cairo_translate(cr, e->pw / 2, e->ph / 2);
    cairo_rotate(cr, -t->draft_angle * M_PI / 180);
    cairo_translate(cr, -(ink.x + ink.width / 2.0) / PANGO_SCALE,
                    -(ink.y + ink.height / 2.0) / PANGO_SCALE);
    cairo_new_path(cr);
    pango_cairo_layout_path(cr, l);
    cairo_set_source_rgb(cr, (t->draft_colour >> 16) / 255.0, (t->draft_colour >> 8 & 0xff) / 255.0,
                         (t->draft_colour & 0xff) / 255.0);
    cairo_fill(cr);
    cairo_restore(cr);
    g_object_unref(l);
}

/* The status of a plan that is not approved (doc->header_note), at the
 * right of the running header, in the table size, on the page number's
 * line. */
static void paint_header_note(Engine *e)
{
    Text tx;
    e->in_page_number = 1;
    if (text_make(e, &tx, e->doc->header_note, e->t->table_size, 0, text_width(e), TA_RIGHT,
                  0) == 0)
        lines_paint(e, &tx, 0, tx.n, e->t->margin_left, e->t->header_y);
    e->in_page_number = 0;
    text_free(&tx);
}

static void page_close(Engine *e)
{
    e->lone_headings += e->lone;
    e->lone = 0;
    if (e->page >= 0 && e->painting)
        e->sink->page_end(e->sink->ctx);
    e->cr = NULL;
}

static void page_new(Engine *e)
{
    page_close(e);
    e->page++;
    e->pw = e->landscape ? e->t->page_h : e->t->page_w;
    e->ph = e->landscape ? e->t->page_w : e->t->page_h;
    e->y = e->t->margin_top;
    e->at_top = 1;
    if (!e->painting)
        return;
    char buf[32];
    const char *label = page_label(e, e->page, buf, sizeof buf);
    /* The first body page of a document without front matter shows no
     * number, as Thai official documents do; its PDF label stays "1". */
    int show = label && !(e->page == 0);
    e->cr = e->sink->page_begin(e->sink->ctx, e->page, label, e->pw, e->ph);
    if (e->doc->mark)
        paint_mark(e);
    if (show)
        paint_page_number(e, label);
    if (e->doc->header_note)
        paint_header_note(e);
}

static void ensure_page(Engine *e)
{
    if (e->page < 0)
        page_new(e);
}

/* --- blocks -------------------------------------------------------------- */

static double block_size(const Engine *e, const DocBlock *b)
{
    if (b->size > 0)
        return b->size;
    if (b->kind == DB_HEADING)
        return b->level == 0 ? e->t->chapter_size
             : b->level == 1 ? e->t->section_size : e->t->body_size;
    return e->t->body_size;
}

static void too_tall(Engine *e, const Text *tx, int line, double height);

/* Structure tags, so screen readers and reflow get the text in reading
 * order: cairo closes a tag at a page's end and reopens it on the next, so a
 * paragraph carried over stays one element.  Nothing while measuring. */
static cairo_t *tag_begin(Engine *e, const char *name)
{
    if (e->cr)
        cairo_tag_begin(e->cr, name, "");
    return e->cr;
}

static void tag_end(cairo_t *cr, const char *name)
{
    if (cr)
        cairo_tag_end(cr, name);
}

/* Places a paragraph (or a heading's text), breaking it across pages between
 * lines, with no single line left at a page's foot or carried to its head.
 * tag (a structure tag name, or NULL) wraps the lines painted: begun at the
 * first line painted, so it never opens on a page it has nothing on
 * (cairo 1.16 fails the document then). */
/* Paints e->label, if any, on the baseline of tx's first line, whose top
 * is at y (the line being painted now). */
static void label_paint(Engine *e, Text *tx, double y)
{
    Text *lab = e->label;
    if (!lab || lab->n == 0 || tx->n == 0)
        return;
    double base = y + tx->lines[0].baseline - tx->lines[0].top;
    lines_paint(e, lab, 0, 1, e->label_x, base - (lab->lines[0].baseline - lab->lines[0].top));
    e->label = NULL;
}

static void place_text(Engine *e, Text *tx, double x, const char *tag)
{
    cairo_t *tagged = NULL;
    int i = 0;
    while (i < tx->n) {
        double avail = bottom(e) - e->y;
        int k = lines_fitting(tx, i, avail);
        int rest = tx->n - i;
        if (k >= rest) {
            if (tag && !tagged && e->cr)
                tagged = tag_begin(e, tag);
            if (i == 0)
                label_paint(e, tx, e->y);
            lines_paint(e, tx, i, tx->n, x, e->y);
            e->y += lines_height(tx, i, tx->n);
            e->at_top = 0;
            break;
        }
        if (k == 0 && e->at_top) {         /* a line taller than a page */
            too_tall(e, tx, i, lines_height(tx, i, i + 1));
            break;
        }
        if (i == 0 && k == 1 && rest > 1 && !e->at_top)
            k = 0;                         /* orphan */
        else if (rest - k == 1 && k >= 2)
            k--;                           /* widow */
        if (k > 0 && tag && !tagged && e->cr)
            tagged = tag_begin(e, tag);
        if (i == 0 && k > 0)
            label_paint(e, tx, e->y);
        lines_paint(e, tx, i, i + k, x, e->y);
        i += k;
        page_new(e);
    }
    if (tagged)
        tag_end(tagged, tag);
}

/* A paragraph's label ("๑)", "เป้าประสงค์ที่ ๑.๑") is set in a column of its
 * own: the text hangs after it, so no justified space follows a number and
 * the label never breaks.  The column is the label's width and half an em
 * (the en space that separated them inline), rounded up to a quarter em so
 * that labels of about the same width line their texts up.  *col is set to
 * the column's width.  Returns -1 on bad markup. */
static int para_label(Engine *e, const DocBlock *b, Text *lab, double *col)
{
    double size = block_size(e, b);
    /* Labels repeat ("๑)" under every strategy): each is laid out once a
     * document and painted from there as often as it comes. */
    LabelCache *lc = &e->labels;
    size_t i = 0;
    while (i < lc->n && !(lc->bold[i] == b->bold && lc->size[i] == size &&
                          !strcmp(lc->markup[i], b->label)))
        i++;
    if (i == lc->n) {
        if (lc->n == lc->cap) {
            lc->cap = lc->cap ? 2 * lc->cap : 16;
            lc->texts = realloc(lc->texts, lc->cap * sizeof *lc->texts);
            lc->markup = realloc(lc->markup, lc->cap * sizeof *lc->markup);
            lc->bold = realloc(lc->bold, lc->cap * sizeof *lc->bold);
            lc->size = realloc(lc->size, lc->cap * sizeof *lc->size);
            if (!lc->texts || !lc->markup || !lc->bold || !lc->size) {
                fputs("phaen: out of memory\n", stderr);
                abort();
            }
        }
        if (text_make(e, &lc->texts[i], b->label, size, b->bold, 10000, TA_LEFT, 0) < 0) {
            text_free(&lc->texts[i]);
            return -1;
        }
        lc->texts[i].shared = 1; /* freed with the cache */
        lc->markup[i] = b->label;
        lc->bold[i] = b->bold;
        lc->size[i] = size;
        lc->n++;
    }
    *lab = lc->texts[i];
    double w = lab->n > 0 ? lab->lines[0].x + lab->lines[0].width : 0;
    double q = size / 4;
    *col = ceil((w + size / 2) / q) * q;
    return 0;
}

static double table_head_height(Engine *e, size_t index);

/* The space below a heading, and above one that does not open its page. */
static double heading_after(const Engine *e, const DocBlock *b)
{
    return e->body_line * (b->level == 0 ? e->t->heading_after_chapter : e->t->heading_after);
}

static double heading_before(const Engine *e, const DocBlock *b)
{
    return b->space > 0 ? b->space : e->body_line * e->t->heading_before;
}

/* The height of a heading's or a paragraph's lines, laid out as do_para
 * and do_heading will (a look-ahead: not through the text cache, which is
 * in painting order). */
static double block_height(Engine *e, const DocBlock *b)
{
    Text tx, lab = {0};
    double w = text_width(e) - b->indent, col = 0;
    if (b->label && para_label(e, b, &lab, &col) < 0)
        return 2.2 * e->body_line;
    text_free(&lab);
    e->total_fit = b->kind == DB_PARA;
    int bad = text_pooled(e, &tx, b->markup, block_size(e, b), b->bold, w - col, b->align,
                          b->first_indent);
    e->total_fit = 0;
    if (bad < 0)
        return 2.2 * e->body_line;
    double h = lines_height(&tx, 0, tx.n);
    text_free(&tx);
    return h;
}

/* The height from the bottom of a heading or a kept paragraph (the space
 * below it placed) to the end of the first piece of block `index`, the
 * page being not new: the spacing the block puts above itself, then two
 * lines of a paragraph (or the whole of one kept with the next, and what
 * follows it), a whole figure, a table's header rows and first `keep` rows
 * (its own look-ahead, row_need), or a second heading and what it keeps
 * with.  A heading that asked for less (the spacing, about half a body
 * line, was left out) was left alone at the foot of a page when its
 * follower moved on. */
static double follow_need(Engine *e, size_t index, int depth)
{
    if (index >= e->doc->n_blocks || depth > 3)
        return 0;
    const DocBlock *b = &e->doc->blocks[index];
    switch (b->kind) {
    case DB_TABLE:
        return e->body_line * e->t->table_space + table_head_height(e, index);
    case DB_PARA:
        if (b->keep_with_next) /* the whole of it, and what it keeps with */
            return b->space + block_height(e, b) + e->t->para_space +
                   follow_need(e, index + 1, depth + 1);
        return b->space + 2.2 * e->body_line;
    case DB_FIGURE:
        return b->height;
    case DB_HEADING: {
        if (b->level == 0) /* opens a page of its own */
            return 0;
        return heading_before(e, b) + block_height(e, b) + heading_after(e, b) +
               follow_need(e, index + 1, depth + 1);
    }
    default:
        return 2.2 * e->body_line;
    }
}

static void do_para(Engine *e, const DocBlock *b)
{
    ensure_page(e);
    if (!e->at_top)
        e->y += b->space;
    Text tx, lab = {0};
    double w = text_width(e) - b->indent, col = 0;
    if (b->label && para_label(e, b, &lab, &col) < 0)
        return;
    e->total_fit = 1;
    int bad = text_make_cached(e, &tx, b->markup, block_size(e, b), b->bold, w - col, b->align,
                               b->first_indent);
    e->total_fit = 0;
    if (bad < 0) {
        text_free(&lab);
        return;
    }
    /* what must follow on the same page: its first piece (follow_need) */
    double after = e->t->para_space + follow_need(e, (size_t)(b - e->doc->blocks) + 1, 0);
    if (b->keep_with_next && e->y + lines_height(&tx, 0, tx.n) + after > bottom(e) &&
        !e->at_top)
        page_new(e);
    e->label = b->label ? &lab : NULL;
    e->label_x = e->t->margin_left + b->indent;
    place_text(e, &tx, e->t->margin_left + b->indent + col, "P");
    e->label = NULL;
    e->y += e->t->para_space;
    text_free(&tx);
    text_free(&lab);
}

/* A named destination at y on the current page (what links point to). */
static void dest_mark(Engine *e, const char *name, double y)
{
    if (!e->cr || !name)
        return;
    char *attrs = g_strdup_printf("name='%s' x=%g y=%g", name, e->t->margin_left, y);
    cairo_tag_begin(e->cr, CAIRO_TAG_DEST, attrs);
    cairo_tag_end(e->cr, CAIRO_TAG_DEST);
    g_free(attrs);
}

static void do_heading(Engine *e, const DocBlock *b, size_t index)
{
    ensure_page(e);
    if (b->level == 0 && !e->at_top)
        page_new(e);
    if (!e->at_top)
        e->y += heading_before(e, b);
    Text tx, lab = {0};
    double w = text_width(e) - b->indent, col = 0;
    if (b->label && para_label(e, b, &lab, &col) < 0)
        return;
    if (text_make_cached(e, &tx, b->markup, block_size(e, b), b->bold, w - col, b->align,
                         b->first_indent) < 0) {
        text_free(&lab);
        return;
    }
    /* A heading never stands alone at the foot of a page: it asks for its
     * own lines, the space below it, and what follows up to its first
     * piece (follow_need). */
    double need = lines_height(&tx, 0, tx.n) + heading_after(e, b) + follow_need(e, index + 1, 0);
    if (e->y + need > bottom(e) && !e->at_top)
        page_new(e);
    /* a front-matter page is numbered by its letter: kept as minus its index */
    if (e->has_body_start && e->body_start < 0)
        e->heading_page[index] = -e->page;
    else
        e->heading_page[index] = e->page - (e->has_body_start ? e->body_start : 0) + 1;
    dest_mark(e, b->anchor, e->y);
    if (e->painting && e->sink->heading)
        e->sink->heading(e->sink->ctx, b, e->y);
    static const char *const levels[] = {"H1", "H2", "H3", "H4"};
    const char *tag = levels[b->level >= 0 && b->level < 4 ? b->level : 3];
    e->label = b->label ? &lab : NULL;
    e->label_x = e->t->margin_left + b->indent;
    place_text(e, &tx, e->t->margin_left + b->indent + col, tag);
    e->label = NULL;
    /* until something follows it on this page; a heading before a page
     * break of the document's own (an empty section) is let be */
    const DocBlock *next = index + 1 < e->doc->n_blocks ? b + 1 : NULL;
    e->lone = e->cr && next && next->kind != DB_PAGEBREAK && next->kind != DB_BODY_START &&
              !(next->kind == DB_HEADING && next->level == 0);
    e->y += heading_after(e, b);
    text_free(&tx);
    text_free(&lab);
}

/* --- tables -------------------------------------------------------------- */

typedef struct RowTexts {
    Text *cells;
    double *x, *w;   /* cell box left and width */
    size_t n;
    double height;   /* whole row, padding included */
} RowTexts;

static void row_free(RowTexts *r)
{
    for (size_t i = 0; i < r->n; i++)
        text_free(&r->cells[i]);
    free(r->cells);
    free(r->x);
    free(r->w);
    memset(r, 0, sizeof *r);
}

static void row_make(Engine *e, const DocTable *t, const DocRow *row, const double *colx,
                     RowTexts *out)
{
    double pad = e->t->cell_pad;
    double size = t->size > 0 ? t->size : e->t->table_size;
    int bold = row->kind != ROW_BODY;
    out->n = row->n_cells;
    out->cells = calloc(row->n_cells, sizeof *out->cells);
    out->x = calloc(row->n_cells, sizeof *out->x);
    out->w = calloc(row->n_cells, sizeof *out->w);
    out->height = 0;
    size_t col = 0;
    for (size_t i = 0; i < row->n_cells; i++) {
        const DocCell *c = &row->cells[i];
        size_t span = c->span > 0 ? (size_t)c->span : 1;
        if (col + span > t->n_cols)
            span = col < t->n_cols ? t->n_cols - col : 1;
        size_t end = col + span <= t->n_cols ? col + span : t->n_cols;
        out->x[i] = colx[col];
        out->w[i] = colx[end] - colx[col];
        text_make_cached(e, &out->cells[i], c->markup, size, bold, out->w[i] - 2 * pad, c->align,
                         0);
        double h = lines_height(&out->cells[i], 0, out->cells[i].n) + 2 * pad;
        if (h > out->height)
            out->height = h;
        col = end;
    }
}

static void row_shade(Engine *e, RowKind kind, double x, double y, double w, double h)
{
    const Template *t = e->t;
    double g = kind == ROW_HEADER ? t->shade_header : kind == ROW_TOTAL ? t->shade_total
             : kind == ROW_GROUP ? t->shade_group : kind == ROW_SUBTOTAL ? t->shade_subtotal
             : 1.0;
    if (!e->cr || g >= 1.0)
        return;
    cairo_save(e->cr);
    cairo_set_source_rgb(e->cr, g, g, g);
    cairo_rectangle(e->cr, x, y, w, h);
    cairo_fill(e->cr);
    cairo_restore(e->cr);
}

static void row_borders(Engine *e, const RowTexts *r, double y, double h)
{
    if (!e->cr)
        return;
    cairo_save(e->cr);
    cairo_set_line_width(e->cr, e->t->rule_width);
    cairo_set_source_rgb(e->cr, 0, 0, 0);
    for (size_t i = 0; i < r->n; i++) {
        cairo_rectangle(e->cr, r->x[i], y, r->w[i], h);
        if (e->sink->box)
            e->sink->box(e->sink->ctx, r->x[i], y, r->w[i], h);
    }
    cairo_stroke(e->cr);
    cairo_restore(e->cr);
}

/* Paints a cell's text with its links: the whole cell's, or one per
 * paragraph (each line is linked to the link of the paragraph it is in). */
static void cell_paint(Engine *e, const DocCell *cell, Text *tx, double x, double y)
{
    if (!e->cr || !cell || (!cell->link && !cell->n_para_links)) {
        lines_paint(e, tx, 0, tx->n, x, y);
        return;
    }
    if (cell->link) {
        cairo_tag_begin(e->cr, CAIRO_TAG_LINK, cell->link);
        lines_paint(e, tx, 0, tx->n, x, y);
        cairo_tag_end(e->cr, CAIRO_TAG_LINK);
        return;
    }
    const char *text = pango_layout_get_text(tx->layout);
    size_t para = 0;
    int at = 0;
    for (int i = 0; i < tx->n; i++) {
        for (; at < tx->lines[i].line->start_index; at++)
            para += text[at] == '\n';
        const char *link = para < cell->n_para_links ? cell->para_links[para] : NULL;
        if (link)
            cairo_tag_begin(e->cr, CAIRO_TAG_LINK, link);
        lines_paint(e, tx, i, i + 1, x, y + tx->lines[i].top - tx->lines[0].top);
        if (link)
            cairo_tag_end(e->cr, CAIRO_TAG_LINK);
    }
}

/* A cell's text is a paragraph to screen readers: tagged P when lines
 * [from, to) have any text (an empty tag would be invalid). */
static cairo_t *cell_tag_begin(Engine *e, Text *tx, int from, int to)
{
    for (int i = from; i < to && e->cr; i++)
        if (tx->lines[i].line->length > 0)
            return tag_begin(e, "P");
    return NULL;
}

static void mark_paint(Engine *e, const DocCell *cell, const Text *tx, double x, double y,
                       double size);

/* Paints a whole row at the cursor; `row` gives its links and anchor (NULL
 * for a repeated header). */
static void row_paint(Engine *e, const DocRow *row, RowKind kind, RowTexts *r, double left,
                      double width)
{
    double pad = e->t->cell_pad;
    row_shade(e, kind, left, e->y, width, r->height);
    if (row)
        dest_mark(e, row->anchor, e->y);
    for (size_t i = 0; i < r->n; i++) {
        cairo_t *tagged = cell_tag_begin(e, &r->cells[i], 0, r->cells[i].n);
        const DocCell *cell = row && i < row->n_cells ? &row->cells[i] : NULL;
        /* one span per cell for poppler's reading order (not across links:
         * a link's area is what is painted inside its tag) */
        int group = e->cr && (!cell || (!cell->link && !cell->n_para_links));
        if (group)
            textlayer_group_begin(e->cr);
        cell_paint(e, cell, &r->cells[i], r->x[i] + pad, e->y + pad);
        if (group)
            textlayer_group_end(e->cr);
        if (cell && cell->mark)
            mark_paint(e, cell, &r->cells[i], r->x[i] + pad, e->y + pad, e->t->table_size);
        tag_end(tagged, "P");
    }
    row_borders(e, r, e->y, r->height);
    e->y += r->height;
    e->at_top = 0;
}

static void headers_paint(Engine *e, const DocTable *t, RowTexts *hdr, size_t n_hdr,
                          double left, double width)
{
    for (size_t i = 0; i < n_hdr; i++)
        row_paint(e, NULL, t->rows[i].kind, &hdr[i], left, width);
}

/* The height of a page's text area. */
static double page_body(const Engine *e)
{
    return bottom(e) - e->t->margin_top;
}

/* Reports content that can never fit on a page and stops the layout: it
 * would otherwise be painted over the margins (or paginated forever). */
static void too_tall(Engine *e, const Text *tx, int line, double height)
{
    const char *s = tx->layout ? pango_layout_get_text(tx->layout) : "";
    int at = line < tx->n ? tx->lines[line].line->start_index : 0;
    size_t n = strlen(s + at);
    if (n > 60) { /* cut at a character boundary */
        n = 60;
        while (n > 0 && ((unsigned char)s[at + n] & 0xC0) == 0x80)
            n--;
    }
    diag_error(e->d, e->t->path, 0,
               "%.0f pt of text that cannot be split does not fit in the %.0f pt a page "
               "holds (font sizes, line spacing, cell padding or page size): %.*s",
               height, page_body(e), (int)n, s + at);
    e->failed = 1;
}

/* A row taller than a page: its cells continue line by line on the next
 * pages, under the repeated header (n_hdr rows; 0: none).  Every round
 * places at least one line, or moves to a page with more room, or reports
 * a line that fits on no page: it always ends. */
static void row_split(Engine *e, const DocTable *t, const DocRow *row, RowTexts *r,
                      RowTexts *hdr, size_t n_hdr, double left, double width)
{
    double pad = e->t->cell_pad;
    int *next = calloc(r->n + 1, sizeof *next);
    int *k = calloc(r->n + 1, sizeof *k);
    int fresh = 0;   /* on a page begun for this row, below the header */
    while (!e->failed) {
        double avail = bottom(e) - e->y - 2 * pad;
        double seg = 0;
        int done = 1, progress = 0;
        for (size_t i = 0; i < r->n; i++) {
            Text *tx = &r->cells[i];
            k[i] = lines_fitting(tx, next[i], avail);
            progress |= k[i] > 0;
            double h = lines_height(tx, next[i], next[i] + k[i]);
            if (h > seg)
                seg = h;
            if (next[i] + k[i] < tx->n)
                done = 0;
        }
        if (!progress && !done) {
            if (e->at_top) { /* a line taller than an empty page */
                for (size_t i = 0; i < r->n; i++)
                    if (next[i] < r->cells[i].n) {
                        too_tall(e, &r->cells[i], next[i],
                                 lines_height(&r->cells[i], next[i], next[i] + 1) + 2 * pad);
                        if (row->file)
                            diag_note(e->d, row->file, row->line, "in the table row of this");
                        break;
                    }
                break;
            }
            page_new(e);
            if (!fresh) /* under the header first; then on a page of its own */
                headers_paint(e, t, hdr, n_hdr, left, width);
            fresh = 1;
            continue;
        }
        row_shade(e, row->kind, left, e->y, width, seg + 2 * pad);
        for (size_t i = 0; i < r->n; i++) {
            cairo_t *tagged = cell_tag_begin(e, &r->cells[i], next[i], next[i] + k[i]);
            if (e->cr)
                textlayer_group_begin(e->cr);
            lines_paint(e, &r->cells[i], next[i], next[i] + k[i], r->x[i] + pad, e->y + pad);
            if (e->cr)
                textlayer_group_end(e->cr);
            tag_end(tagged, "P");
            next[i] += k[i];
        }
        row_borders(e, r, e->y, seg + 2 * pad);
        e->y += seg + 2 * pad;
        e->at_top = 0;
        if (done)
            break;
        page_new(e);
        headers_paint(e, t, hdr, n_hdr, left, width);
        fresh = 0;
    }
    free(k);
    free(next);
}

/* --- column widths ------------------------------------------------------- */

/* The width markup needs at `size`: broken at every opportunity it has
 * (the widest piece that cannot break: a word, a number, a code) or, when
 * `whole`, not broken at all (its widest paragraph).  The break rules of
 * breaks.c are left out: they give way when a cell is too narrow. */
static double min_width_each(Engine *e, const char *markup, double size, int bold, int whole,
                             double *each, int n_each, int *n_lines);

static double min_width(Engine *e, const char *markup, double size, int bold, int whole)
{
    return min_width_each(e, markup, size, bold, whole, NULL, 0, NULL);
}

/* min_width, and the width of each of its first n_each lines in each[]
 * (the number of lines in *n_lines). */
static double min_width_each(Engine *e, const char *markup, double size, int bold, int whole,
                             double *each, int n_each, int *n_lines)
{
    if (n_lines)
        *n_lines = 0;
    PangoAttrList *attrs = NULL;
    char *plain = NULL;
    if (!pango_parse_markup(markup, -1, 0, &attrs, &plain, NULL, NULL))
        return 0; /* reported when the cell is laid out */
    if (!*plain) {
        pango_attr_list_unref(attrs);
        g_free(plain);
        return 0;
    }
    PangoLayout *l = pango_layout_new(fonts_context(e->fs));
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, e->t->font_family);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, whole ? -1 : PANGO_SCALE);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    pango_layout_set_text(l, plain, -1);
    pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
    pango_layout_set_attributes(l, attrs);
    double w = 0;
    int k = 0;
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoRectangle ink, logical;
        pango_layout_iter_get_line_extents(it, &ink, &logical);
        double lw = logical.width / (double)PANGO_SCALE;
        /* what leaves the logical box (a wide glyph) counts too */
        double iw = (ink.x + ink.width - logical.x) / (double)PANGO_SCALE;
        if (iw > lw && ink.width > 0)
            lw = iw;
        if (lw > w)
            w = lw;
        if (k < n_each)
            each[k] = lw;
        k++;
    } while (pango_layout_iter_next_line(it));
    if (n_lines)
        *n_lines = k;
    pango_layout_iter_free(it);
    g_object_unref(l);
    pango_attr_list_unref(attrs);
    g_free(plain);
    return w;
}

/* Whether c belongs to Thai words (letters, vowels, marks, ฯ, ๆ): what a
 * dictionary breaks between.  Thai digits do not. */
static int is_thai_word_char(gunichar c)
{
    return c >= 0x0E01 && c <= 0x0E4F;
}

/* min_width of a header cell, measured once a document. */
static double head_width(Engine *e, const char *markup, double size, int bold)
{
    if (!e->head_widths)
        e->head_widths = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    char *key = g_strdup_printf("%.17g/%d/%s", size, bold, markup);
    double *w = g_hash_table_lookup(e->head_widths, key);
    if (w) {
        g_free(key);
        return *w;
    }
    w = g_new(double, 1);
    *w = min_width(e, markup, size, bold, 0);
    g_hash_table_insert(e->head_widths, key, w);
    return *w;
}

/* Whether markup (or a token) is met for the first time in column col at
 * weight bold (seen: keys "col/bold/markup", freed with the table; NULL:
 * every time).  A
 * column is measured by its widest line: each line once is enough, and the
 * abbreviations, codes and amounts of a long table repeat. */
static int seen_first(GHashTable *seen, const char *markup, size_t col, int bold)
{
    if (!seen)
        return 1;
    char *key = g_strdup_printf("%zu/%d/%s", col, bold, markup);
    if (g_hash_table_contains(seen, key)) {
        g_free(key);
        return 0;
    }
    g_hash_table_add(seen, key);
    return 1;
}

/* Appends to out, one a line, what in a text cell's markup must not
 * break: numbers, codes, dates, abbreviations in Latin letters, and the
 * spans the composer marked allow_breaks="false".  They are short, and a
 * column's are shaped together in one layout: laying out every cell word by
 * word would double the time of a long table, and a Thai word too wide for
 * its column breaks between letters like any text. */
static void unbreakable_tokens(const char *markup, GString *out, GHashTable *seen, size_t col,
                               int bold)
{
    PangoAttrList *attrs = NULL;
    char *plain = NULL;
    if (!pango_parse_markup(markup, -1, 0, &attrs, &plain, NULL, NULL))
        return;
    for (const char *p = plain; *p;) {
        const char *q = p;
        while (*q && !g_unichar_isspace(g_utf8_get_char(q)) &&
               !is_thai_word_char(g_utf8_get_char(q)))
            q = g_utf8_next_char(q);
        if (q > p) {
            char *tok = g_strndup(p, (gsize)(q - p));
            if (seen_first(seen, tok, col, bold)) {
                g_string_append_len(out, p, q - p);
                g_string_append_c(out, '\n');
            }
            g_free(tok);
            p = q;
        } else {
            p = g_utf8_next_char(p);
        }
    }
    GSList *list = pango_attr_list_get_attributes(attrs);
    size_t len = strlen(plain);
    for (GSList *l = list; l; l = l->next) {
        PangoAttribute *a = l->data;
        if (a->klass->type == PANGO_ATTR_ALLOW_BREAKS && !((PangoAttrInt *)a)->value &&
            a->start_index < len) {
            size_t end = a->end_index < len ? a->end_index : len;
            char *tok = g_strndup(plain + a->start_index, (gsize)(end - a->start_index));
            if (seen_first(seen, tok, col, bold)) {
                g_string_append_len(out, plain + a->start_index, (gssize)(end - a->start_index));
                g_string_append_c(out, '\n');
            }
            g_free(tok);
        }
    }
    g_slist_free_full(list, (GDestroyNotify)pango_attribute_destroy);
    pango_attr_list_unref(attrs);
    g_free(plain);
}

/* The widest of tokens (one a line, plain text) at size, each measured
 * once a document (Engine.token_widths): the same abbreviations, codes
 * and numbers come back in every table of a document.  Those not met
 * before are measured together, a line each, as min_width does. */
static double tokens_width(Engine *e, const char *tokens, double size, int bold)
{
    if (!e->token_widths)
        e->token_widths = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    GString *fresh = g_string_new(NULL);
    GPtrArray *keys = g_ptr_array_new();
    double w = 0;
    for (const char *p = tokens; *p;) {
        const char *q = strchr(p, '\n');
        size_t len = q ? (size_t)(q - p) : strlen(p);
        char *key = g_strdup_printf("%a/%d/%.*s", size, bold, (int)len, p);
        double *known = g_hash_table_lookup(e->token_widths, key);
        if (known) {
            w = *known > w ? *known : w;
            g_free(key);
        } else {
            g_string_append_len(fresh, p, (gssize)len);
            g_string_append_c(fresh, '\n');
            g_ptr_array_add(keys, key);
        }
        p += len + (q ? 1 : 0);
    }
    if (fresh->len) {
        char *esc = g_markup_escape_text(fresh->str, (gssize)fresh->len);
        double *each = g_new0(double, keys->len + 1);
        int n = 0;
        double fw = min_width_each(e, esc, size, bold, 1, each, (int)keys->len, &n);
        w = fw > w ? fw : w;
        /* a line a token (a token holds no line break), then the empty
         * line after the last newline */
        int matched = n == (int)keys->len || n == (int)keys->len + 1;
        for (guint i = 0; i < keys->len; i++) {
            if (matched) {
                double *v = g_new(double, 1);
                *v = each[i];
                g_hash_table_replace(e->token_widths, keys->pdata[i], v);
            } else {
                g_free(keys->pdata[i]);
            }
        }
        g_free(each);
        g_free(esc);
    }
    g_ptr_array_free(keys, TRUE);
    g_string_free(fresh, TRUE);
    return w;
}

/* How a table's columns fit the measure: its font size and one or more
 * column groups (one unless the table is too wide and split), each with
 * the columns it shows and their widths. */
typedef struct ColGroup {
    size_t *cols;
    size_t n;
    double *w;
} ColGroup;

typedef struct TableFit {
    int ready;
    int head_ready;       /* head_need is known (table_head_height) */
    double head_need;
    double size;
    ColGroup *groups;
    size_t n_groups;
} TableFit;

static void fit_free(TableFit *f)
{
    for (size_t g = 0; g < f->n_groups; g++) {
        free(f->groups[g].cols);
        free(f->groups[g].w);
    }
    free(f->groups);
    memset(f, 0, sizeof *f);
}

/* Widths for the columns `cols` in `avail` points: each at least its
 * minimum m[], the rest shared by weight (columns whose share would fall
 * under their minimum keep the minimum); without weights, in proportion
 * to the minimums.  With enough room, the widths are just the weights'
 * proportions: the composers' look is kept wherever it fits. */
static void share_widths(const DocTable *t, const size_t *cols, size_t n, const double *m,
                         double avail, double *w)
{
    unsigned char *fixed = calloc(n + 1, 1);
    for (;;) {
        double room = avail, weights = 0;
        for (size_t i = 0; i < n; i++) {
            if (fixed[i] || t->cols[cols[i]].weight <= 0)
                room -= m[cols[i]];
            else
                weights += t->cols[cols[i]].weight;
        }
        if (weights <= 0) {
            double sum = 0;
            for (size_t i = 0; i < n; i++)
                sum += m[cols[i]];
            for (size_t i = 0; i < n; i++)
                w[i] = sum > 0 ? avail * m[cols[i]] / sum : avail / (double)n;
            break;
        }
        int again = 0;
        for (size_t i = 0; i < n; i++) {
            if (fixed[i] || t->cols[cols[i]].weight <= 0) {
                w[i] = m[cols[i]];
                continue;
            }
            w[i] = room * t->cols[cols[i]].weight / weights;
            if (w[i] < m[cols[i]]) {
                fixed[i] = 1;
                again = 1;
            }
        }
        if (!again)
            break;
    }
    free(fixed);
}

static void group_add(TableFit *f, const size_t *cols, size_t n)
{
    f->groups = realloc(f->groups, (f->n_groups + 1) * sizeof *f->groups);
    ColGroup *g = &f->groups[f->n_groups++];
    g->n = n;
    g->cols = malloc((n + 1) * sizeof *g->cols);
    memcpy(g->cols, cols, n * sizeof *cols);
    g->w = calloc(n + 1, sizeof *g->w);
}

/* Points at the row whose cell in column `col` is the widest that cannot
 * break (where the plan says it, when the composer told), as a note to the
 * error just reported. */
static void note_widest(Engine *e, const DocTable *t, size_t col, double size)
{
    double best = -1;
    const DocRow *at = NULL;
    for (size_t r = 0; r < t->n_rows; r++) {
        const DocRow *row = &t->rows[r];
        size_t c0 = 0;
        for (size_t i = 0; i < row->n_cells; i++) {
            size_t span = row->cells[i].span > 0 ? (size_t)row->cells[i].span : 1;
            if (c0 == col && span == 1) {
                const char *m = row->cells[i].markup;
                int bold = row->kind != ROW_BODY;
                double w;
                if (row->kind == ROW_HEADER || t->cols[col].kind == COL_FIGURE) {
                    w = min_width(e, m, size, bold, row->kind != ROW_HEADER);
                } else {
                    GString *tok = g_string_new(NULL);
                    unbreakable_tokens(m, tok, NULL, col, bold);
                    char *esc = g_markup_escape_text(tok->str, (gssize)tok->len);
                    w = tok->len ? min_width(e, esc, size, bold, 1) : 0;
                    g_free(esc);
                    g_string_free(tok, TRUE);
                }
                if (w > best) {
                    best = w;
                    at = row;
                }
            }
            c0 += span;
        }
    }
    if (at && at->file)
        diag_note(e->d, at->file, at->line, "the widest cell of that column (%.0f pt) comes "
                  "from here", best);
}

/* Sizes the columns of t for the current page width: measures what cannot
 * break in each column; when the minimums exceed the measure, tries smaller
 * fonts down to the template's floor, then splits the columns into groups
 * that each repeat the key columns.  Returns 0, or -1 after reporting a
 * column that fits on no page. */
static int table_fit(Engine *e, const DocTable *t, TableFit *f)
{
    size_t n = t->n_cols;
    double s0 = t->size > 0 ? t->size : e->t->table_size;
    double floor_size = e->t->table_min_size > 0 && e->t->table_min_size < s0
                            ? e->t->table_min_size : s0;
    double pad = e->t->cell_pad, avail = text_width(e);
    double *raw = calloc(n + 1, sizeof *raw), *m = calloc(n + 1, sizeof *m);
    f->ready = 1;
    /* The body cells of a column are measured together, per weight: its
     * figures as markup, its text's unbreakable tokens as plain text. */
    GString **whole = calloc(2 * n + 1, sizeof *whole), **tokens = calloc(2 * n + 1, sizeof *tokens);
    for (size_t i = 0; i < 2 * n; i++) {
        whole[i] = g_string_new(NULL);
        tokens[i] = g_string_new(NULL);
    }
    /* Each figure and token once (seen_first) */
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t r = 0; r < t->n_rows; r++) {
        const DocRow *row = &t->rows[r];
        size_t col = 0;
        for (size_t i = 0; i < row->n_cells && col < n; i++) {
            const DocCell *c = &row->cells[i];
            size_t span = c->span > 0 ? (size_t)c->span : 1;
            if (span == 1) {
                int bold = row->kind != ROW_BODY;
                if (row->kind == ROW_HEADER) {
                    double w = head_width(e, c->markup, s0, bold);
                    if (w > raw[col])
                        raw[col] = w;
                } else if (t->cols[col].kind == COL_FIGURE) {
                    if (seen_first(seen, c->markup, col, bold)) {
                        g_string_append(whole[2 * col + bold], c->markup);
                        g_string_append_c(whole[2 * col + bold], '\n');
                    }
                } else {
                    unbreakable_tokens(c->markup, tokens[2 * col + bold], seen, col, bold);
                }
            }
            col += span;
        }
    }
    g_hash_table_destroy(seen);
    for (size_t i = 0; i < 2 * n; i++) {
        double w = whole[i]->len ? min_width(e, whole[i]->str, s0, (int)(i % 2), 1) : 0;
        if (tokens[i]->len) {
            double tw = tokens_width(e, tokens[i]->str, s0, (int)(i % 2));
            w = tw > w ? tw : w;
        }
        if (w > raw[i / 2])
            raw[i / 2] = w;
        g_string_free(whole[i], TRUE);
        g_string_free(tokens[i], TRUE);
    }
    free(whole);
    free(tokens);
    for (size_t c = 0; c < n; c++) {
        /* Thai words are left out of the measure (they may break between
         * letters), but a letter must fit: an em and a half holds any. */
        double floor_em = t->cols[c].min_em > 1.5 ? t->cols[c].min_em : 1.5;
        if (raw[c] < floor_em * s0)
            raw[c] = floor_em * s0;
        if (t->cols[c].widest) {
            double w = min_width(e, t->cols[c].widest, s0, 1, 1);
            if (w > raw[c])
                raw[c] = w;
        }
        for (size_t o = 0; t->cols[c].match && o < n; o++)
            if (t->cols[o].match == t->cols[c].match && raw[o] > raw[c])
                raw[c] = raw[o];
    }
    size_t *all = malloc((n + 1) * sizeof *all);
    for (size_t c = 0; c < n; c++)
        all[c] = c;
    /* Sizes scale the measured widths (metrics are linear: hinting is off);
     * a point and a percent of slack covers the rounding. */
    double size = s0;
    for (;;) {
        double sum = 0;
        for (size_t c = 0; c < n; c++) {
            m[c] = raw[c] * size / s0 * 1.01 + 1 + 2 * pad;
            sum += m[c];
        }
        if (sum <= avail || size <= floor_size)
            break;
        /* half a point: the search's step, not a look (no template key) */
        size = size - 0.5 > floor_size ? size - 0.5 : floor_size;
    }
    f->size = size;
    double sum = 0;
    for (size_t c = 0; c < n; c++)
        sum += m[c];
    int rc = 0;
    if (sum <= avail) {
        group_add(f, all, n);
    } else {
        /* Column groups: the key columns, then as many others as fit. */
        size_t nk = 0, *g = malloc((n + 1) * sizeof *g);
        double keyw = 0;
        for (size_t c = 0; c < n; c++)
            if (t->cols[c].key) {
                g[nk++] = c;
                keyw += m[c];
            }
        if (nk == 0) {
            g[nk++] = 0;
            keyw = m[0];
        }
        size_t ng = nk;
        double used = keyw;
        for (size_t c = 0; c < n && !rc; c++) {
            int is_key = 0;
            for (size_t k = 0; k < nk; k++)
                is_key |= g[k] == c;
            if (is_key)
                continue;
            if (used + m[c] > avail && ng > nk) {
                group_add(f, g, ng);
                ng = nk;
                used = keyw;
            }
            if (used + m[c] > avail || !e->t->table_split) {
                diag_error(e->d, e->t->path, 0,
                           e->t->table_split
                               ? "a table column needs %.0f pt beside its key column(s) but "
                                 "the text is %.0f pt wide, even at the smallest table font "
                                 "(%gpt; cell padding %g pt a side)"
                               : "a table needs %.0f pt but the text is %.0f pt wide, even "
                                 "at the smallest table font (%gpt; cell padding %g pt a "
                                 "side), and 'table.split' is no",
                           e->t->table_split ? used + m[c] : sum, avail, size, pad);
                size_t widest = c;
                for (size_t k = 0; !e->t->table_split && k < n; k++)
                    if (m[k] > m[widest])
                        widest = k;
                note_widest(e, t, widest, s0);
                e->failed = 1;
                rc = -1;
                break;
            }
            g[ng++] = c;
            used += m[c];
        }
        if (!rc && ng > nk)
            group_add(f, g, ng);
        free(g);
    }
    for (size_t i = 0; i < f->n_groups; i++)
        share_widths(t, f->groups[i].cols, f->groups[i].n, m, avail, f->groups[i].w);
    free(all);
    free(raw);
    free(m);
    return rc;
}

/* The table of block `index` with its rows.  A table whose rows are made
 * on demand (DocTable.fill) is made in a scratch doc, kept to the end while
 * the text cache is on (the cache knows the rows' markup by its address
 * from one pass to the next), else freed when another is asked for: the
 * pointer is valid until then. */
static const DocTable *table_at(Engine *e, size_t index)
{
    const DocTable *t = e->doc->blocks[index].table;
    if (!t->fill)
        return t;
    Doc **slot = e->rows_kept ? &e->rows_kept[index] : &e->rows_one;
    if (!e->rows_kept && e->rows_at != index) {
        doc_free(e->rows_one);
        e->rows_one = NULL;
    }
    if (!*slot) {
        Doc *d = doc_new();
        DocTable *rows = doc_table(d, t->n_cols, NULL);
        rows->widths = t->widths;
        rows->cols = t->cols;
        rows->size = t->size;
        t->fill(t->fill_arg, d, rows);
        *slot = d;
        e->rows_at = index;
    }
    return (*slot)->blocks[0].table;
}

/* The fit of the table of block `index`: measured once, in the first pass,
 * and the same in the second (the page width is the same there). */
static TableFit *fit_of(Engine *e, size_t index)
{
    TableFit *f = &e->fits[index];
    if (!f->ready)
        table_fit(e, table_at(e, index), f);
    return f;
}

/* The table that column group g of t shows: the rows of t with the cells
 * of its columns (a spanning cell spans those of its columns the group
 * has), at the fitted size.  Anchors stay with the first group (a named
 * destination is made once).  Free with sub_free(). */
static DocTable *sub_table(const DocTable *t, const TableFit *f, size_t gi)
{
    const ColGroup *g = &f->groups[gi];
    DocTable *s = calloc(1, sizeof *s);
    s->n_cols = g->n;
    s->size = f->size;
    s->cols = calloc(g->n + 1, sizeof *s->cols);
    s->rows = calloc(t->n_rows + 1, sizeof *s->rows);
    for (size_t r = 0; r < t->n_rows; r++) {
        const DocRow *row = &t->rows[r];
        DocRow *out = &s->rows[s->n_rows];
        *out = *row;
        out->anchor = gi == 0 ? row->anchor : NULL;
        out->cells = calloc(row->n_cells + 1, sizeof *out->cells);
        out->n_cells = 0;
        size_t col = 0;
        for (size_t i = 0; i < row->n_cells; i++) {
            size_t span = row->cells[i].span > 0 ? (size_t)row->cells[i].span : 1;
            int have = 0;
            for (size_t k = 0; k < g->n; k++)
                have += g->cols[k] >= col && g->cols[k] < col + span;
            if (have) {
                out->cells[out->n_cells] = row->cells[i];
                out->cells[out->n_cells++].span = have;
            }
            col += span;
        }
        s->n_rows++;
    }
    return s;
}

static void sub_free(DocTable *s)
{
    for (size_t r = 0; r < s->n_rows; r++)
        free(s->rows[r].cells);
    free(s->rows);
    free(s->cols);
    free(s);
}

/* The x of each column boundary for the widths w of n columns. */
static double *columns_x(const Engine *e, const double *w, size_t n)
{
    double *colx = calloc(n + 1, sizeof *colx);
    colx[0] = e->t->margin_left;
    for (size_t c = 0; c < n; c++)
        colx[c + 1] = colx[c] + w[c];
    return colx;
}

/* The rows of a table being painted, each laid out once: a row looked at
 * ahead (to keep rows together) is kept until it is painted. */
typedef struct Rows {
    Engine *e;
    const DocTable *t;
    const double *colx;
    RowTexts *r;
    unsigned char *state; /* 0 not made, 1 made, 2 painted and freed */
} Rows;

static RowTexts *row_get(Rows *rs, size_t i)
{
    if (rs->state[i] == 0) {
        row_make(rs->e, rs->t, &rs->t->rows[i], rs->colx, &rs->r[i]);
        rs->state[i] = 1;
    }
    return &rs->r[i];
}

static void row_done(Rows *rs, size_t i)
{
    if (rs->state[i] == 1)
        row_free(&rs->r[i]);
    rs->state[i] = 2;
}

/* The height of the table's rows from `from` to its end, counted until it
 * reaches `room`. */
static double rest_height(Rows *rs, size_t from, double room)
{
    double h = 0;
    for (size_t j = from; j < rs->t->n_rows && h < room; j++)
        h += row_get(rs, j)->height;
    return h;
}

/* The height that must fit on the page before row i of a table starts
 * there.  The header never stands alone: it goes with the first `keep`
 * rows; nor does a group title: it goes with the rows up to a body row;
 * and at `last_keep`, the last `keep` body rows (and the totals after them)
 * go together, so that no fewer than `keep` start the next page (and a
 * group title just before them goes with them).  The first row's need is held to half a page (unless it is taller itself),
 * and a heading above the table asks for the same (table_head_height):
 * a heading whose table moves on never stays behind. */
static double row_need(Rows *rs, size_t i, int is_first, double hdr_h, size_t keep,
                       int last_keep)
{
    const DocTable *t = rs->t;
    Engine *e = rs->e;
    double h = row_get(rs, i)->height;
    double room = page_body(e) - hdr_h, ahead = 0;
    size_t j = i + 1, body = t->rows[i].kind == ROW_BODY;
    if (is_first)
        while (j < t->n_rows && body < keep && ahead < room) {
            body += t->rows[j].kind == ROW_BODY;
            ahead += row_get(rs, j++)->height;
        }
    if (t->rows[i].kind == ROW_GROUP) {
        for (j = i + 1, ahead = 0; j < t->n_rows && ahead < room; j++) {
            ahead += row_get(rs, j)->height;
            if (t->rows[j].kind != ROW_GROUP)
                break;
        }
        /* When the body rows after the title are the table's last `keep`,
         * the first of them takes the rest of the table with it (the
         * closing rule below): the title goes with all of it, or it would
         * be left alone at the foot of the page (the progress report's
         * last goal of an issue did so). */
        size_t n_body = 0, after = 0;
        for (j = 0; j < t->n_rows; j++)
            if (t->rows[j].kind == ROW_BODY) {
                n_body++;
                after += j > i;
            }
        if (keep && after == keep && n_body >= 2 * keep) {
            double tail = rest_height(rs, i + 1, room);
            if (tail > ahead)
                ahead = tail;
        }
    }
    if (last_keep && t->rows[i].kind == ROW_BODY && !is_first) {
        double tail = rest_height(rs, i + 1, room);
        if (tail > ahead)
            ahead = tail;
    }
    double need = h + (ahead < room - h ? ahead : (room - h > 0 ? room - h : 0));
    if (is_first) {
        need += hdr_h;
        double cap = page_body(e) * 0.5;
        if (need > cap)
            need = hdr_h + h > cap ? hdr_h + h : cap;
    }
    return need;
}

/* Paints table t (already fitted: its size and column boundaries colx),
 * row by row, breaking pages between rows: the header rows repeat on each
 * page (unless they take more than half of one); a group title keeps with
 * the rows after it up to the next body row; at least `keep` body rows
 * (template table.keep_rows) open the table and close it on a page of
 * their own. */
/* The header rows of t and their height, or none when they take more than
 * half a page (then they are painted once, as rows). */
static size_t header_rows(Rows *rs, double *hdr_h)
{
    size_t n = 0;
    *hdr_h = 0;
    while (n < rs->t->n_rows && rs->t->rows[n].kind == ROW_HEADER)
        *hdr_h += row_get(rs, n++)->height;
    if (*hdr_h > page_body(rs->e) * 0.5) {
        *hdr_h = 0;
        return 0;
    }
    return n;
}

/* The height a heading needs below it when a table follows (block
 * `index`): what the table's first row needs (row_need), so that the
 * heading and the table start on the same page. */
static double table_head_height(Engine *e, size_t index)
{
    TableFit *f = fit_of(e, index);
    if (!f->n_groups)
        return 0;
    if (f->head_ready) /* the same in both passes */
        return f->head_need;
    const DocTable *t = table_at(e, index);
    DocTable tt = *t;
    tt.size = f->size;
    DocTable *s = f->n_groups > 1 ? sub_table(t, f, 0) : &tt;
    double *colx = columns_x(e, f->groups[0].w, f->groups[0].n);
    CacheMode mode = e->cache.mode;
    e->cache.mode = CACHE_OFF; /* a look ahead: not in the painting order */
    Rows rs = {e, s, colx, calloc(s->n_rows + 1, sizeof(RowTexts)), calloc(s->n_rows + 1, 1)};
    double hdr_h, need = 0;
    size_t first = header_rows(&rs, &hdr_h);
    size_t keep = e->t->table_keep_rows >= 1 ? (size_t)e->t->table_keep_rows : 0;
    if (first < s->n_rows)
        need = row_need(&rs, first, 1, hdr_h, keep, 0);
    else
        need = hdr_h;
    for (size_t i = 0; i < s->n_rows; i++)
        row_done(&rs, i);
    free(rs.r);
    free(rs.state);
    e->cache.mode = mode;
    free(colx);
    if (s != &tt)
        sub_free(s);
    f->head_ready = 1;
    f->head_need = need;
    return need;
}

static void table_paint(Engine *e, const DocTable *t, const double *colx)
{
    double left = e->t->margin_left, width = colx[t->n_cols] - colx[0];
    size_t keep = e->t->table_keep_rows >= 1 ? (size_t)e->t->table_keep_rows : 0;

    /* Header rows are laid out once and repainted on every page. */
    size_t n_hdr = 0;
    while (n_hdr < t->n_rows && t->rows[n_hdr].kind == ROW_HEADER)
        n_hdr++;
    RowTexts *hdr = calloc(n_hdr + 1, sizeof *hdr);
    double hdr_h = 0;
    for (size_t i = 0; i < n_hdr; i++) {
        row_make(e, t, &t->rows[i], colx, &hdr[i]);
        hdr_h += hdr[i].height;
    }
    if (hdr_h > page_body(e) * 0.5) { /* painted once, as rows */
        for (size_t i = 0; i < n_hdr; i++)
            row_free(&hdr[i]);
        n_hdr = 0;
        hdr_h = 0;
    }
    size_t first_body = n_hdr, n_body = 0;
    for (size_t i = n_hdr; i < t->n_rows; i++)
        n_body += t->rows[i].kind == ROW_BODY;
    size_t body_after = n_body; /* body rows from row i on */
    Rows rs = {e, t, colx, calloc(t->n_rows + 1, sizeof(RowTexts)),
               calloc(t->n_rows + 1, 1)};
    for (size_t i = n_hdr; i < t->n_rows && !e->failed; i++) {
        RowTexts r = *row_get(&rs, i);
        int is_first = i == first_body;
        double room = page_body(e) - hdr_h;
        double need = row_need(&rs, i, is_first, hdr_h, keep,
                               keep && body_after == keep && n_body >= 2 * keep);
        body_after -= t->rows[i].kind == ROW_BODY;
        /* A row taller than a page is split from where it stands, unless
         * too little of the page is left to start it. */
        int splits_anyway = r.height > room && bottom(e) - e->y > 3 * e->body_line;
        if (e->y + need > bottom(e) && !e->at_top && !splits_anyway) {
            page_new(e);
            if (!is_first)
                headers_paint(e, t, hdr, n_hdr, left, width);
        }
        if (is_first)
            headers_paint(e, t, hdr, n_hdr, left, width);
        if (e->y + r.height > bottom(e))
            row_split(e, t, &t->rows[i], &r, hdr, n_hdr, left, width);
        else
            row_paint(e, &t->rows[i], t->rows[i].kind, &r, left, width);
        row_done(&rs, i);
    }
    for (size_t i = 0; i < t->n_rows; i++)
        row_done(&rs, i);
    free(rs.r);
    free(rs.state);
    if (first_body == t->n_rows) /* a table of headers only */
        headers_paint(e, t, hdr, n_hdr, left, width);
    for (size_t i = 0; i < n_hdr; i++)
        row_free(&hdr[i]);
    free(hdr);
}

static void do_table(Engine *e, size_t index)
{
    ensure_page(e);
    TableFit *f = fit_of(e, index);
    const DocTable *t = table_at(e, index);
    for (size_t g = 0; g < f->n_groups && !e->failed; g++) {
        if (!e->at_top)
            e->y += e->body_line * e->t->table_space;
        DocTable tt = *t;
        tt.size = f->size;
        DocTable *s = f->n_groups > 1 ? sub_table(t, f, g) : &tt;
        double *colx = columns_x(e, f->groups[g].w, f->groups[g].n);
        table_paint(e, s, colx);
        free(colx);
        if (s != &tt)
            sub_free(s);
        e->y += e->t->para_space;
    }
    e->y += e->body_line * e->t->table_space;
}

/* --- table of contents --------------------------------------------------- */

/* --- figures ------------------------------------------------------------- */

struct DocCanvas {
    Engine *e;
};

cairo_t *canvas_cairo(DocCanvas *cv)
{
    return cv->e->cr;
}

void canvas_text(DocCanvas *cv, double x, double y, double size, TextAlign align,
                 const char *markup)
{
    Engine *e = cv->e;
    Text tx;
    double sz = size > 0 ? size : e->t->table_size;
    /* one line, as wide as it needs: a label never wraps */
    if (text_make(e, &tx, markup, sz, 0, 10000, TA_LEFT, 0) < 0)
        return;
    if (tx.n > 0) {
        double w = tx.lines[0].width;
        double left = align == TA_CENTER ? x - w / 2 : align == TA_RIGHT ? x - w : x;
        tx.width = w + 1;
        lines_paint(e, &tx, 0, 1, left - tx.lines[0].x, y - tx.lines[0].baseline);
    }
    text_free(&tx);
}

/* A figure moves whole to the next page when it does not fit. */
static void do_figure(Engine *e, const DocBlock *b)
{
    ensure_page(e);
    if (!e->at_top && e->y + b->height > bottom(e))
        page_new(e);
    if (e->cr && b->draw) {
        DocCanvas cv = {e};
        cairo_save(e->cr);
        b->draw(b->data, &cv, e->t->margin_left, e->y, text_width(e), b->height);
        cairo_restore(e->cr);
        e->lone = 0;
    }
    e->y += b->height;
    e->at_top = 0;
}

/* A cell's status mark (doc.h, CellMark), left of its first line: a disc
 * three-fifths of the size of the text across, on the middle of the
 * x-height. */
static void mark_paint(Engine *e, const DocCell *cell, const Text *tx, double x, double y,
                       double size)
{
    if (!e->cr || !cell || cell->mark == MARK_NONE || tx->n == 0)
        return;
    double r = size * 0.3;
    double cx = x + r + size * 0.1, cy = y + tx->lines[0].baseline - tx->lines[0].top - size * 0.3;
    double red = ((cell->mark_rgb >> 16) & 255) / 255.0, green = ((cell->mark_rgb >> 8) & 255) / 255.0,
           blue = (cell->mark_rgb & 255) / 255.0;
    cairo_t *cr = e->cr;
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_set_source_rgb(cr, red, green, blue);
    if (cell->mark == MARK_FULL) {
        cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
        cairo_fill(cr);
    } else if (cell->mark == MARK_HALF) {
        cairo_arc(cr, cx, cy, r, M_PI / 2, 3 * M_PI / 2);
        cairo_close_path(cr);
        cairo_fill(cr);
    }
    cairo_set_line_width(cr, size * 0.06);
    cairo_arc(cr, cx, cy, r - size * 0.03, 0, 2 * M_PI);
    cairo_stroke(cr);
    cairo_restore(cr);
}

static void do_toc(Engine *e)
{
    ensure_page(e);
    double numw = e->t->body_size * e->t->toc_number_width;
    double left = e->t->margin_left, width = text_width(e);
    for (size_t i = 0; i < e->doc->n_blocks; i++) {
        const DocBlock *h = &e->doc->blocks[i];
        if (h->kind != DB_HEADING || !h->in_toc || h->level > 1)
            continue;
        double indent = h->level * e->t->body_size * e->t->toc_indent;
        Text tx, num;
        char nb[32];
        if (e->heading_page[i] < 0)
            thai_page_letter(nb, sizeof nb, -e->heading_page[i]);
        else
            thai_int(nb, sizeof nb, e->heading_page[i], e->t->numerals_page);
        const char *m = h->bookmark ? h->bookmark : "";
        char *esc = g_markup_escape_text(m, -1);
        int bad = text_make(e, &tx, esc, e->t->body_size, h->level == 0, width - indent - numw,
                            TA_LEFT, 0);
        g_free(esc);
        if (bad < 0)
            continue;
        text_make(e, &num, nb, e->t->body_size, h->level == 0, numw, TA_RIGHT, 0);
        double hgt = lines_height(&tx, 0, tx.n);
        if (e->y + hgt > bottom(e) && !e->at_top)
            page_new(e);
        if (e->y + hgt > bottom(e)) { /* an entry is not split: it must fit a page */
            too_tall(e, &tx, 0, hgt);
            text_free(&tx);
            text_free(&num);
            return;
        }
        if (h->level == 0 && !e->at_top)
            e->y += e->body_line * e->t->toc_chapter_space;
        /* the whole entry links to its heading */
        if (e->cr && h->anchor) {
            char *attrs = g_strdup_printf("dest='%s'", h->anchor);
            cairo_tag_begin(e->cr, CAIRO_TAG_LINK, attrs);
            g_free(attrs);
        }
        lines_paint(e, &tx, 0, tx.n, left + indent, e->y);
        LineBox *last = &tx.lines[tx.n - 1];
        double base = e->y + last->baseline - tx.lines[0].top;
        lines_paint(e, &num, 0, num.n, left + width - numw, e->y + lines_height(&tx, 0, tx.n - 1));
        if (e->cr) { /* dotted leader from the text to the number */
            double x0 = left + indent + last->x + last->width + e->t->toc_leader_space;
            double x1 = left + width - num.lines[0].width - e->t->toc_leader_space;
            if (x1 > x0) {
                cairo_save(e->cr);
                cairo_set_source_rgb(e->cr, 0, 0, 0);
                cairo_set_line_width(e->cr, e->t->toc_leader_rule);
                double dash[] = {e->t->toc_leader_dot, e->t->toc_leader_gap};
                cairo_set_dash(e->cr, dash, 2, 0);
                cairo_set_line_cap(e->cr, CAIRO_LINE_CAP_ROUND);
                cairo_move_to(e->cr, x0, base);
                cairo_line_to(e->cr, x1, base);
                cairo_stroke(e->cr);
                cairo_restore(e->cr);
            }
        }
        if (e->cr && h->anchor)
            cairo_tag_end(e->cr, CAIRO_TAG_LINK);
        e->y += hgt;
        e->at_top = 0;
        text_free(&tx);
        text_free(&num);
    }
}

/* --- images -------------------------------------------------------------- */

/* A picture centred in the text width, at the block's width; moved to the
 * next page when it does not fit below what is there. */
static void do_image(Engine *e, const DocBlock *b)
{
    ensure_page(e);
    if (b->image_px_w < 1 || b->image_px_h < 1 || b->image_w <= 0)
        return;
    double w = b->image_w, h = w * b->image_px_h / b->image_px_w;
    if (e->y + h > bottom(e) && !e->at_top)
        page_new(e);
    double x = e->t->margin_left + (text_width(e) - w) / 2;
    if (e->cr) {
        cairo_surface_t *img = image_png_surface(b->image, b->image_len);
        if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS) {
            cairo_save(e->cr);
            cairo_translate(e->cr, x, e->y);
            cairo_scale(e->cr, w / b->image_px_w, h / b->image_px_h);
            cairo_set_source_surface(e->cr, img, 0, 0);
            cairo_paint(e->cr);
            cairo_restore(e->cr);
            e->lone = 0;
        }
        cairo_surface_destroy(img);
        if (e->sink->box)
            e->sink->box(e->sink->ctx, x, e->y, w, h);
    }
    e->y += h;
    e->at_top = 0;
}

/* --- driver -------------------------------------------------------------- */

/* Blocks [from, to) from where the engine stands. */
static void run_blocks(Engine *e, size_t from, size_t to)
{
    for (size_t i = from; i < to && !e->failed; i++) {
        const DocBlock *b = &e->doc->blocks[i];
        switch (b->kind) {
        case DB_HEADING: do_heading(e, b, i); break;
        case DB_PARA: do_para(e, b); break;
        case DB_TABLE: do_table(e, i); break;
        case DB_TOC: do_toc(e); break;
        case DB_VSPACE:
            ensure_page(e);
            e->y += b->space;
            e->at_top = 0; /* the page is no longer empty: lines may move on */
            break;
        case DB_PAGEBREAK:
            if (e->page < 0 || !e->at_top || e->landscape != b->landscape) {
                e->landscape = b->landscape;
                page_new(e);
            }
            break;
        case DB_IMAGE: do_image(e, b); break;
        case DB_BODY_START:
            e->body_start = e->page + 1;
            e->landscape = b->landscape;
            page_new(e);
            break;
        case DB_FIGURE: do_figure(e, b); break;
        }
    }
}

static void run_pass(Engine *e)
{
    e->page = -1;
    e->landscape = 0;
    e->body_start = -1;
    e->cr = NULL;
    run_blocks(e, 0, e->doc->n_blocks);
    ensure_page(e);
    page_close(e);
}

/* Frees what the engine made for itself (its layouts and measures). */
static void engine_free(Engine *e)
{
    cache_free(&e->cache);
    pool_free(&e->pool);
    for (size_t i = 0; i < e->doc->n_blocks; i++)
        fit_free(&e->fits[i]);
    free(e->fits);
    e->fits = NULL;
    for (size_t i = 0; i < e->labels.n; i++) {
        e->labels.texts[i].shared = 0;
        text_free(&e->labels.texts[i]);
    }
    free(e->labels.texts);
    if (e->head_widths)
        g_hash_table_destroy(e->head_widths);
    e->head_widths = NULL;
    if (e->token_widths)
        g_hash_table_destroy(e->token_widths);
    e->token_widths = NULL;
    free(e->labels.markup);
    free(e->labels.bold);
    free(e->labels.size);
    memset(&e->labels, 0, sizeof e->labels);
    free(e->heading_page);
    e->heading_page = NULL;
    for (size_t i = 0; e->rows_kept && i < e->doc->n_blocks; i++)
        doc_free(e->rows_kept[i]);
    free(e->rows_kept);
    e->rows_kept = NULL;
    doc_free(e->rows_one);
    e->rows_one = NULL;
}

/* --- the first pass on two threads --------------------------------------- */

/* A long document with contents is measured twice (layout.h): the first
 * pass finds the heading pages, the second paints, on one cairo surface,
 * in order.  The first pass can be cut where a chapter opens its own page
 * (a level-0 heading in the body): from there the pages break the same
 * whatever came before, so a second thread measures the rest of the body
 * with its own fonts (fonts_sibling: one font map per thread) while this
 * one measures up to the cut, and its page numbers are shifted after.
 * Only numbers come back (heading pages, table fits): the second pass
 * lays out and paints everything on this thread, so the output is the
 * same for any number of threads.  When the helper has anything to say
 * (a diagnostic) its work is dropped and the rest measured here, so that
 * messages come as they would on one thread. */
static int layout_threads = 1;

void layout_set_threads(int n)
{
    layout_threads = n;
}

/* A document smaller than this (bytes of markup) is measured on one
 * thread: starting fonts for another costs more than it saves. */
#define SPLIT_MIN_BYTES ((size_t)256 << 10)

/* The bytes of markup of block `index` (a table made on demand is made). */
static size_t block_bytes(Engine *e, size_t index)
{
    const DocBlock *b = &e->doc->blocks[index];
    size_t n = b->markup ? strlen(b->markup) : 0;
    const DocTable *t = b->kind == DB_TABLE && b->table ? table_at(e, index) : NULL;
    for (size_t r = 0; t && r < t->n_rows; r++)
        for (size_t c = 0; c < t->rows[r].n_cells; c++)
            if (t->rows[r].cells[c].markup)
                n += strlen(t->rows[r].cells[c].markup);
    return n;
}

/* Where to cut the first pass: the level-0 heading of the body nearest
 * after half of the document's text (bytes: block_bytes of each block);
 * 0 for none. */
static size_t split_point(const Doc *doc, const size_t *bytes)
{
    size_t total = 0, body = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        total += bytes[i];
        if (doc->blocks[i].kind == DB_BODY_START)
            body = i;
        if (doc->blocks[i].kind == DB_TOC)
            body = 0; /* contents after the body start: leave it whole */
    }
    if (layout_threads < 2 || body == 0 || total < SPLIT_MIN_BYTES)
        return 0;
    size_t cum = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const DocBlock *b = &doc->blocks[i];
        if (i > body && cum >= total / 2 && b->kind == DB_HEADING && b->level == 0)
            return i;
        cum += bytes[i];
    }
    return 0;
}

typedef struct Helper {
    Engine e;
    FontSet *parent;
    size_t from;
    char *msgs;
    size_t msgs_len;
    Diag d;
} Helper;

static void *helper_main(void *arg)
{
    Helper *h = arg;
    Engine *e = &h->e;
    FILE *f = open_memstream(&h->msgs, &h->msgs_len);
    e->fs = f ? fonts_sibling(h->parent) : NULL;
    if (!e->fs) {
        e->failed = 1;
        if (f)
            fclose(f);
        return NULL;
    }
    diag_init(&h->d, f, 0);
    e->d = &h->d;
    run_blocks(e, h->from, e->doc->n_blocks);
    ensure_page(e);
    /* Its layouts go with its fonts, on this thread. */
    cache_free(&e->cache);
    pool_free(&e->pool);
    for (size_t i = 0; i < e->labels.n; i++) {
        e->labels.texts[i].shared = 0;
        text_free(&e->labels.texts[i]);
    }
    e->labels.n = 0;
    fonts_close(e->fs);
    e->fs = NULL;
    fclose(f);
    return NULL;
}

/* The first pass, on two threads when the document is long (see above). */
static void first_pass(Engine *e, const size_t *bytes)
{
    size_t split = split_point(e->doc, bytes);
    Helper *h = split ? calloc(1, sizeof *h) : NULL;
    pthread_t th;
    if (h) {
        Engine *he = &h->e;
        he->doc = e->doc;
        he->t = e->t;
        he->sink = e->sink;
        he->body_line = e->body_line;
        he->has_body_start = 1;
        he->body_start = 0; /* heading pages counted from its first page */
        he->page = -1;
        he->pw = e->t->page_w;
        he->ph = e->t->page_h;
        for (size_t i = 0; i < split; i++) /* the orientation at the cut */
            if (e->doc->blocks[i].kind == DB_PAGEBREAK ||
                e->doc->blocks[i].kind == DB_BODY_START)
                he->landscape = e->doc->blocks[i].landscape;
        he->heading_page = calloc(e->doc->n_blocks + 1, sizeof *he->heading_page);
        he->fits = calloc(e->doc->n_blocks + 1, sizeof *he->fits);
        h->parent = e->fs;
        h->from = split;
        if (!he->heading_page || !he->fits || pthread_create(&th, NULL, helper_main, h) != 0) {
            engine_free(he);
            free(h);
            h = NULL;
        }
    }
    e->page = -1;
    e->landscape = 0;
    e->body_start = -1;
    e->cr = NULL;
    run_blocks(e, 0, h ? split : e->doc->n_blocks);
    if (h) {
        pthread_join(th, NULL);
        Engine *he = &h->e;
        if (!e->failed && !he->failed && h->msgs_len == 0) {
            /* the cut's heading opens page `first` here (do_heading) */
            int first = e->at_top ? e->page : e->page + 1;
            for (size_t i = split; i < e->doc->n_blocks; i++) {
                if (e->doc->blocks[i].kind == DB_HEADING)
                    e->heading_page[i] = he->heading_page[i] + first - e->body_start;
                e->fits[i] = he->fits[i];
                memset(&he->fits[i], 0, sizeof he->fits[i]);
            }
            e->page = first + he->page;
            e->split = split;
            e->landscape = he->landscape;
            e->at_top = he->at_top;
            e->y = he->y;
        } else {
            run_blocks(e, split, e->doc->n_blocks); /* as on one thread */
        }
        engine_free(he);
        free(h->msgs);
        free(h);
    }
    ensure_page(e);
    page_close(e);
}

/* The height of one body line, for spacing and keep-with-next decisions. */
static double measure_body_line(Engine *e)
{
    Text tx;
    double h = e->t->body_size * 1.5;
    if (text_make(e, &tx, "ก", e->t->body_size, 0, 1000, TA_LEFT, 0) == 0 && tx.n > 0)
        h = tx.lines[0].height;
    text_free(&tx);
    return h;
}

int layout_run(const Doc *doc, const Template *t, FontSet *fs,
               const LayoutSink *sink, Diag *d, LayoutStats *stats)
{
    Engine e = {.doc = doc, .t = t, .fs = fs, .sink = sink, .d = d};
    e.heading_page = calloc(doc->n_blocks + 1, sizeof *e.heading_page);
    e.fits = calloc(doc->n_blocks + 1, sizeof *e.fits);
    e.pw = t->page_w;
    e.ph = t->page_h;
    int has_toc = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        has_toc |= doc->blocks[i].kind == DB_TOC;
        e.has_body_start |= doc->blocks[i].kind == DB_BODY_START;
    }
    e.body_line = measure_body_line(&e);
    /* The page must hold a line of body text: otherwise nothing could be
     * placed, and the pages would never end. */
    double tw = t->page_w - t->margin_left - t->margin_right;
    double th = t->page_h - t->margin_top - t->margin_bottom;
    double lw = t->page_h - t->margin_left - t->margin_right; /* landscape */
    double lh = t->page_w - t->margin_top - t->margin_bottom;
    if (!e.failed && (tw < 2 * t->body_size || th < e.body_line || lw < 2 * t->body_size ||
                      lh < e.body_line)) {
        diag_error(d, t->path, 0,
                   "the page leaves no room for a line of text: a %.0f x %.0f pt page with "
                   "margins %.0f, %.0f, %.0f, %.0f pt, lines %.0f pt high",
                   t->page_w, t->page_h, t->margin_top, t->margin_right, t->margin_bottom,
                   t->margin_left, e.body_line);
        e.failed = 1;
    }
    int passes = 0;
    if (has_toc && !e.failed) {
        /* The cache holds CACHE_BYTES of text whatever the document's size;
         * when that is a small part of it (a 10,000-project action plan:
         * 7 %), it saves little time for 30 MB: not kept. */
        size_t text = 0, *bytes = calloc(doc->n_blocks + 1, sizeof *bytes);
        for (size_t i = 0; i < doc->n_blocks && bytes; i++)
            text += bytes[i] = block_bytes(&e, i);
        e.cache.max = text <= 8 * CACHE_BYTES ? CACHE_BYTES : 0;
        if (e.cache.max)
            e.rows_kept = calloc(doc->n_blocks + 1, sizeof *e.rows_kept);
        e.painting = 0;
        e.cache.mode = CACHE_RECORD;
        if (!bytes || (e.cache.max && !e.rows_kept)) {
            fputs("phaen: out of memory\n", stderr);
            abort();
        }
        first_pass(&e, bytes);
        free(bytes);
        passes++;
        e.cache.mode = CACHE_REPLAY;
    }
    if (!e.failed) {
        e.painting = 1;
        run_pass(&e);
        passes++;
    }
    engine_free(&e);
    if (stats) {
        stats->pages = e.page + 1;
        stats->passes = passes;
        stats->overflows = e.overflows;
        stats->broken_numbers = e.broken_numbers;
        stats->lone_headings = e.lone_headings;
        stats->justified = e.justified;
        stats->letter_spaced = e.letter_spaced;
        stats->split = (int)e.split;
    }
    return e.failed ? -1 : 0;
}

int layout_dump_para(FontSet *fs, const Template *t, const char *markup, double width,
                     TextAlign align, FILE *out, Diag *d)
{
    Engine e = {.t = t, .fs = fs, .d = d, .total_fit = 1};
    Text tx;
    if (text_make(&e, &tx, markup, t->body_size, 0, width, align, 0) < 0 || e.failed) {
        text_free(&tx);
        return -1;
    }
    const char *text = pango_layout_get_text(tx.layout);
    for (int i = 0; i < tx.n; i++) {
        PangoLayoutLine *line = tx.lines[i].line;
        int set = tx.justify && i < tx.n - 1 && !justify_ends_paragraph(line);
        if (set)
            justify_line_as(line, tx.width - tx.lines[i].x, t, NULL);
        /* the painted width: the sum of the advances, as justified */
        double w = 0;
        for (GSList *r = line->runs; r; r = r->next) {
            PangoGlyphItem *run = r->data;
            for (int g = 0; g < run->glyphs->num_glyphs; g++)
                w += run->glyphs->glyphs[g].geometry.width / (double)PANGO_SCALE;
        }
        if (!set)
            w = justify_visible_width(line);
        fprintf(out, "%.2f\t%.*s\n", w, line->length, text + line->start_index);
    }
    int n = tx.n;
    text_free(&tx);
    return n;
}
