/* main.c - the phaen command: options, the pipeline, exit codes.
 *
 *   load -> resolve -> check -> compose -> layout -> PDF
 *
 * This file parses the command line and calls the command (cmd.h: the
 * commands are in cmd_render.c and cmd_report.c; export, import and
 * collect parse their own options); it also owns the signal thread.
 *
 * Exit status: 0 success, 1 the plan has errors (or warnings with --strict),
 * 2 usage or I/O problems.  Diagnostics go to stderr; nothing else does when
 * all is well.
 */
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"
#include "export.h"
#include "fonts.h"
#include "forms.h"
#include "load.h"
#include "outfile.h"
#include "xalloc.h"

#ifndef PHAEN_VERSION
#define PHAEN_VERSION "0"
#endif

static const char usage_text[] =
    "usage: phaen check PLAN.xml|- [RESULTS.xml...] [--strict]\n"
    "       phaen render PLAN.xml -o DIR [--template NAME|FILE] [--strict]\n"
    "                    [--only master-plan|action-plan|sheets]... [--agency ID]...\n"
    "                    [-j N]\n"
    "       phaen report PLAN.xml RESULTS.xml... -o DIR [--template NAME|FILE]\n"
    "       phaen diff OLD.xml NEW.xml [-o CHANGES.pdf]\n"
    "       phaen verify PLAN.xml FILE.pdf\n"
    "       phaen export PLAN.xml --format csv|json|xlsx -o DIR\n"
    "       phaen import PLAN.xml TABLE.csv... -o NEW.xml\n"
    "       phaen forms PLAN.xml -o DIR [--agency ID]... [--year FY] [-j N]\n"
    "       phaen collect PLAN.xml FORM.csv... -o RESULTS.xml [--date YYYY-MM-DD]\n"
    "       phaen dump --blocks|--pages PLAN.xml [--only DOC|forms]... [--year FY]\n"
    "       phaen dump --blocks|--pages PLAN.xml RESULTS.xml...\n"
    "       phaen --help | --version\n";

static const char help_text[] =
    "phaen - Thai national plans from XML to official PDF documents\n"
    "\n"
    "Commands:\n"
    "  check PLAN.xml        load, validate against the schema, resolve every\n"
    "                        reference and check the plan; print the problems\n"
    "                        (PLAN.xml '-': read the plan from stdin); with\n"
    "                        RESULTS.xml files, check them against the plan too\n"
    "  render PLAN.xml       check, then write the documents into DIR:\n"
    "                        master-plan.pdf (แผนแม่บท), action-plan.pdf\n"
    "                        (แผนปฏิบัติการ), sheets/<agency-id>.pdf (one\n"
    "                        responsibility sheet per agency) and\n"
    "                        sheets/all-sheets.pdf (every sheet in one file)\n"
    "  report PLAN.xml RESULTS.xml...\n"
    "                        the progress report (รายงานผลการดำเนินงาน) of the\n"
    "                        results files' latest fiscal year: DIR/progress-\n"
    "                        report.pdf (indicators against their targets,\n"
    "                        projects' spending, who reported, charts)\n"
    "  diff OLD.xml NEW.xml  what changed between two versions of a plan (goals,\n"
    "                        indicators, targets, strategies, projects, budgets,\n"
    "                        agency roles), on stdout; with -o, also as a PDF\n"
    "  verify PLAN.xml FILE.pdf\n"
    "                        whether FILE.pdf is exactly what PLAN.xml renders to\n"
    "                        now (exit 0), or else what it was made from (exit 1)\n"
    "  export PLAN.xml       the resolved plan as tables for spreadsheets and\n"
    "                        other systems: --format csv (a folder of CSV files,\n"
    "                        the default), xlsx (one workbook) or json\n"
    "  import PLAN.xml TABLE.csv...\n"
    "                        a new plan (-o NEW.xml) with the rows of the tables\n"
    "                        (projects, budgets, indicators) added or updated\n"
    "  forms PLAN.xml        each agency's reporting form for a fiscal year:\n"
    "                        forms/<agency-id>.pdf to fill in by hand and\n"
    "                        forms/<agency-id>.csv for a spreadsheet, in DIR\n"
    "  collect PLAN.xml FORM.csv...\n"
    "                        the filled CSV forms as one results file\n"
    "                        (-o RESULTS.xml, results-1.xsd)\n"
    "  dump --blocks|--pages PLAN.xml\n"
    "                        the documents as text on stdout: the blocks the\n"
    "                        composers make, or the lines and boxes of every\n"
    "                        page (for tests and for reading a change as a diff);\n"
    "                        --only forms: the reporting forms (--year FY);\n"
    "                        with RESULTS.xml files: the progress report\n"
    "\n"
    "Options:\n"
    "  -o, --output DIR      the folder to write into (created if missing)\n"
    "      --only DOC        write only DOC: master-plan, action-plan or sheets\n"
    "                        (repeatable; default: all of them)\n"
    "      --agency ID       write the sheet of agency ID (repeatable); without\n"
    "                        --only, nothing else is written (no all-sheets.pdf)\n"
    "      --year FY         forms: the fiscal year (BE; default: the first\n"
    "                        year the plan budgets)\n"
    "      --date DATE       collect: the day the agencies reported (default:\n"
    "                        the last day of the fiscal year, 30 September)\n"
    "  -j, --jobs N          render with N threads (default: the number of\n"
    "                        online CPUs); output does not depend on N\n"
    "  -t, --template T      house style: a name in the templates folder\n"
    "                        (default: official) or a path to a .conf file\n"
    "      --strict          treat warnings as errors (use before submission)\n"
    "      --max-errors N    show at most N problems (default 50; 0: all)\n"
    "      --max-size BYTES  refuse plans larger than this (default 64 MiB)\n"
    "  -h, --help            this help\n"
    "  -V, --version         the version\n"
    "\n"
    "Exit status: 0 success, 1 the plan has errors, 2 usage or I/O problems.\n"
    "Environment: PHAEN_DATADIR overrides where templates/ and fonts/ are found.\n";


