/* chart.c - charts as geometry, then paint; see chart.h.
 *
 * The looks are chosen to survive black-and-white printing: the two bar
 * series are a light and a dark grey, the target line is dashed and the
 * actual line solid with filled discs, the baseline a hollow diamond.
 */
#include "chart.h"

#include <assert.h>
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layout.h"
#include "thai.h"
#include "xalloc.h"

static ChartMark *mark(ChartGeom *g, ChartMarkKind kind)
{
    if (g->n == g->cap) {
        size_t cap = g->cap ? 2 * g->cap : 64;
        ChartMark *m = arena_calloc(g->a, cap, sizeof *m);
        if (g->n)
            memcpy(m, g->marks, g->n * sizeof *m);
        g->marks = m;
        g->cap = cap;
    }
    ChartMark *m = &g->marks[g->n++];
    memset(m, 0, sizeof *m);
    m->kind = kind;
    return m;
}

static void label(ChartGeom *g, double x, double y, TextAlign align, const char *markup)
{
    ChartMark *m = mark(g, CM_LABEL);
    m->x = x;
    m->y = y;
    m->align = align;
    m->text = markup;
    m->size = g->label_size;
}

static void line(ChartGeom *g, ChartMarkKind kind, int series, double x, double y, double x2,
                 double y2)
{
    ChartMark *m = mark(g, kind);
    m->series = series;
    m->x = x;
    m->y = y;
    m->x2 = x2;
    m->y2 = y2;
}

/* The grid step for values up to v (> 0): the smallest of 1, 2, 2.5, 5
 * times a power of ten that needs at most five steps to reach v, so the
 * top of the axis is never far above the data. */
static double nice_step(double v)
{
    if (v <= 0)
        return 0.25;
    double p = pow(10, floor(log10(v / 5)));
    static const double steps[] = {1, 2, 2.5, 5, 10, 20};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (ceil(v / (steps[i] * p) - 1e-9) <= 5)
            return steps[i] * p;
    return 20 * p;
}

/* The top of the axis for values up to v: a whole number of steps. */
static double nice_top(double v)
{
    double st = nice_step(v);
    return ceil(v / st - 1e-9) * st;
}

/* A number for a label: up to `decimals` places, no trailing zeros, with
 * thousands separators, in the numeral style. */
static const char *num(Arena *a, double v, int decimals, NumeralStyle style)
{
    char buf[64], out[128];
    snprintf(buf, sizeof buf, "%.*f", decimals, v);
    if (strchr(buf, '.')) {
        size_t n = strlen(buf);
        while (buf[n - 1] == '0')
            buf[--n] = '\0';
        if (buf[n - 1] == '.')
            buf[--n] = '\0';
    }
    if (!strcmp(buf, "-0"))
        strcpy(buf, "0");
    /* thousands separators in the whole part */
    char grouped[96];
    const char *s = buf;
    size_t o = 0;
    if (*s == '-')
        grouped[o++] = *s++;
    size_t whole = strcspn(s, ".");
    for (size_t i = 0; i < whole; i++) {
        if (i > 0 && (whole - i) % 3 == 0)
            grouped[o++] = ',';
        grouped[o++] = s[i];
    }
    snprintf(grouped + o, sizeof grouped - o, "%s", s + whole);
    thai_digits(out, sizeof out, grouped, style);
    return arena_strdup(a, out);
}

/* A year as a label: no thousands separator. */
static const char *year(Arena *a, int y, NumeralStyle style)
{
    char buf[32], out[64];
    snprintf(buf, sizeof buf, "%d", y);
    thai_digits(out, sizeof out, buf, style);
    return arena_strdup(a, out);
}

static ChartGeom *geom_new(Arena *a, double w, double h, double label_size)
{
    ChartGeom *g = arena_calloc(a, 1, sizeof *g);
    g->a = a;
    g->w = w;
    g->h = h;
    g->label_size = label_size;
    return g;
}

/* The value axis: grid lines and their labels from lo to top in `ticks`
 * steps, between left and right; sets the scale. */
