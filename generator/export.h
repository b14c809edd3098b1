/* export.h - a resolved plan as tables (CSV, XLSX) or one JSON document,
 * and `phaen import`, which reads the tables back into a plan (import.c).
 *
 * The tables and their column keys are the contract with spreadsheets and
 * other systems (README "Export and import"): keys never change meaning;
 * new columns may be added at the end.
 *
 * Threads: export_plan only reads the frozen plan (each call writes its own
 * files); import_tables, export_load_checked and the commands load plans,
 * so they are called from one thread at a time (load.h).
 */
#ifndef PHAEN_EXPORT_H
#define PHAEN_EXPORT_H

#include "diag.h"
#include "plan.h"

typedef enum { EXPORT_CSV, EXPORT_JSON, EXPORT_XLSX } ExportFormat;

/* Writes p (loaded, resolved and checked) in `fmt` into folder `dir`
 * (created when missing): projects.csv, budgets.csv, indicators.csv,
 * goals.csv, strategies.csv, agencies.csv, subtargets.csv, factors.csv,
 * glossary.csv, approvals.csv; or plan.json; or plan.xlsx.
 * Every file appears whole or not at all.  Returns 0, or -1 after
 * reporting to d. */
int export_plan(const Plan *p, ExportFormat fmt, const char *dir, Diag *d);

/* phaen export PLAN.xml --format csv|json|xlsx -o DIR (argv[0] is
 * "export"); returns the exit status. */
int export_command(int argc, char **argv);

/* phaen import PLAN.xml TABLE.csv... -o NEW.xml (argv[0] is "import"). */
int import_command(int argc, char **argv);

/* Merges the tables into the plan at `plan_path` and writes the result to
 * `out` (see import.c).  Says what changed on `msg`.  Returns 0, 1 when a
 * table or the new plan has errors (nothing written), 2 on I/O problems. */
int import_tables(const char *plan_path, const char *const *tables, size_t n_tables,
                  const char *out, size_t max_size, Diag *d, FILE *msg);

/* Loads, resolves and checks a plan for export/import: NULL (reported)
 * when it has errors. */
Plan *export_load_checked(const char *path, size_t max_size, Diag *d);

/* Writes len bytes of data as the file at path, whole or not at all
 * (outfile_save); 0, or -1 after reporting to d.  For import's plan and
 * collect's results file. */
int export_save(const char *path, const void *data, size_t len, Diag *d);

#endif
