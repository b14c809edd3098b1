/* revises.h - the earlier version a plan names in <revises>.
 *
 * A format-2 plan may name the version it revises by path (relative to its
 * own folder) and SHA-256.  plan_resolve() calls plan_resolve_revises()
 * last: it loads that file, checks its hash and resolves it, so that the
 * master plan can end with the changes (diff.c) as an annex.  Only one level
 * is followed: the earlier version's own <revises> is not.
 *
 * Threads: like plan_resolve(), on a plan not yet shared.
 */
#ifndef PHAEN_REVISES_H
#define PHAEN_REVISES_H

#include "diag.h"
#include "plan.h"

/* Loads p->revises_href into p->revised (owned by p) when p names one.
 * Reports at p's <revises> line: a file that cannot be read, a file that is
 * not a valid plan, a SHA-256 that does not match.  Returns the number of
 * errors (0 when p names no earlier version). */
int plan_resolve_revises(Plan *p, Diag *d);

/* The path the href names, relative to p->file's folder (malloc'd; the
 * caller frees it); NULL when p names no earlier version. */
char *plan_revises_path(const Plan *p);

#endif