static void value_axis(ChartGeom *g, double lo, double top, double left, double right,
                       double plot_top, double plot_bottom, int decimals, NumeralStyle style)
{
    g->scale = (plot_bottom - plot_top) / (top - lo);
    g->y0 = plot_bottom + lo * g->scale;
    int ticks = (int)lround((top - lo) / nice_step(top - lo));
    if (ticks < 1 || ticks > 10)
        ticks = 4;
    for (int i = 0; i <= ticks; i++) {
        double v = lo + (top - lo) * i / ticks;
        double y = g->y0 - v * g->scale;
        line(g, CM_AXIS, i == 0 && lo == 0 ? 0 : 1, left, y, right, y);
        label(g, left - g->label_size * 0.4, y + g->label_size * 0.35, TA_RIGHT,
              num(g->a, v, decimals, style));
    }
    if (lo < 0)
        line(g, CM_AXIS, 0, left, g->y0, right, g->y0);
    line(g, CM_AXIS, 0, left, plot_top, left, plot_bottom);
}

/* The legend across the top: a swatch and the name of each series. */
static void legend(ChartGeom *g, const char *const *keys, const int *series, size_t n,
                   double left)
{
    double x = left, y = g->label_size * 1.1, sw = g->label_size * 1.8;
    for (size_t i = 0; i < n; i++) {
        ChartMark *m = mark(g, CM_KEY);
        m->series = series[i];
        m->x = x;
        m->x2 = x + sw;
        m->y = y - g->label_size * 0.35;
        label(g, x + sw + g->label_size * 0.4, y, TA_LEFT, keys[i]);
        /* room for the name: about half an em a character of Thai */
        x += sw + g->label_size * (1.5 + 0.6 * (double)g_utf8_strlen(keys[i], -1));
    }
}

/* The plot's margins, bar widths and label offsets below are proportions
 * of the label size: room for a label of that size and headroom over the
 * top value, which follow the template's progress.chart.label and
 * .height.  They are geometry, not look, and stay here; the greys and
 * rule widths are the template's (chart_paint). */
ChartGeom *chart_bars(Arena *a, double w, double h, const char *const *categories,
                      size_t n_cat, const double *va, const double *vb,
                      const char *const keys[2], int millions, NumeralStyle style,
                      double label_size)
{
    ChartGeom *g = geom_new(a, w, h, label_size);
    g->kind = 0;
    double div = millions ? 1e6 : 1;
    double max = 0;
    for (size_t i = 0; i < n_cat; i++) {
        if (va[i] / div > max)
            max = va[i] / div;
        if (vb[i] / div > max)
            max = vb[i] / div;
    }
    double top = nice_top(max * 1.08);
    double left = label_size * 4, right = w - label_size * 0.5;
    double plot_top = label_size * 2.6, plot_bottom = h - label_size * 1.8;
    int decimals = top < 10 ? 2 : top < 100 ? 1 : 0;
    value_axis(g, 0, top, left, right, plot_top, plot_bottom, decimals, style);
    const int series[2] = {0, 1};
    legend(g, keys, series, 2, left);
    double gw = (right - left) / (double)(n_cat ? n_cat : 1);
    double bw = gw * 0.3 < label_size * 3 ? gw * 0.3 : label_size * 3;
    for (size_t i = 0; i < n_cat; i++) {
        double cx = left + gw * ((double)i + 0.5);
        const double v[2] = {va[i] / div, vb[i] / div};
        for (int s = 0; s < 2; s++) {
            ChartMark *m = mark(g, CM_BAR);
            m->series = s;
            m->category = (int)i;
            m->value = v[s];
            m->x = s == 0 ? cx - bw - 1 : cx + 1;
            m->x2 = m->x + bw;
            m->y = g->y0 - v[s] * g->scale;
            m->y2 = g->y0;
            label(g, (m->x + m->x2) / 2, m->y - label_size * 0.3, TA_CENTER,
                  num(a, v[s], top < 100 ? 1 : 0, style));
        }
        label(g, cx, plot_bottom + label_size * 1.3, TA_CENTER, categories[i]);
    }
    return g;
}