static int parse_args(int argc, char **argv, Options *o)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"template", required_argument, NULL, 't'},
        {"strict", no_argument, NULL, 's'},
        {"max-errors", required_argument, NULL, 'm'},
        {"max-size", required_argument, NULL, 'z'},
        {"only", required_argument, NULL, 'O'},
        {"agency", required_argument, NULL, 'a'},
        {"jobs", required_argument, NULL, 'j'},
        {"blocks", no_argument, NULL, 'B'},
        {"pages", no_argument, NULL, 'P'},
        {"year", required_argument, NULL, 'y'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {0, 0, 0, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "+o:t:j:hV", longopts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'o': o->outdir = optarg; break;
        case 't': o->tmpl = optarg; break;
        case 's': o->strict = 1; break;
        case 'm':
            o->max_errors = (int)strtol(optarg, &end, 10);
            if (*end || o->max_errors < 0) {
                fprintf(stderr, "phaen: --max-errors takes a whole number\n");
                return -1;
            }
            break;
        case 'z':
            o->max_size = (size_t)strtoull(optarg, &end, 10);
            if (*end || o->max_size == 0) {
                fprintf(stderr, "phaen: --max-size takes a number of bytes\n");
                return -1;
            }
            break;
        case 'O':
            if (!strcmp(optarg, "master-plan"))
                o->only |= DOC_MASTER;
            else if (!strcmp(optarg, "action-plan"))
                o->only |= DOC_ACTION;
            else if (!strcmp(optarg, "sheets"))
                o->only |= DOC_SHEETS;
            else if (!strcmp(optarg, "forms") && !strcmp(o->command, "dump"))
                o->only |= DOC_FORMS;
            else {
                fprintf(stderr, "phaen: --only takes master-plan, action-plan or sheets%s, "
                                "not '%s'\n", !strcmp(o->command, "dump") ? " or forms" : "",
                        optarg);
                return -1;
            }
            break;
        case 'a':
            o->agencies[o->n_agencies++] = optarg;
            break;
        case 'j':
            o->jobs = strtol(optarg, &end, 10);
            if (*end || o->jobs < 1 || o->jobs > 256) {
                fprintf(stderr, "phaen: --jobs takes a whole number from 1 to 256\n");
                return -1;
            }
            break;
        case 'y':
            o->year = (int)strtol(optarg, &end, 10);
            if (*end || o->year < 2400 || o->year > 2800) {
                fprintf(stderr, "phaen: --year takes a Buddhist-Era fiscal year (2563)\n");
                return -1;
            }
            break;
        case 'B': o->dump = 'b'; break;
        case 'P': o->dump = 'p'; break;
        case 'h': fputs(help_text, stdout); return 1;
        case 'V': printf("phaen %s\n", PHAEN_VERSION); return 1;
        default: return -1;
        }
    }
    return optind;
}

