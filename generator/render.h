/* render.h - the documents phaen makes from a resolved, checked plan.
 *
 * Each compose_* function is one composer (one file each: master.c,
 * action.c, sheet.c): it walks the frozen plan and returns a new Doc for the
 * layout engine, or NULL when out of memory.  The caller frees it.
 */
#ifndef PHAEN_RENDER_H
#define PHAEN_RENDER_H

#include "doc.h"
#include "plan.h"
#include "template.h"

/* แผนแม่บท: cover, contents, background, vision and mission, alignment, one
 * chapter per strategic issue (goals, indicator table, strategies), annex of
 * agencies. */
Doc *compose_master_plan(const Plan *p, const Template *t);

#endif
