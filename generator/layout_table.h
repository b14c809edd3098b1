/* layout_table.h - tables on pages (layout_table.c).
 *
 * A table is painted row by row at its fitted widths (layout_columns.h):
 * each row as tall as its tallest cell, a row moved whole to the next page
 * unless it is taller than a page (then split line by line), header rows
 * repeated on every page, a group title kept with its rows, and the first
 * and last `keep` body rows (template table.keep_rows) kept together.
 * Internal to the layout.
 *
 * Threads: as layout_text.h: one thread at a time per Engine.
 */
#ifndef PHAEN_LAYOUT_TABLE_H
#define PHAEN_LAYOUT_TABLE_H

#include "layout_int.h"

/* Places the table of block b (block `index`), its column groups one
 * after the other. */
void do_table(Engine *e, size_t index);
/* The height a heading needs below it when the table of block `index`
 * follows it: so that the heading and the table start on the same page. */
double table_head_height(Engine *e, size_t index);

#endif
