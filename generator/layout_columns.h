/* layout_columns.h - a table's column widths (layout_columns.c).
 *
 * Sizes a table's columns from their content: what cannot break in each
 * column (numbers, codes, header words) sets its least width, the rest is
 * shared by the composer's weights; when the columns do not fit the
 * measure, the table font steps down to the template's floor, and then the
 * columns are split into groups that each repeat the key columns.  A fit
 * is measured once a document, in the first pass, and the Engine owns it
 * (Engine.fits, freed with fit_free).  Internal to the layout.
 *
 * Threads: as layout_text.h: one thread at a time per Engine.
 */
#ifndef PHAEN_LAYOUT_COLUMNS_H
#define PHAEN_LAYOUT_COLUMNS_H

#include "layout_int.h"

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

/* The fit of the table of block `index`, measured on the first ask (a
 * column that fits on no page is reported then, and e->failed set). */
TableFit *fit_of(Engine *e, size_t index);

/* The table of block `index` with its rows.  A table whose rows are made
 * on demand (DocTable.fill) is made in a scratch doc, kept to the end while
 * the text cache is on (the cache knows the rows' markup by its address
 * from one pass to the next), else freed when another is asked for: the
 * pointer is valid until then. */
const DocTable *table_at(Engine *e, size_t index);
void fit_free(TableFit *f);
/* The table that column group gi of t shows, at the fitted size (new:
 * free it with sub_free). */
DocTable *sub_table(const DocTable *t, const TableFit *f, size_t gi);
void sub_free(DocTable *s);
/* The x of each column boundary for the widths w of n columns (new: the
 * caller frees it). */
double *columns_x(const Engine *e, const double *w, size_t n);

#endif
