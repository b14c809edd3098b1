/* collect.c - filled reporting forms (forms.c's CSV) into one results file
 * (results-1.xsd); see forms.h.
 *
 *   phaen collect PLAN.xml forms/RTP.csv forms/DSI.csv ... -o results.xml
 *
 * The forms are read by csvin.c, as import.c reads tables (RFC 4180: quotes,
 * commas and line breaks in cells, CRLF or LF; a BOM is skipped), then
 * every row is checked against the plan and against the other rows, and
 * every problem is reported as FORM.csv:ROW:COLUMN, ROW as a spreadsheet
 * numbers it (the keys are row 1, the Thai labels row 2) and COLUMN the
 * column's key (`status`), which stays right when someone moves columns
 * about.  Only when no form has an error is the results file written, whole
 * (resultsout.c writes the text, outfile.c the file).
 *
 * What a row means: a row whose cells to fill (actual, spent, progress,
 * status, note, source, date) are all empty was not reported and is
 * skipped; a row starting with '#' is a comment (the label row).  A form's
 * agency is the `agency` of its first row: every reported row must be that
 * agency's, and the agency must answer for the indicator or lead the
 * project.  The output is in the plan's order (reporters by agency,
 * indicators, then projects), not the forms', so the same reports give the
 * same bytes however the forms are named or ordered.
 */
#include "forms.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "csvin.h"
#include "export.h"
#include "input.h"
#include "load.h"
#include "outfile.h"
#include "resultsout.h"
#include "thai.h"

/* The columns a form must have: the keys, and every cell to fill (a form
 * missing one was not made by `phaen forms`, or lost a column). */
static const FormColumn required[] = {FC_KIND, FC_ID, FC_FISCAL_YEAR, FC_AGENCY, FC_ACTUAL,
                                      FC_SPENT, FC_PROGRESS, FC_STATUS, FC_NOTE};

typedef CsvRow Row;

typedef struct Form {
    const char *path;
    char **keys;
    size_t n_keys;
    int col[FC_N];          /* where each key is; -1: absent */
    GPtrArray *rows;        /* Row * */
} Form;

typedef ResultsEntry Entry;

typedef struct Collect {
    Diag *d;
    const Plan *p;
    int year;               /* the fiscal year of the first reported row; 0: none yet */
    char *year_place;       /* where it was first said */
    GHashTable *seen;       /* "kind id agency" -> place of the first such row */
    GPtrArray *entries;     /* Entry * */
    size_t suggest_budget;  /* ids the "did you mean" search may still visit */
} Collect;

/* --- messages ---------------------------------------------------------------- */

static char *place_of(const Form *f, int rec, FormColumn k)
{
    return g_strdup_printf("%s:%d:%s", f->path, rec, form_keys[k]);
}

static void err_at(Collect *c, const Form *f, int rec, FormColumn k, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void err_at(Collect *c, const Form *f, int rec, FormColumn k, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    char *place = place_of(f, rec, k);
    diag_error(c->d, place, 0, "%s", msg);
    g_free(place);
    g_free(msg);
}

/* --- reading a form ---------------------------------------------------------- */

static void form_free(Form *f)
{
    if (!f)
        return;
    g_strfreev(f->keys);
    g_ptr_array_free(f->rows, TRUE);
    g_free(f);
}

/* Reads and parses a form, and finds its columns.  NULL after reporting
 * (*io set when the file could not be read at all). */
static Form *read_form(Collect *c, const char *path, size_t limit, int *io)
{
    CsvTable csv;
    if (csvin_read(path, limit, "the form", form_keys[FC_KIND], c->d, io, &csv) != 0)
        return NULL;
    Form *f = g_new0(Form, 1);
    f->path = path;
    f->keys = csv.keys;
    f->n_keys = csv.n_keys;
    f->rows = csv.rows;
    if (!f->keys) {
        char *place = g_strdup_printf("%s:1:%s", path, form_keys[FC_KIND]);
        diag_error(c->d, place, 0, "the form is empty: its first row must hold the column "
                   "keys (%s, %s, ...)", form_keys[0], form_keys[1]);
        g_free(place);
        form_free(f);
        return NULL;
    }
    for (size_t k = 0; k < FC_N; k++)
        f->col[k] = -1;
    for (size_t i = 0; i < f->n_keys; i++) {
        g_strstrip(f->keys[i]);
        for (size_t k = 0; k < FC_N; k++) {
            if (strcmp(f->keys[i], form_keys[k]) != 0)
                continue;
            if (f->col[k] >= 0)
                err_at(c, f, 1, (FormColumn)k, "column '%s' appears twice", form_keys[k]);
            else
                f->col[k] = (int)i;
        }
    }
    int missing = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(required); i++)
        if (f->col[required[i]] < 0) {
            err_at(c, f, 1, required[i], "the form has no '%s' column (its first row must "
                   "hold the keys phaen forms wrote)", form_keys[required[i]]);
            missing = 1;
        }
    if (missing) {
        form_free(f);
        return NULL;
    }
    return f;
}

