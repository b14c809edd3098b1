/* justify.c - see justify.h.
 *
 * Works on the shaped glyphs: each run's PangoGlyphString gives, per glyph,
 * the byte offset of the cluster it belongs to.  pango shapes with one
 * cluster per character, so a Thai mark is a cluster of its own: the places
 * to open are grapheme boundaries (a base letter with all its marks, and
 * with the ำ whose nikhahit sits on it), never a cluster that starts with a
 * mark.  A place at a word boundary (libthai's dictionary, via pango's log
 * attributes) opens more than one inside a word.  The extra width goes on
 * the last glyph of the grapheme before the place, so no glyph of a
 * grapheme moves relative to its base.  Painting reads these advances
 * directly (textlayer.c).
 */
#include "justify.h"
#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A gap inside running text stays under MAX_INNER_GAP_EM (readers take a
 * wider one for a space).  A line short by more than MAX_STRETCH of its
 * width is better left as it is. */
#define MAX_INNER_GAP_EM JUSTIFY_MAX_INNER_GAP_EM
#define MAX_STRETCH 0.4

/* Byte offset <-> character index of a layout's text, made once per layout
 * and kept on it (the layout frees it): counting characters from the
 * paragraph's start for every cluster was quadratic in the paragraph's
 * length. */
typedef struct CharMap {
    int n_bytes, n_chars;
    int *char_at;  /* [n_bytes + 1]: index of the character a byte is in */
    int *byte_at;  /* [n_chars + 1] */
} CharMap;

static void charmap_free(gpointer p)
{
    CharMap *m = p;
    free(m->char_at);
    free(m->byte_at);
    free(m);
}

int justify_char_index(const char *text, int n_bytes, int *char_at, int *byte_at)
{
    int ci = 0;
    for (int b = 0; b < n_bytes; ci++) {
        int len = (int)(g_utf8_next_char(text + b) - (text + b));
        byte_at[ci] = b;
        for (int k = 0; k < len && b + k < n_bytes; k++)
            char_at[b + k] = ci;
        b += len;
    }
    char_at[n_bytes] = ci;
    byte_at[ci] = n_bytes;
    return ci;
}

static const CharMap *charmap_of(PangoLayout *layout)
{
    static const char key[] = "phaen-justify-charmap";
    CharMap *m = g_object_get_data(G_OBJECT(layout), key);
    if (m)
        return m;
    const char *text = pango_layout_get_text(layout);
    int n = (int)strlen(text);
    m = xcalloc(1, sizeof *m);
    m->char_at = xmalloc(((size_t)n + 1) * sizeof *m->char_at);
    m->byte_at = xmalloc(((size_t)n + 1) * sizeof *m->byte_at);
    m->n_bytes = n;
    m->n_chars = justify_char_index(text, n, m->char_at, m->byte_at);
    g_object_set_data_full(G_OBJECT(layout), key, m, charmap_free);
    return m;
}

typedef struct Walk {
    const char *text;
    const PangoLogAttr *attrs;
    int n_attrs;
    const CharMap *map;
} Walk;

static void walk_init(Walk *w, PangoLayout *layout)
{
    w->text = pango_layout_get_text(layout);
    w->attrs = pango_layout_get_log_attrs_readonly(layout, &w->n_attrs);
    w->map = charmap_of(layout);
}

/* Character index of byte offset `byte` in the layout text. */
static int char_index(const Walk *w, int byte)
{
    if (byte < 0)
        return 0;
    return w->map->char_at[byte < w->map->n_bytes ? byte : w->map->n_bytes];
}

static gunichar char_at(const Walk *w, int ci)
{
    if (ci < 0 || ci >= w->map->n_chars)
        return 0;
    return g_utf8_get_char(w->text + w->map->byte_at[ci]);
}

static int is_white_at(const Walk *w, int ci)
{
    return ci >= 0 && ci < w->n_attrs && w->attrs[ci].is_white;
}

int justify_extends_grapheme(gunichar c)
{
    /* Marks (above and below vowels, tone marks, ...), SARA AM (its
     * nikhahit sits on the letter before it) and the joiners. */
    return g_unichar_ismark(c) || c == 0x0E33 || c == 0x200D || c == 0x200C;
}

/* Visits the graphemes of the line in order: calls fn with the run, the
 * indexes of the grapheme's first and last glyph, the char index of the
 * grapheme's start and that of the NEXT grapheme's start (or -1 at the
 * line's end). */
typedef void (*ClusterFn)(PangoGlyphString *gs, int first_glyph, int last_glyph,
                          int next_char, int this_char, void *data);

