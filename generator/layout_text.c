/* layout_text.c - laid-out texts; see layout_text.h. */
#include "layout_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "breaks.h"
#include "justify.h"
#include "layout_int.h"
#include "linebreak.h"
#include "textlayer.h"
#include "xalloc.h"

/* Layouts by what they were made from: a table repeats the same cell text
 * (a strategy's title, an agency's abbreviation, a unit, a header) row
 * after row, and a look-ahead (follow_need, row_need) lays out what is
 * laid out again when it is placed.  Same markup, size, weight, width,
 * alignment and indent give the same layout, so the second asks share the
 * first's (a reference on its PangoLayout, a copy of its line boxes).
 * Justified texts are not shared: painting stretches their lines in place.
 * The least recently used go first once the pool holds POOL_BYTES of text,
 * or SHORT_POOL_BYTES of the short ones (SHORT_BYTES and less: amounts,
 * abbreviations, units), which have a list of their own: a long document's
 * prose pushed out the amounts that come back table after table (the
 * 1,000-project action plan made 1,592 of them again).  The bytes counted
 * are the text's and 32 for the parameters. */
typedef struct PoolKey {
    const char *markup;        /* the item's own copy; the caller's to look up */
    double size, width, indent;
    int bold;
    TextAlign align;
    guint hash;
} PoolKey;

typedef struct PoolItem {
    PoolKey key;               /* first: the table's key is the item */
    PangoLayout *layout;       /* one reference */
    LineBox *lines;
    int n;
    double width;
    size_t bytes;
    int is_short;              /* its list in the pool */
    struct PoolItem *prev, *next; /* most recently used first */
} PoolItem;

#define POOL_BYTES ((size_t)256 << 10)
#define SHORT_BYTES 48
#define SHORT_POOL_BYTES ((size_t)64 << 10)


void text_free(Text *tx)
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
void check_glyphs(Engine *e, PangoLayout *l)
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

int text_parse(const char *markup, PangoAttrList **attrs, char **plain, GError **err)
{
    /* Most cells are plain text (amounts, names, codes): the markup parser
     * cost as much as breaks_apply (1,000-project plans: 290 M
     * instructions for the layouts and the column widths).  Without a tag,
     * an entity or a carriage return (which it turns into a line feed) it
     * gives the text as it is. */
    if (!strpbrk(markup, "<>&\r") && g_utf8_validate(markup, -1, NULL)) {
        *attrs = pango_attr_list_new();
        *plain = g_strdup(markup);
        return 1;
    }
    return pango_parse_markup(markup, -1, 0, attrs, plain, NULL, err);
}

/* Thai letters no line may begin with: the following vowels ะ า ำ ๅ, ๆ
 * and ฯ; and the leading vowels เ แ โ ใ ไ, which no line may end with. */
static int thai_no_start(gunichar c)
{
    return c == 0x0E30 || c == 0x0E32 || c == 0x0E33 || c == 0x0E45 || c == 0x0E46 ||
           c == 0x0E2F;
}

static int thai_no_end(gunichar c)
{
    return c >= 0x0E40 && c <= 0x0E44;
}

/* Where l breaks a line between letters that must stay together: a word
 * too long for its box is broken between characters (PANGO_WRAP_WORD_CHAR),
 * and a grapheme boundary may fall before a following vowel ("ร้อยล" over
 * "ะ", a unit column of the master plan's indicator table).  Returns 1 and
 * the bytes [*from, *to) to keep together (the letter before with its
 * marks, and the vowel; or a leading vowel and the letter after it with its
 * marks: g_unichar_ismark, as justify.c's graphemes), or 0 when every break
 * is good. */
static int bad_thai_break(PangoLayout *l, int *from, int *to)
{
    const char *text = pango_layout_get_text(l);
    GSList *lines = pango_layout_get_lines_readonly(l);
    for (GSList *it = lines ? lines->next : NULL; it; it = it->next) {
        int at = ((PangoLayoutLine *)it->data)->start_index;
        if (at <= 0 || !text[at])
            continue;
        const char *here = text + at, *prev = g_utf8_prev_char(here);
        gunichar c = g_utf8_get_char(here), b = g_utf8_get_char(prev);
        if (thai_no_start(c) && (b < 0x0E01 || b > 0x0E5B))
            continue; /* after a space or a non-Thai letter: a line may */
        if (thai_no_start(c)) {
            while (prev > text && g_unichar_ismark(g_utf8_get_char(prev)))
                prev = g_utf8_prev_char(prev);
            *from = (int)(prev - text);
            *to = (int)(g_utf8_next_char(here) - text);
            return 1;
        }
        if (thai_no_end(b)) {
            const char *end = g_utf8_next_char(here);
            while (*end && g_unichar_ismark(g_utf8_get_char(end)))
                end = g_utf8_next_char(end);
            *from = (int)(prev - text);
            *to = (int)(end - text);
            return 1;
        }
    }
    return 0;
}