/* The cell of column k, surrounding blanks removed ("" when absent). */
static const char *cell(const Form *f, const Row *r, FormColumn k)
{
    int i = f->col[k];
    return i >= 0 && (size_t)i < r->n ? r->cells[i] : "";
}

/* --- values -------------------------------------------------------------------- */

/* ASCII digits for Thai ones (๐-๙, U+0E50-U+0E59: E0 B9 90-99), in place. */
static void ascii_digits(char *s)
{
    char *w = s;
    for (const char *r = s; *r;) {
        if ((unsigned char)r[0] == 0xE0 && (unsigned char)r[1] == 0xB9 &&
            (unsigned char)r[2] >= 0x90 && (unsigned char)r[2] <= 0x99) {
            *w++ = (char)('0' + ((unsigned char)r[2] - 0x90));
            r += 3;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
}

/* A number as people type it: "1,234.5", "-3", "๗๘.๕", with thousands
 * separators only between groups of three digits; with `percent`, a per
 * cent sign may follow (a spreadsheet's percent format writes "80%").
 * Writes it as xs:decimal ("1234.5") into out; *decimals gets the digits
 * after the point.  Returns 0, or -1 when it is not such a number. */
static int parse_number(const char *in, int percent, char *out, size_t size, int *decimals)
{
    char *s = g_strstrip(g_strdup(in));
    size_t len = strlen(s);
    if (percent && len && s[len - 1] == '%') {
        s[len - 1] = '\0';
        g_strstrip(s);
    }
    ascii_digits(s);
    size_t o = 0;
    const char *p = s;
    int ok = 1, digits = 0, group = -1; /* digits since the last comma; -1: none yet */
    if (*p == '-' || *p == '+') {
        if (*p == '-')
            out[o++] = '-';
        p++;
    }
    for (; (*p >= '0' && *p <= '9') || *p == ','; p++) {
        if (*p == ',') {
            ok &= digits > 0 && (group < 0 ? digits <= 3 : group == 3);
            group = 0;
            continue;
        }
        digits++;
        if (group >= 0)
            group++;
        if (o + 2 < size)
            out[o++] = *p;
        else
            ok = 0;
    }
    ok &= digits > 0 && (group < 0 || group == 3);
    *decimals = 0;
    if (*p == '.') {
        if (o + 2 < size)
            out[o++] = '.';
        for (p++; *p >= '0' && *p <= '9'; p++, (*decimals)++) {
            if (o + 1 < size)
                out[o++] = *p;
            else
                ok = 0;
        }
        ok &= *decimals > 0;
    }
    ok &= *p == '\0';
    out[o] = '\0';
    g_free(s);
    return ok ? 0 : -1;
}

static int days_in(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* "2020-09-30", or "30/9/2563" (day first, as in Thailand; a year past
 * 2400 is Buddhist Era) into ISO.  Returns 0, or -1. */
static int parse_date(const char *in, char out[32])
{
    char *s = g_strstrip(g_strdup(in));
    ascii_digits(s);
    int y = 0, m = 0, d = 0, n = 0;
    char c1 = 0, tail = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && (size_t)n == strlen(s))
        c1 = '-';
    else if (sscanf(s, "%2d/%2d/%4d%c", &d, &m, &y, &tail) == 3)
        c1 = '/';
    g_free(s);
    if (!c1)
        return -1;
    if (y > 2400)
        y -= 543;
    if (y < 1900 || y > 2300 || m < 1 || m > 12 || d < 1 || d > days_in(y, m))
        return -1;
    snprintf(out, 32, "%04d-%02d-%02d", y, m, d);
    return 0;
}

/* Text for the results file: valid UTF-8 without control characters, its
 * blanks collapsed to one space (xs:token would collapse them anyway).
 * NULL when empty; sets *bad when it is not text. */
static char *text_of(const char *in, int *bad)
{
    *bad = !g_utf8_validate(in, -1, NULL);
    if (*bad)
        return NULL;
    GString *s = g_string_new(NULL);
    int space = 0;
    for (const char *p = in; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
            space = s->len > 0;
            continue;
        }
        if (ch < 0x20 || ch == 0x7F)
            *bad = 1;
        if (space)
            g_string_append_c(s, ' ');
        space = 0;
        g_string_append_c(s, *p);
    }
    if (*bad || !s->len) {
        g_string_free(s, TRUE);
        return NULL;
    }
    return g_string_free(s, FALSE);
}

/* --- checking rows --------------------------------------------------------------- */

/* The id of kind `want` closest to id (a third of its letters at most), or
 * NULL.  Ids are short; the search is bounded over the whole run. */
static const char *suggest(Collect *c, const char *id, ObjKind want)
{
    const char *best = NULL;
    size_t best_d = strlen(id) / 3 + 1, n = strlen(id);
    if (n > 64)
        return NULL;
    for (size_t i = 0; i < c->p->n_ids && c->suggest_budget; i++, c->suggest_budget--) {
        if (c->p->ids[i].kind != want)
            continue;
        size_t d = diag_distance(id, c->p->ids[i].id, best_d - 1);
        if (d < best_d) {
            best_d = d;
            best = c->p->ids[i].id;
        }
    }
    return best;
}

static const char *an(ObjKind k)
{
    return k == KIND_AGENCY || k == KIND_INDICATOR || k == KIND_ISSUE ? "an" : "a";
}

static int is_empty(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
            return 0;
    return 1;
}

/* The cells a person fills in; all empty: the row was not reported. */
static const FormColumn fill[] = {FC_ACTUAL, FC_SPENT, FC_PROGRESS, FC_STATUS, FC_NOTE,
                                  FC_SOURCE, FC_DATE};

static int reported(const Form *f, const Row *r)
{
    for (size_t i = 0; i < G_N_ELEMENTS(fill); i++)
        if (!is_empty(cell(f, r, fill[i])))
            return 1;
    return 0;
}

/* A cell that belongs to the other kind of row must be empty. */
static void not_for(Collect *c, const Form *f, const Row *r, FormColumn k, const char *kind)
{
    if (!is_empty(cell(f, r, k)))
        err_at(c, f, r->rec, k, "'%s' is not filled in for %s (leave it empty)",
               form_keys[k], kind);
}

/* The plan's place of an indicator or project, for the output order. */
static long indicator_order(const Plan *p, const Indicator *ind)
{
    const Issue *is = ind->issue;
    return is ? (long)(is - p->issues) * 1000000L + (long)(ind - is->indicators) : 0;
}

static long project_order(const Plan *p, const Project *pj)
{
    const Program *pg = pj->program;
    return pg ? (long)(pg - p->programs) * 1000000L + (long)(pj - pg->projects) : 0;
}

static void entry_free(gpointer data)
{
    Entry *e = data;
    g_free(e->actual);
    g_free(e->source);
    g_free(e->note);
    g_free(e->date);
    g_free(e->spent);
    g_free(e->progress);
    g_free(e);
}

/* An optional text cell into *out; reports what is not text. */
static void text_cell(Collect *c, const Form *f, const Row *r, FormColumn k, char **out)
{
    int bad = 0;
    *out = text_of(cell(f, r, k), &bad);
    if (bad)
        err_at(c, f, r->rec, k, "the cell is not text phaen can keep: save the form as "
               "\"CSV UTF-8\", without control characters");
}

static void check_indicator(Collect *c, const Form *f, const Row *r, const Indicator *ind,
                            Entry *e)
{
    e->order = indicator_order(c->p, ind);
    for (FormColumn k = FC_SPENT; k <= FC_STATUS; k++)
        not_for(c, f, r, k, "an indicator");
    const char *v = cell(f, r, FC_ACTUAL);
    if (is_empty(v)) {
        err_at(c, f, r->rec, FC_ACTUAL, "indicator '%s' has no actual value: fill it in, "
               "or empty the whole row if it is not reported", ind->id);
    } else if (ind->kind == IND_QUANTITATIVE) {
        char num[64];
        int dec;
        /* "78.5%" for an indicator in per cent */
        if (parse_number(v, 1, num, sizeof num, &dec) != 0)
            err_at(c, f, r->rec, FC_ACTUAL, "'%s' is not a number, and indicator '%s' "
                   "measures one%s%s%s", v, ind->id, ind->unit ? " (" : "",
                   ind->unit ? ind->unit : "", ind->unit ? ")" : "");
        else
            e->actual = g_strdup(num), e->numeric = 1;
    } else {
        text_cell(c, f, r, FC_ACTUAL, &e->actual);
    }
    text_cell(c, f, r, FC_SOURCE, &e->source);
    text_cell(c, f, r, FC_NOTE, &e->note);
    const char *dv = cell(f, r, FC_DATE);
    char iso[32];
    if (is_empty(dv)) {
        snprintf(iso, sizeof iso, "%04d-09-30", c->year - 543);
        e->date = g_strdup(iso);
    } else if (parse_date(dv, iso) != 0) {
        err_at(c, f, r->rec, FC_DATE, "'%s' is not a date: write 2020-09-30 or 30/9/2563",
               dv);
    } else {
        e->date = g_strdup(iso);
    }
}

static void check_project(Collect *c, const Form *f, const Row *r, const Project *pj,
                          Entry *e)
{
    e->order = project_order(c->p, pj);
    not_for(c, f, r, FC_ACTUAL, "a project");
    not_for(c, f, r, FC_SOURCE, "a project");
    not_for(c, f, r, FC_DATE, "a project");
    const char *st = cell(f, r, FC_STATUS);
    e->status = form_status_parse(st);
    if (is_empty(st))
        err_at(c, f, r->rec, FC_STATUS, "project '%s' has no status: write not-started, "
               "on-track, delayed, done or cancelled", pj->id);
    else if (e->status < 0)
        err_at(c, f, r->rec, FC_STATUS, "'%s' is not a status: write not-started, on-track, "
               "delayed, done or cancelled (or ยังไม่เริ่ม, ตามแผน, ล่าช้า, แล้วเสร็จ, ยกเลิก)", st);
    char num[64];
    int dec;
    const char *v = cell(f, r, FC_SPENT);
    if (!is_empty(v)) {
        if (parse_number(v, 0, num, sizeof num, &dec) != 0)
            err_at(c, f, r->rec, FC_SPENT, "'%s' is not an amount in baht (write 1250000 or "
                   "1,250,000.50)", v);
        else if (num[0] == '-')
            err_at(c, f, r->rec, FC_SPENT, "'%s': the amount spent cannot be negative", v);
        else if (dec > 2)
            err_at(c, f, r->rec, FC_SPENT, "'%s': baht have at most two decimals (satang)", v);
        else
            e->spent = g_strdup(num);
    }
    v = cell(f, r, FC_PROGRESS);
    if (!is_empty(v)) {
        if (parse_number(v, 1, num, sizeof num, &dec) != 0)
            err_at(c, f, r->rec, FC_PROGRESS, "'%s' is not a number: progress is a per cent "
                   "from 0 to 100", v);
        else if (num[0] == '-' || g_ascii_strtod(num, NULL) > 100)
            err_at(c, f, r->rec, FC_PROGRESS, "'%s': progress is a per cent from 0 to 100", v);
        else
            e->progress = g_strdup(num);
    }
    text_cell(c, f, r, FC_NOTE, &e->note);
}

/* The fiscal year of a row: the same in every row of every form. */
static void check_year(Collect *c, const Form *f, const Row *r)
{
    const char *v = cell(f, r, FC_FISCAL_YEAR);
    char num[64];
    int dec = 0;
    long y = parse_number(v, 0, num, sizeof num, &dec) == 0 && !dec && !strchr(num, '-')
             ? strtol(num, NULL, 10) : 0;
    if (is_empty(v)) {
        err_at(c, f, r->rec, FC_FISCAL_YEAR, "the fiscal year is empty");
    } else if (y < c->p->period_from || y > c->p->period_to) {
        err_at(c, f, r->rec, FC_FISCAL_YEAR, "'%s' is not a fiscal year of the plan (%d–%d, "
               "Buddhist Era)", v, c->p->period_from, c->p->period_to);
    } else if (!c->year) {
        c->year = (int)y;
        c->year_place = place_of(f, r->rec, FC_FISCAL_YEAR);
    } else if (y != c->year) {
        err_at(c, f, r->rec, FC_FISCAL_YEAR, "fiscal year %ld, but the forms are for %d: "
               "a results file holds one fiscal year (collect each year apart)", y, c->year);
        diag_note(c->d, c->year_place, 0, "fiscal year %d is first given here", c->year);
    }
}

/* Finds what an id names, as the row's kind says; NULL after reporting. */
static const void *row_object(Collect *c, const Form *f, const Row *r, int is_project)
{
    ObjKind want = is_project ? KIND_PROJECT : KIND_INDICATOR;
    char *id = g_strstrip(g_strdup(cell(f, r, FC_ID)));
    ObjKind k = KIND_NONE;
    const void *obj = is_empty(id) ? NULL : plan_find(c->p, id, &k);
    if (is_empty(id)) {
        err_at(c, f, r->rec, FC_ID, "the id is empty");
    } else if (!obj) {
        err_at(c, f, r->rec, FC_ID, "the plan has no %s '%s'", plan_kind_name(want), id);
        const char *s = suggest(c, id, want);
        char *place = place_of(f, r->rec, FC_ID);
        if (s)
            diag_note(c->d, place, 0, "did you mean '%s'?", s);
        g_free(place);
    } else if (k != want) {
        err_at(c, f, r->rec, FC_ID, "'%s' is %s %s, but the row's kind is '%s'", id, an(k),
               plan_kind_name(k), is_project ? "project" : "indicator");
        obj = NULL;
    }
    g_free(id);
    return obj;
}

/* Whether a answers for ind / leads pj, reported when not. */
static int answers(Collect *c, const Form *f, const Row *r, const Agency *a,
                   const void *obj, int is_project)
{
    if (is_project) {
        const Project *pj = obj;
        if (pj->lead.to.agency == a)
            return 1;
        /* the rule results.c applies: the lead reports, once, for all */
        int supports = 0;
        for (size_t i = 0; i < pj->support.n; i++)
            supports |= pj->support.items[i].to.agency == a;
        if (supports)
            err_at(c, f, r->rec, FC_AGENCY, "'%s' supports project '%s': a project is "
                   "reported once, by its lead %s, which gathers what its supporters spent",
                   a->id, pj->id, pj->lead.id ? pj->lead.id : "(not named)");
        else
            err_at(c, f, r->rec, FC_AGENCY, "'%s' does not lead project '%s' (its lead is %s): "
                   "a project is reported by its lead agency", a->id, pj->id,
                   pj->lead.id ? pj->lead.id : "not named");
        return 0;
    }
    const Indicator *ind = obj;
    GString *who = g_string_new(NULL);
    for (size_t i = 0; i < ind->answerable.n; i++) {
        if (ind->answerable.items[i].to.agency == a) {
            g_string_free(who, TRUE);
            return 1;
        }
        g_string_append_printf(who, "%s%s", i ? " " : "", ind->answerable.items[i].id);
    }
    err_at(c, f, r->rec, FC_AGENCY, "'%s' does not answer for indicator '%s' (%s does)",
           a->id, ind->id, who->len ? who->str : "no agency");
    g_string_free(who, TRUE);
    return 0;
}

/* The agency a reported row names, when it is the form's and the plan
 * has it; NULL after reporting. */
static const Agency *row_agency(Collect *c, const Form *f, const Row *r, const char *own,
                                const char *own_place)
{
    char *id = g_strstrip(g_strdup(cell(f, r, FC_AGENCY)));
    ObjKind k = KIND_NONE;
    const Agency *a = *id ? plan_find(c->p, id, &k) : NULL;
    if (a && k != KIND_AGENCY)
        a = NULL;
    if (!*id) {
        err_at(c, f, r->rec, FC_AGENCY, "the agency is empty");
    } else if (own && strcmp(id, own) != 0) {
        err_at(c, f, r->rec, FC_AGENCY, "a row of '%s' in the form of '%s': a form holds one "
               "agency's rows", id, own);
        diag_note(c->d, own_place, 0, "the form's first row is of '%s'", own);
        a = NULL;
    } else if (!a) {
        err_at(c, f, r->rec, FC_AGENCY, "the plan has no agency '%s'", id);
        const char *s = suggest(c, id, KIND_AGENCY);
        char *place = place_of(f, r->rec, FC_AGENCY);
        if (s)
            diag_note(c->d, place, 0, "did you mean '%s'?", s);
        g_free(place);
    }
    g_free(id);
    return a;
}

static void check_form(Collect *c, const Form *f)
{
    char *own = NULL;           /* the agency of the form's first row, as written */
    char *own_place = NULL;
    for (size_t i = 0; i < f->rows->len; i++) {
        const Row *r = g_ptr_array_index(f->rows, i);
        const char *kind = cell(f, r, FC_KIND);
        if (kind[0] == '#')
            continue;
        if (!own && !is_empty(cell(f, r, FC_AGENCY))) {
            own = g_strstrip(g_strdup(cell(f, r, FC_AGENCY)));
            own_place = place_of(f, r->rec, FC_AGENCY);
        }
        if (!reported(f, r))
            continue;
        int errors = c->d->errors;
        for (size_t k = f->n_keys; k < r->n; k++)
            if (!is_empty(r->cells[k])) {
                char *place = g_strdup_printf("%s:%d:%zu", f->path, r->rec, k + 1);
                diag_error(c->d, place, 0, "a cell beyond the last column (%zu columns)",
                           f->n_keys);
                g_free(place);
            }
        check_year(c, f, r);
        char *kd = g_strstrip(g_strdup(kind));
        int is_project = !strcmp(kd, "project");
        if (!is_project && strcmp(kd, "indicator") != 0) {
            if (*kd)
                err_at(c, f, r->rec, FC_KIND, "'%s' is not a kind of row: write indicator or "
                       "project", kd);
            else
                err_at(c, f, r->rec, FC_KIND, "the kind is empty: write indicator or project");
            g_free(kd);
            continue;
        }
        g_free(kd);
        const void *obj = row_object(c, f, r, is_project);
        const Agency *a = row_agency(c, f, r, own, own_place);
        if (!obj || !a || !answers(c, f, r, a, obj, is_project))
            continue;
        const char *ref = is_project ? ((const Project *)obj)->id : ((const Indicator *)obj)->id;
        Entry *e = g_new0(Entry, 1);
        e->is_project = is_project;
        e->ref = ref;
        e->agency = a;
        if (is_project)
            check_project(c, f, r, obj, e);
        else
            check_indicator(c, f, r, obj, e);
        char *key = g_strdup_printf("%d %s %s", is_project, ref, a->id);
        const char *first = g_hash_table_lookup(c->seen, key);
        if (first) {
            err_at(c, f, r->rec, FC_ID, "%s '%s' of '%s' is reported twice",
                   is_project ? "project" : "indicator", ref, a->id);
            diag_note(c->d, first, 0, "first reported here");
            g_free(key);
        } else {
            g_hash_table_insert(c->seen, key, place_of(f, r->rec, FC_ID));
        }
        if (c->d->errors > errors)
            entry_free(e);
        else
            g_ptr_array_add(c->entries, e);
    }
    g_free(own);
    g_free(own_place);
}

int collect_forms(const char *plan_path, const char *const *forms, size_t n_forms,
                  const char *out, const char *date, size_t max_size, Diag *d)
{
    size_t limit = max_size ? max_size : (size_t)64 << 20;
    Plan *p = export_load_checked(plan_path, max_size, d);
    if (!p)
        return 1;
    Collect c = {.d = d, .p = p, .suggest_budget = 1000000,
                 .seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free),
                 .entries = g_ptr_array_new_with_free_func(entry_free)};
    int io = 0, status = 0;
    for (size_t i = 0; i < n_forms; i++) {
        Form *f = read_form(&c, forms[i], limit, &io);
        if (f)
            check_form(&c, f);
        form_free(f);
    }
    if (!d->errors && !c.entries->len) {
        diag_error(d, NULL, 0, "nothing to collect: every row of the forms is empty (a row "
                   "is reported when a cell to fill in holds something)");
    }
    if (d->errors) {
        diag_note(d, NULL, 0, "nothing written: %s is as it was", out);
        status = io ? 2 : 1;
    } else {
        char iso[32];
        if (!date) {
            snprintf(iso, sizeof iso, "%04d-09-30", c.year - 543);
            date = iso;
        }
        GString *xml = resultsout_xml(c.p, c.year, date, c.entries);
        status = export_save(out, xml->str, xml->len, d) == 0 ? 0 : 2;
        g_string_free(xml, TRUE);
    }
    g_free(c.year_place);
    g_hash_table_destroy(c.seen);
    g_ptr_array_free(c.entries, TRUE);
    plan_free(p);
    return status;
}

