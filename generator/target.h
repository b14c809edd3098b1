/* target.h - which target of an indicator applies in a fiscal year.
 *
 * A plan gives each indicator a target per phase, and (format 2) may give
 * it a target for single fiscal years too.  The forms, the progress report
 * and anything else that compares a year's result with "the target" ask
 * here, so that they all pick the same one.
 *
 * Threads: reads a frozen plan only.
 */
#ifndef PHAEN_TARGET_H
#define PHAEN_TARGET_H

#include "plan.h"

/* The target that applies to `in` in BE fiscal year `year`: the
 * indicator's own target for that year when the plan gives one, else the
 * target of the first phase whose years contain `year`; NULL when there is
 * neither.  *phase (when phase is not NULL) gets the phase the target
 * belongs to, NULL for a yearly target or none.  Needs a resolved plan
 * (Indicator.by_phase). */
const Target *target_for_year(const Plan *p, const Indicator *in, int year,
                              const Phase **phase);

/* The first number written in s ("≥ 80", "1,200", "-3.5", "ร้อยละ 75"),
 * into *out: Thai digits count, commas between digits are thousands
 * separators.  Returns 1, or 0 when s holds no number (or is NULL). */
int target_number(const char *s, double *out);

#endif
