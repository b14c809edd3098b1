/* linebreak.c - see linebreak.h.
 *
 * The search is Knuth and Plass's, without their shrink and hyphens: from
 * every break reached, every next break whose line fits, keeping for each
 * break the cheapest way there (one for after a letter-spaced line, one for
 * after any other, so that two letter-spaced lines in a row cost extra).
 * Thai has a break opportunity every few letters, but a line holds only a
 * few dozen of them: the work is about 20 lines' worth per break.
 */
#include "linebreak.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "breaks.h"
#include "justify.h"
#include "xalloc.h"

#define LINE_PENALTY 10.0
#define AWFUL 10000.0

static int count(const int *prefix, int from, int to)
{
    return to > from ? prefix[to] - prefix[from] : 0;
}

double lb_line_demerits(const LbPara *p, const LbParams *q, int a, int b, int *loose)
{
    int v = p->vis_end[b] > a ? p->vis_end[b] : a;
    double natural = p->x[v] - p->x[a];
    double avail = a == 0 ? q->first_width : q->width;
    *loose = 0;
    /* the places justify.c opens inside the line: (a, v) */
    int ns = count(p->spaces, a + 1, v), ng = count(p->gaps, a + 1, v);
    int nw = p->words ? count(p->words, a + 1, v) : 0;
    if (natural > avail + 0.01) {
        /* Too long: its spaces and word boundaries narrow, all by the same
         * share of their limits (as TeX shrinks glue); a last line too
         * (layout.c justifies it to the measure then). */
        double room = ns * q->space_shrink + nw * q->word_shrink + (ng - nw) * q->letter_shrink +
                      q->expand * natural;
        if (natural - avail > room)
            return -1;
        double r = (natural - avail) / room;
        double bad = 100 * r * r * r;
        return (LINE_PENALTY + bad) * (LINE_PENALTY + bad) + (b < p->n ? p->penalty[b] : 0);
    }
    if (b == p->n) /* the last line is not stretched */
        return LINE_PENALTY * LINE_PENALTY +
               (a > 0 && natural < q->last_min ? LB_LAST_SHORT : 0);
    double slack = avail - natural;
    double space_add = ns > 0 ? fmin(slack / ns, q->space_max) : 0;
    double rest = slack - ns * space_add;
    /* then the glyphs widen, in steps (justify.c) */
    double ex = natural > 0 ? justify_expand_amount(rest / natural, q->expand, q->expand_step, 0)
                            : 0;
    rest -= ex * natural;
    /* then the boundaries between words, a little each */
    double word_add = nw > 0 && q->word_max > 0 ? fmin(rest / nw, q->word_max) : 0;
    rest -= nw * word_add;
    /* a line with nothing to open stays short: as bad as one whose only
     * gap took it all */
    double gap_add = rest <= 0.001 ? 0 : rest / (ng > 0 ? ng : 1);
    /* a word boundary stays under the cap: the other gaps take the rest */
    double inner = q->inner_cap > 0 ? q->inner_cap : q->gap_cap;
    if (word_add + gap_add > inner && ng > nw)
        gap_add = (rest - nw * (inner - word_add)) / (ng - nw);
    /* what a reader sees between letters, on average over the line */
    double word_total = ng > nw ? fmin(word_add + gap_add, inner) : word_add + gap_add;
    double avg = ng > 0 ? (nw * word_total + (ng - nw) * gap_add) / ng : gap_add;
    double rs = q->space_max > 0 ? space_add / q->space_max : 0;
    double ra = avg / q->gap_loose;
    double rg = gap_add / q->gap_loose;
    /* Capped as TeX caps it, so that one very loose line does not outweigh
     * everything else (a word preferred whole would be broken to save a
     * line from 3 pt gaps as from 1 pt ones), but still growing past the
     * cap: of two awful lines, the looser is worse.  Letters opened inside
     * words cost on top of the average: a word's letters stay together
     * better than its neighbours do. */
    double re = q->expand > 0 ? ex / q->expand : 0;
    double bad = 100 * rs * rs * rs + LB_EXPAND_BAD * re * re * re + 100 * ra * ra * ra +
                 100 * rg * rg * rg;
    if (bad > AWFUL)
        bad = AWFUL + 100 * ra;
    int hole = gap_add > q->gap_cap;
    if (hole) {
        /* the line stays short, or its spaces open wide; a fifth short is
         * a hole in the column: only when no way of breaking avoids one
         * (lb_fit_layout then searches again with q->allow_holes) */
        double left = rest - ng * q->gap_cap; /* what the spaces must take */
        if (!q->allow_holes && (ns == 0 ? slack > 0.2 * avail : left / ns > 2 * q->space_max))
            return -2;
        bad += AWFUL;
    }
    *loose = avg > q->gap_loose;
    /* Letter-spacing shows from about 0.2 pt a gap on: a line past that
     * costs a fixed price on top, so the search prefers a few lines a
     * little looser to many lines just past it. */
    /* Past gap_worst a line costs more than a word preferred whole broken;
     * one left short (a hole) more than two such lines. */
    double worst = q->gap_worst > 0 && avg > q->gap_worst ? (hole ? 3 : 1) * LB_WORST_LINE : 0;
    return (LINE_PENALTY + bad) * (LINE_PENALTY + bad) + p->penalty[b] +
           (*loose ? LB_LOOSE_LINE : 0) + worst;
}

