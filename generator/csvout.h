/* csvout.h - CSV text as RFC 4180 says it (export.c's tables).
 *
 * UTF-8 with a byte order mark first (Excel reads a CSV file without one
 * in the machine's code page, which turns Thai into mojibake), CRLF
 * between records, and a field quoted when it holds a comma, a quote, a
 * line break or leading/trailing blanks (which readers may trim), a quote
 * inside doubled.
 *
 * Threads: a CsvOut belongs to one thread; no shared state.
 */
#ifndef PHAEN_CSVOUT_H
#define PHAEN_CSVOUT_H

#include <glib.h>
#include <stdint.h>

typedef struct CsvOut {
    GString *buf;
    int cells;            /* cells in the current record so far */
} CsvOut;

/* Starts a table: the BOM. */
void csvout_init(CsvOut *c);
/* Appends a cell; NULL is an empty cell. */
void csvout_cell(CsvOut *c, const char *s);
void csvout_int(CsvOut *c, int64_t v);
/* Ends the record. */
void csvout_row(CsvOut *c);
/* Frees the text. */
void csvout_free(CsvOut *c);

#endif
