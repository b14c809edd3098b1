/* budget.c - budget roll-ups and controlled rounding; see budget.h.
 *
 * Everything here is integer arithmetic on whole baht: no floating point
 * touches a figure, so a total never drifts from the sum of its parts.
 */
#include "budget.h"

#include <assert.h>
#include <stdlib.h>

#include "xalloc.h"

/* n zeros (xalloc.h: never NULL, even for n == 0). */
static int64_t *zeros(size_t n)
{
    return xcalloc(n, sizeof(int64_t));
}

void rollup_free(Rollup *r)
{
    if (!r)
        return;
    free(r->program);
    free(r->issue);
    free(r->lead);
    free(r->support);
    free(r->ministry);
    free(r->year);
    free(r->program_set);
    free(r->issue_set);
    free(r->lead_set);
    free(r->support_set);
    free(r->ministry_set);
    free(r->year_set);
    free(r);
}

int rollup_row_set(const Rollup *r, const unsigned char *set, size_t row)
{
    for (size_t y = 0; y < r->n_years; y++)
        if (set[row * r->n_years + y])
            return 1;
    return 0;
}

static unsigned char *flags(size_t n)
{
    return xcalloc(n, 1);
}

int rollup_year_index(const Rollup *r, int year)
{
    size_t lo = 0, hi = r->n_years;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->years[mid] < year)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->n_years && r->years[lo] == year ? (int)lo : -1;
}

/* Whether the k-th supporting agency of pj was already listed before k, or
 * is the lead: such a repeat is reported by check.c and counted once. */

Rollup *rollup_new(const Plan *p)
{
    Rollup *r = xcalloc(1, sizeof *r);
    size_t ny = p->n_fiscal_years;
    r->plan = p;
    r->years = p->fiscal_years;
    r->n_years = ny;
    r->program = zeros(p->n_programs * ny);
    r->issue = zeros(p->n_issues * ny);
    r->lead = zeros(p->n_agencies * ny);
    r->support = zeros(p->n_agencies * ny);
    r->ministry = zeros(p->n_agencies * ny);
    r->year = zeros(ny);
    r->program_set = flags(p->n_programs * ny);
    r->issue_set = flags(p->n_issues * ny);
    r->lead_set = flags(p->n_agencies * ny);
    r->support_set = flags(p->n_agencies * ny);
    r->ministry_set = flags(p->n_agencies * ny);
    r->year_set = flags(ny);
    /* A project's supporters, each once and never its lead: `stamp` marks
     * the agencies already taken for the current project (linear, however
     * long a hostile support list is). */
    size_t *stamp = xcalloc(p->n_agencies + 1, sizeof *stamp);
    const Agency **sup = NULL;
    size_t sup_cap = 0, serial = 0;
    /* One pass over every budget line of every project.  An unresolved link
     * (a plan with errors) leaves its row out but the grand total in. */
    for (size_t g = 0; g < p->n_programs; g++) {
        const Program *pg = &p->programs[g];
        const Issue *is = pg->issue.to.issue;
        for (size_t j = 0; j < pg->n_projects; j++) {
            const Project *pj = &pg->projects[j];
            const Agency *lead = pj->lead.to.agency;
            const Agency *ministry = lead ? agency_ministry(p, lead) : NULL;
            size_t n_sup = 0;
            serial++;
            if (lead)
                stamp[lead->index] = serial;
            if (pj->support.n > sup_cap)
                sup = xgrow(sup, &sup_cap, pj->support.n, sizeof *sup);
            for (size_t k = 0; k < pj->support.n; k++) {
                const Agency *a = pj->support.items[k].to.agency;
                if (a && stamp[a->index] != serial) {
                    stamp[a->index] = serial;
                    sup[n_sup++] = a;
                }
            }
            for (size_t b = 0; b < pj->n_budget; b++) {
                const FyAmount *fy = &pj->budget[b];
                int y = rollup_year_index(r, fy->year);
                if (fy->baht < 0 || y < 0)
                    continue;
                size_t yi = (size_t)y;
                r->program[g * ny + yi] += fy->baht;
                r->program_set[g * ny + yi] = 1;
                if (is) {
                    r->issue[(size_t)(is - p->issues) * ny + yi] += fy->baht;
                    r->issue_set[(size_t)(is - p->issues) * ny + yi] = 1;
                }
                if (lead) {
                    r->lead[lead->index * ny + yi] += fy->baht;
                    r->lead_set[lead->index * ny + yi] = 1;
                    r->ministry[ministry->index * ny + yi] += fy->baht;
                    r->ministry_set[ministry->index * ny + yi] = 1;
                }
                for (size_t k = 0; k < n_sup; k++) {
                    r->support[sup[k]->index * ny + yi] += fy->baht;
                    r->support_set[sup[k]->index * ny + yi] = 1;
                }
                r->year[yi] += fy->baht;
                r->year_set[yi] = 1;
                r->grand += fy->baht;
                r->grand_set = 1;
            }
        }
    }
    free(sup);
    free(stamp);
    return r;
}

