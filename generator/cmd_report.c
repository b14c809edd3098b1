/* cmd_report.c - the commands with one output each: report (the progress
 * report PDF), diff (text, and a PDF with -o), dump (text).
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

/* phaen report PLAN RESULTS... -o DIR: DIR/progress-report.pdf */
int cmd_report(const Options *o, Diag *d)
{
    int status;
    Plan *p = load_checked(o, d, &status);
    if (!p)
        return status;
    ResultSet *rs = load_results(o, p, d, &status);
    if (!rs) {
        plan_free(p);
        return status;
    }
    char tpath[PATH_MAX + 64], fpath[PATH_MAX + 64];
    style_paths(o, tpath, sizeof tpath, fpath, sizeof fpath);
    Template *t = template_load(tpath, d);
    FontSet *fs = t ? fonts_open(fpath, t->font_family, d) : NULL;
    status = EXIT_USAGE;
    if (fs && mkdir_p(o->outdir) != 0)
        diag_error(d, o->outdir, 0, "cannot create the output folder: %s", strerror(errno));
    else if (fs) {
        Doc *doc = compose_progress_report(p, t, rs);
        char *path = g_strdup_printf("%s/progress-report.pdf", o->outdir);
        status = doc && pdf_write(path, doc, t, fs, d, NULL) == 0 ? 0 : EXIT_USAGE;
        g_free(path);
        doc_free(doc);
    }
    fonts_close(fs);
    template_free(t);
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
    Plan *a = load_checked(o, d, &st1);
    Plan *b = load_checked(&second, d, &st2);
    int status = st1 > st2 ? st1 : st2;
    if (a && b) {
        Template *t = NULL;
        FontSet *fs = NULL;
        char tpath[PATH_MAX + 64], fpath[PATH_MAX + 64];
        style_paths(o, tpath, sizeof tpath, fpath, sizeof fpath);
        PlanDiff *df = plan_diff(a, b);
        status = df && (t = template_load(tpath, d)) ? 0 : EXIT_USAGE;
        if (status == 0)
            plan_diff_print(df, t, stdout);
        if (status == 0 && o->outdir) {
            Doc *doc = (fs = fonts_open(fpath, t->font_family, d)) ? compose_diff(df, a, b, t) : NULL;
            status = doc && pdf_write(o->outdir, doc, t, fs, d, NULL) == 0 ? 0 : EXIT_USAGE;
            doc_free(doc);
        }
        fonts_close(fs);
        template_free(t);
        plan_diff_free(df);
    }
    plan_free(a);
    plan_free(b);
    return status;
}

/* phaen dump --blocks|--pages PLAN.xml [--only DOC] (dump.h) */
int cmd_dump(const Options *o, Diag *d)
{
    int status;
    Plan *p = load_checked(o, d, &status);
    if (!p)
        return status;
    char tpath[PATH_MAX + 64], fpath[PATH_MAX + 64];
    style_paths(o, tpath, sizeof tpath, fpath, sizeof fpath);
    Template *t = template_load(tpath, d);
    FontSet *fs = t && o->dump == 'p' ? fonts_open(fpath, t->font_family, d) : NULL;
    status = EXIT_USAGE;
    if (t && (fs || o->dump == 'b') &&
        dump_plan(p, t, fs, o->only ? o->only : DUMP_ALL, o->dump == 'p', stdout, d) == 0)
        status = fflush(stdout) == 0 && !ferror(stdout) ? 0 : EXIT_USAGE;
    fonts_close(fs);
    template_free(t);
    plan_free(p);
    return status;
}
