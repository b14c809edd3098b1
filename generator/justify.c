/* justify.c - see justify.h.
 *
 * Works on the shaped glyphs: each run's PangoGlyphString gives, per glyph,
 * the byte offset of the cluster it belongs to.  A cluster whose first
 * character is a word boundary (libthai's dictionary, via pango's log
 * attributes) is a place to open; the extra width goes on the last glyph of
 * the cluster before it.  Painting reads these advances directly, and
 * cairo's ActualText spans follow clusters, so extraction is unchanged.
 */
#include "justify.h"

#include <string.h>

/* A space never opens wider than MAX_GAP_EM ems while the slack can go
 * elsewhere; a gap inside running text stays under MAX_INNER_GAP_EM when
 * the line has spaces to take the rest.  A line short by more than
 * MAX_STRETCH of its width is better left as it is. */
#define MAX_GAP_EM 1.0
#define MAX_INNER_GAP_EM 0.09
#define MAX_STRETCH 0.4

typedef struct Walk {
    const char *text;
    const PangoLogAttr *attrs;
    int n_attrs;
    int base_byte, base_char; /* the line's start, in bytes and in chars */
} Walk;

/* Character index of byte offset `byte` in the layout text, counted from
 * the line's start: counting from the text's start for every cluster made
 * a long paragraph quadratic (a 40,000-character Thai run took 15 s). */
static int char_index(const Walk *w, int byte)
{
    if (byte >= w->base_byte)
        return w->base_char +
               (int)g_utf8_pointer_to_offset(w->text + w->base_byte, w->text + byte);
    return (int)g_utf8_pointer_to_offset(w->text, w->text + byte);
}

/* The character at char index ci (at or after the line's start). */
static gunichar char_at(const Walk *w, int ci)
{
    if (ci >= w->base_char)
        return g_utf8_get_char(g_utf8_offset_to_pointer(w->text + w->base_byte, ci - w->base_char));
    return g_utf8_get_char(g_utf8_offset_to_pointer(w->text, ci));
}

/* Where the char count of a layout's text was last taken: lines are
 * justified in order, so each line's start is found from the one before
 * it, and a paragraph's lines cost time in proportion to its length. */
typedef struct Cursor {
    int byte, chr;
} Cursor;

static void walk_init(Walk *w, PangoLayoutLine *line)
{
    w->text = pango_layout_get_text(line->layout);
    w->attrs = pango_layout_get_log_attrs_readonly(line->layout, &w->n_attrs);
    Cursor *c = g_object_get_data(G_OBJECT(line->layout), "phaen-justify-cursor");
    if (!c) {
        c = g_new0(Cursor, 1);
        g_object_set_data_full(G_OBJECT(line->layout), "phaen-justify-cursor", c, g_free);
    }
    if (c->byte > line->start_index)
        c->byte = c->chr = 0;
    c->chr += (int)g_utf8_pointer_to_offset(w->text + c->byte, w->text + line->start_index);
    c->byte = line->start_index;
    w->base_byte = c->byte;
    w->base_char = c->chr;
}

static int is_white_at(const Walk *w, int ci)
{
    return ci >= 0 && ci < w->n_attrs && w->attrs[ci].is_white;
}

/* Visits the clusters of the line in order: calls fn with the run, the
 * index of the cluster's last glyph, and the char index of the NEXT
 * cluster's start (or -1 at the line's end). */
typedef void (*ClusterFn)(PangoGlyphString *gs, int last_glyph, int next_char,
                          int this_char, void *data);

static void each_cluster(PangoLayoutLine *line, const Walk *w, ClusterFn fn, void *data)
{
    for (GSList *r = line->runs; r; r = r->next) {
        PangoGlyphItem *run = r->data;
        PangoGlyphString *gs = run->glyphs;
        int off = run->item->offset;
        for (int g = 0; g < gs->num_glyphs; g++) {
            int cl = gs->log_clusters[g];
            int last = g;
            while (last + 1 < gs->num_glyphs && gs->log_clusters[last + 1] == cl)
                last++;
            int next_char = -1;
            if (last + 1 < gs->num_glyphs)
                next_char = char_index(w, off + gs->log_clusters[last + 1]);
            else if (r->next) {
                PangoGlyphItem *nr = r->next->data;
                if (nr->glyphs->num_glyphs > 0)
                    next_char = char_index(w, nr->item->offset + nr->glyphs->log_clusters[0]);
            }
            fn(gs, last, next_char, char_index(w, off + cl), data);
            g = last;
        }
    }
}

typedef struct Count {
    const Walk *w;
    int spaces, words, clusters; /* places after a space, at a word start, elsewhere */
    int last_visible_char;       /* char index of the line's last visible cluster */
    double space_add, word_add, cluster_add;
    int apply;
} Count;

