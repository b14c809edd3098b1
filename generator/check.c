/* check.c - the rules a schema cannot express; see check.h.
 *
 * Every rule reads the resolved model and tolerates links the resolver could
 * not resolve (PlanRef.to NULL): those were reported already.  Problems are
 * collected and reported sorted by line, so the output follows the file.
 * Nothing here is quadratic in the size of the plan: lists are sorted to find
 * repeats, and the agency parent chains are walked once with colouring.
 */
#include "check.h"

#include "glossary.h"
#include "report.h"
#include "target.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* ---- text helpers ------------------------------------------------------ */

/* The code point at s (UTF-8), advancing *len over it; malformed bytes count
 * as one byte each and decode to U+FFFD. */
static unsigned decode(const unsigned char *s, size_t *len)
{
    if (s[0] < 0x80) {
        *len = 1;
        return s[0];
    }
    if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
        *len = 2;
        return ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
    }
    if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        *len = 3;
        return ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    }
    *len = 1;
    return 0xFFFD;
}

/* Thai consonants, vowels and marks; not digits, the baht sign or signs. */
static int is_thai_letter(unsigned c)
{
    return (c >= 0x0E01 && c <= 0x0E3A) || (c >= 0x0E40 && c <= 0x0E4E);
}

/* Whether s holds Latin letters but not a single Thai letter. */
static int latin_not_thai(const char *s)
{
    int latin = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0, len; u[i]; i += len) {
        unsigned c = decode(u + i, &len);
        if (is_thai_letter(c))
            return 0;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
            latin = 1;
    }
    return latin;
}

/* Whether s holds a digit, Arabic or Thai. */
static int has_digit(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0, len; u[i]; i += len) {
        unsigned c = decode(u + i, &len);
        if ((c >= '0' && c <= '9') || (c >= 0x0E50 && c <= 0x0E59))
            return 1;
    }
    return 0;
}

/* s for quoting in a message: at most 60 bytes, cut between characters. */
static const char *excerpt(Arena *a, const char *s)
{
    size_t n = strlen(s);
    if (n <= 60)
        return s;
    n = 60;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return arena_printf(a, "%.*s…", (int)n, s);
}

/* ---- phases ------------------------------------------------------------- */