double lb_total(const LbPara *p, const LbParams *q, const int *breaks, int nb)
{
    double total = 0;
    int a = 0, prev_loose = 0;
    for (int k = 0; k <= nb; k++) {
        int b = k < nb ? breaks[k] : p->n, loose;
        if (b <= a || (b < p->n && p->penalty[b] < 0))
            return -1;
        double d = lb_line_demerits(p, q, a, b, &loose);
        if (d < 0)
            return -1;
        total += d + (loose && prev_loose ? LB_LOOSE_PAIR : 0);
        prev_loose = loose;
        a = b;
    }
    return total;
}

int lb_break(const LbPara *p, const LbParams *q, int *breaks, double *demerits)
{
    /* the candidates: 0, every allowed break, n */
    int *cand = xmalloc(((size_t)p->n + 2) * sizeof *cand);
    double *best = xmalloc(((size_t)p->n + 2) * 2 * sizeof *best);
    int *from = xmalloc(((size_t)p->n + 2) * 2 * sizeof *from);
    int nc = 0;
    cand[nc++] = 0;
    for (int i = 1; i < p->n; i++)
        if (p->penalty[i] >= 0)
            cand[nc++] = i;
    cand[nc++] = p->n;
    for (int k = 0; k < 2 * nc; k++) {
        best[k] = HUGE_VAL;
        from[k] = -1;
    }
    best[0] = 0; /* state 2k + loose: at cand[k], the line before loose */
    for (int k = 0; k < nc - 1; k++) {
        for (int l = 0; l < 2; l++) {
            if (best[2 * k + l] == HUGE_VAL)
                continue;
            for (int j = k + 1; j < nc; j++) {
                int loose;
                double d = lb_line_demerits(p, q, cand[k], cand[j], &loose);
                if (d == -1)
                    break; /* longer lines do not fit either */
                if (d < 0)
                    continue; /* too short */
                d += best[2 * k + l] + (loose && l ? LB_LOOSE_PAIR : 0);
                if (d < best[2 * j + loose]) {
                    best[2 * j + loose] = d;
                    from[2 * j + loose] = 2 * k + l;
                }
            }
        }
    }
    int end = 2 * (nc - 1) + (best[2 * (nc - 1) + 1] < best[2 * (nc - 1)]);
    int nb = -1;
    if (best[end] < HUGE_VAL) {
        nb = 0;
        for (int s = from[end]; s > 0; s = from[s])
            nb++;
        int i = nb;
        for (int s = from[end]; s > 0; s = from[s])
            breaks[--i] = cand[s / 2];
        if (demerits)
            *demerits = best[end];
    }
    free(cand);
    free(best);
    free(from);
    return nb;
}

/* --- on a pango layout ---------------------------------------------------- */