/* Lays out markup in a box `width` wide.  Returns 0, or -1 on bad markup. */
int text_make(Engine *e, Text *tx, const char *markup, double size, int bold,
                     double width, TextAlign align, double indent)
{
    memset(tx, 0, sizeof *tx);
    PangoAttrList *attrs = NULL;
    char *plain = NULL;
    GError *err = NULL;
    if (!text_parse(markup, &attrs, &plain, &err)) {
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
    /* (a right-aligned or centred line too long starts left of the box) */
    if (box.x < -PANGO_SCALE / 2 ||
        box.x + box.width > (int)(width * PANGO_SCALE) + PANGO_SCALE / 2) {
        pango_layout_set_attributes(l, attrs);
        used = attrs;
    }
    /* A justified paragraph's breaks are chosen together (linebreak.h). */
    if (total_fit)
        lb_fit_layout(l, used, width, indent, size > 0 ? size : e->t->body_size, e->t);
    /* A word broken between characters keeps a Thai vowel with its letter
     * (bad_thai_break); only such lines are laid out again, the rest of
     * phaen's text is as it was (a break rule is an attribute, and pango
     * shapes the text on each side of an attribute's end apart). */
    PangoAttrList *glued = NULL;
    int from, to;
    for (int round = 0; round < 16 && bad_thai_break(l, &from, &to); round++) {
        PangoAttrList *more = pango_attr_list_copy(glued ? glued : used);
        PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
        a->start_index = (guint)from;
        a->end_index = (guint)to;
        pango_attr_list_insert(more, a);
        pango_layout_set_attributes(l, more);
        if (total_fit)
            lb_fit_layout(l, more, width, indent, size > 0 ? size : e->t->body_size, e->t);
        if (glued)
            pango_attr_list_unref(glued);
        glued = more;
    }
    if (glued)
        pango_attr_list_unref(glued);
    pango_attr_list_unref(kept);
    pango_attr_list_unref(attrs);
    g_free(plain);
    check_glyphs(e, l);

    tx->layout = l;
    tx->width = width;
    tx->justify = align == TA_JUSTIFY && e->t->justify;
    tx->n = pango_layout_get_line_count(l);
    tx->lines = xcalloc((size_t)tx->n + 1, sizeof *tx->lines);
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
    int s = it->is_short;
    if (it->prev)
        it->prev->next = it->next;
    else
        p->head[s] = it->next;
    if (it->next)
        it->next->prev = it->prev;
    else
        p->tail[s] = it->prev;
    it->prev = it->next = NULL;
}

static void pool_front(TextPool *p, PoolItem *it)
{
    int s = it->is_short;
    it->next = p->head[s];
    if (p->head[s])
        p->head[s]->prev = it;
    p->head[s] = it;
    if (!p->tail[s])
        p->tail[s] = it;
}

static guint pool_hash(gconstpointer k)
{
    return ((const PoolKey *)k)->hash;
}

static gboolean pool_equal(gconstpointer a, gconstpointer b)
{
    const PoolKey *x = a, *y = b;
    return x->hash == y->hash && x->size == y->size && x->width == y->width &&
           x->indent == y->indent && x->bold == y->bold && x->align == y->align &&
           !strcmp(x->markup, y->markup);
}

static void pool_item_free(gpointer v)
{
    PoolItem *it = v;
    g_free((char *)it->key.markup);
    g_object_unref(it->layout);
    free(it->lines);
    free(it);
}

void pool_free(TextPool *p)
{
    if (p->items)
        g_hash_table_destroy(p->items); /* frees the items and their keys */
    memset(p, 0, sizeof *p);
}

/* A copy of it for a caller, who frees it with text_free. */
static void pool_give(const PoolItem *it, Text *tx)
{
    memset(tx, 0, sizeof *tx);
    tx->layout = g_object_ref(it->layout);
    tx->n = it->n;
    tx->width = it->width;
    tx->lines = xmalloc(((size_t)it->n + 1) * sizeof *tx->lines);
    memcpy(tx->lines, it->lines, (size_t)it->n * sizeof *tx->lines);
}

/* text_make through the pool (see TextPool). */
int text_pooled(Engine *e, Text *tx, const char *markup, double size, int bold,
                       double width, TextAlign align, double indent)
{
    if (align == TA_JUSTIFY && e->t->justify)
        return text_make(e, tx, markup, size, bold, width, align, indent);
    TextPool *p = &kept_of(e)->pool;
    if (!p->items)
        p->items = g_hash_table_new_full(pool_hash, pool_equal, NULL, pool_item_free);
    /* the key is looked up in place: no string is made for a hit */
    PoolKey key = {markup, size, width, indent, bold, align, g_str_hash(markup)};
    double nums[3] = {size, width, indent};
    const unsigned char *byte = (const unsigned char *)nums;
    for (size_t i = 0; i < sizeof nums; i++)
        key.hash = key.hash * 31 + byte[i];
    key.hash = key.hash * 31 + (guint)(bold * 8 + (int)align);
    PoolItem *it = g_hash_table_lookup(p->items, &key);
    if (it) {
        pool_unlink(p, it);
        pool_front(p, it);
        pool_give(it, tx);
        return 0;
    }
    int rc = text_make(e, tx, markup, size, bold, width, align, indent);
    if (rc != 0 || e->failed)
        return rc;
    it = xcalloc(1, sizeof *it);
    it->key = key;
    it->key.markup = g_strdup(markup);
    it->layout = g_object_ref(tx->layout);
    it->n = tx->n;
    it->width = tx->width;
    it->bytes = strlen(markup) + 32; /* and the parameters */
    it->is_short = it->bytes - 32 <= SHORT_BYTES;
    it->lines = xmalloc(((size_t)tx->n + 1) * sizeof *it->lines);
    memcpy(it->lines, tx->lines, (size_t)tx->n * sizeof *it->lines);
    g_hash_table_add(p->items, it);
    pool_front(p, it);
    int s = it->is_short;
    p->bytes[s] += it->bytes;
    while (p->bytes[s] > (s ? SHORT_POOL_BYTES : POOL_BYTES) && p->tail[s] && p->tail[s] != it) {
        PoolItem *old = p->tail[s];
        pool_unlink(p, old);
        p->bytes[s] -= old->bytes;
        g_hash_table_remove(p->items, old); /* frees old */
    }
    return 0;
}

void cache_free(TextCache *c)
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
int text_make_cached(Engine *e, Text *tx, const char *markup, double size, int bold,
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
            c->items = xrealloc(c->items, c->cap * sizeof *c->items);
        }
        tx->shared = 1;
        c->items[c->n++] = *tx;
    }
    return rc;
}

/* How many lines from `from` fit in `avail` points. */
int lines_fitting(const Text *tx, int from, double avail)
{
    int k = 0;
    while (from + k < tx->n && lines_height(tx, from, from + k + 1) <= avail + 0.01)
        k++;
    return k;
}

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

/* Whether line i of tx is justified when painted: every line of a
 * justified text but a paragraph's last, and a last line that linebreak.c
 * chose a little too long (it narrows to the measure; the layout was
 * widened for it). */
int line_is_set(const Text *tx, int i)
{
    PangoLayoutLine *line = tx->lines[i].line;
    if (!tx->justify)
        return 0;
    if (i < tx->n - 1 && !justify_ends_paragraph(line))
        return 1;
    return pango_layout_get_width(tx->layout) > (int)(tx->width * PANGO_SCALE) &&
           tx->lines[i].x + justify_visible_width(line) > tx->width + 0.05;
}

/* Paints lines [from, to) with the first one's top at (x, y). */
void lines_paint(Engine *e, Text *tx, int from, int to, double x, double y)
{
    if (!e->cr)
        return;
    for (int i = from; i < to; i++) {
        LineBox *lb = &tx->lines[i];
        double lx = x + lb->x;
        int set = line_is_set(tx, i);
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