static void visit(PangoGlyphString *gs, int last, int next_char, int this_char, void *data)
{
    Count *c = data;
    const Walk *w = c->w;
    if (next_char < 0 || this_char >= c->last_visible_char) {
        /* the line's end, or trailing spaces after it */
        if (c->apply && is_white_at(w, this_char) && this_char > c->last_visible_char) {
            for (int g = last; g >= 0 && gs->log_clusters[g] == gs->log_clusters[last]; g--)
                gs->glyphs[g].geometry.width = 0;
        }
        return;
    }
    int space = is_white_at(w, this_char);
    /* A cluster that ends in a mark set back over its letter (เป็, ปั): text
     * extraction measures the gap from the mark, and any opening after it
     * reads as a space ("เป็ น").  Only a real space may open there. */
    int first = last;
    while (first > 0 && gs->log_clusters[first - 1] == gs->log_clusters[last])
        first--;
    if (!space && first < last && gs->glyphs[last].geometry.x_offset < 0)
        return;
    int word = !space && next_char < w->n_attrs &&
               (w->attrs[next_char].is_line_break || w->attrs[next_char].is_word_start);
    /* No gap before ๆ, ฯ or a closing mark. */
    gunichar nc = char_at(w, next_char);
    if (nc == 0x0E46 || nc == 0x0E2F || nc == ')' || nc == ']' || nc == '"' || nc == 0x201D)
        return;
    if (!c->apply) {
        c->spaces += space;
        c->words += word;
        c->clusters += !space && !word;
        return;
    }
    double add = space ? c->space_add : word ? c->word_add : c->cluster_add;
    int extra = (int)(add * PANGO_SCALE + 0.5);
    /* The extra advance goes on the cluster's first glyph (its base letter);
     * the marks after it in the cluster are moved back by as much, so they
     * stay on their letter. */
    gs->glyphs[first].geometry.width += extra;
    for (int g = first + 1; g <= last; g++)
        gs->glyphs[g].geometry.x_offset -= extra;
}

static double line_width(PangoLayoutLine *line)
{
    PangoRectangle logical;
    pango_layout_line_get_extents(line, NULL, &logical);
    return logical.width / (double)PANGO_SCALE;
}

/* Width of the trailing white space of the line, and the char index of its
 * last visible character. */
static double trailing_white(PangoLayoutLine *line, const Walk *w, int *last_visible)
{
    int start = char_index(w, line->start_index);
    int end = char_index(w, line->start_index + line->length);
    int i = end - 1;
    while (i >= start && is_white_at(w, i))
        i--;
    *last_visible = i;
    if (i == end - 1)
        return 0;
    int from = (int)(g_utf8_offset_to_pointer(w->text, i + 1) - w->text);
    int to = line->start_index + line->length;
    int x0, x1;
    pango_layout_line_index_to_x(line, from, 0, &x0);
    pango_layout_line_index_to_x(line, to, 0, &x1);
    if (w->text[to] == '\0')
        pango_layout_line_index_to_x(line, from, 0, &x0);
    return (x1 - x0) / (double)PANGO_SCALE;
}

double justify_visible_width(PangoLayoutLine *line)
{
    Walk w;
    walk_init(&w, line);
    int lv;
    return line_width(line) - trailing_white(line, &w, &lv);
}

int justify_line(PangoLayoutLine *line, double width)
{
    if (!line || line->length == 0)
        return 0;
    Walk w;
    walk_init(&w, line);
    Count c = {.w = &w};
    double trail = trailing_white(line, &w, &c.last_visible_char);
    double visible = line_width(line) - trail;
    double slack = width - visible;
    if (slack <= 0.05 || slack > width * MAX_STRETCH)
        return 0;
    each_cluster(line, &w, visit, &c);
    double em = 16.0;
    if (line->runs) {
        PangoGlyphItem *run = line->runs->data;
        PangoFontDescription *d = pango_font_describe(run->item->analysis.font);
        em = pango_font_description_get_size(d) / (double)PANGO_SCALE;
        pango_font_description_free(d);
    }
    /* Weights: a space opens most, a word boundary less, a cluster
     * boundary least.  A gap inside running Thai text wider than about a
     * tenth of an em reads as a space to text extraction (pdftotext), so
     * those gaps are capped and the rest goes to the spaces, when the line
     * has any. */
    int places = c.spaces + c.words + c.clusters;
    if (places == 0)
        return 0;
    double unit = slack / (4.0 * c.spaces + 2.0 * c.words + c.clusters);
    double cap = MAX_INNER_GAP_EM * em;
    c.space_add = 4 * unit;
    c.word_add = 2 * unit;
    c.cluster_add = unit;
    if (c.spaces > 0 && c.word_add > cap) {
        c.word_add = cap;
        c.cluster_add = cap / 2;
        c.space_add = (slack - c.words * c.word_add - c.clusters * c.cluster_add) / c.spaces;
    }
    if (c.space_add > MAX_GAP_EM * em && c.spaces > 0 && c.words + c.clusters > 0) {
        /* spaces would gape: share the slack evenly instead */
        c.space_add = c.word_add = c.cluster_add = slack / places;
    }
    c.apply = 1;
    each_cluster(line, &w, visit, &c);
    return places;
}
