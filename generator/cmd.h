/* cmd.h - what the commands of `phaen` share: the options, the exit
 * codes, and the steps every command takes (load and check a plan, find the
 * template and fonts, make the output folder).
 *
 * main.c parses the command line into an Options and calls one cmd_*
 * function; each returns the exit status.  The commands live by family:
 * cmd_render.c (render, forms, verify: folders of PDFs written by the
 * thread pool), cmd_report.c (check, report, diff, dump: one output each).
 * Each command frees what it made on one path (`done:`).
 *
 * Threads: these run on the main thread only (the thread pool is jobs.h);
 * run_started is set once before any command, private_dir under
 * private_lock (the signal thread reads it).
 */
#ifndef PHAEN_CMD_H
#define PHAEN_CMD_H

#include <limits.h>
#include <pthread.h>
#include <stddef.h>
#include <time.h>

#include "diag.h"
#include "fonts.h"
#include "plan.h"
#include "results.h"
#include "template.h"

enum { EXIT_PLAN = 1, EXIT_USAGE = 2 };

/* The documents `render` writes (--only). */
enum { DOC_MASTER = 1, DOC_ACTION = 2, DOC_SHEETS = 4, DOC_ALL = 7, DOC_FORMS = 8 };

typedef struct Options {
    const char *command;
    const char *plan;
    const char *second;     /* diff: the new plan; verify: the PDF */
    const char *outdir;
    const char *tmpl;
    int strict;
    int max_errors;
    size_t max_size;
    unsigned only;          /* DOC_* bits from --only; 0: not given */
    const char **agencies;  /* --agency ids (argv strings), argc slots */
    size_t n_agencies;
    long jobs;              /* -j; 0: the number of online CPUs */
    const char **results;   /* check, report: the results files (argv strings) */
    size_t n_results;
    int dump;               /* dump: 'b' --blocks, 'p' --pages */
    int year;               /* forms: --year; 0: form_default_year() */
} Options;

/* When this run began (main): temporaries older than that are left by
 * runs that were killed (outfile_sweep). */
extern struct timespec run_started;

/* verify's private folder, removed by the signal thread; NULL when none. */
extern pthread_mutex_t private_lock;
extern char *private_dir;
void set_private_dir(char *dir);

/* Where templates/ and fonts/ are (buf holds it when it is made up). */
const char *find_datadir(char *buf, size_t size);
/* mkdir -p DIR; 0, or -1 after reporting "cannot create the output
 * folder" to d. */
int make_outdir(const char *dir, Diag *d);
/* The fiscal year of the forms: --year, else form_default_year(); 0 after
 * saying on stderr that the plan does not run in it (a usage error). */
int forms_year(const Options *o, const Plan *p);
/* The agencies of --agency, or every agency (malloc'd, count in *n). */
const Agency **sheet_agencies(const Options *o, const Plan *p, size_t *n, int *status);
/* A command's house style: the template of --template (default: official)
 * and, when asked for, its fonts. */
typedef struct Style {
    Template *t;
    FontSet *fs;                    /* NULL unless fonts were asked for */
    char fontdir[PATH_MAX + 64];    /* for the other threads' fonts (jobs.h) */
} Style;
/* Loads, resolves and checks; returns the plan, or NULL with *status set.
 * When style is not NULL (it starts as {0}), the template and fonts that
 * checked the plan's characters are left in it for the command, when they
 * loaded without a word (style_open() then has nothing left to do): a
 * render read the template (decoding its emblem) and opened the fonts
 * twice (rendering tests/data/minimal.xml's sheets: 288 -> 262 million
 * instructions, callgrind).  Empty when NULL is returned. */
Plan *load_checked(const Options *o, Diag *d, Style *style, int *status);
/* Loads the template of o into *st unless it is there and, when with_fonts,
 * opens its fonts unless open.  Returns 0, or -1 after reporting to d;
 * either way style_close(st) frees what was opened.  *st starts as {0}, or
 * as load_checked() left it. */
int style_open(const Options *o, int with_fonts, Diag *d, Style *st);
void style_close(Style *st);
/* The results files of o, checked against p; NULL with *status set. */
ResultSet *load_results(const Options *o, const Plan *p, Diag *d, int *status);
/* Removes a folder this run made, with what is in it (two levels). */
void remove_tree(const char *dir);

int cmd_check(const Options *o, Diag *d);
int cmd_render(const Options *o, Diag *d);
int cmd_forms(const Options *o, Diag *d);
int cmd_verify(const Options *o, Diag *d);
int cmd_report(const Options *o, Diag *d);
int cmd_diff(const Options *o, Diag *d);
int cmd_dump(const Options *o, Diag *d);

#endif
