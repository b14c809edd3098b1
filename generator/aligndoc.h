/* aligndoc.h - the XYZ alignment in the documents: what a goal or a project
 * serves (sub-plan targets, factors), and the master plan's alignment
 * matrix (goals x sub-plan targets).  Composer helpers like compose.h.
 *
 * Codes are identifiers: printed as written (ASCII digits), never broken.
 *
 * Threads: like compose.h.
 */
#ifndef PHAEN_ALIGNDOC_H
#define PHAEN_ALIGNDOC_H

#include "compose.h"

/* A goal's or project's alignment as one line of markup:
 * "สอดคล้องกับ เป้าหมายแผนย่อย 010201, 010202 ปัจจัย F010201, F010205", the
 * targets it names and then those reached only through its factors; with
 * `with_titles` each factor's title follows its code.  NULL when it names
 * none (format 1, or a plan without targets). */
const char *cx_alignment(Composer *c, const PlanRefList *serves, const PlanRefList *factors,
                         int with_titles);

/* The alignment matrix: a table of every goal (rows, grouped by strategic
 * issue) against every sub-plan target (columns), the template's
 * align_mark in a cell where the goal serves the target (itself or through
 * a factor) with the codes of the target's factors it names, then the
 * legend (the mark, each target's code and title, its factors).  Nothing
 * when the plan declares no target. */
void cx_alignment_matrix(Composer *c);

#endif
