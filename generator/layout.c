/* layout.c - the page flow; see layout.h and layout_int.h.
 *
 * One Engine walks the blocks top to bottom with a cursor `y` on the current
 * page.  Paragraphs are placed line by line so they can continue on the
 * next page (never leaving a single line behind or ahead: no widows, no
 * orphans); a heading keeps with what follows it; the contents, the pages'
 * numbers and marks, and the two passes (the first on two threads for a
 * long document) are here.  Tables are layout_table.c's (a table row moves
 * whole to the next page unless it is taller than a page), figures and
 * images layout_figure.c's, the texts themselves layout_text.c's.
 */
#include "layout_int.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "justify.h"
#include "layout_columns.h"
#include "layout_figure.h"
#include "layout_table.h"
#include "textlayer.h"
#include "thai.h"
#include "xalloc.h"

/* --- pages --------------------------------------------------------------- */

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
    if (text_pooled(e, &tx, markup, e->t->body_size, 0, text_width(e), TA_CENTER, 0) == 0 &&
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
    if (text_pooled(e, &tx, e->doc->header_note, e->t->table_size, 0, text_width(e), TA_RIGHT,
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

void page_new(Engine *e)
{
    page_close(e);
    e->page++;
    e->pw = e->landscape ? e->t->page_h : e->t->page_w;
    e->ph = e->landscape ? e->t->page_w : e->t->page_h;
    e->y = e->t->margin_top;
    e->at_top = 1;
    e->kept_chain = e->under_heading = 0; /* the heading is on the page before */
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

void ensure_page(Engine *e)
{
    if (e->page < 0)
        page_new(e);
}

/* Reports content that can never fit on a page and stops the layout: it
 * would otherwise be painted over the margins (or paginated forever). */
void too_tall(Engine *e, const Text *tx, int line, double height)
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

static void kept_clear(Kept *k)
{
    pool_free(&k->pool);
    if (k->head_widths)
        g_hash_table_destroy(k->head_widths);
    if (k->token_widths)
        g_hash_table_destroy(k->token_widths);
    memset(k, 0, sizeof *k);
}

static void kept_free(gpointer k)
{
    kept_clear(k);
    free(k);
}

Kept *kept_of(Engine *e)
{
    if (!e->kept) {
        GObject *ctx = G_OBJECT(fonts_context(e->fs));
        e->kept = g_object_get_data(ctx, FONTS_KEPT);
        if (!e->kept) {
            e->kept = xcalloc(1, sizeof *e->kept);
            g_object_set_data_full(ctx, FONTS_KEPT, e->kept, kept_free);
        }
    }
    if (e->kept->t != e->t || e->kept->serial != e->t->serial) {
        kept_clear(e->kept);
        e->kept->t = e->t;
        e->kept->serial = e->t->serial;
    }
    return e->kept;
}

void layout_forget(FontSet *fs)
{
    g_object_set_data(G_OBJECT(fonts_context(fs)), FONTS_KEPT, NULL);
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
cairo_t *tag_begin(Engine *e, const char *name)
{
    if (e->cr)
        cairo_tag_begin(e->cr, name, "");
    return e->cr;
}

void tag_end(cairo_t *cr, const char *name)
{
    if (cr)
        cairo_tag_end(cr, name);
}

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

/* Places a paragraph (or a heading's text), breaking it across pages between
 * lines, with no single line left at a page's foot or carried to its head.
 * tag (a structure tag name, or NULL) wraps the lines painted: begun at the
 * first line painted, so it never opens on a page it has nothing on
 * (cairo 1.16 fails the document then). */
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
            lc->texts = xrealloc(lc->texts, lc->cap * sizeof *lc->texts);
            lc->markup = xrealloc(lc->markup, lc->cap * sizeof *lc->markup);
            lc->bold = xrealloc(lc->bold, lc->cap * sizeof *lc->bold);
            lc->size = xrealloc(lc->size, lc->cap * sizeof *lc->size);
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
        !e->at_top && !e->under_heading)
        page_new(e);
    e->label = b->label ? &lab : NULL;
    e->label_x = e->t->margin_left + b->indent;
    place_text(e, &tx, e->t->margin_left + b->indent + col, "P");
    e->label = NULL;
    e->y += e->t->para_space;
    e->kept_chain = b->keep_with_next && e->under_heading;
    text_free(&tx);
    text_free(&lab);
}

/* A named destination at y on the current page (what links point to). */
void dest_mark(Engine *e, const char *name, double y)
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
    if (e->y + need > bottom(e) && !e->at_top && !e->under_heading)
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
    e->kept_chain = 1;
    text_free(&tx);
    text_free(&lab);
}

/* --- table of contents --------------------------------------------------- */

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
        /* The entries are the same in both passes: escaped once, so that
         * the second pass takes the first's layouts (the cache knows a
         * text by its markup's address).  Their numbers are only painted. */
        if (!e->toc_markup)
            e->toc_markup = xcalloc(e->doc->n_blocks + 1, sizeof *e->toc_markup);
        if (!e->toc_markup[i])
            e->toc_markup[i] = g_markup_escape_text(h->bookmark ? h->bookmark : "", -1);
        if (text_make_cached(e, &tx, e->toc_markup[i], e->t->body_size, h->level == 0,
                             width - indent - numw, TA_LEFT, 0) < 0)
            continue;
        num = (Text){0};
        if (e->cr)
            text_pooled(e, &num, nb, e->t->body_size, h->level == 0, numw, TA_RIGHT, 0);
        double hgt = lines_height(&tx, 0, tx.n);
        /* a chapter's entry is set apart above: that space must fit too
         * (a chapter's entry at the foot of a page went past it) */
        double before = h->level == 0 ? e->body_line * e->t->toc_chapter_space : 0;
        if (e->y + before + hgt > bottom(e) && !e->at_top)
            page_new(e);
        if (e->y + hgt > bottom(e)) { /* an entry is not split: it must fit a page */
            too_tall(e, &tx, 0, hgt);
            text_free(&tx);
            text_free(&num);
            return;
        }
        if (!e->at_top)
            e->y += before;
        /* the whole entry links to its heading */
        if (e->cr && h->anchor) {
            char *attrs = g_strdup_printf("dest='%s'", h->anchor);
            cairo_tag_begin(e->cr, CAIRO_TAG_LINK, attrs);
            g_free(attrs);
        }
        lines_paint(e, &tx, 0, tx.n, left + indent, e->y);
        LineBox *last = &tx.lines[tx.n - 1];
        double base = e->y + last->baseline - tx.lines[0].top;
        /* the number on the last line's baseline (placed below the lines
         * above it, it sat 3.6 pt low under an entry of two lines) */
        if (num.n > 0)
            lines_paint(e, &num, 0, num.n, left + width - numw,
                        base - (num.lines[0].baseline - num.lines[0].top));
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

/* --- driver -------------------------------------------------------------- */

/* Blocks [from, to) from where the engine stands. */
static void run_blocks(Engine *e, size_t from, size_t to)
{
    for (size_t i = from; i < to && !e->failed; i++) {
        const DocBlock *b = &e->doc->blocks[i];
        e->under_heading = e->kept_chain;
        e->kept_chain = 0;
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

/* Frees the engine's layouts (the pass-1 cache, the labels' texts): they
 * go with its fonts, so before those are closed (the pool goes with the
 * fonts themselves). */
static void engine_free_texts(Engine *e)
{
    cache_free(&e->cache);
    e->kept = NULL;
    for (size_t i = 0; i < e->labels.n; i++) {
        e->labels.texts[i].shared = 0;
        text_free(&e->labels.texts[i]);
    }
    e->labels.n = 0;
}

/* Frees the rows kept of the tables made on demand (table_at): from now on
 * only the one last asked for is. */
static void rows_drop(Engine *e)
{
    for (size_t i = 0; e->rows_kept && i < e->doc->n_blocks; i++)
        doc_free(e->rows_kept[i]);
    free(e->rows_kept);
    e->rows_kept = NULL;
}

/* Frees what the engine made for itself (its layouts and measures). */
static void engine_free(Engine *e)
{
    engine_free_texts(e);
    for (size_t i = 0; i < e->doc->n_blocks; i++)
        fit_free(&e->fits[i]);
    free(e->fits);
    e->fits = NULL;
    free(e->labels.texts);
    free(e->labels.markup);
    free(e->labels.bold);
    free(e->labels.size);
    memset(&e->labels, 0, sizeof e->labels);
    free(e->heading_page);
    e->heading_page = NULL;
    for (size_t i = 0; e->toc_markup && i < e->doc->n_blocks; i++)
        g_free(e->toc_markup[i]);
    free(e->toc_markup);
    e->toc_markup = NULL;
    rows_drop(e);
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

/* The most text (bytes of markup) whose tables' rows are kept from the
 * count of a document's text to its layout (layout_run). */
#define ROWS_COUNTED ((size_t)2 << 20)

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
    engine_free_texts(e); /* with its fonts, on this thread */
    fonts_close(e->fs);
    e->fs = NULL;
    fclose(f);
    return NULL;
}

/* The first pass, on two threads when the document is long (see above). */
static void first_pass(Engine *e, const size_t *bytes)
{
    size_t split = split_point(e->doc, bytes);
    Helper *h = split ? xcalloc(1, sizeof *h) : NULL;
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
        he->heading_page = xcalloc(e->doc->n_blocks + 1, sizeof *he->heading_page);
        he->fits = xcalloc(e->doc->n_blocks + 1, sizeof *he->fits);
        h->parent = e->fs;
        h->from = split;
        if (pthread_create(&th, NULL, helper_main, h) != 0) {
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
    if (text_pooled(e, &tx, "ก", e->t->body_size, 0, 1000, TA_LEFT, 0) == 0 && tx.n > 0)
        h = tx.lines[0].height;
    text_free(&tx);
    return h;
}

int layout_run(const Doc *doc, const Template *t, FontSet *fs,
               const LayoutSink *sink, Diag *d, LayoutStats *stats)
{
    Engine e = {.doc = doc, .t = t, .fs = fs, .sink = sink, .d = d};
    e.heading_page = xcalloc(doc->n_blocks + 1, sizeof *e.heading_page);
    e.fits = xcalloc(doc->n_blocks + 1, sizeof *e.fits);
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
        size_t text = 0, *bytes = xcalloc(doc->n_blocks + 1, sizeof *bytes);
        /* The rows of tables made on demand are kept from this count on,
         * up to ROWS_COUNTED of text: made once, not once to be counted and
         * again to be laid out (the 1,000-project action plan: 1 % of the
         * instructions).  Past that they are let go as before: holding
         * them up to the cache's limit held 5 MB more at 10,000 projects. */
        e.rows_kept = xcalloc(doc->n_blocks + 1, sizeof *e.rows_kept);
        for (size_t i = 0; i < doc->n_blocks; i++) {
            text += bytes[i] = block_bytes(&e, i);
            if (e.rows_kept && text > ROWS_COUNTED)
                rows_drop(&e);
        }
        e.cache.max = text <= 8 * CACHE_BYTES ? CACHE_BYTES : 0;
        if (e.cache.max && !e.rows_kept)
            e.rows_kept = xcalloc(doc->n_blocks + 1, sizeof *e.rows_kept);
        e.painting = 0;
        e.cache.mode = CACHE_RECORD;
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
        int set = line_is_set(&tx, i);
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

