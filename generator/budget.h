/* budget.h - budget roll-ups: per program, strategic issue, lead agency and
 * fiscal year, in whole baht, and their rounding into millions.
 *
 * A project's budget counts once, to its lead agency.  Only valid amounts
 * count (FyAmount.baht >= 0).  Every document that shows a budget figure
 * takes it from a Rollup, so the master plan, the action plan and the agency
 * sheets cannot disagree.
 *
 * Rounding (summary tables in ล้านบาท): a matrix of rows x fiscal years is
 * rounded with "controlled rounding" so that every shown part adds up to its
 * shown total: the grand total is rounded half away from zero; the column
 * (fiscal-year) totals are rounded by largest remainder so they add up to the
 * shown grand total; in each column the cells are rounded by largest
 * remainder so they add up to the shown column total; a row total is the sum
 * of its shown cells.  Every shown figure is within one unit of the last
 * decimal of its exact value, times the number of cells it sums, at worst.
 *
 * Threads: a Rollup is built by one thread, then read from any number
 * (the render threads share one).
 */
#ifndef PHAEN_BUDGET_H
#define PHAEN_BUDGET_H

#include <stddef.h>
#include <stdint.h>

#include "plan.h"

typedef struct Rollup {
    const Plan *plan;
    const int *years;      /* plan->fiscal_years */
    size_t n_years;
    /* [row * n_years + year index], whole baht */
    int64_t *program;      /* rows: plan->programs */
    int64_t *issue;        /* rows: plan->issues */
    int64_t *lead;         /* rows: plan->agencies (by Agency.index), as lead */
    int64_t *support;      /* rows: agencies, the budgets of projects they support
                            * (shown apart; never added to the totals) */
    int64_t *ministry;     /* rows: agencies, as the ministry (top of the parent
                            * chain, agency_ministry()) of a project's lead */
    int64_t *year;         /* [year index]: the totals per fiscal year */
    int64_t grand;
    /* Whether any budget line stands behind a figure, same shapes as the
     * matrices above: 0 is "no allocation", shown apart from an allocation
     * of 0 baht (template labels budget_none and budget_zero). */
    unsigned char *program_set, *issue_set, *lead_set, *support_set,
                  *ministry_set, *year_set;
    int grand_set;
} Rollup;

/* Whether row `row` of a presence matrix (rows x r->n_years) has any
 * budget line in any year. */
int rollup_row_set(const Rollup *r, const unsigned char *set, size_t row);

/* Computes every roll-up of a resolved plan in one pass over the projects.
 * Never NULL (xalloc.h).  Free with rollup_free(). */
Rollup *rollup_new(const Plan *p);
void rollup_free(Rollup *r);

/* The index of fiscal year `year` in r->years, or -1. */
int rollup_year_index(const Rollup *r, int year);

/* A rounded matrix: cells, row totals, column totals and the grand total,
 * in units of 10^-decimals million baht (decimals 2: 12500000 baht -> 1250). */
typedef struct Rounded {
    size_t rows, cols;
    int64_t *cell;         /* [row * cols + col] */
    int64_t *row_total;    /* [row] = sum of the row's cells */
    int64_t *col_total;    /* [col] = sum of the column's cells */
    int64_t grand;         /* = sum of col_total = sum of row_total */
} Rounded;

/* Rounds the rows x cols matrix `baht` as described above (its column sums
 * and grand total are computed from it).  Returns 0 (it cannot fail:
 * xalloc.h; the int stays for its callers).  Free with rounded_free(). */
int rounded_millions(Rounded *out, const int64_t *baht, size_t rows, size_t cols,
                     int decimals);
void rounded_free(Rounded *r);

#endif
