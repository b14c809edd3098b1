/* chart.h - charts as geometry, then paint.
 *
 * A chart is computed in two steps: chart_bars() and chart_lines() turn
 * the data into a list of marks (bars, line segments, points, labels) in a
 * box of the given size, with nothing drawn; chart_paint() draws such a
 * list on a figure's canvas (doc.h DB_FIGURE).  Tests check the marks:
 * every value given is drawn, at the height the scale says.
 *
 * Strings and marks live in the arena passed in (the doc's).  Labels are
 * pango markup, numerals in the style given.
 *
 * Threads: no state.
 */
#ifndef PHAEN_CHART_H
#define PHAEN_CHART_H

#include <stddef.h>

#include "arena.h"
#include "doc.h"
#include "template.h"

typedef enum {
    CM_BAR,      /* a bar from (x, y) to (x2, y2), y < y2; series, category */
    CM_SEGMENT,  /* a line from (x, y) to (x2, y2); series */
    CM_POINT,    /* a data point at (x, y); series */
    CM_AXIS,     /* an axis or grid line from (x, y) to (x2, y2) (grid: series 1) */
    CM_LABEL,    /* text, its baseline's anchor at (x, y), aligned by align */
    CM_KEY,      /* a legend swatch of series at (x, y), x2 - x wide */
} ChartMarkKind;

typedef struct ChartMark {
    ChartMarkKind kind;
    int series;           /* which series (bars, points, segments, keys) */
    int category;         /* bars: the category index; points: the x index */
    double x, y, x2, y2;
    double value;         /* the data value the mark stands for */
    const char *text;     /* CM_LABEL: markup */
    TextAlign align;
    double size;          /* CM_LABEL: font size (points) */
} ChartMark;

typedef struct ChartGeom {
    ChartMark *marks;
    size_t n, cap;
    double w, h;
    /* the value scale: value v is drawn at y = y0 - v * scale */
    double y0, scale;
    double label_size;
    /* the series' looks, by series index: 0, 1, 2 */
    int kind;             /* 0 bars, 1 lines */
    const Template *t;    /* the greys and rule widths chart_paint() uses
                           * (template.h progress.chart.*); set by the
                           * composer before painting */
    Arena *a;
} ChartGeom;

/* Bars: n_cat categories (labels: markup), two series side by side (values
 * a[i] and b[i], >= 0, e.g. budget and spending in baht), drawn in millions
 * of baht when `millions`.  keys: the two series' names (markup).  Values
 * are scaled so that the largest fits under a rounded top line. */
ChartGeom *chart_bars(Arena *a, double w, double h, const char *const *categories,
                      size_t n_cat, const double *va, const double *vb,
                      const char *const keys[2], int millions, NumeralStyle style,
                      double label_size);

/* Lines over the years from..to (BE): a target per year (target[i], NaN
 * for none) drawn as a dashed step line (series 1), actuals (actual[i],
 * NaN for none) as points joined by a line (series 2), and the baseline
 * (at base_year, when has_base) as a point of series 0.  keys: the three
 * series' names.  The value axis starts at 0 unless a value is negative. */
ChartGeom *chart_lines(Arena *a, double w, double h, int from, int to, const double *target,
                       const double *actual, int has_base, int base_year, double base,
                       const char *const keys[3], NumeralStyle style, double label_size);

/* Paints the marks of g (a ChartGeom *) with its top-left corner at
 * (x, y): a DocDrawFn for a DB_FIGURE block (w and h are the block's). */
void chart_paint(const void *g, DocCanvas *cv, double x, double y, double w, double h);

#endif