typedef struct Arrays {
    int n;
    double *x;
    int *vis_end, *spaces, *gaps, *words, *penalty;
    int *char_of;   /* byte -> char */
    int *byte_of;   /* char -> byte */
    int *seg;       /* the pieces between forced breaks: [seg[k], seg[k + 1]) */
    int n_seg;
} Arrays;

static void arrays_free(Arrays *a)
{
    free(a->x);
    free(a->vis_end);
    free(a->spaces);
    free(a->gaps);
    free(a->words);
    free(a->penalty);
    free(a->char_of);
    free(a->byte_of);
    free(a->seg);
}

/* Marks the breaks inside each occurrence of a word the template prefers
 * whole. */
static void prefer_whole(Arrays *a, const char *text, const Template *t)
{
    BreaksLetters letters;
    breaks_letters(text, &letters);
    for (size_t i = 0; i < t->n_preferwhole; i++) {
        const char *w = t->preferwhole[i];
        char buf[256];
        size_t marks[8], nm = 0;
        if (strchr(w, '|')) { /* breaks at its marks are ordinary ones */
            if (!breaks_unmark(w, buf, sizeof buf, marks, 8, &nm))
                continue;
            w = buf;
        }
        if (!breaks_may_hold(&letters, w))
            continue;
        size_t len = strlen(w);
        for (const char *s = text; len && (s = strstr(s, w)); s += len) {
            int c0 = a->char_of[s - text], c1 = a->char_of[s - text + (long)len];
            for (int c = c0 + 1; c < c1; c++) {
                size_t at = (size_t)(a->byte_of[c] - (s - text)), m = 0;
                while (m < nm && marks[m] != at)
                    m++;
                if (m == nm && a->penalty[c] >= 0 && a->penalty[c] < LB_PREFER_WHOLE)
                    a->penalty[c] += LB_PREFER_WHOLE; /* once: words overlap */
            }
        }
    }
}

/* Whether char i follows a plain space that breaks.c's rules (a nobreak
 * word, a number and its unit) took away: a break there is allowed at a
 * price (LB_KEPT_BREAK), when the template sets justify.letter_worst: the
 * line it saves would be letter-spaced past it.  On the sample this breaks
 * พ.ศ.|๒๕๖๐ twice and a reference list 010202|ปัจจัย four times, for lines
 * that were 0.74 pt letter-spaced or left short.  Not before ๆ, ฯ or
 * punctuation, nor after a no-break space. */
static int kept_space(const char *text, const Arrays *a, int i)
{
    if (text[a->byte_of[i - 1]] != ' ')
        return 0;
    gunichar c = g_utf8_get_char(text + a->byte_of[i]);
    return (c >= 0x0E01 && c <= 0x0E2E) || (c >= 0x0E40 && c <= 0x0E44) ||
           (c >= 0x0E50 && c <= 0x0E59) || g_unichar_isalnum(c);
}

/* The search's arrays for the layout's text, widths from its shaped lines,
 * and the pieces its forced line breaks cut it into. */