static int cmp_phase(const void *x, const void *y)
{
    const Phase *a = *(const Phase *const *)x, *b = *(const Phase *const *)y;
    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    if (a->to != b->to)
        return a->to < b->to ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* "2566" or "2566–2567". */
static const char *years(Arena *a, int from, int to)
{
    return from == to ? arena_printf(a, "%d", from)
                      : arena_printf(a, "%d–%d", from, to);
}

static void check_phases(const Plan *p, Report *r)
{
    int period_ok = p->period_from <= p->period_to;
    if (!period_ok)
        report_add(r, 1, p->period_line, "plan period %d–%d ends before it begins",
                   p->period_from, p->period_to);

    const Phase **v = arena_calloc(r->a, p->n_phases ? p->n_phases : 1, sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < p->n_phases; i++) {
        const Phase *ph = &p->phases[i];
        if (ph->from > ph->to) {
            report_add(r, 1, ph->line, "phase '%s' (%d–%d) ends before it begins",
                       ph->id, ph->from, ph->to);
            continue;
        }
        if (period_ok && (ph->from < p->period_from || ph->to > p->period_to))
            report_add(r, 1, ph->line,
                       "phase '%s' (%d–%d) falls outside the plan period %d–%d",
                       ph->id, ph->from, ph->to, p->period_from, p->period_to);
        v[n++] = ph;
    }
    if (n == 0)
        return;
    qsort(v, n, sizeof *v, cmp_phase);

    if (period_ok && v[0]->from > p->period_from)
        report_add(r, 1, p->period_line, "no phase covers %s (before phase '%s')",
                   years(r->a, p->period_from, v[0]->from - 1), v[0]->id);
    const Phase *cover = v[0]; /* the phase reaching furthest so far */
    for (size_t i = 1; i < n; i++) {
        const Phase *q = v[i];
        if (q->from <= cover->to) {
            const Phase *a = cover->index < q->index ? cover : q;
            const Phase *b = a == q ? cover : q;
            report_add(r, 1, b->line, "phases '%s' (%d–%d) and '%s' (%d–%d) overlap",
                       a->id, a->from, a->to, b->id, b->from, b->to);
        } else if (q->from > cover->to + 1) {
            report_add(r, 1, q->line,
                       "no phase covers %s (between phase '%s' and phase '%s')",
                       years(r->a, cover->to + 1, q->from - 1), cover->id, q->id);
        }
        if (q->to > cover->to)
            cover = q;
    }
    if (period_ok && cover->to < p->period_to)
        report_add(r, 1, p->period_line, "no phase covers %s (after phase '%s')",
                   years(r->a, cover->to + 1, p->period_to), cover->id);
}

/* ---- repeats in a list -------------------------------------------------- */

typedef struct Keyed {
    const char *id;       /* for lists of ids */
    int year;             /* for budgets */
    size_t pos;
} Keyed;

static int cmp_key(const Keyed *a, const Keyed *b)
{
    if (a->id && b->id)
        return strcmp(a->id, b->id);
    return (a->year > b->year) - (a->year < b->year);
}

static int cmp_keyed(const void *x, const void *y)
{
    const Keyed *a = x, *b = y;
    int c = cmp_key(a, b);
    if (c)
        return c;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* For each of n keys (by pos), the pos of the first equal key, or SIZE_MAX
 * for the first itself: an array in r's scratch arena.  Sorting instead of
 * comparing every pair keeps a hostile 10,000-entry list cheap. */
static size_t *first_of(Report *r, Keyed *keys, size_t n)
{
    size_t *first = arena_calloc(r->a, n ? n : 1, sizeof *first);
    qsort(keys, n, sizeof *keys, cmp_keyed);
    for (size_t i = 0; i < n; i++) {
        first[keys[i].pos] = SIZE_MAX;
        if (i > 0 && cmp_key(&keys[i - 1], &keys[i]) == 0) {
            size_t prev = keys[i - 1].pos;
            first[keys[i].pos] = first[prev] == SIZE_MAX ? prev : first[prev];
        }
    }
    return first;
}

/* ---- indicators, goals, strategies -------------------------------------- */

static void check_text(Report *r, const char *text, int line, const char *what)
{
    if (text && latin_not_thai(text))
        report_add(r, 0, line, "%s has no Thai letters: '%s'", what,
                   excerpt(r->a, text));
}

enum { MAX_MISSING_TARGETS = 5 };

/* Format 2: targets for single fiscal years.  Each names a year of the
 * plan's period, once, and holds a number when the indicator is
 * quantitative (the progress report compares results with it); a target
 * element names a phase or a year, not both and not neither.  Years are
 * marked in a bitmap over the schema's range (2400-2800), so thousands of
 * yearly targets cost no more than one pass. */
static void check_yearly(const Plan *p, Report *r, const Indicator *in)
{
    for (size_t k = 0; k < in->n_targets; k++)
        if (!in->targets[k].phase.id)
            report_add(r, 1, in->targets[k].line, "target of indicator '%s' names neither "
                       "a phase nor a year: add phase=\"...\" or year=\"...\"", in->id);
    if (in->n_yearly == 0)
        return;
    enum { Y0 = 2400, NY = 2800 - 2400 + 1 };
    const Target **seen = arena_calloc(r->a, NY, sizeof *seen);
    for (size_t k = 0; k < in->n_yearly; k++) {
        const Target *t = &in->yearly[k];
        double v;
        if (t->phase.id)
            report_add(r, 1, t->line, "target of indicator '%s' names both phase '%s' and "
                       "year %d: a target is for a phase or for a year", in->id,
                       t->phase.id, t->year);
        if (t->year < p->period_from || t->year > p->period_to)
            report_add(r, 1, t->line, "target of indicator '%s' for year %d is outside "
                       "the plan's period %d-%d", in->id, t->year, p->period_from,
                       p->period_to);
        if (in->kind == IND_QUANTITATIVE && !target_number(t->value, &v))
            report_add(r, 1, t->line, "target of indicator '%s' for year %d has no "
                       "number: '%s'", in->id, t->year, excerpt(r->a, t->value));
        if (t->year < Y0 || t->year >= Y0 + NY)
            continue;
        if (seen[t->year - Y0]) {
            report_add(r, 1, t->line, "indicator '%s' has more than one target for "
                       "year %d", in->id, t->year);
            report_note(r, seen[t->year - Y0]->line, "the first target for year %d is here",
                        t->year);
        } else {
            seen[t->year - Y0] = t;
        }
    }
}

static void check_indicator(const Plan *p, Report *r, const Indicator *in)
{
    check_text(r, in->name, in->line, arena_printf(r->a, "name of indicator '%s'", in->id));
    const Goal *g = in->goal.to.goal;
    if (!in->goal.id) {
        report_add(r, 1, in->line,
                   "indicator '%s' belongs to no goal: add goal=\"...\" naming the "
                   "goal it measures", in->id);
    } else if (g && in->issue && g->issue && g->issue != in->issue) {
        report_add(r, 1, in->goal.line,
                   "indicator '%s' measures goal '%s' of strategic issue '%s', but is "
                   "defined in strategic issue '%s'",
                   in->id, g->id, g->issue->id, in->issue->id);
        report_note(r, g->line, "'%s' is defined here", g->id);
    }

    /* A qualitative indicator states its baseline and targets in words. */
    int numeric = in->kind == IND_QUANTITATIVE;
    if (numeric && !in->unit)
        report_add(r, 1, in->line, "indicator '%s' has no unit: add unit=\"...\" "
                   "(only a qualitative indicator may have none)", in->id);
    if (numeric && in->baseline && !has_digit(in->baseline))
        report_add(r, 0, in->baseline_line > 0 ? in->baseline_line : in->line,
                   "baseline of indicator '%s' has no number: '%s'", in->id,
                   excerpt(r->a, in->baseline));
    for (size_t k = 0; k < in->n_targets; k++) {
        const Target *t = &in->targets[k];
        if (numeric && t->value && !has_digit(t->value))
            report_add(r, 0, t->line,
                       "target of indicator '%s' for phase '%s' has no number: '%s'",
                       in->id, t->phase.id ? t->phase.id : "?",
                       excerpt(r->a, t->value));
        const Phase *ph = t->phase.to.phase;
        if (ph && in->by_phase && in->by_phase[ph->index] &&
            in->by_phase[ph->index] != t) {
            report_add(r, 1, t->line,
                       "indicator '%s' has more than one target for phase '%s'",
                       in->id, ph->id);
            report_note(r, in->by_phase[ph->index]->line,
                        "the first target for phase '%s' is here", ph->id);
        }
    }
    check_yearly(p, r, in);
    if (!in->by_phase)
        return;
    /* One error per missing phase, but a few at most per indicator: thousands
     * of phases times thousands of indicators made gigabytes of messages
     * (found while fuzzing; see fuzz-regressions/many-phases.xml). */
    size_t missing = 0;
    for (size_t i = 0; i < p->n_phases; i++) {
        if (in->by_phase[i])
            continue;
        if (++missing <= MAX_MISSING_TARGETS)
            report_add(r, 1, in->line, "indicator '%s' has no target for phase '%s' (%s)",
                       in->id, p->phases[i].id, p->phases[i].name);
    }
    if (missing > MAX_MISSING_TARGETS)
        report_add(r, 1, in->line, "indicator '%s' has no target for %zu more phases",
                   in->id, missing - MAX_MISSING_TARGETS);
}

/* A strategy may serve goals of other strategic issues too: real plans
 * share strategies across issues, and the documents number such a goal with
 * its own issue's number ("เป้าประสงค์ที่ 1.2" under issue 4). */
static void check_strategy(Report *r, const Strategy *st)
{
    check_text(r, st->title, st->line, arena_printf(r->a, "title of strategy '%s'", st->id));
}

static void check_issues(const Plan *p, Report *r)
{
    for (size_t i = 0; i < p->n_issues; i++) {
        const Issue *is = &p->issues[i];
        check_text(r, is->title, is->line,
                   arena_printf(r->a, "title of strategic issue '%s'", is->id));
        for (size_t j = 0; j < is->n_goals; j++) {
            const Goal *g = &is->goals[j];
            check_text(r, g->text, g->line, arena_printf(r->a, "text of goal '%s'", g->id));
            if (g->n_indicators == 0)
                report_add(r, 0, g->line, "goal '%s' has no indicator", g->id);
        }
        for (size_t j = 0; j < is->n_indicators; j++)
            check_indicator(p, r, &is->indicators[j]);
        for (size_t j = 0; j < is->n_strategies; j++)
            check_strategy(r, &is->strategies[j]);
    }
}

/* ---- projects ----------------------------------------------------------- */

static void check_budget(const Plan *p, Report *r, const Project *pj)
{
    Keyed *keys = arena_calloc(r->a, pj->n_budget ? pj->n_budget : 1, sizeof *keys);
    for (size_t k = 0; k < pj->n_budget; k++) {
        const FyAmount *fy = &pj->budget[k];
        keys[k] = (Keyed){ NULL, fy->year, k };
        if (p->period_from <= p->period_to &&
            (fy->year < p->period_from || fy->year > p->period_to))
            report_add(r, 1, fy->line,
                       "fiscal year %d of project '%s' is outside the plan period %d–%d",
                       fy->year, pj->id, p->period_from, p->period_to);
        if (fy->baht < 0) {
            const char *t = fy->text ? fy->text : "";
            t += strspn(t, " \t\r\n");
            size_t digits = strspn(t, "0123456789");
            if (digits > 18 && t[digits + strspn(t + digits, " \t\r\n")] == '\0')
                report_add(r, 1, fy->line,
                           "budget of project '%s' for fiscal year %d is too large: %zu "
                           "digits; at most 18 (999,999,999,999,999,999 baht)", pj->id,
                           fy->year, digits);
            else
                report_add(r, 1, fy->line,
                           "budget of project '%s' for fiscal year %d is %s: '%s'", pj->id,
                           fy->year, *t == '-' ? "negative" : "not a whole number of baht",
                           excerpt(r->a, fy->text ? fy->text : ""));
        }
    }
    size_t *first = first_of(r, keys, pj->n_budget);
    for (size_t k = 0; k < pj->n_budget; k++) {
        if (first[k] == SIZE_MAX)
            continue;
        report_add(r, 1, pj->budget[k].line,
                   "fiscal year %d appears twice in the budget of project '%s'",
                   pj->budget[k].year, pj->id);
        report_note(r, pj->budget[first[k]].line, "fiscal year %d is first given here",
                    pj->budget[k].year);
    }
}

static void check_project(const Plan *p, Report *r, const Program *pg, const Project *pj)
{
    check_text(r, pj->title, pj->line, arena_printf(r->a, "title of project '%s'", pj->id));
    if (!pj->lead.id)
        report_add(r, 1, pj->line, "project '%s' has no lead agency", pj->id);

    Keyed *keys = arena_calloc(r->a, pj->support.n ? pj->support.n : 1, sizeof *keys);
    for (size_t k = 0; k < pj->support.n; k++)
        keys[k] = (Keyed){ pj->support.items[k].id, 0, k };
    size_t *first = first_of(r, keys, pj->support.n);
    for (size_t k = 0; k < pj->support.n; k++) {
        const PlanRef *s = &pj->support.items[k];
        if (first[k] != SIZE_MAX)
            report_add(r, 0, s->line,
                       "agency '%s' is listed twice as a supporting agency of project '%s'",
                       s->id, pj->id);
        else if (pj->lead.id && strcmp(s->id, pj->lead.id) == 0)
            report_add(r, 1, s->line,
                       "agency '%s' is both lead and supporting agency of project '%s'",
                       s->id, pj->id);
    }

    const Issue *home = pg->issue.to.issue;
    const Strategy *st = pj->strategy.to.strategy;
    if (st && home && st->issue && st->issue != home) {
        report_add(r, 1, pj->strategy.line,
                   "project '%s' follows strategy '%s' of strategic issue '%s', but its "
                   "program '%s' is under strategic issue '%s'",
                   pj->id, st->id, st->issue->id, pg->id, home->id);
        report_note(r, st->line, "'%s' is defined here", st->id);
    }
    if (!home && st)
        home = st->issue;
    for (size_t k = 0; k < pj->indicators.n; k++) {
        const Indicator *in = pj->indicators.items[k].to.indicator;
        if (in && home && in->issue && in->issue != home)
            report_add(r, 0, pj->indicators.items[k].line,
                       "project '%s' moves indicator '%s' of strategic issue '%s', "
                       "outside its own strategic issue '%s'",
                       pj->id, in->id, in->issue->id, home->id);
    }
    check_budget(p, r, pj);
}

/* The most all the budget lines of a plan may add up to, in baht: a
 * thousand trillion, some 300 years of Thailand's whole national budget.
 * Every roll-up (budget.c) is a sum of some of these lines, so with this
 * bound none of them can overflow; without it ten 18-digit amounts passed
 * the check and overflowed the totals (found while fuzzing; see
 * tests/data/fuzz-regressions/budget-overflow.xml). */
#define MAX_PLAN_BAHT INT64_C(1000000000000000)

static void check_plan_total(const Plan *p, Report *r)
{
    int64_t total = 0; /* < MAX_PLAN_BAHT + one amount (< 10^18): no overflow */
    for (size_t i = 0; i < p->n_programs; i++)
        for (size_t j = 0; j < p->programs[i].n_projects; j++) {
            const Project *pj = &p->programs[i].projects[j];
            for (size_t k = 0; k < pj->n_budget; k++) {
                if (pj->budget[k].baht < 0)
                    continue;
                total += pj->budget[k].baht;
                if (total > MAX_PLAN_BAHT) {
                    report_add(r, 1, pj->budget[k].line,
                               "with this budget line of project '%s', the budgets "
                               "of the plan add up to more than 1,000,000,000,000,000 baht",
                               pj->id);
                    return;
                }
            }
        }
}

static void check_programs(const Plan *p, Report *r)
{
    for (size_t i = 0; i < p->n_programs; i++) {
        const Program *pg = &p->programs[i];
        check_text(r, pg->title, pg->line,
                   arena_printf(r->a, "title of program '%s'", pg->id));
        for (size_t j = 0; j < pg->n_projects; j++)
            check_project(p, r, pg, &pg->projects[j]);
    }
    check_plan_total(p, r);
}

/* ---- agencies ----------------------------------------------------------- */

enum { WHITE, GREY, BLACK };

/* Reports every cycle of parent links once, at the agency of the cycle that
 * comes first in the document.  Each agency is walked at most once. */
static void check_cycles(const Plan *p, Report *r)
{
    size_t n = p->n_agencies;
    if (n == 0)
        return;
    unsigned char *colour = arena_calloc(r->a, n, 1);
    const Agency **path = arena_calloc(r->a, n, sizeof *path);
    for (size_t i = 0; i < n; i++) {
        size_t len = 0;
        const Agency *a = &p->agencies[i];
        while (a && colour[a->index] == WHITE) {
            colour[a->index] = GREY;
            path[len++] = a;
            a = a->parent.to.agency;
        }
        if (a && colour[a->index] == GREY) {
            size_t start = 0;
            while (path[start] != a)
                start++;
            size_t low = start; /* the cycle's first agency in the document */
            for (size_t k = start; k < len; k++)
                if (path[k]->index < path[low]->index)
                    low = k;
            size_t cyc = len - start, size = 0;
            for (size_t k = 0; k <= cyc; k++)
                size += strlen(path[start + (low - start + k) % cyc]->id) + 5;
            char *chain = arena_alloc(r->a, size + 1), *w = chain;
            for (size_t k = 0; k <= cyc; k++)
                w += sprintf(w, "%s%s", k ? " → " : "",
                             path[start + (low - start + k) % cyc]->id);
            report_add(r, 1, path[low]->line, "agency '%s' is its own ancestor: %s",
                       path[low]->id, chain);
        }
        for (size_t k = 0; k < len; k++)
            colour[path[k]->index] = BLACK;
    }
}

static void check_agencies(const Plan *p, Report *r)
{
    for (size_t i = 0; i < p->n_agencies; i++) {
        const Agency *a = &p->agencies[i];
        check_text(r, a->name, a->line, arena_printf(r->a, "name of agency '%s'", a->id));
        /* Agency.has_role is what the sheets go by too (resolve.c). */
        if (!a->has_role)
            report_add(r, 0, a->line, "agency '%s' has no role in the plan", a->id);
    }
    check_cycles(p, r);
}

/* ---- the plan ----------------------------------------------------------- */

static void check_header(const Plan *p, Report *r)
{
    check_text(r, p->title, p->header_line, "title of the plan");
    check_text(r, p->short_title, p->header_line, "short title of the plan");
    check_text(r, p->doc_type, p->header_line, "document type of the plan");
    check_text(r, p->level_title, p->header_line, "level title of the plan");
    for (size_t i = 0; i < p->n_aligns; i++)
        check_text(r, p->aligns[i].title, p->aligns[i].line,
                   arena_printf(r->a, "title of alignment '%s'", p->aligns[i].code));
    for (size_t i = 0; i < p->n_sections; i++)
        check_text(r, p->sections[i].title, p->sections[i].line,
                   arena_printf(r->a, "title of section '%s'", p->sections[i].id));
}

/* ---- front matter (format 2) --------------------------------------------- */

typedef struct AbbrScan {
    Report *r;
    const GlossEntry *entries;
    size_t n_entries;
    const char **seen;     /* undeclared abbreviations reported already */
    size_t n_seen, cap_seen;
} AbbrScan;

/* Whether abbr (len bytes) is declared, or ends with a declared one: Thai
 * has no spaces between words, so "โดยสตช." is สตช. after a word. */
static int declared(const AbbrScan *sc, const char *abbr, size_t len)
{
    for (size_t i = 0; i < sc->n_entries; i++) {
        size_t n = strlen(sc->entries[i].abbr);
        if (n <= len && !memcmp(sc->entries[i].abbr, abbr + len - n, n))
            return 1;
    }
    return 0;
}

/* Warns, once per abbreviation at its first use, about one the plan does
 * not declare (glossary.h says what counts as one). */
static void scan_text(void *ctx, const char *text, int line)
{
    AbbrScan *sc = ctx;
    size_t len;
    for (const char *at = glossary_next(text, &len); at; at = glossary_next(at + len, &len)) {
        if (glossary_is_common(at, len) || declared(sc, at, len))
            continue;
        int again = 0;
        for (size_t i = 0; i < sc->n_seen && !again; i++)
            again = strlen(sc->seen[i]) == len && !memcmp(sc->seen[i], at, len);
        if (again)
            continue;
        if (sc->n_seen == sc->cap_seen) {
            sc->cap_seen = sc->cap_seen ? 2 * sc->cap_seen : 16;
            const char **v = arena_calloc(sc->r->a, sc->cap_seen, sizeof *v);
            if (sc->n_seen)
                memcpy(v, sc->seen, sc->n_seen * sizeof *v);
            sc->seen = v;
        }
        sc->seen[sc->n_seen++] = arena_strndup(sc->r->a, at, len);
        report_add(sc->r, 0, line, "abbreviation '%.*s' is used but not declared: add "
                   "<term abbr=\"%.*s\">its meaning</term> to <glossary> (the glossary page "
                   "explains every abbreviation)", (int)len, at, (int)len, at);
    }
}

/* Whether text holds abbr anywhere (a declared term's use). */
static void find_term(void *ctx, const char *text, int line)
{
    const char **want = ctx;
    if (*want && strstr(text, *want))
        *want = NULL;
}

/* The preface's signature, the approvals and the glossary (the schema
 * checks their dates, xs:date): a signature only where it is printed, no approval of a draft, each
 * abbreviation declared once and used, every abbreviation used declared.
 * Format 1 has no glossary: its abbreviations are not asked for. */
static void check_front_matter(const Plan *p, Report *r)
{
    for (size_t i = 0; i < p->n_sections; i++) {
        const Signature *sg = p->sections[i].signature;
        if (!sg)
            continue;
        if (p->sections[i].role != ROLE_PREFACE)
            report_add(r, 0, sg->line, "section '%s' is not a preface: its signature is "
                       "not printed", p->sections[i].id);
    }
    for (size_t i = 0; i < p->n_approvals; i++) {
        const Approval *ap = &p->approvals[i];
        if (p->status == STATUS_DRAFT)
            report_add(r, 0, ap->line, "a draft records an approval by '%s': set the version's "
                       "status to approved, or remove the approval", ap->body);
    }
    for (size_t i = 0; i < p->n_terms; i++) {
        const Term *tm = &p->terms[i];
        for (size_t k = 0; k < p->n_agencies; k++)
            if (!strcmp(p->agencies[k].abbr, tm->abbr)) {
                report_add(r, 0, tm->line, "abbreviation '%s' is declared again: it is "
                           "agency '%s' already", tm->abbr, p->agencies[k].id);
                report_note(r, p->agencies[k].line, "agency '%s' is declared here",
                            p->agencies[k].id);
            }
        for (size_t k = 0; k < i; k++)
            if (!strcmp(p->terms[k].abbr, tm->abbr)) {
                report_add(r, 0, tm->line, "abbreviation '%s' is declared twice; the first "
                           "meaning is printed", tm->abbr);
                report_note(r, p->terms[k].line, "first declared here");
                break;
            }
        const char *want = tm->abbr;
        glossary_walk(p, find_term, &want);
        if (want)
            report_add(r, 0, tm->line, "abbreviation '%s' is declared but never used in the "
                       "text", tm->abbr);
    }
    if (p->format < 2)
        return;
    AbbrScan sc = {.r = r};
    GlossEntry *e = glossary_entries(p, &sc.n_entries);
    sc.entries = e;
    glossary_walk(p, scan_text, &sc);
    free(e);
}

/* One goal's or project's alignment (`who` names it): it serves something
 * when the plan declares targets, and each factor it names belongs to a
 * target it serves (when it names targets at all: factors alone say which
 * targets they move). */
static void check_aligned(const Plan *p, Report *r, const char *who, int line,
                          const PlanRefList *serves, const PlanRefList *factors)
{
    if (serves->n == 0 && factors->n == 0) {
        report_add(r, 0, line, "%s serves no sub-plan target: add serves=\"...\" (the "
                   "plan declares %zu, e.g. '%s')", who, p->n_sub_targets,
                   p->sub_targets[0].code);
        return;
    }
    if (serves->n == 0)
        return;
    for (size_t i = 0; i < serves->n; i++)
        if (!serves->items[i].to.sub_target)
            return; /* an unknown target: resolve.c said so */
    for (size_t i = 0; i < factors->n; i++) {
        const Factor *f = factors->items[i].to.factor;
        if (!f)
            continue;
        size_t k = 0;
        while (k < serves->n && serves->items[k].to.sub_target != f->target)
            k++;
        if (k < serves->n)
            continue;
        report_add(r, 0, factors->items[i].line, "%s names factor '%s' of sub-plan "
                   "target '%s', which it does not serve", who, f->code, f->target->code);
        report_note(r, f->line, "'%s' is declared here, under '%s'", f->code,
                    f->target->code);
    }
}

/* Format 2: the XYZ chain.  Targets are declared in a sub-plan; when a plan
 * declares any, every goal and project should say which it serves, and a
 * target nothing serves is worth a look. */
static void check_alignment(const Plan *p, Report *r)
{
    static const char *const kind[] = {"national-strategy", "master-plan", "sub-plan",
                                       "policy"};
    for (size_t i = 0; i < p->n_sub_targets; i++) {
        const SubTarget *t = &p->sub_targets[i];
        if (t->sub_plan->kind != ALIGN_SUB_PLAN)
            report_add(r, 1, t->line, "sub-plan target '%s' is declared in <align "
                       "kind=\"%s\">; a target belongs in an <align kind=\"sub-plan\">",
                       t->code, kind[t->sub_plan->kind]);
    }
    if (p->n_sub_targets == 0)
        return;
    Arena *a = r->a;
    unsigned char *used = arena_calloc(a, p->n_sub_targets, 1);
    for (size_t i = 0; i < p->n_issues; i++)
        for (size_t j = 0; j < p->issues[i].n_goals; j++) {
            const Goal *g = &p->issues[i].goals[j];
            check_aligned(p, r, arena_printf(a, "goal '%s'", g->id), g->line, &g->serves,
                          &g->factors);
            for (size_t k = 0; k < p->n_sub_targets; k++)
                used[k] |= align_reaches(&g->serves, &g->factors, &p->sub_targets[k]);
        }
    for (size_t i = 0; i < p->n_programs; i++)
        for (size_t j = 0; j < p->programs[i].n_projects; j++) {
            const Project *pj = &p->programs[i].projects[j];
            check_aligned(p, r, arena_printf(a, "project '%s'", pj->id), pj->align_line,
                          &pj->serves, &pj->factors);
            for (size_t k = 0; k < p->n_sub_targets; k++)
                used[k] |= align_reaches(&pj->serves, &pj->factors, &p->sub_targets[k]);
        }
    for (size_t k = 0; k < p->n_sub_targets; k++)
        if (!used[k])
            report_add(r, 0, p->sub_targets[k].line, "sub-plan target '%s' is served by "
                       "no goal and no project", p->sub_targets[k].code);
}

int plan_check(const Plan *p, Diag *d)
{
    Report r;
    report_init(&r, 0);
    check_header(p, &r);
    check_phases(p, &r);
    check_issues(p, &r);
    check_programs(p, &r);
    check_agencies(p, &r);
    check_front_matter(p, &r);
    check_alignment(p, &r);
    return report_flush(&r, d, p->file);
}
