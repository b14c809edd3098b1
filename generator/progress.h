/* progress.h - how far a plan has come: the rules that turn reported
 * results into shares of target and statuses.  Pure functions of their
 * arguments (no I/O, no template): the progress report (progressdoc.c)
 * shows what they decide, and tests/test_progress.c pins them down.
 *
 * The share of target reached, in per cent, is direction-aware:
 *   increase  (actual - baseline) / (target - baseline): the part of the
 *             planned improvement that happened.  A conviction rate planned
 *             to rise from 60 to 75 % that reaches 70 % has come 67 % of the
 *             way, not the 93 % that actual / target would say.  Without a
 *             number for the baseline, or when the target does not lie above
 *             it, actual / target.
 *   decrease  (baseline - actual) / (baseline - target), the same rule
 *             turned round: less is better.  Without a baseline above the
 *             target, target / actual (an actual of 0 reaches 100 %).
 *   maintain  the level must be held: actual / target (a target of 0, as
 *             in "no cases", is reached only by 0).
 * The status compares the share with the template's thresholds
 * (progress.achieved, progress.close, in per cent): at least `achieved`
 * is achieved, at least `close` is close, less is below target.  A
 * qualitative indicator has no share: it is reported or not.
 *
 * Threads: no state.
 */
#ifndef PHAEN_PROGRESS_H
#define PHAEN_PROGRESS_H

#include <stdint.h>

#include "plan.h"
#include "results.h"

typedef enum {
    PROG_ACHIEVED,     /* share >= achieved threshold */
    PROG_CLOSE,        /* share >= close threshold */
    PROG_BELOW,        /* below target */
    PROG_REPORTED,     /* qualitative, or no number to compare: reported */
    PROG_NOT_REPORTED, /* nothing reported for the year */
} ProgressStatus;

/* The share of target reached, in per cent, into *share (see above; the
 * baseline is used when has_baseline).  Returns 1, or 0 when no share can
 * be computed (a target of 0 on the ratio rule). */
int progress_share(Direction dir, int has_baseline, double baseline, double target,
                   double actual, double *share);

/* ACHIEVED, CLOSE or BELOW for a share, with the thresholds in per cent
 * (achieved > close). */
ProgressStatus progress_status(double share, double achieved, double close);

/* One indicator in one fiscal year, as the report shows it. */
typedef struct IndicatorProgress {
    const Indicator *ind;
    int year;
    const Target *target;      /* the target that applies (target.h), or NULL */
    const Phase *phase;        /* whose target it is; NULL for a yearly one */
    int has_target;            /* target holds a number */
    double target_value;
    int has_baseline;          /* the baseline holds a number */
    double baseline_value;
    const ResIndicator *res;   /* the report, or NULL */
    int has_share;
    double share;              /* per cent */
    ProgressStatus status;
} IndicatorProgress;

/* Evaluates `in` in fiscal year `year` against its report res (NULL when
 * none) with the thresholds in per cent. */
void progress_indicator(const Plan *p, const Indicator *in, int year, const ResIndicator *res,
                        double achieved, double close, IndicatorProgress *out);

/* One project in one fiscal year. */
typedef struct ProjectProgress {
    const Project *pj;
    int year;
    int has_budget;            /* a budget line for the year */
    int64_t budget;            /* baht */
    const ResProject *res;     /* its lead's report, or NULL */
    int has_spent_share;
    double spent_share;        /* spent / budget, per cent */
} ProjectProgress;

void progress_project(const Project *pj, int year, const ResProject *res, ProjectProgress *out);

/* The report of indicator `in` for `year` by agency `by` (NULL: by the
 * first answerable agency that reported), or NULL. */
const ResIndicator *progress_find_indicator(const ResultSet *rs, int year, const Indicator *in,
                                            const Agency *by);

/* The report of project `pj` for `year`: its lead's (the only agency
 * that reports a project); NULL when none. */
const ResProject *progress_find_project(const ResultSet *rs, int year, const Project *pj);

/* Whether `a` sent a report (is a <reporter>) for `year`. */
int progress_reported(const ResultSet *rs, int year, const Agency *a);

#endif
