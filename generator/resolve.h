/* resolve.h - links every id to what it names, and builds the reverse indexes.
 *
 * Builds the sorted id index (plan->ids; duplicates reported, the first
 * definition wins), resolves every PlanRef by kind, numbers issues, goals,
 * strategies, programs and projects, and fills the reverse indexes: agency ->
 * projects it leads / supports and indicators it answers for; goal ->
 * indicators and strategies; strategy -> projects; indicator -> targets by
 * phase and projects; issue -> programs; plan->fiscal_years.
 *
 * Threads: writes into the plan (links, indexes): one thread per plan.
 */
#ifndef PHAEN_RESOLVE_H
#define PHAEN_RESOLVE_H

#include "diag.h"
#include "plan.h"
#include "report.h"

/* Resolves p in place, reporting every unknown id, wrong-kind link and
 * duplicate id to d.  Returns the number of errors it reported. */
int plan_resolve(Plan *p, Diag *d);

/* The id of kind `want` closest to `id` (at most two edits away), for a
 * "did you mean" note on an unknown reference; NULL when none, or when the
 * search budget r->budget (report.h) has run out.  After plan_resolve(). */
const char *plan_suggest(const Plan *p, Report *r, const char *id, ObjKind want);

#endif
