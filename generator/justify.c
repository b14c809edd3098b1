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

/* Never stretch one gap wider than this many ems, nor a line by more than
 * this fraction of its width: such a line is better left as it is. */
#define MAX_GAP_EM 0.6
#define MAX_STRETCH 0.25

typedef struct Walk {
    const char *text;
    const PangoLogAttr *attrs;
    int n_attrs;
} Walk;

/* Character index of byte offset `byte` in the layout text. */
static int char_index(const Walk *w, int byte)
{
    return (int)g_utf8_pointer_to_offset(w->text, w->text + byte);
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
    int words, clusters;
    int last_visible_char;  /* char index of the line's last visible cluster */
    double word_add, cluster_add;
    int mode;               /* 0 count, 1 apply words, 2 apply clusters */
    int trailing_zeroed;
} Count;

static void visit(PangoGlyphString *gs, int last, int next_char, int this_char, void *data)
{
    Count *c = data;
    const Walk *w = c->w;
    if (next_char < 0 || this_char >= c->last_visible_char) {
        /* the line's end, or trailing spaces after it */
        if (c->mode && is_white_at(w, this_char) && this_char > c->last_visible_char) {
            for (int g = last; g >= 0 && gs->log_clusters[g] == gs->log_clusters[last]; g--)
                gs->glyphs[g].geometry.width = 0;
        }
        return;
    }
    int word = next_char < w->n_attrs &&
               (w->attrs[next_char].is_word_boundary || w->attrs[next_char].is_line_break ||
                is_white_at(w, this_char));
    /* No gap after an opening mark or before a closing one, nor before ๆ/ฯ. */
    gunichar nc = g_utf8_get_char(g_utf8_offset_to_pointer(w->text, next_char));
    if (nc == 0x0E46 || nc == 0x0E2F || nc == ')' || nc == ']' || nc == '"')
        word = 0;
    if (c->mode == 0) {
        c->clusters++;
        c->words += word;
    } else if (c->mode == 1 && word) {
        gs->glyphs[last].geometry.width += (int)(c->word_add * PANGO_SCALE);
    } else if (c->mode == 2) {
        gs->glyphs[last].geometry.width += (int)(c->cluster_add * PANGO_SCALE);
    }
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
    if (to >= (int)strlen(w->text))
        pango_layout_line_index_to_x(line, from, 0, &x0);
    return (x1 - x0) / (double)PANGO_SCALE;
}

double justify_visible_width(PangoLayoutLine *line)
{
    Walk w;
    w.text = pango_layout_get_text(line->layout);
    w.attrs = pango_layout_get_log_attrs_readonly(line->layout, &w.n_attrs);
    int lv;
    return line_width(line) - trailing_white(line, &w, &lv);
}

int justify_line(PangoLayoutLine *line, double width)
{
    if (!line || line->length == 0)
        return 0;
    Walk w;
    w.text = pango_layout_get_text(line->layout);
    w.attrs = pango_layout_get_log_attrs_readonly(line->layout, &w.n_attrs);
    Count c = {.w = &w};
    double trail = trailing_white(line, &w, &c.last_visible_char);
    double visible = line_width(line) - trail;
    double slack = width - visible;
    if (slack <= 0.05 || slack > width * MAX_STRETCH)
        return 0;
    each_cluster(line, &w, visit, &c);
    double em = 16.0; /* an em of the body face; good enough as a bound */
    if (line->runs) {
        PangoGlyphItem *run = line->runs->data;
        PangoFontDescription *d = pango_font_describe(run->item->analysis.font);
        em = pango_font_description_get_size(d) / (double)PANGO_SCALE;
        pango_font_description_free(d);
    }
    if (c.words > 0 && slack / c.words <= MAX_GAP_EM * em) {
        c.mode = 1;
        c.word_add = slack / c.words;
    } else if (c.clusters > 0) {
        c.mode = 2;
        c.cluster_add = slack / c.clusters;
    } else {
        return 0;
    }
    each_cluster(line, &w, visit, &c);
    return c.mode == 1 ? c.words : c.clusters;
}
