/* render.h - the documents phaen makes from a resolved, checked plan.
 *
 * Each compose_* function is one composer (one file each: master.c,
 * action.c, sheet.c): it walks the frozen plan and returns a new Doc for the
 * layout engine, or NULL when out of memory.  The caller frees it.
 *
 * Threads: composers read the frozen plan, template and roll-up; each call
 * makes its own Doc, so documents are composed in several threads at once.
 */
#ifndef PHAEN_RENDER_H
#define PHAEN_RENDER_H

#include "doc.h"
#include "plan.h"
#include "budget.h"
#include "template.h"

/* แผนแม่บท: cover, contents, background, vision and mission, alignment, one
 * chapter per strategic issue (goals, indicator table, strategies), annex of
 * agencies. */
Doc *compose_master_plan(const Plan *p, const Template *t);

/* แผนปฏิบัติการ: one section per strategic issue, then per program, a table
 * of its projects with a budget column per fiscal year; subtotals per
 * program and issue, a grand total; summary tables by issue x fiscal year
 * and by lead agency x fiscal year in ล้านบาท (action.c). */
Doc *compose_action_plan(const Plan *p, const Template *t, const Rollup *r);

/* The same document, its programs' tables with their rows made when the
 * layout needs them (DocTable.fill): for a render, which holds only the
 * table it is laying out; 10,000 projects took 43 MB as rows.  Only
 * layout_run() reads it. */
Doc *compose_action_plan_rows_later(const Plan *p, const Template *t, const Rollup *r);

/* One agency's responsibility sheet: what it leads, what it supports, the
 * indicators it answers for, its totals (sheet.c). */
Doc *compose_agency_sheet(const Plan *p, const Template *t, const Rollup *r,
                          const Agency *a);

/* Every agency's sheet in one document, in the plan's agency order: each
 * starts on a new page with a level-0 heading, so each agency gets one
 * bookmark (sheet.c). */
Doc *compose_agency_sheets(const Plan *p, const Template *t, const Rollup *r);

#endif
