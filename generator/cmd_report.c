/* cmd_report.c - the commands with one output each: check (diagnostics),
 * report (the progress report PDF), diff (text, and a PDF with -o), dump
 * (text).
 */
#include "cmd.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "diff.h"
#include "dump.h"
#include "fonts.h"
#include "pdf.h"
#include "progressdoc.h"
#include "render.h"
#include "template.h"

/* phaen check PLAN [RESULTS...]: the diagnostics only. */
int cmd_check(const Options *o, Diag *d)
{
    int status;
    Plan *p = load_checked(o, d, NULL, &status);
    if (p && o->n_results)
        results_free(load_results(o, p, d, &status));
    plan_free(p);
    return status;
}

/* phaen report PLAN RESULTS... -o DIR: DIR/progress-report.pdf */
int cmd_report(const Options *o, Diag *d)
{
    int status;
    Style st = {0};
    Plan *p = load_checked(o, d, &st, &status);
    if (!p)
        return status;
    Doc *doc = NULL;
    char *path = g_strdup_printf("%s/progress-report.pdf", o->outdir);
    ResultSet *rs = load_results(o, p, d, &status);
    if (!rs)
        goto done;
    status = EXIT_USAGE;
    if (style_open(o, 1, d, &st) != 0 || make_outdir(o->outdir, d) != 0)
        goto done;
    doc = compose_progress_report(p, st.t, rs);
    if (doc && pdf_write(path, doc, st.t, st.fs, d, NULL) == 0)
        status = 0;
done:
    doc_free(doc);
    g_free(path);
    style_close(&st);
    results_free(rs);
    plan_free(p);
    return status;
}

/* phaen diff OLD NEW [-o FILE.pdf] */
int cmd_diff(const Options *o, Diag *d)
{
    Options second = *o;
    second.plan = o->second;
    int st1, st2;
    Plan *a = load_checked(o, d, NULL, &st1);
    Plan *b = load_checked(&second, d, NULL, &st2);
    int status = st1 > st2 ? st1 : st2;
    Style st = {0};
    PlanDiff *df = NULL;
    Doc *doc = NULL;
    if (!a || !b)
        goto done;
    status = EXIT_USAGE;
    if (!(df = plan_diff(a, b)) || style_open(o, 0, d, &st) != 0)
        goto done;
    plan_diff_print(df, st.t, stdout);
    status = 0;
    if (!o->outdir)
        goto done;
    /* the text first: fonts that do not open spoil only the PDF */
    status = EXIT_USAGE;
    if (!(st.fs = fonts_open(st.fontdir, st.t->font_family, d)))
        goto done;
    doc = compose_diff(df, a, b, st.t);
    if (doc && pdf_write(o->outdir, doc, st.t, st.fs, d, NULL) == 0)
        status = 0;
done:
    doc_free(doc);
    style_close(&st);
    plan_diff_free(df);
    plan_free(a);
    plan_free(b);
    return status;
}

/* phaen dump --blocks|--pages PLAN.xml [--only DOC]... [--year FY], or
 * PLAN.xml RESULTS.xml... for the progress report (dump.h) */
int cmd_dump(const Options *o, Diag *d)
{
    int status;
    Style st = {0};
    ResultSet *rs = NULL;
    Plan *p = load_checked(o, d, &st, &status);
    if (!p)
        return status;
    if (o->n_results && !(rs = load_results(o, p, d, &status)))
        goto done;
    unsigned docs = o->only ? o->only : DUMP_ALL;
    int forms = !rs && (docs & DUMP_FORMS), year = forms ? forms_year(o, p) : 0;
    status = EXIT_USAGE;
    if (forms && !year)
        goto done;
    if (style_open(o, o->dump == 'p', d, &st) != 0)
        goto done;
    int pages = o->dump == 'p';
    int rc = rs ? dump_report(p, st.t, st.fs, rs, pages, stdout, d)
                : dump_plan(p, st.t, st.fs, docs & DUMP_ALL, pages, stdout, d);
    if (rc == 0 && forms)
        rc = dump_forms(p, st.t, st.fs, year, pages, stdout, d);
    if (rc == 0)
        status = fflush(stdout) == 0 && !ferror(stdout) ? 0 : EXIT_USAGE;
done:
    style_close(&st);
    results_free(rs);
    plan_free(p);
    return status;
}