void rounded_free(Rounded *r)
{
    if (!r)
        return;
    free(r->cell);
    free(r->row_total);
    free(r->col_total);
    r->cell = r->row_total = r->col_total = NULL;
}

/* Floor division and its remainder (0 <= rem < unit) for any sign. */
static int64_t floor_div(int64_t v, int64_t unit, int64_t *rem)
{
    int64_t q = v / unit, m = v % unit;
    if (m < 0) {
        q--;
        m += unit;
    }
    *rem = m;
    return q;
}

/* v / unit rounded half away from zero. */
static int64_t round_half_away(int64_t v, int64_t unit)
{
    int64_t rem, q = floor_div(v, unit, &rem);
    /* rem*2 >= unit rounds up; exactly half of a negative value rounds down
     * (away from zero), i.e. stays at the floor. */
    if (rem * 2 > unit || (rem * 2 == unit && v > 0))
        q++;
    return q;
}

/* Largest remainder: out[i*stride] = floor(v[i]/unit), plus one for the
 * `target - sum of floors` entries with the largest remainders (ties go to
 * the lower index).  The caller guarantees that count is between 0 and the
 * number of non-zero remainders (see budget.h's argument). */
static void largest_remainder(int64_t *out, const int64_t *v, size_t n, size_t stride,
                              int64_t unit, int64_t target, int64_t *rem)
{
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        out[i * stride] = floor_div(v[i], unit, &rem[i]);
        sum += out[i * stride];
    }
    int64_t left = target - sum;
    assert(left >= 0 && (uint64_t)left <= n);
    /* n is a handful of rows or years: picking the largest each time is
     * simpler than sorting and stable by construction. */
    for (; left > 0; left--) {
        size_t best = n;
        for (size_t i = 0; i < n; i++)
            if (rem[i] > 0 && (best == n || rem[i] > rem[best]))
                best = i;
        assert(best < n);
        out[best * stride]++;
        rem[best] = 0; /* taken: each entry moves up at most once */
    }
}

int rounded_millions(Rounded *out, const int64_t *baht, size_t rows, size_t cols,
                     int decimals)
{
    assert(decimals >= 0 && decimals <= 6);
    int64_t unit = 1;
    for (int i = decimals; i < 6; i++)
        unit *= 10;
    out->rows = rows;
    out->cols = cols;
    out->grand = 0;
    out->cell = zeros(rows * cols);
    out->row_total = zeros(rows);
    out->col_total = zeros(cols);
    int64_t *exact_col = zeros(cols);
    int64_t *rem = zeros(rows > cols ? rows : cols);
    int64_t *column = zeros(rows);
    int64_t exact_grand = 0;
    for (size_t i = 0; i < rows; i++)
        for (size_t j = 0; j < cols; j++) {
            exact_col[j] += baht[i * cols + j];
            exact_grand += baht[i * cols + j];
        }
    out->grand = round_half_away(exact_grand, unit);
    largest_remainder(out->col_total, exact_col, cols, 1, unit, out->grand, rem);
    for (size_t j = 0; j < cols; j++) {
        for (size_t i = 0; i < rows; i++)
            column[i] = baht[i * cols + j];
        largest_remainder(out->cell + j, column, rows, cols, unit, out->col_total[j], rem);
    }
    for (size_t i = 0; i < rows; i++)
        for (size_t j = 0; j < cols; j++)
            out->row_total[i] += out->cell[i * cols + j];
    free(exact_col);
    free(rem);
    free(column);
    return 0;
}
