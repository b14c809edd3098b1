/* resultsout.h - a results file (results-1.xsd) written from checked rows.
 *
 * `phaen collect` (collect.c) checks the rows of the filled forms and hands
 * them here as ResultsEntry; the file lists a reporter per agency with a
 * reported row (the plan's agency order), then the indicators and the
 * projects in the plan's order, so the same reports give the same bytes
 * however the forms are named or ordered.  results.h reads such files.
 *
 * Threads: no shared state; the entries are the caller's.
 */
#ifndef PHAEN_RESULTSOUT_H
#define PHAEN_RESULTSOUT_H

#include <glib.h>

#include "plan.h"

/* One reported row, checked (collect.c), as the file will say it. */
typedef struct ResultsEntry {
    int is_project;
    long order;             /* its place in the plan */
    const char *ref;
    const Agency *agency;
    char *actual;           /* indicator: a number as xs:decimal, or text */
    int numeric;
    char *source, *note, *date;
    char *spent, *progress; /* project: xs:decimal, or NULL */
    int status;             /* index into form_status_keys */
} ResultsEntry;

/* The results file of fiscal year `year` (BE) for plan p: every reporter's
 * date is `date` (ISO).  Sorts entries (ResultsEntry *, borrowed) into the
 * plan's order.  New: the caller frees it with g_string_free(). */
GString *resultsout_xml(const Plan *p, int year, const char *date, GPtrArray *entries);

#endif