static void arrays_make(Arrays *a, PangoLayout *layout, const Template *t, double size)
{
    memset(a, 0, sizeof *a);
    const char *text = pango_layout_get_text(layout);
    int n_bytes = (int)strlen(text), n_attrs;
    const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly(layout, &n_attrs);
    int n = n_attrs - 1;
    a->n = n;
    a->x = xcalloc((size_t)n + 1, sizeof *a->x);
    a->vis_end = xmalloc(((size_t)n + 1) * sizeof *a->vis_end);
    a->spaces = xcalloc((size_t)n + 2, sizeof *a->spaces);
    a->gaps = xcalloc((size_t)n + 2, sizeof *a->gaps);
    a->words = xcalloc((size_t)n + 2, sizeof *a->words);
    a->penalty = xmalloc(((size_t)n + 1) * sizeof *a->penalty);
    a->char_of = xmalloc(((size_t)n_bytes + 1) * sizeof *a->char_of);
    a->byte_of = xmalloc(((size_t)n_bytes + 1) * sizeof *a->byte_of);
    a->seg = xmalloc(((size_t)n + 2) * sizeof *a->seg);
    justify_char_index(text, n_bytes, a->char_of, a->byte_of); /* n characters */

    /* natural advances, per character of the cluster a glyph belongs to */
    double *adv = a->x; /* accumulated in place, then summed */
    for (GSList *l = pango_layout_get_lines_readonly(layout); l; l = l->next) {
        PangoLayoutLine *line = l->data;
        for (GSList *r = line->runs; r; r = r->next) {
            PangoGlyphItem *run = r->data;
            for (int g = 0; g < run->glyphs->num_glyphs; g++) {
                int byte = run->item->offset + run->glyphs->log_clusters[g];
                int c = a->char_of[byte < n_bytes ? byte : n_bytes];
                adv[c] += run->glyphs->glyphs[g].geometry.width / (double)PANGO_SCALE;
            }
        }
    }
    /* pango gives the white space that ends a wrapped line no width: put
     * back that of the same character elsewhere (or of a space) */
    double space_w = 0;
    for (int i = 0; i < n && space_w == 0; i++)
        if (attrs[i].is_white && adv[i] > 0 && text[a->byte_of[i]] == ' ')
            space_w = adv[i];
    for (int i = 0; i < n; i++) {
        if (!attrs[i].is_white || adv[i] > 0)
            continue;
        gunichar c = g_utf8_get_char(text + a->byte_of[i]);
        double w = space_w;
        for (int k = 0; k < n; k++)
            if (adv[k] > 0 && attrs[k].is_white && g_utf8_get_char(text + a->byte_of[k]) == c) {
                w = adv[k];
                break;
            }
        adv[i] = w > 0 ? w : 0.3 * size;
    }
    double pen = 0;
    for (int i = 0; i <= n; i++) {
        double w = adv[i];
        a->x[i] = pen;
        pen += w;
    }

    for (int i = 0; i <= n; i++) {
        int white_before = i > 0 && attrs[i - 1].is_white;
        int white = i < n && attrs[i].is_white;
        a->vis_end[i] = white_before ? a->vis_end[i - 1] : i;
        int space = white_before && !white;
        int gap = i > 0 && i < n && !white_before && !white &&
                  !justify_extends_grapheme(g_utf8_get_char(text + a->byte_of[i]));
        a->spaces[i + 1] = a->spaces[i] + space;
        a->gaps[i + 1] = a->gaps[i] + gap;
        /* where justify.c opens a word boundary (justify.c's visit) */
        a->words[i + 1] = a->words[i] + (gap && (attrs[i].is_line_break || attrs[i].is_word_start));
        int forced = i > 0 && i < n && attrs[i].is_mandatory_break;
        if (forced || i == 0)
            a->seg[a->n_seg++] = i;
        a->penalty[i] = i > 0 && i < n && attrs[i].is_line_break && !forced
                            ? (white_before ? 0 : LB_THAI_BREAK) : -1;
        if (a->penalty[i] < 0 && t->letter_worst > 0 && i > 0 && i < n && !forced &&
            kept_space(text, a, i))
            a->penalty[i] = LB_KEPT_BREAK;
    }
    a->seg[a->n_seg] = n;
    prefer_whole(a, text, t);
}

/* The font size of the text from byte `from` on (a piece after a forced
 * break may be set smaller: a goal's alignment note). */
static double size_at(PangoLayout *layout, int from, double size)
{
    for (GSList *l = pango_layout_get_lines_readonly(layout); l; l = l->next)
        for (GSList *r = ((PangoLayoutLine *)l->data)->runs; r; r = r->next) {
            PangoGlyphItem *run = r->data;
            if (run->item->offset + run->item->length <= from)
                continue;
            PangoFontDescription *d = pango_font_describe(run->item->analysis.font);
            double sz = pango_font_description_get_size(d) / (double)PANGO_SCALE;
            pango_font_description_free(d);
            return sz > 0 ? sz : size;
        }
    return size;
}