/* The char index where the glyph at g of run r starts, or -1 past the line's
 * end (runs continue into the next one). */
static int glyph_char(const Walk *w, GSList *r, int g)
{
    while (r) {
        PangoGlyphItem *run = r->data;
        if (g < run->glyphs->num_glyphs)
            return char_index(w, run->item->offset + run->glyphs->log_clusters[g]);
        g -= run->glyphs->num_glyphs;
        r = r->next;
    }
    return -1;
}

static void each_cluster(PangoLayoutLine *line, const Walk *w, ClusterFn fn, void *data)
{
    for (GSList *r = line->runs; r; r = r->next) {
        PangoGlyphItem *run = r->data;
        PangoGlyphString *gs = run->glyphs;
        int g = 0;
        while (g < gs->num_glyphs) {
            int this_char = glyph_char(w, r, g);
            int last = g, next_char = -1;
            for (;;) {
                next_char = glyph_char(w, r, last + 1);
                if (next_char < 0 || (next_char != this_char &&
                                      !justify_extends_grapheme(char_at(w, next_char))))
                    break;
                if (last + 1 >= gs->num_glyphs)
                    break; /* a grapheme never spans two runs here: stop at the run */
                last++;
            }
            fn(gs, g, last, next_char, this_char, data);
            g = last + 1;
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

static void visit(PangoGlyphString *gs, int first, int last, int next_char, int this_char,
                  void *data)
{
    Count *c = data;
    const Walk *w = c->w;
    if (next_char < 0 || this_char >= c->last_visible_char) {
        /* the line's end, or trailing spaces after it */
        if (c->apply && is_white_at(w, this_char) && this_char > c->last_visible_char) {
            for (int g = first; g <= last; g++)
                gs->glyphs[g].geometry.width = 0;
        }
        return;
    }
    if (next_char <= this_char)
        return;
    int space = is_white_at(w, this_char);
    /* A grapheme that ends in a mark set back over its letter (เป็, ปั): text
     * extraction measures the gap from the mark, and any opening after it
     * reads as a space ("เป็ น").  Only a real space may open there. */
    if (!space && first < last && gs->glyphs[last].geometry.x_offset < 0)
        return;
    int word = !space && next_char < w->n_attrs &&
               (w->attrs[next_char].is_line_break || w->attrs[next_char].is_word_start);
    /* No gap before ๆ, ฯ or a closing mark, nor after an opening one. */
    gunichar nc = char_at(w, next_char), pc = char_at(w, next_char - 1);
    if (nc == 0x0E46 || nc == 0x0E2F || nc == ')' || nc == ']' || nc == '"' || nc == 0x201D ||
        pc == '(' || pc == '[' || pc == 0x201C)
        return;
    if (!c->apply) {
        c->spaces += space;
        c->words += word;
        c->clusters += !space && !word;
        return;
    }
    double add = space ? c->space_add : word ? c->word_add : c->cluster_add;
    /* The extra advance goes after the whole grapheme: its base and marks
     * keep their places relative to each other. */
    gs->glyphs[last].geometry.width += (int)floor(add * PANGO_SCALE + 0.5);
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
    int from = w->map->byte_at[i + 1];
    int to = line->start_index + line->length;
    int x0, x1;
    pango_layout_line_index_to_x(line, from, 0, &x0);
    pango_layout_line_index_to_x(line, to, 0, &x1);
    if (to >= w->map->n_bytes)
        pango_layout_line_index_to_x(line, from, 0, &x0);
    return (x1 - x0) / (double)PANGO_SCALE;
}

double justify_visible_width(PangoLayoutLine *line)
{
    Walk w;
    walk_init(&w, line->layout);
    int lv;
    return line_width(line) - trailing_white(line, &w, &lv);
}

int justify_ends_paragraph(PangoLayoutLine *line)
{
    const char *text = pango_layout_get_text(line->layout);
    const char *end = text + line->start_index + line->length;
    if (*end == '\0')
        return 1;
    /* pango leaves the paragraph separator out of both lines, or ends the
     * line with it */
    gunichar next = g_utf8_get_char(end);
    gunichar last = line->length > 0 ? g_utf8_get_char(g_utf8_prev_char(end)) : 0;
    return next == '\n' || next == '\r' || next == 0x2028 || next == 0x2029 || last == '\n' ||
           last == '\r' || last == 0x2028 || last == 0x2029;
}

int justify_line(PangoLayoutLine *line, double width)
{
    return justify_line_with(line, width, 0, NULL);
}

double justify_expand_amount(double want, double max, double step, int up)
{
    if (want <= 0 || max <= 0)
        return 0;
    double e = fmin(want, max);
    if (step > 0) {
        double k = up ? ceil(e / step - 1e-9) : floor(e / step + 1e-9);
        e = fmin(k * step, max);
    }
    return e;
}

/* The expansion of each line of a layout (justify_expansion), kept on the
 * layout: line -> (factor - 1) in millionths. */
static const char expand_key[] = "phaen-justify-expand";

double justify_expansion(PangoLayoutLine *line)
{
    GHashTable *h = line ? g_object_get_data(G_OBJECT(line->layout), expand_key) : NULL;
    return h ? 1 + GPOINTER_TO_INT(g_hash_table_lookup(h, line)) / 1e6 : 1;
}

/* Scales every glyph of line by f horizontally (advances and offsets) and
 * records f for painting (textlayer.c draws the glyphs that much wider).
 * Returns how much wider the line became (pt): pango keeps the line's
 * extents cached, so line_width() would still give the old width. */
static double expand_glyphs(PangoLayoutLine *line, double f)
{
    long grown = 0;
    for (GSList *r = line->runs; r; r = r->next) {
        PangoGlyphString *gs = ((PangoGlyphItem *)r->data)->glyphs;
        for (int g = 0; g < gs->num_glyphs; g++) {
            PangoGlyphGeometry *geo = &gs->glyphs[g].geometry;
            int w = (int)lround(geo->width * f);
            grown += w - geo->width;
            geo->width = w;
            geo->x_offset = (int)lround(geo->x_offset * f);
        }
    }
    GObject *obj = G_OBJECT(line->layout);
    GHashTable *h = g_object_get_data(obj, expand_key);
    if (!h) {
        h = g_hash_table_new(NULL, NULL);
        g_object_set_data_full(obj, expand_key, h, (GDestroyNotify)g_hash_table_destroy);
    }
    g_hash_table_insert(h, line, GINT_TO_POINTER((int)lround((f - 1) * 1e6)));
    return grown / (double)PANGO_SCALE;
}

/* Spreads the slack of line over its spaces (up to smax pt each), its
 * boundaries between Thai words (up to wmax) and its grapheme gaps (up to
 * lmax, a word boundary never past the inner gap's cap).  A line longer
 * than width narrows its spaces, word boundaries and grapheme gaps instead,
 * each by the same share of its limit (shrink_em: spaces, words, letters).
 * expand[0] (a fraction, 0: none) is how far the glyphs themselves may
 * widen or narrow, in steps of expand[1]: after the spaces have opened to
 * their limit and before any gap between letters, or in the same share as
 * the rest when the line narrows. */
static int justify_spread(PangoLayoutLine *line, double width, double space_em, double word_em,
                          double letter_em, double worst_em, const double shrink_em[3],
                          const double expand[2], double *gap)
{
    if (gap)
        *gap = 0;
    if (!line || line->length == 0)
        return 0;
    Walk w;
    walk_init(&w, line->layout);
    Count c = {.w = &w};
    double trail = trailing_white(line, &w, &c.last_visible_char);
    double visible = line_width(line) - trail;
    double slack = width - visible;
    int shrink = slack < -0.05 && (shrink_em[0] > 0 || shrink_em[1] > 0 || shrink_em[2] > 0 ||
                                   expand[0] > 0);
    if ((slack <= 0.05 && !shrink) || slack > width * MAX_STRETCH)
        return 0;
    each_cluster(line, &w, visit, &c);
    double em = 16.0;
    if (line->runs) {
        PangoGlyphItem *run = line->runs->data;
        PangoFontDescription *d = pango_font_describe(run->item->analysis.font);
        em = pango_font_description_get_size(d) / (double)PANGO_SCALE;
        pango_font_description_free(d);
    }
    double smax = (space_em > 0 ? space_em : JUSTIFY_SPACE_STRETCH_EM) * em;
    double room = (c.spaces * shrink_em[0] + c.words * shrink_em[1] +
                   c.clusters * shrink_em[2]) * em;
    if (expand[0] > 0 && visible > 0) {
        /* the glyphs first take their share: rounded to a step, up when
         * narrowing (the rest narrows less), down when widening (the rest
         * goes on to the gaps) */
        double e = shrink ? -justify_expand_amount(fmin(-slack / (room + expand[0] * visible), 1) *
                                                       expand[0], expand[0], expand[1], 1)
                          : justify_expand_amount((slack - fmin(slack, c.spaces * smax)) / visible,
                                                  expand[0], expand[1], 0);
        if (e != 0) {
            double grown = expand_glyphs(line, 1 + e);
            /* what the trailing white space took of it is not seen */
            visible += grown - (trailing_white(line, &w, &c.last_visible_char) - trail);
            slack = width - visible;
            /* a step too far (narrowing rounds up): the spaces take it back */
            shrink = slack < -0.05;
        }
    }
    if (shrink) {
        /* linebreak.c chose a line a little too long: it narrows as far
         * as its limits let it, and no further */
        if (room <= 0)
            return 0;
        double r = fmin(-slack / room, 1.0);
        c.space_add = -r * shrink_em[0] * em;
        c.word_add = -r * shrink_em[1] * em;
        c.cluster_add = -r * shrink_em[2] * em;
        c.apply = 1;
        each_cluster(line, &w, visit, &c);
        return c.spaces + c.words + (shrink_em[2] > 0 ? c.clusters : 0);
    }
    if (slack <= 0.05)
        return c.spaces + c.words + c.clusters;
    /* The spaces open first, up to their limit: a slightly wider space
     * is what a reader expects of justified text.  Then the boundaries
     * between Thai words, a little (Thai typesetters justify there, the
     * letters of a word staying together), then evenly between grapheme
     * clusters, each gap under the cap, because a gap inside running Thai
     * text wider than about a tenth of an em reads as a space to text
     * extraction (poppler, MuPDF and pdf.js all insert one).  What the
     * gaps cannot take goes back to the spaces; a line with no space to
     * take it stays a little short rather than spelling its words apart.
     * linebreak.c chooses the breaks so that little is left. */
    int places = c.spaces + c.words + c.clusters;
    if (places == 0)
        return 0;
    double cap = MAX_INNER_GAP_EM * em;
    double wmax = fmin(word_em * em, cap);
    double lmax = fmin((letter_em > 0 ? letter_em : JUSTIFY_LETTER_MAX_EM) * em, cap);
    double space_add = c.spaces > 0 ? fmin(slack / c.spaces, smax) : 0;
    double rest = slack - c.spaces * space_add;
    double word_add = rest > 0.001 && c.words > 0 ? fmin(rest / c.words, wmax) : 0;
    rest -= c.words * word_add;
    int gaps = c.words + c.clusters;
    double gap_add = rest > 0.001 && gaps > 0 ? rest / gaps : 0;
    /* a word boundary stays under the cap: the other gaps take the rest */
    if (word_add + gap_add > cap && c.clusters > 0)
        gap_add = (rest - c.words * (cap - word_add)) / c.clusters;
    gap_add = fmin(gap_add, lmax);
    double word_total = fmin(word_add + gap_add, cap);
    /* On average over the line, letters and word boundaries together open
     * by at most worst_em (0: no limit): linebreak.c avoids lines past it
     * where it can; where it cannot (a paragraph's last word too long to
     * come up, after a line with no space) the line is left that much
     * short, or its spaces take the rest, rather than spelled apart. */
    double worst = worst_em * em;
    if (worst > 0 && gaps > 0 && c.words * word_total + c.clusters * gap_add > worst * gaps) {
        double budget = worst * gaps;
        word_add = c.words > 0 ? fmin(word_add, budget / c.words) : 0;
        gap_add = (budget - c.words * word_add) / gaps;
        word_total = fmin(word_add + gap_add, cap);
        if (c.clusters > 0)
            gap_add = (budget - c.words * word_total) / c.clusters;
    }
    rest -= c.words * (word_total - word_add) + c.clusters * gap_add;
    if (rest > 0.001 && c.spaces > 0)
        space_add += rest / c.spaces;
    if (gap)
        *gap = gap_add;
    c.space_add = space_add;
    c.word_add = word_total;
    c.cluster_add = gap_add;
    c.apply = 1;
    each_cluster(line, &w, visit, &c);
    return places;
}

int justify_line_with(PangoLayoutLine *line, double width, double space_stretch, double *gap)
{
    static const double none[3] = {0, 0, 0};
    return justify_spread(line, width, space_stretch, JUSTIFY_WORD_STRETCH_EM,
                          JUSTIFY_LETTER_MAX_EM, 0, none, none, gap);
}

int justify_line_as(PangoLayoutLine *line, double width, const Template *t, double *gap)
{
    double shrink[3] = {t->space_shrink, t->word_shrink, t->letter_shrink};
    double expand[2] = {t->expand, t->expand_step};
    return justify_spread(line, width, t->space_stretch, t->word_stretch, t->letter_max,
                          t->letter_worst, shrink,
                          expand, gap);
}
