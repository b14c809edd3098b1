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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "breaks.h"
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
} TextCache;

/* A cached layout costs about 30 bytes of memory per byte of its text
 * (measured: the 1,000-project action plan, 17,426 cells, 1.36 MB of text,
 * 43 MB of layouts).  The cache holds 1 MiB of text (about 32 MB), or a
 * quarter of the document's text when that is more; the rest is laid out
 * again in the second pass.  So a plan of 1,000 projects stays under 64 MB,
 * memory grows no faster than the document, and the time per page of a
 * large document stays within about 1.4 times that of a small one. */
#define CACHE_MIN_BYTES ((size_t)1 << 20)

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
    Text *label;           /* a paragraph's label, painted with its first line */
    LabelCache labels;
    int justified, letter_spaced; /* lines painted justified, and of them with
                                   * more than 0.2 pt between clusters */
    double label_x;
    int total_fit;         /* texts made now are paragraphs: breaks chosen
                            * together (linebreak.h); table cells keep first
                            * fit, which readers' table heuristics expect */
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

static void cache_free(TextCache *c)
{
    for (size_t i = c->next; i < c->n; i++) {
        c->items[i].shared = 0;
        text_free(&c->items[i]);
    }
    free(c->items);
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
    int rc = text_make(e, tx, markup, size, bold, width, align, indent);
    tx->markup = markup;
    if (rc == 0 && c->mode == CACHE_RECORD && c->bytes < c->max) {
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

/* Paints lines [from, to) with the first one's top at (x, y). */
static void lines_paint(Engine *e, Text *tx, int from, int to, double x, double y)
{
    if (!e->cr)
        return;
    for (int i = from; i < to; i++) {
        LineBox *lb = &tx->lines[i];
        double lx = x + lb->x;
        if (tx->justify && i < tx->n - 1) {
            /* Justify from the line's own start (it carries the indent). */
            double gap;
            justify_line_with(lb->line, tx->width - lb->x, e->t->space_stretch, &gap);
            e->justified++;
            e->letter_spaced += gap > 0.2;
        }
        cairo_move_to(e->cr, lx, y + lb->baseline - tx->lines[from].top);
        textlayer_show_line(e->cr, lb->line);
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
        static const char *const letters[] = {"ก", "ข", "ค", "ง", "จ", "ฉ", "ช", "ซ", "ฌ", "ญ"};
        if (index == 0)
            return NULL;
        snprintf(buf, size, "%s", letters[(index - 1) % 10]);
        return buf;
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
    if (text_make(e, &tx, markup, e->t->body_size, 0, text_width(e), TA_CENTER, 0) == 0)
        lines_paint(e, &tx, 0, tx.n, e->t->margin_left, e->t->header_y);
    text_free(&tx);
    g_free(markup);
}

static void page_close(Engine *e)
{
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
    if (show)
        paint_page_number(e, label);
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
        if (i == 0 && k == 1 && rest > 1)
            k = 0;                         /* orphan */
        else if (rest - k == 1 && k >= 2)
            k--;                           /* widow */
        if (k == 0 && e->at_top)
            k = 1;                         /* a line taller than a page */
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
    if (b->keep_with_next && e->y + lines_height(&tx, 0, tx.n) + 2 * e->body_line > bottom(e) &&
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

static double table_head_height(Engine *e, const DocTable *t);

static void do_heading(Engine *e, const DocBlock *b, size_t index)
{
    ensure_page(e);
    if (b->level == 0 && !e->at_top)
        page_new(e);
    if (!e->at_top)
        e->y += b->space > 0 ? b->space : e->body_line * 0.5;
    Text tx, lab = {0};
    double w = text_width(e) - b->indent, col = 0;
    if (b->label && para_label(e, b, &lab, &col) < 0)
        return;
    if (text_make_cached(e, &tx, b->markup, block_size(e, b), b->bold, w - col, b->align,
                         b->first_indent) < 0) {
        text_free(&lab);
        return;
    }
    /* A heading never stands alone at the foot of a page: room for two
     * lines after it, or for a table's header and first row (about five). */
    const DocBlock *next = index + 1 < e->doc->n_blocks ? &e->doc->blocks[index + 1] : NULL;
    double need = lines_height(&tx, 0, tx.n) +
                  (next && next->kind == DB_TABLE ? table_head_height(e, next->table)
                                                  : 2.2 * e->body_line);
    if (e->y + need > bottom(e) && !e->at_top)
        page_new(e);
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
    e->y += e->body_line * (b->level == 0 ? 0.6 : 0.25);
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
    double g = kind == ROW_HEADER ? 0.86 : kind == ROW_TOTAL ? 0.88
             : kind == ROW_GROUP ? 0.93 : kind == ROW_SUBTOTAL ? 0.95 : 1.0;
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
    cairo_set_line_width(e->cr, 0.5);
    cairo_set_source_rgb(e->cr, 0, 0, 0);
    for (size_t i = 0; i < r->n; i++)
        cairo_rectangle(e->cr, r->x[i], y, r->w[i], h);
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
        cell_paint(e, row && i < row->n_cells ? &row->cells[i] : NULL, &r->cells[i],
                   r->x[i] + pad, e->y + pad);
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

/* A row taller than a page: its cells continue line by line on the next
 * pages, under the repeated header. */
static void row_split(Engine *e, const DocTable *t, const DocRow *row, RowTexts *r,
                      RowTexts *hdr, size_t n_hdr, double left, double width)
{
    double pad = e->t->cell_pad;
    int *next = calloc(r->n, sizeof *next);
    for (;;) {
        double avail = bottom(e) - e->y - 2 * pad;
        double seg = 0;
        int done = 1;
        int *k = calloc(r->n, sizeof *k);
        for (size_t i = 0; i < r->n; i++) {
            Text *tx = &r->cells[i];
            k[i] = lines_fitting(tx, next[i], avail);
            if (k[i] == 0 && next[i] < tx->n && e->at_top)
                k[i] = 1;
            double h = lines_height(tx, next[i], next[i] + k[i]);
            if (h > seg)
                seg = h;
            if (next[i] + k[i] < tx->n)
                done = 0;
        }
        row_shade(e, row->kind, left, e->y, width, seg + 2 * pad);
        for (size_t i = 0; i < r->n; i++) {
            cairo_t *tagged = cell_tag_begin(e, &r->cells[i], next[i], next[i] + k[i]);
            lines_paint(e, &r->cells[i], next[i], next[i] + k[i], r->x[i] + pad, e->y + pad);
            tag_end(tagged, "P");
            next[i] += k[i];
        }
        row_borders(e, r, e->y, seg + 2 * pad);
        e->y += seg + 2 * pad;
        e->at_top = 0;
        free(k);
        if (done)
            break;
        page_new(e);
        headers_paint(e, t, hdr, n_hdr, left, width);
    }
    free(next);
}

/* The x of each column boundary of t on the current page. */
static double *table_columns(Engine *e, const DocTable *t)
{
    double left = e->t->margin_left, width = text_width(e);
    double total = 0;
    for (size_t c = 0; c < t->n_cols; c++)
        total += t->widths[c];
    double *colx = calloc(t->n_cols + 1, sizeof *colx);
    colx[0] = left;
    for (size_t c = 0; c < t->n_cols; c++)
        colx[c + 1] = colx[c] + width * t->widths[c] / (total > 0 ? total : 1);
    colx[t->n_cols] = left + width;
    return colx;
}

/* The height a table needs before a page may end: its header, its first
 * row, and the row after that when the first is a group title. */
static double table_head_height(Engine *e, const DocTable *t)
{
    double *colx = table_columns(e, t), h = 0;
    size_t i = 0;
    while (i < t->n_rows && t->rows[i].kind == ROW_HEADER)
        i++;
    size_t end = i + 1 + (i < t->n_rows && t->rows[i].kind == ROW_GROUP);
    for (size_t k = 0; k < end && k < t->n_rows; k++) {
        RowTexts r;
        row_make(e, t, &t->rows[k], colx, &r);
        h += r.height;
        row_free(&r);
    }
    free(colx);
    double page = bottom(e) - e->t->margin_top;
    return h < page * 0.5 ? h : page * 0.5;
}

static void do_table(Engine *e, const DocBlock *b)
{
    const DocTable *t = b->table;
    ensure_page(e);
    if (!e->at_top)
        e->y += e->body_line * 0.25;
    double left = e->t->margin_left, width = text_width(e);
    double *colx = table_columns(e, t);

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
    size_t first_body = n_hdr;
    for (size_t i = n_hdr; i < t->n_rows; i++) {
        RowTexts r;
        row_make(e, t, &t->rows[i], colx, &r);
        int is_first = i == first_body;
        /* The header never stands alone: it goes with the first row; nor
         * does a group title: it goes with (about) a row of its group. */
        double need = r.height + (is_first ? hdr_h : 0);
        if (t->rows[i].kind == ROW_GROUP && i + 1 < t->n_rows) {
            RowTexts next;
            row_make(e, t, &t->rows[i + 1], colx, &next);
            double room = bottom(e) - e->t->margin_top - hdr_h - r.height;
            need += next.height < room ? next.height : room;
            row_free(&next);
        }
        if (e->y + need > bottom(e) && !e->at_top) {
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
        row_free(&r);
    }
    if (first_body == t->n_rows) /* a table of headers only */
        headers_paint(e, t, hdr, n_hdr, left, width);
    for (size_t i = 0; i < n_hdr; i++)
        row_free(&hdr[i]);
    free(hdr);
    free(colx);
    e->y += e->t->para_space + e->body_line * 0.25;
}

/* --- table of contents --------------------------------------------------- */

static void do_toc(Engine *e)
{
    ensure_page(e);
    double numw = e->t->body_size * 3;
    double left = e->t->margin_left, width = text_width(e);
    for (size_t i = 0; i < e->doc->n_blocks; i++) {
        const DocBlock *h = &e->doc->blocks[i];
        if (h->kind != DB_HEADING || !h->in_toc || h->level > 1)
            continue;
        double indent = h->level * e->t->body_size * 1.5;
        Text tx, num;
        char nb[32];
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
        if (h->level == 0 && !e->at_top)
            e->y += e->body_line * 0.3;
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
            double x0 = left + indent + last->x + last->width + 4;
            double x1 = left + width - num.lines[0].width - 4;
            if (x1 > x0) {
                cairo_save(e->cr);
                cairo_set_source_rgb(e->cr, 0, 0, 0);
                cairo_set_line_width(e->cr, 0.8);
                double dash[] = {0.8, 3.2};
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

/* --- driver -------------------------------------------------------------- */

static void run_pass(Engine *e)
{
    e->page = -1;
    e->landscape = 0;
    e->body_start = -1;
    e->cr = NULL;
    for (size_t i = 0; i < e->doc->n_blocks && !e->failed; i++) {
        const DocBlock *b = &e->doc->blocks[i];
        switch (b->kind) {
        case DB_HEADING: do_heading(e, b, i); break;
        case DB_PARA: do_para(e, b); break;
        case DB_TABLE: do_table(e, b); break;
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
        case DB_BODY_START:
            e->body_start = e->page + 1;
            e->landscape = b->landscape;
            page_new(e);
            break;
        }
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
    e.pw = t->page_w;
    e.ph = t->page_h;
    int has_toc = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        has_toc |= doc->blocks[i].kind == DB_TOC;
        e.has_body_start |= doc->blocks[i].kind == DB_BODY_START;
    }
    e.body_line = measure_body_line(&e);
    int passes = 0;
    if (has_toc && !e.failed) {
        size_t text = 0;
        for (size_t i = 0; i < doc->n_blocks; i++) {
            const DocBlock *b = &doc->blocks[i];
            text += b->markup ? strlen(b->markup) : 0;
            for (size_t r = 0; b->table && r < b->table->n_rows; r++)
                for (size_t k = 0; k < b->table->rows[r].n_cells; k++)
                    text += strlen(b->table->rows[r].cells[k].markup);
        }
        e.cache.max = text / 4 > CACHE_MIN_BYTES ? text / 4 : CACHE_MIN_BYTES;
        e.painting = 0;
        e.cache.mode = CACHE_RECORD;
        run_pass(&e);
        passes++;
        e.cache.mode = CACHE_REPLAY;
    }
    if (!e.failed) {
        e.painting = 1;
        run_pass(&e);
        passes++;
    }
    cache_free(&e.cache);
    for (size_t i = 0; i < e.labels.n; i++) {
        e.labels.texts[i].shared = 0;
        text_free(&e.labels.texts[i]);
    }
    free(e.labels.texts);
    free(e.labels.markup);
    free(e.labels.bold);
    free(e.labels.size);
    if (stats) {
        stats->pages = e.page + 1;
        stats->passes = passes;
        stats->justified = e.justified;
        stats->letter_spaced = e.letter_spaced;
    }
    free(e.heading_page);
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
        if (tx.justify && i < tx.n - 1)
            justify_line_with(line, tx.width - tx.lines[i].x, t->space_stretch, NULL);
        /* the painted width: the sum of the advances, as justified */
        double w = 0;
        for (GSList *r = line->runs; r; r = r->next) {
            PangoGlyphItem *run = r->data;
            for (int g = 0; g < run->glyphs->num_glyphs; g++)
                w += run->glyphs->glyphs[g].geometry.width / (double)PANGO_SCALE;
        }
        if (!tx.justify || i == tx.n - 1)
            w = justify_visible_width(line);
        fprintf(out, "%.2f\t%.*s\n", w, line->length, text + line->start_index);
    }
    int n = tx.n;
    text_free(&tx);
    return n;
}