/* The template's limits at font size em. */
static LbParams params_of(const Template *t, double em, double first_width, double width)
{
    return (LbParams){
        .first_width = first_width,
        .width = width,
        .space_max = (t->space_stretch > 0 ? t->space_stretch : JUSTIFY_SPACE_STRETCH_EM) * em,
        .word_max = fmin(t->word_stretch, JUSTIFY_MAX_INNER_GAP_EM) * em,
        .inner_cap = JUSTIFY_MAX_INNER_GAP_EM * em,
        .gap_cap = fmin(t->letter_max > 0 ? t->letter_max : JUSTIFY_LETTER_MAX_EM,
                        JUSTIFY_MAX_INNER_GAP_EM) * em,
        .gap_loose = 0.2,
        .last_min = t->last_line_min,
        .space_shrink = t->space_shrink * em,
        /* justify.c passes over a few word boundaries (after a mark set
         * back over its letter, before ๆ): count on a little less */
        .word_shrink = 0.8 * t->word_shrink * em,
        .letter_shrink = 0.8 * t->letter_shrink * em,
        .gap_worst = t->letter_worst * em,
        .expand = t->expand,
        .expand_step = t->expand_step,
    };
}

/* One piece [s, e) of the arrays as a paragraph of its own. */
static LbPara piece_of(const Arrays *a, int s, int e, int *vis)
{
    for (int i = 0; i <= e - s; i++)
        vis[i] = a->vis_end[s + i] > s ? a->vis_end[s + i] - s : 0;
    return (LbPara){e - s, a->x + s, vis, a->spaces + s, a->gaps + s, a->penalty + s,
                    a->words + s};
}

typedef struct KeptCut {
    const Arrays *a;
    const int *breaks;
    int nb;
} KeptCut;

/* pango_attr_list_filter's test: an allow-breaks=false attribute across a
 * chosen break. */
static gboolean unkeep(PangoAttribute *at, gpointer data)
{
    const KeptCut *k = data;
    if (at->klass->type != PANGO_ATTR_ALLOW_BREAKS || ((PangoAttrInt *)at)->value)
        return FALSE;
    for (int j = 0; j < k->nb; j++) {
        guint b = (guint)k->a->byte_of[k->breaks[j]];
        if (k->a->penalty[k->breaks[j]] == LB_KEPT_BREAK && at->start_index < b &&
            b < at->end_index)
            return TRUE;
    }
    return FALSE;
}

