/* csvin.h - reading a CSV file into rows of cells, for the tables `phaen
 * import` reads (import.c) and the forms `phaen collect` reads (collect.c).
 *
 * libcsv in strict RFC 4180 mode: quotes, commas and line breaks in cells,
 * CRLF or LF; a leading byte order mark is skipped.  Records are numbered
 * as a spreadsheet numbers its rows (the first, the header, is 1), so that
 * a problem can be reported as FILE:ROW:COLUMN.
 *
 * Threads: no shared state; safe from several threads.
 */
#ifndef PHAEN_CSVIN_H
#define PHAEN_CSVIN_H

#include <stddef.h>

#include <glib.h>

#include "diag.h"

/* One record after the first. */
typedef struct CsvRow {
    int rec;                /* its number: 2 is the first after the header */
    char **cells;           /* n cells, then NULL (g_strfreev) */
    size_t n;
} CsvRow;

typedef struct CsvTable {
    char **keys;            /* the first record (g_strfreev); NULL when none */
    size_t n_keys;
    GPtrArray *rows;        /* CsvRow *; g_ptr_array_free frees them */
} CsvTable;

/* Reads the file at path (a regular file of at most limit bytes; `what`
 * names it in messages: "the table") and parses it into *out.  Returns 0;
 * or -1 after reporting to d, with *io set when the file could not be read
 * and, when it is not CSV, the place PATH:REC:col1 (libcsv says what is
 * wrong, not where: the record it was in is the one after the last read).
 * On success the caller owns out->keys and out->rows. */
int csvin_read(const char *path, size_t limit, const char *what, const char *col1, Diag *d,
               int *io, CsvTable *out);

#endif
