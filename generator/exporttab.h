/* exporttab.h - inside `phaen export` (export.h): the tables, built once
 * from the plan (exporttab.c) and written as CSV (export.c) or as the
 * sheets of a workbook (exportxlsx.c), and what the writers share.  JSON
 * is written from the model directly (exportjson.c).
 *
 * Threads: the tables are built and written by one thread; the plan is
 * only read.
 */
#ifndef PHAEN_EXPORTTAB_H
#define PHAEN_EXPORTTAB_H

#include <stddef.h>

#include <glib.h>

#include "diag.h"
#include "outfile.h"
#include "plan.h"

typedef enum { COL_TEXT, COL_INT, COL_AMOUNT } ColType;

typedef struct Column {
    const char *key;
    ColType type;
} Column;

typedef struct Table {
    const char *name;          /* "projects": projects.csv, the sheet's name */
    Column *cols;
    size_t n_cols;
    GPtrArray *rows;           /* of char *[n_cols] (g_strfreev) */
    char **row;                /* the row being filled */
    size_t at;
} Table;

/* The first six are the format-1 tables, in their old order; the format-2
 * ones follow (header only for a format-1 plan: the same files always). */
enum { N_TABLES = 10 };

/* Builds every table of p into t (free each with export_table_free). */
void export_tables(const Plan *p, Table *t[N_TABLES]);
void export_table_free(Table *t);

/* The plan's words for a direction and a budget status. */
const char *export_direction_key(Direction d);
const char *export_status_key(BudgetStatus s);

/* Stages bytes as the new file dir/name; NULL after reporting. */
OutFile *export_stage(const char *dir, const char *name, const void *data, size_t len, Diag *d);
/* Puts the n staged files in place, all or none (a NULL entry: none);
 * 0, or -1 after reporting. */
int export_commit(OutFile **files, size_t n, Diag *d);

/* dir/plan.json (exportjson.c), dir/plan.xlsx (exportxlsx.c): 0, or -1
 * after reporting. */
int export_json(const Plan *p, const char *dir, Diag *d);
int export_xlsx(const Plan *p, Table *t[N_TABLES], const char *dir, Diag *d);

#endif