static int run(int argc, char **argv, Options *op)
{
    Options o = *op;
    if (argc < 2) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    /* Global options may come before the command: phaen --help. */
    if (argv[1][0] == '-') {
        int r = parse_args(argc, argv, &o);
        if (r == 1)
            return 0;
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    o.command = argv[1];
    /* export and import take their own options (export.c). */
    if (!strcmp(o.command, "export"))
        return export_command(argc - 1, argv + 1);
    if (!strcmp(o.command, "import"))
        return import_command(argc - 1, argv + 1);
    if (!strcmp(o.command, "collect"))
        return collect_command(argc - 1, argv + 1);
    /* Options after the command, in any order around the plan path. */
    optind = 2;
    for (;;) {
        int r = parse_args(argc, argv, &o);
        if (r < 0) {
            fputs(usage_text, stderr);
            return EXIT_USAGE;
        }
        if (r == 1) /* --help / --version printed */
            return 0;
        if (optind >= argc)
            break;
        int two = !strcmp(o.command, "diff") || !strcmp(o.command, "verify");
        int many = !strcmp(o.command, "check") || !strcmp(o.command, "report") ||
                   !strcmp(o.command, "dump");
        if (o.plan && many) {
            o.results[o.n_results++] = argv[optind++];
            continue;
        }
        if (o.plan && (!two || o.second)) {
            fprintf(stderr, "phaen: unexpected argument '%s'\n", argv[optind]);
            return EXIT_USAGE;
        }
        if (o.plan)
            o.second = argv[optind++];
        else
            o.plan = argv[optind++];
    }
    int is_check = !strcmp(o.command, "check"), is_render = !strcmp(o.command, "render");
    int is_diff = !strcmp(o.command, "diff"), is_verify = !strcmp(o.command, "verify");
    int is_dump = !strcmp(o.command, "dump"), is_report = !strcmp(o.command, "report");
    int is_forms = !strcmp(o.command, "forms");
    if (!is_check && !is_render && !is_diff && !is_verify && !is_dump && !is_report &&
        !is_forms) {
        fprintf(stderr, "phaen: unknown command '%s'\n%s", o.command, usage_text);
        return EXIT_USAGE;
    }
    if (!o.plan) {
        fprintf(stderr, "phaen: %s needs a plan file\n%s", o.command, usage_text);
        return EXIT_USAGE;
    }
    if ((is_diff || is_verify) && !o.second) {
        fprintf(stderr, "phaen: %s needs two files\n%s", o.command, usage_text);
        return EXIT_USAGE;
    }
    if (is_report && (!o.outdir || !o.n_results)) {
        fprintf(stderr, "phaen: report needs results files and an output folder: "
                        "phaen report PLAN.xml RESULTS.xml... -o DIR\n");
        return EXIT_USAGE;
    }
    if (is_render && !o.outdir) {
        fprintf(stderr, "phaen: render needs an output folder: -o DIR\n");
        return EXIT_USAGE;
    }
    if (is_forms && !o.outdir) {
        fprintf(stderr, "phaen: forms needs an output folder: -o DIR\n");
        return EXIT_USAGE;
    }
    if (is_dump && !o.dump) {
        fprintf(stderr, "phaen: dump needs --blocks or --pages\n");
        return EXIT_USAGE;
    }
    if (is_dump && o.n_results && o.only) {
        fprintf(stderr, "phaen: dump with results files dumps the progress report; "
                        "--only is for the plan's own documents\n");
        return EXIT_USAGE;
    }
    Diag d;
    diag_init(&d, stderr, o.max_errors);
    int status;
    if (is_check) {
        status = cmd_check(&o, &d);
    } else if (is_report) {
        status = cmd_report(&o, &d);
    } else if (is_diff) {
        status = cmd_diff(&o, &d);
    } else if (is_verify) {
        status = cmd_verify(&o, &d);
    } else if (is_dump) {
        status = cmd_dump(&o, &d);
    } else if (is_forms) {
        status = cmd_forms(&o, &d);
    } else {
        status = cmd_render(&o, &d);
    }
    diag_finish(&d);
    load_cleanup();
    fonts_cleanup();
    return status;
}

/* --- signals ----------------------------------------------------------------
 *
 * SIGINT, SIGTERM and SIGHUP are blocked in every thread and taken by one
 * thread with sigwait(), which can then clean up in ordinary code (locks,
 * malloc): it removes every temporary of the run (outfile_remove_all, which
 * waits for renames under way) and verify's private folder, and ends the
 * process by the same signal, so the caller sees how it ended. */

static void *signal_main(void *arg)
{
    sigset_t *set = arg;
    int sig;
    if (sigwait(set, &sig) != 0)
        return NULL;
    outfile_remove_all();
    pthread_mutex_lock(&private_lock);
    if (private_dir)
        remove_tree(private_dir);
    fprintf(stderr, "\nphaen: stopped by %s; its temporary files were removed, earlier "
                    "files are as they were\n",
            sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "SIGHUP");
    signal(sig, SIG_DFL);
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, sig);
    pthread_sigmask(SIG_UNBLOCK, &one, NULL);
    raise(sig);
    _exit(128 + sig);
}

static void signals_init(void)
{
    static sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    /* Past a file-size limit (ulimit -f) a write then fails with EFBIG and
     * is reported like any other failed write, instead of killing phaen
     * with a temporary left behind. */
    signal(SIGXFSZ, SIG_IGN);
    pthread_t t;
    if (pthread_sigmask(SIG_BLOCK, &set, NULL) == 0 &&
        pthread_create(&t, NULL, signal_main, &set) == 0)
        pthread_detach(t);
    else
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

int main(int argc, char **argv)
{
    clock_gettime(CLOCK_REALTIME, &run_started);
    signals_init();
    /* --agency ids: at most one per argument. */
    Options o = {.max_errors = 50, .agencies = xcalloc((size_t)argc + 1, sizeof(const char *)),
                 .results = xcalloc((size_t)argc + 1, sizeof(const char *))};
    int status = run(argc, argv, &o);
    free(o.agencies);
    free(o.results);
    return status;
}