/* --- the command -------------------------------------------------------------------- */

static const char collect_usage[] =
    "usage: phaen collect PLAN.xml FORM.csv... -o RESULTS.xml [--date YYYY-MM-DD]\n"
    "                     [--max-errors N]\n";

int collect_command(int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, NULL, 'o'},
        {"date", required_argument, NULL, 'd'},
        {"max-errors", required_argument, NULL, 'm'},
        {"max-size", required_argument, NULL, 'z'},
        {0, 0, 0, 0},
    };
    const char *out = NULL, *date = NULL;
    int max_errors = 50;
    size_t max_size = 0;
    GPtrArray *args = g_ptr_array_new();
    int status = 0;
    optind = 1;
    while (!status) {
        int ch = getopt_long(argc, argv, "+o:", opts, NULL);
        if (ch == -1) {
            if (optind >= argc)
                break;
            g_ptr_array_add(args, argv[optind++]);
            continue;
        }
        char *end;
        switch (ch) {
        case 'o': out = optarg; break;
        case 'd': date = optarg; break;
        case 'm':
            max_errors = (int)strtol(optarg, &end, 10);
            status = *end || max_errors < 0 ? 2 : 0;
            break;
        case 'z':
            max_size = (size_t)strtoull(optarg, &end, 10);
            status = *end || !max_size ? 2 : 0;
            break;
        default: status = 2;
        }
    }
    int y, m, dd;
    if (!status && date && (strlen(date) != 10 || thai_parse_iso_date(date, &y, &m, &dd) != 0)) {
        fprintf(stderr, "phaen: --date takes the day the agencies reported as YYYY-MM-DD "
                        "(2020-10-30), not '%s'\n", date);
        status = 2;
    } else if (!status && (args->len < 2 || !out)) {
        fprintf(stderr, "phaen: collect needs a plan, at least one filled form and an output "
                        "file\n");
        status = 2;
    }
    if (status == 2)
        fputs(collect_usage, stderr);
    if (!status) {
        Diag d;
        diag_init(&d, stderr, max_errors);
        status = collect_forms(g_ptr_array_index(args, 0), (const char *const *)args->pdata + 1,
                               args->len - 1, out, date, max_size, &d);
        diag_finish(&d);
        load_cleanup();
    }
    g_ptr_array_free(args, TRUE);
    return status;
}