ChartGeom *chart_lines(Arena *a, double w, double h, int from, int to, const double *target,
                       const double *actual, int has_base, int base_year, double base,
                       const char *const keys[3], NumeralStyle style, double label_size)
{
    ChartGeom *g = geom_new(a, w, h, label_size);
    g->kind = 1;
    size_t n = to >= from ? (size_t)(to - from + 1) : 0;
    double lo = 0, hi = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isnan(target[i])) {
            hi = fmax(hi, target[i]);
            lo = fmin(lo, target[i]);
        }
        if (!isnan(actual[i])) {
            hi = fmax(hi, actual[i]);
            lo = fmin(lo, actual[i]);
        }
    }
    if (has_base) {
        hi = fmax(hi, base);
        lo = fmin(lo, base);
    }
    double top = nice_top(hi * 1.1);
    double bot = lo < 0 ? -nice_top(-lo * 1.1) : 0;
    double left = label_size * 4.5, right = w - label_size * 0.5;
    double plot_top = label_size * 2.6, plot_bottom = h - label_size * 1.8;
    int decimals = top - bot < 10 ? 2 : top - bot < 100 ? 1 : 0;
    value_axis(g, bot, top, left, right, plot_top, plot_bottom, decimals, style);
    const int series[3] = {0, 1, 2};
    legend(g, keys, series, 3, left);
    double dx = (right - left) / (double)(n ? n : 1);
    /* a year label every `step` years, so that they do not touch */
    size_t step = 1;
    while (step < n && dx * (double)step < label_size * 3)
        step++;
    for (size_t i = 0; i < n; i++) {
        double x = left + dx * ((double)i + 0.5);
        if (i % step == 0 || i + 1 == n)
            label(g, x, plot_bottom + label_size * 1.3, TA_CENTER, year(a, from + (int)i, style));
        line(g, CM_AXIS, 1, x, plot_bottom, x, plot_bottom + label_size * 0.25);
    }
    /* targets: a segment from each year's target to the next year's, and
     * the value written where it changes */
    double prev = NAN;
    for (size_t i = 0; i < n; i++) {
        if (isnan(target[i])) {
            prev = NAN;
            continue;
        }
        double x = left + dx * ((double)i + 0.5), y = g->y0 - target[i] * g->scale;
        if (i + 1 < n && !isnan(target[i + 1])) {
            ChartMark *m = mark(g, CM_SEGMENT);
            m->series = 1;
            m->x = x;
            m->y = y;
            m->x2 = x + dx;
            m->y2 = g->y0 - target[i + 1] * g->scale;
        }
        ChartMark *pt = mark(g, CM_POINT);
        pt->series = 1;
        pt->category = (int)i;
        pt->value = target[i];
        pt->x = x;
        pt->y = y;
        if (isnan(prev) || prev != target[i])
            label(g, x, y - label_size * 0.5, TA_CENTER, num(a, target[i], 2, style));
        prev = target[i];
    }
    /* actuals: discs joined by a line, each with its value below it */
    size_t last = n;
    for (size_t i = 0; i < n; i++) {
        if (isnan(actual[i]))
            continue;
        double x = left + dx * ((double)i + 0.5), y = g->y0 - actual[i] * g->scale;
        if (last < n) {
            ChartMark *m = mark(g, CM_SEGMENT);
            m->series = 2;
            m->x = left + dx * ((double)last + 0.5);
            m->y = g->y0 - actual[last] * g->scale;
            m->x2 = x;
            m->y2 = y;
        }
        ChartMark *pt = mark(g, CM_POINT);
        pt->series = 2;
        pt->category = (int)i;
        pt->value = actual[i];
        pt->x = x;
        pt->y = y;
        label(g, x, y + label_size * 1.3, TA_CENTER, num(a, actual[i], 2, style));
        last = i;
    }
    if (has_base && base_year >= from && base_year <= to) {
        size_t i = (size_t)(base_year - from);
        ChartMark *pt = mark(g, CM_POINT);
        pt->series = 0;
        pt->category = (int)i;
        pt->value = base;
        pt->x = left + dx * ((double)i + 0.5);
        pt->y = g->y0 - base * g->scale;
        label(g, pt->x, pt->y + label_size * 1.3, TA_CENTER, num(a, base, 2, style));
    }
    return g;
}

/* ---- painting ------------------------------------------------------------ */

static void disc(cairo_t *cr, double x, double y, double r)
{
    cairo_new_sub_path(cr);
    cairo_arc(cr, x, y, r, 0, 2 * M_PI);
}

static void diamond(cairo_t *cr, double x, double y, double r)
{
    cairo_move_to(cr, x, y - r);
    cairo_line_to(cr, x + r, y);
    cairo_line_to(cr, x, y + r);
    cairo_line_to(cr, x - r, y);
    cairo_close_path(cr);
}

