/* check.h - the rules a schema cannot express (after resolve).
 *
 * Phases inside the period, without overlap or gap; one target per phase for
 * every indicator; fiscal years inside the period and not repeated; budgets
 * whole non-negative baht; a lead that is not also a supporter; a project's
 * strategy in its program's issue; an agency parent chain without a cycle; an
 * indicator with no goal; text that should be Thai but holds only Latin
 * letters (warning); a goal with no indicator (warning); an agency with no
 * role (warning).
 *
 * Threads: reads the plan and reports to its own Diag; plans of their own may
 * be checked in several threads at once.
 */
#ifndef PHAEN_CHECK_H
#define PHAEN_CHECK_H

#include "diag.h"
#include "plan.h"

/* Reports every problem in the resolved plan p to d.  Returns the number of
 * errors (warnings are counted in d only). */
int plan_check(const Plan *p, Diag *d);

#endif
