/* progressdoc.h - the progress report (รายงานผลการดำเนินงาน) composer.
 *
 * Threads: reads the frozen plan, template and results; builds its own Doc.
 */
#ifndef PHAEN_PROGRESSDOC_H
#define PHAEN_PROGRESSDOC_H

#include "doc.h"
#include "plan.h"
#include "results.h"
#include "template.h"

/* The progress report of the latest fiscal year in rs: cover and contents,
 * a summary (with how the indicators moved since the year before), each
 * strategic issue's goals and indicators (baseline, and for every year of
 * the results the actual against that year's target, the share of target
 * and the status by word, shape and colour), each project's budget against
 * spending, progress and status in every year of the results,
 * each agency's reports and what is missing, and the charts (budget by
 * issue and by year, each indicator over the years).  rs has been checked
 * (results_check).  Returns a new Doc (doc_free() it). */
Doc *compose_progress_report(const Plan *p, const Template *t, const ResultSet *rs);

#endif
