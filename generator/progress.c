/* progress.c - shares of target and statuses; see progress.h for the
 * rules and why they are these. */
#include "progress.h"

#include <math.h>
#include <stddef.h>

#include "target.h"

int progress_share(Direction dir, int has_baseline, double baseline, double target,
                   double actual, double *share)
{
    switch (dir) {
    case DIR_INCREASE:
        if (has_baseline && target > baseline) {
            *share = (actual - baseline) / (target - baseline) * 100;
            return 1;
        }
        if (target == 0)
            return 0;
        *share = actual / target * 100;
        return 1;
    case DIR_DECREASE:
        if (has_baseline && baseline > target) {
            *share = (baseline - actual) / (baseline - target) * 100;
            return 1;
        }
        if (actual <= 0) {
            *share = 100;
            return 1;
        }
        *share = target / actual * 100;
        return 1;
    case DIR_MAINTAIN:
        if (target == 0) {
            *share = actual == 0 ? 100 : 0;
            return 1;
        }
        *share = actual / target * 100;
        return 1;
    }
    return 0;
}

ProgressStatus progress_status(double share, double achieved, double close)
{
    /* Shares are printed with one decimal: compare what is printed, so
     * that 79.96 shown as 80.0 is "close" with a threshold of 80. */
    double shown = round(share * 10) / 10;
    return shown >= achieved ? PROG_ACHIEVED : shown >= close ? PROG_CLOSE : PROG_BELOW;
}

void progress_indicator(const Plan *p, const Indicator *in, int year, const ResIndicator *res,
                        double achieved, double close, IndicatorProgress *out)
{
    *out = (IndicatorProgress){.ind = in, .year = year, .res = res};
    out->target = target_for_year(p, in, year, &out->phase);
    int quant = in->kind == IND_QUANTITATIVE;
    if (quant && out->target)
        out->has_target = target_number(out->target->value, &out->target_value);
    if (quant && in->baseline)
        out->has_baseline = target_number(in->baseline, &out->baseline_value);
    if (!res) {
        out->status = PROG_NOT_REPORTED;
        return;
    }
    out->status = PROG_REPORTED;
    if (!quant || !res->actual || !out->has_target)
        return;
    out->has_share = progress_share(in->direction, out->has_baseline, out->baseline_value,
                                    out->target_value, res->value, &out->share);
    if (out->has_share)
        out->status = progress_status(out->share, achieved, close);
}

void progress_project(const Project *pj, int year, const ResProject *res, ProjectProgress *out)
{
    *out = (ProjectProgress){.pj = pj, .year = year, .res = res};
    out->has_budget = project_has_year(pj, year);
    out->budget = project_budget(pj, year);
    if (res && res->has_spent && out->budget > 0) {
        out->has_spent_share = 1;
        out->spent_share = res->spent / (double)out->budget * 100;
    }
}

const ResIndicator *progress_find_indicator(const ResultSet *rs, int year, const Indicator *in,
                                            const Agency *by)
{
    if (!by) {
        for (size_t k = 0; k < in->answerable.n; k++) {
            const ResIndicator *r = progress_find_indicator(rs, year, in,
                                                            in->answerable.items[k].to.agency);
            if (r)
                return r;
        }
        return NULL;
    }
    for (size_t i = 0; i < rs->n; i++) {
        const Results *res = &rs->files[i];
        if (res->fiscal_year != year)
            continue;
        for (size_t j = 0; j < res->n_indicators; j++)
            if (res->indicators[j].ind == in && res->indicators[j].by == by)
                return &res->indicators[j];
    }
    return NULL;
}

const ResProject *progress_find_project(const ResultSet *rs, int year, const Project *pj)
{
    /* only the lead reports a project (results.c refuses anyone else) */
    for (size_t i = 0; i < rs->n; i++) {
        const Results *res = &rs->files[i];
        if (res->fiscal_year != year)
            continue;
        for (size_t j = 0; j < res->n_projects; j++) {
            const ResProject *e = &res->projects[j];
            if (e->pj == pj && e->by && e->by == pj->lead.to.agency)
                return e;
        }
    }
    return NULL;
}

int progress_reported(const ResultSet *rs, int year, const Agency *a)
{
    for (size_t i = 0; i < rs->n; i++) {
        const Results *res = &rs->files[i];
        if (res->fiscal_year != year)
            continue;
        for (size_t j = 0; j < res->n_reporters; j++)
            if (res->reporters[j].to == a)
                return 1;
    }
    return 0;
}