/* A point of series s as the legend and the plot show it. */
static void point(cairo_t *cr, const ChartGeom *g, int s, double x, double y)
{
    /* the shapes' proportions are drawing, not look: a point's size
     * follows the labels' */
    double r = g->label_size * 0.28;
    if (s == 0) { /* baseline: a hollow diamond */
        diamond(cr, x, y, r * 1.3);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, g->t->chart_rule_baseline);
        cairo_stroke(cr);
    } else if (s == 2) { /* actual: a filled disc */
        double v = g->t->chart_grey_actual;
        disc(cr, x, y, r);
        cairo_set_source_rgb(cr, v, v, v);
        cairo_fill(cr);
    }
    /* targets: the dashed line alone carries them */
}

static void segment_style(cairo_t *cr, const ChartGeom *g, int s)
{
    /* the target's dash tells it from the actuals' line in black and
     * white, whatever its grey: the pattern stays here */
    static const double dash[] = {4, 2.5};
    const Template *t = g->t;
    double v = s == 1 ? t->chart_grey_target : t->chart_grey_actual;
    cairo_set_source_rgb(cr, v, v, v);
    cairo_set_line_width(cr, s == 1 ? t->chart_rule_target : t->chart_rule_actual);
    cairo_set_dash(cr, dash, s == 1 ? 2 : 0, 0);
}

static void bar_fill(cairo_t *cr, const ChartGeom *g, int s)
{
    double v = s == 0 ? g->t->chart_grey_allocated : g->t->chart_grey_spent;
    cairo_set_source_rgb(cr, v, v, v);
}

void chart_paint(const void *data, DocCanvas *cv, double x, double y, double w, double h)
{
    const ChartGeom *g = data;
    assert(g->t);
    cairo_t *cr = canvas_cairo(cv);
    if (!cr)
        return;
    cairo_save(cr);
    cairo_translate(cr, x, y);
    for (size_t i = 0; i < g->n; i++) {
        const ChartMark *m = &g->marks[i];
        switch (m->kind) {
        case CM_AXIS:
            cairo_set_source_rgb(cr, m->series ? g->t->chart_grey_grid : 0,
                                 m->series ? g->t->chart_grey_grid : 0,
                                 m->series ? g->t->chart_grey_grid : 0);
            cairo_set_line_width(cr, m->series ? g->t->chart_rule_grid : g->t->chart_rule_axis);
            cairo_set_dash(cr, NULL, 0, 0);
            cairo_move_to(cr, m->x, m->y);
            cairo_line_to(cr, m->x2, m->y2);
            cairo_stroke(cr);
            break;
        case CM_BAR:
            cairo_rectangle(cr, m->x, m->y, m->x2 - m->x, m->y2 - m->y);
            bar_fill(cr, g, m->series);
            cairo_fill_preserve(cr);
            cairo_set_source_rgb(cr, 0, 0, 0);
            cairo_set_line_width(cr, g->t->chart_rule_bar);
            cairo_set_dash(cr, NULL, 0, 0);
            cairo_stroke(cr);
            break;
        case CM_SEGMENT:
            segment_style(cr, g, m->series);
            cairo_move_to(cr, m->x, m->y);
            cairo_line_to(cr, m->x2, m->y2);
            cairo_stroke(cr);
            cairo_set_dash(cr, NULL, 0, 0);
            break;
        case CM_POINT:
            point(cr, g, m->series, m->x, m->y);
            break;
        case CM_KEY:
            if (g->kind == 0) {
                double s = g->label_size * 0.8;
                cairo_rectangle(cr, m->x, m->y - s / 2, m->x2 - m->x, s);
                bar_fill(cr, g, m->series);
                cairo_fill_preserve(cr);
                cairo_set_source_rgb(cr, 0, 0, 0);
                cairo_set_line_width(cr, g->t->chart_rule_bar);
                cairo_stroke(cr);
            } else {
                if (m->series > 0) {
                    segment_style(cr, g, m->series);
                    cairo_move_to(cr, m->x, m->y);
                    cairo_line_to(cr, m->x2, m->y);
                    cairo_stroke(cr);
                    cairo_set_dash(cr, NULL, 0, 0);
                }
                point(cr, g, m->series, (m->x + m->x2) / 2, m->y);
            }
            break;
        case CM_LABEL:
            break;
        }
    }
    cairo_restore(cr);
    /* labels last, over the lines, through the engine's text */
    for (size_t i = 0; i < g->n; i++) {
        const ChartMark *m = &g->marks[i];
        if (m->kind == CM_LABEL)
            canvas_text(cv, x + m->x, y + m->y, m->size, m->align, m->text);
    }
}