int lb_fit_layout(PangoLayout *layout, PangoAttrList *attrs, double width, double indent,
                  double size, const Template *t)
{
    int n_lines = pango_layout_get_line_count(layout);
    if (n_lines < 2)
        return 0;
    Arrays a;
    arrays_make(&a, layout, t, size);
    /* pango's indent: > 0 narrows the first line of each paragraph, < 0
     * the others */
    double first_width = indent > 0 ? width - indent : width;
    double other_width = indent < 0 ? width + indent : width;
    int *first = xmalloc((size_t)n_lines * sizeof *first);
    int *breaks = xmalloc(((size_t)a.n + 1) * sizeof *breaks);
    int *vis = xmalloc(((size_t)a.n + 1) * sizeof *vis);
    int nf = 0;
    for (GSList *l = pango_layout_get_lines_readonly(layout); l; l = l->next) {
        PangoLayoutLine *line = l->data;
        if (line->start_index > 0)
            first[nf++] = a.char_of[line->start_index];
    }
    /* Each piece between forced breaks on its own; the forced breaks are
     * among the line starts of both. */
    double ours = 0, theirs = 0, over = 0;
    int nb = 0, kf = 0, theirs_bad = 0;
    for (int k = 0; k < a.n_seg && nb >= 0; k++) {
        int s = a.seg[k], e = a.seg[k + 1];
        if (k > 0) {
            breaks[nb++] = s;
            while (kf < nf && first[kf] <= s)
                kf++;
        }
        LbPara p = piece_of(&a, s, e, vis);
        double em = a.n_seg > 1 ? size_at(layout, a.byte_of[s], size) : size;
        LbParams q = params_of(t, em, first_width, other_width);
        double d;
        int got = lb_break(&p, &q, breaks + nb, &d);
        if (got < 0) { /* no way without a hole: the least bad with one */
            q.allow_holes = 1;
            got = lb_break(&p, &q, breaks + nb, &d);
        }
        if (got < 0) {
            nb = -1;
            break;
        }
        /* first fit's breaks inside this piece, made relative to it */
        int f0 = kf;
        while (kf < nf && first[kf] < e)
            first[kf++] -= s;
        double th = lb_total(&p, &q, first + f0, kf - f0);
        for (int j = f0; j < kf; j++)
            first[j] += s;
        if (th < 0)
            theirs_bad = 1;
        theirs += th;
        ours += d;
        /* how far the longest chosen line is over its measure */
        for (int j = 0, from = 0; j <= got; j++) {
            int to = j < got ? breaks[nb + j] : p.n;
            int v = p.vis_end[to] > from ? p.vis_end[to] : from;
            double w = p.x[v] - p.x[from] - (from == 0 ? q.first_width : q.width);
            over = fmax(over, w);
            from = to;
        }
        for (int j = 0; j < got; j++)
            breaks[nb + j] += s;
        nb += got;
    }
    int changed = 0;
    /* Re-laying out costs pango's shaping of the paragraph again (a
     * tenth of a page's time): only for a clear gain, or to mend an awful
     * line (a hole, a word preferred whole broken, a hole of a last line). */
    int worth = theirs_bad || ours < 0.7 * theirs || (theirs >= AWFUL * AWFUL && ours < theirs);
    if (nb >= 0 && worth &&
        (nb != nf || memcmp(breaks, first, (size_t)nb * sizeof *breaks))) {
        /* Force the chosen lines: no break inside any of them.  pango still
         * breaks at their ends, where the text allows it; a line to shrink
         * needs a wider box to stay whole. */
        PangoAttrList *forced = pango_attr_list_copy(attrs);
        /* a kept unit broken at its space: its rule goes (pango's
         * allow-breaks only ever takes breaks away) */
        int kept = 0;
        for (int k = 0; k < nb; k++)
            kept |= a.penalty[breaks[k]] == LB_KEPT_BREAK;
        if (kept) {
            KeptCut cut = {&a, breaks, nb};
            PangoAttrList *gone = pango_attr_list_filter(forced, unkeep, &cut);
            if (gone)
                pango_attr_list_unref(gone);
        }
        for (int k = 0; k <= nb; k++) {
            int s = k > 0 ? breaks[k - 1] : 0, e = k < nb ? breaks[k] : a.n;
            PangoAttribute *at = pango_attr_allow_breaks_new(FALSE);
            at->start_index = (guint)a.byte_of[s];
            at->end_index = (guint)a.byte_of[e];
            pango_attr_list_insert(forced, at);
        }
        if (over > 0)
            pango_layout_set_width(layout, (int)((width + over + 0.5) * PANGO_SCALE));
        pango_layout_set_attributes(layout, forced);
        pango_attr_list_unref(forced);
        /* pango must have broken where we asked; if not, first fit stays */
        int k = 0, ok = pango_layout_get_line_count(layout) == nb + 1;
        for (GSList *l = pango_layout_get_lines_readonly(layout); ok && l; l = l->next) {
            PangoLayoutLine *line = l->data;
            if (line->start_index > 0)
                ok = k < nb && line->start_index == a.byte_of[breaks[k++]];
        }
        /* and each line must fit its measure, shrunk as far as it may
         * (widths measured in another line may differ by a rounding) */
        int li = 0;
        for (GSList *l = pango_layout_get_lines_readonly(layout); ok && l; l = l->next, li++) {
            double avail = li == 0 ? first_width : other_width;
            double vis_w = justify_visible_width(l->data);
            ok = vis_w <= avail + over + 0.5;
        }
        if (ok) {
            changed = 1;
        } else {
            pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
            pango_layout_set_attributes(layout, attrs);
        }
    }
    free(first);
    free(breaks);
    free(vis);
    arrays_free(&a);
    return changed;
}
