/* forms.h - each agency's reporting form for one fiscal year, and the
 * filled forms collected back into a results file (results-1.xsd).
 *
 *   phaen forms PLAN.xml -o DIR [--agency ID]... [--year FY]
 *       DIR/forms/<agency-id>.pdf and .csv (forms.c, formdoc.c)
 *   phaen collect PLAN.xml FORM.csv... -o RESULTS.xml [--date YYYY-MM-DD]
 *       (collect.c)
 *
 * A form lists what the agency reports on: the indicators it answers for
 * and the projects it leads (a supported project is reported by its lead,
 * once, as results-1.xsd and `check` expect), each with what the plan says
 * for that year and blank cells for what happened.  The CSV's first row
 * holds the column keys below (a contract: a key never changes meaning, new
 * columns come at the end), its second row the Thai labels after a '#'.
 *
 * Threads: the functions read the frozen plan only.
 */
#ifndef PHAEN_FORMS_H
#define PHAEN_FORMS_H

#include <stddef.h>

#include "diag.h"
#include "doc.h"
#include "plan.h"
#include "template.h"

/* The CSV's columns, in order. */
typedef enum {
    FC_KIND,        /* indicator | project */
    FC_ID,
    FC_FISCAL_YEAR, /* BE */
    FC_AGENCY,
    FC_NAME,        /* the indicator's name or the project's title */
    FC_UNIT,
    FC_BASELINE,
    FC_BASELINE_YEAR,
    FC_TARGET,      /* the target that applies to the year, as written */
    FC_BUDGET,      /* the project's budget for the year, whole baht;
                     * empty: no allocation */
    FC_ACTUAL,      /* to fill: indicators */
    FC_SPENT,       /* to fill: projects, baht */
    FC_PROGRESS,    /* to fill: projects, per cent */
    FC_STATUS,      /* to fill: projects, FORM_STATUS keys (or Thai) */
    FC_NOTE,        /* to fill: problems (projects), a note (indicators) */
    FC_SOURCE,      /* to fill, optional: where an indicator's value came from */
    FC_DATE,        /* to fill, optional: when it was measured */
    FC_N
} FormColumn;

extern const char *const form_keys[FC_N];      /* "kind", "id", ... */
extern const char *const form_labels[FC_N];    /* Thai, for the '#' row */

/* A project's status: results-1.xsd's projectStatus, in order. */
enum { FORM_N_STATUS = 5 };
extern const char *const form_status_keys[FORM_N_STATUS];  /* "not-started", ... */
extern const char *const form_status_thai[FORM_N_STATUS];  /* "ยังไม่เริ่ม", ... */

/* The index of a status written as its key or its Thai word (surrounding
 * blanks ignored), or -1. */
int form_status_parse(const char *s);

/* Whether agency a has a form: it leads a project or answers for an
 * indicator itself. */
int form_has_rows(const Agency *a);

/* The fiscal year forms are for when --year is not given: the first fiscal
 * year the plan budgets (the first column of the action plan), else the
 * first year of its period.  Never the clock. */
int form_default_year(const Plan *p);

/* The target of ind that applies to fiscal year `year`: the year's own
 * target when the plan gives one, else its phase's (target.h, as the
 * progress report compares); NULL when it has none. */
const Target *form_target(const Plan *p, const Indicator *ind, int year);

/* The phase containing `year`, or NULL. */
const Phase *form_phase(const Plan *p, int year);

/* The agency's form as CSV text (UTF-8 with a BOM, CRLF, RFC 4180
 * quoting), to free with g_free(); *len gets its length. */
char *form_csv(const Plan *p, const Agency *a, int year, size_t *len);

/* The agency's form as a printable document: landscape A4, its indicators
 * and projects with blank cells tall enough to fill in by hand
 * (formdoc.c).  NULL when out of memory. */
Doc *compose_agency_form(const Plan *p, const Template *t, const Agency *a, int year);

/* phaen collect PLAN.xml FORM.csv... -o RESULTS.xml (argv[0] is
 * "collect"); returns the exit status: 0, 1 a form or the plan has errors
 * (nothing written), 2 usage or I/O problems. */
int collect_command(int argc, char **argv);

/* Reads the filled forms and writes the results file `out` (collect.c).
 * `date` is the reporters' date (ISO), or NULL: the last day of the fiscal
 * year.  Returns the exit status as collect_command does. */
int collect_forms(const char *plan_path, const char *const *forms, size_t n_forms,
                  const char *out, const char *date, size_t max_size, Diag *d);

#endif
