/* test_output.c - what phaen writes: the same bytes for the same input,
 * whatever the environment; files that appear whole or not at all. */
/* posix_openpt, grantpt, unlockpt, ptsname (XSI) */
#define _XOPEN_SOURCE 700

#include "testutil.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define SAMPLE "samples/trafficking-2561-2580.xml"
#define REVISED "samples/history/trafficking-2561-2580-v2.0-revised.xml"
#define MINIMAL "tests/data/minimal.xml"

static char phaen[600], base[600];

static int setup(void **state)
{
    (void)state;
    const char *p = getenv("PHAEN");
    const char *b = getenv("BUILD");
    char cwd[512];
    cwd[0] = 0;
    assert_non_null(getcwd(cwd, sizeof cwd));
    /* absolute, so runs from other folders find it */
    snprintf(phaen, sizeof phaen, "%s/%s", cwd, p && *p ? p : "build/phaen");
    snprintf(base, sizeof base, "%s/%s/tests/out/output", cwd, b && *b ? b : "build");
    /* rm -rf and mkdir -p, without a shell and two processes */
    return remove_tree(base) == 0 && mkdir_parents(base) == 0 ? 0 : -1;
}

/* Same plan, different time zone, locale, working folder and HOME: the same
 * bytes as the test run's own render (the shared render of the whole
 * sample).  One stripped environment, as far from any the tests run in as
 * can be: UTC+14 (a POSIX TZ, which needs no time zone files), where the
 * plan's date, midnight in Bangkok, is seven in the morning; a Thai
 * locale; no usable HOME or cache; another folder.  (A second render with
 * TZ=UTC LANG=C, the harness's own environment in CI, cost 0.25 s CPU and
 * compared that environment with itself.) */
static void test_same_bytes_in_any_environment(void **state)
{
    (void)state;
    char *err;
    const char *shared = shared_render(SAMPLE, NULL);
    int st = run_sh(&err, "cd /tmp && env -i PATH=/usr/bin:/bin LSAN_OPTIONS=\"$LSAN_OPTIONS\" UBSAN_OPTIONS=\"$UBSAN_OPTIONS\" TZ='<+14>-14' LANG=th_TH.UTF-8 "
                  "LC_ALL=C.UTF-8 HOME=/nonexistent XDG_CACHE_HOME=/tmp/x %s render %s/%s -o %s/b --only master-plan 2>&1",
            phaen, getcwd((char[512]){0}, 512), SAMPLE, base);
    assert_int_equal(st, 0);
    free(err);
    char b[800], c[900];
    snprintf(b, sizeof b, "%s/b/master-plan.pdf", base);
    snprintf(c, sizeof c, "%s/master-plan.pdf", shared);
    assert_same_tree(b, c); /* (cmp, here) */
}

/* pdfinfo -isodates of the PDF at path (malloc'd), its exit status 0. */
static char *pdfinfo(const char *path)
{
    char *info;
    assert_int_equal(run_argv(&info, 0, (const char *[]){"pdfinfo", "-isodates", path, NULL}), 0);
    return info;
}

/* The PDF's dates are the plan's revision date, or SOURCE_DATE_EPOCH. */
static void test_dates_from_plan_or_source_date_epoch(void **state)
{
    (void)state;
    char *info, master[900];
    /* the master plan: the date is set the same way for every document
     * (pdf.c); the sample's as rendered for every test (shared_render) */
    snprintf(master, sizeof master, "%s/master-plan.pdf", shared_render(SAMPLE, NULL));
    info = pdfinfo(master);
    assert_contains(info, "CreationDate:    2018-09-14T00:00:00+07");
    assert_contains(info, "ModDate:         2018-09-14T00:00:00+07");
    free(info);
    char d2[700], *out;
    snprintf(d2, sizeof d2, "%s/d2", base);
    /* in the environment this process passes on (no shell to set it), as
     * it was afterwards */
    const char *was = getenv("SOURCE_DATE_EPOCH");
    char *prev = was ? strdup(was) : NULL;
    assert_int_equal(setenv("SOURCE_DATE_EPOCH", "1700000000", 1), 0);
    int st = run_argv(&out, 1, (const char *[]){phaen, "render", MINIMAL, "-o", d2, "--only",
                                                "master-plan", NULL});
    if (prev)
        setenv("SOURCE_DATE_EPOCH", prev, 1);
    else
        unsetenv("SOURCE_DATE_EPOCH");
    free(prev);
    if (st != 0)
        fail_msg("render with SOURCE_DATE_EPOCH: %d\n%s", st, out);
    free(out);
    /* --only master-plan wrote it alone into the folder it made: no other
     * document, no sheets folder (test_sheet rendered the minimal plan
     * once more for this; ls -A, read here) */
    char *ls = list_names(d2);
    assert_string_equal(ls, "master-plan.pdf\n");
    free(ls);
    snprintf(master, sizeof master, "%s/master-plan.pdf", d2);
    info = pdfinfo(master);
    assert_contains(info, "CreationDate:    2023-11-14T22:13:20Z");
    free(info);
}

/* A failed run leaves the previous PDF exactly as it was, and no temporary
 * file behind. */
static void test_failed_run_keeps_previous_output(void **state)
{
    (void)state;
    char dir[700], pdf[800], from[900];
    snprintf(dir, sizeof dir, "%s/keep", base);
    snprintf(pdf, sizeof pdf, "%s/master-plan.pdf", dir);
    /* the minimal plan's master plan as rendered for every test (testutil.h),
     * copied here (no process) */
    snprintf(from, sizeof from, "%s/master-plan.pdf", shared_render(MINIMAL, NULL));
    assert_int_equal(remove_tree(dir), 0);
    assert_int_equal(mkdir_parents(dir), 0);
    assert_int_equal(copy_file(from, pdf), 0);
    size_t n1 = 0, n2 = 0;
    char *before = read_whole(pdf, &n1);
    assert_non_null(before);
    char *err;
    assert_int_equal(run_argv(&err, 1, (const char *[]){phaen, "render", "tests/data/bad-refs.xml",
                                                        "-o", dir, NULL}), 1);
    assert_contains(err, "error:");
    free(err);
    char *after = read_whole(pdf, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(before, after, n1);
    /* no temporary (".master-plan.pdf.XXXXXX"): what ls -A says, read here */
    char *ls = list_names(dir);
    assert_not_contains(ls, ".master-plan");
    free(ls);
    free(before);
    free(after);
}

/* A render killed (SIGKILL: no handler runs) while it writes leaves the
 * document it was to replace whole: its old bytes, or a new file that qpdf
 * finds sound.  Killed 0 and 150 ms after its first temporary appears
 * (polled every 2 ms; with -j1 the master plan's, written first and kept
 * 0.4 s), each run in a folder of its own (a killed run's temporaries
 * stay): mid-write, whatever the machine's speed.  Fixed delays from the
 * start (5 to 80 ms, as before) mostly killed it before it had written
 * anything: its first temporary comes 60-90 ms after it starts. */
static void test_killed_run_leaves_whole_file(void **state)
{
    (void)state;
    char from[900];
    /* the sample's master plan as rendered for every test, to be replaced
     * (the one file looked at: copied here, without cp -r of every
     * document) */
    snprintf(from, sizeof from, "%s/master-plan.pdf", shared_render(SAMPLE, NULL));
    size_t n1 = 0, n2 = 0;
    char *before = read_whole(from, &n1);
    assert_non_null(before);
    static const int after_ms[] = {0, 150};
    for (size_t k = 0; k < sizeof after_ms / sizeof *after_ms; k++) {
        char dir[700], pdf[800];
        snprintf(dir, sizeof dir, "%s/kill%zu", base, k);
        snprintf(pdf, sizeof pdf, "%s/master-plan.pdf", dir);
        assert_int_equal(mkdir_parents(dir), 0);
        assert_int_equal(copy_file(from, pdf), 0);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            execl(phaen, phaen, "render", REVISED, "-o", dir, "-j1", (char *)NULL);
            _exit(127);
        }
        int st, ended = 0;
        for (int i = 0; i < 5000 && !has_temporary(dir); i++) {
            if (waitpid(pid, &st, WNOHANG) == pid) {
                ended = 1; /* done before a temporary was seen: whole, below */
                break;
            }
            usleep(2 * 1000);
        }
        if (!ended) {
            usleep((useconds_t)after_ms[k] * 1000);
            kill(pid, SIGKILL);
            assert_int_equal(waitpid(pid, &st, 0), pid);
        }
        char *now = read_whole(pdf, &n2);
        assert_non_null(now);
        if (!(n1 == n2 && memcmp(before, now, n1) == 0)) {
            char *out;
            assert_int_equal(run_argv(&out, 1, (const char *[]){"qpdf", "--check", pdf, NULL}), 0);
            free(out);
        }
        free(now);
    }
    free(before);
}

/* An output folder that cannot be made is an I/O error (exit 2) naming it. */
static void test_unwritable_output_folder(void **state)
{
    (void)state;
    char *err;
    /* the minimal plan: the folder is made once the plan has checked, and
     * what the plan holds does not matter here */
    assert_int_equal(run_argv(&err, 1, (const char *[]){phaen, "render", MINIMAL, "-o",
                                                        "/proc/phaen-cannot-write", NULL}), 2);
    assert_contains(err, "/proc/phaen-cannot-write");
    assert_contains(err, "error: cannot create the output folder");
    free(err);
    /* a file where the folder should be */
    char file[700], sub[800];
    snprintf(file, sizeof file, "%s/afile", base);
    snprintf(sub, sizeof sub, "%s/sub", file);
    write_file(file, "");
    assert_int_equal(run_argv(&err, 1, (const char *[]){phaen, "render", MINIMAL, "-o", sub, NULL}), 2);
    assert_contains(err, "error: cannot create the output folder: Not a directory");
    free(err);
}

/* Where needle first is in the n bytes at buf (memmem is a GNU extension). */
static const char *find(const char *buf, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (!memcmp(buf + i, needle, k))
            return buf + i;
    return NULL;
}

/* The span of the Title in the metadata of the PDF buf (cairo writes the
 * Info dictionary as "<< /Producer (cairo ...) /Title <FEFF...>"). */
static void info_title_span(const char *buf, size_t len, size_t *at, size_t *n)
{
    const char *prod = find(buf, len, "/Producer (cairo");
    assert_non_null(prod);
    const char *t = find(prod, len - (size_t)(prod - buf), "/Title <FEFF");
    assert_non_null(t);
    const char *end = memchr(t, '>', len - (size_t)(t - buf));
    assert_non_null(end);
    *at = (size_t)(t - buf);
    *n = (size_t)(end + 1 - t);
}

/* Writes to out the PDF at pdf with its Title replaced by the one of the
 * PDF at from ("" for a title that names no document). */
static void retitle(const char *pdf, const char *from, const char *out)
{
    size_t len = 0, flen = 0, at, n, fat = 0, fn = 0;
    char *buf = read_whole(pdf, &len), *fbuf = NULL;
    assert_non_null(buf);
    info_title_span(buf, len, &at, &n);
    const char *title = "/Title <FEFF0041>"; /* "A" */
    if (*from) {
        fbuf = read_whole(from, &flen);
        assert_non_null(fbuf);
        info_title_span(fbuf, flen, &fat, &fn);
        title = fbuf + fat;
    } else {
        fn = strlen(title);
    }
    FILE *f = fopen(out, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(buf, 1, at, f), at);
    assert_int_equal(fwrite(title, 1, fn, f), fn);
    assert_int_equal(fwrite(buf + at + n, 1, len - at - n, f), len - at - n);
    assert_int_equal(fclose(f), 0);
    free(buf);
    free(fbuf);
}

/* phaen verify MINIMAL pdf: its exit status, what it printed in *out
 * (stdout and stderr, malloc'd).  With tty it runs on a terminal of its
 * own (a pseudo-terminal opened here: script(1) and the shell it starts
 * cost 12 ms CPU a run), where verify shows what it renders ("sheets:
 * k/N", N the sheets rendered). */
static int verify(const char *pdf, int tty, char **out)
{
    const char *argv[] = {phaen, "verify", MINIMAL, pdf, NULL};
    if (!tty)
        return run_argv(out, 1, argv);
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    assert_true(m >= 0);
    assert_int_equal(grantpt(m), 0);
    assert_int_equal(unlockpt(m), 0);
    int s = open(ptsname(m), O_RDWR | O_NOCTTY | O_CLOEXEC);
    assert_true(s >= 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, s, 1);
    posix_spawn_file_actions_adddup2(&fa, s, 2);
    /* the child holds the terminal once spawned (vfork semantics); with
     * this process's end closed, reading ends (EIO) when it exits */
    int pid = spawn_argv(argv, &fa, s);
    FILE *f = fdopen(m, "r");
    assert_non_null(f);
    *out = read_stream(f, NULL);
    fclose(f);
    return wait_status(pid);
}

/* verify: exact match, a modified copy, a PDF from another version.  Each
 * verify renders a document of its plan again, so the small plans: the
 * sample's renders are compared byte for byte across environments and job
 * counts above and in test_sheet. */
static void test_verify_matching_modified_foreign(void **state)
{
    (void)state;
    char *out, pdf[900];
    /* the minimal plan as rendered for every test (testutil.h): read only */
    const char *v1 = shared_render(MINIMAL, NULL);
    /* the master plan, on a terminal: no sheet rendered
     * (test_verify_renders_its_document's case, in the same run) */
    snprintf(pdf, sizeof pdf, "%s/master-plan.pdf", v1);
    assert_int_equal(verify(pdf, 1, &out), 0);
    assert_contains(out, "exactly what this plan renders to (master-plan.pdf)");
    assert_null(strstr(out, "sheets:"));
    free(out);
    snprintf(pdf, sizeof pdf, "%s/sheets/all-sheets.pdf", v1);
    assert_int_equal(verify(pdf, 0, &out), 0);
    assert_contains(out, "exactly what this plan renders to (all-sheets.pdf)");
    free(out);
    /* one byte changed in the page content (made here, no process) */
    size_t len = 0;
    snprintf(pdf, sizeof pdf, "%s/master-plan.pdf", v1);
    char *bytes = read_whole(pdf, &len), mod[800];
    assert_true(bytes && len > 2000);
    bytes[2000] = 'X';
    snprintf(mod, sizeof mod, "%s/mod.pdf", base);
    FILE *f = fopen(mod, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    free(bytes);
    assert_int_equal(verify(mod, 0, &out), 1);
    assert_contains(out, "made from this plan's source");
    free(out);
    /* a PDF of another plan: the sample's master plan as rendered for every
     * test (a render of a plan of our own here cost 0.15 s CPU) */
    snprintf(pdf, sizeof pdf, "%s/master-plan.pdf", shared_render(SAMPLE, NULL));
    assert_int_equal(verify(pdf, 0, &out), 1);
    assert_contains(out, "made from another source");
    free(out);
    assert_int_equal(verify(MINIMAL, 0, &out), 1);
    assert_contains(out, "not made by phaen");
    free(out);
}

/* verify renders only the document a PDF's title says it is (all of them
 * when it names none), and the verdict is the same as when it rendered
 * every one.  What was rendered shows in the progress line a terminal gets
 * ("sheets: k/N", N the sheets rendered): verify() gives it one.  (The
 * master plan's own case, no sheet rendered, is in
 * test_verify_matching_modified_foreign's run of it.) */
static void test_verify_renders_its_document(void **state)
{
    (void)state;
    char *out;
    const char *v1 = shared_render(MINIMAL, NULL);
    char pdf[900];
    /* the action plan: no sheet */
    snprintf(pdf, sizeof pdf, "%s/action-plan.pdf", v1);
    assert_int_equal(verify(pdf, 1, &out), 0);
    assert_contains(out, "exactly what this plan renders to (action-plan.pdf)");
    assert_null(strstr(out, "sheets:"));
    free(out);
    /* a sheet: itself alone, whatever its file is called (RTP's sheet as
     * OPS.pdf, the other agency's name, in a folder named sheets as its
     * own is: one run for both, not one for RTP.pdf in its place and one
     * for the copy) */
    char sheets[800];
    snprintf(sheets, sizeof sheets, "%s/sheets", base);
    assert_int_equal(mkdir_parents(sheets), 0);
    char rtp[900], ops[900], master[900];
    snprintf(rtp, sizeof rtp, "%s/sheets/RTP.pdf", v1);
    snprintf(pdf, sizeof pdf, "%s/OPS.pdf", sheets);
    assert_int_equal(copy_file(rtp, pdf), 0);
    assert_int_equal(verify(pdf, 1, &out), 0);
    assert_contains(out, "exactly what this plan renders to (RTP.pdf)");
    assert_contains(out, "sheets: 1/1");
    assert_null(strstr(out, "sheets: 1/2"));
    free(out);
    /* a sheet whose title says it is the other sheet, or the master plan:
     * that one is rendered, and the verdict is what it always was */
    snprintf(ops, sizeof ops, "%s/sheets/OPS.pdf", v1);
    snprintf(master, sizeof master, "%s/master-plan.pdf", v1);
    snprintf(pdf, sizeof pdf, "%s/retitled.pdf", base);
    retitle(rtp, ops, pdf);
    assert_int_equal(verify(pdf, 1, &out), 1);
    assert_contains(out, "made from this plan's source");
    assert_contains(out, "sheets: 1/1");
    free(out);
    retitle(rtp, master, pdf);
    assert_int_equal(verify(pdf, 1, &out), 1);
    assert_contains(out, "made from this plan's source");
    assert_null(strstr(out, "sheets:"));
    free(out);
    /* a title that names no document: every document is rendered, and the
     * master plan's own bytes with that title are still exactly none of
     * them (one run: RTP's bytes, run apart, were none of them either, and
     * asked for the same render of every document) */
    retitle(master, "", pdf);
    assert_int_equal(verify(pdf, 1, &out), 1);
    assert_contains(out, "made from this plan's source");
    assert_contains(out, "sheets: 2/2");
    free(out);
}

/* Every revision kept in samples/ still renders, and each says in its
 * metadata which version it is: the renders made for every test
 * (shared_render: every document of the sample, the draft's master and
 * action plans, which test_front reads, and the revision's master plan,
 * which only this test reads; every document of every revision is also
 * composed and laid out by test_golden, and pdf.c sets every document's
 * metadata the same way). */
static void test_every_revision_renders(void **state)
{
    (void)state;
    static const struct { const char *plan, *opts, *says; int docs; } revs[] = {
        {"samples/history/trafficking-2561-2580-v0.9-draft.xml", SHARED_MASTER_ACTION,
         "plan-version=0.9; plan-status=draft", 2},
        {SAMPLE, NULL, "plan-version=1.0; plan-status=approved", 2},
        {REVISED, "--only master-plan", "plan-version=2.0; plan-status=revised", 1},
    };
    static const char *const docs[] = {"master-plan.pdf", "action-plan.pdf"};
    /* the documents' keywords read by MuPDF, in one mutool run (a pdfinfo
     * each cost 20 ms CPU): "PDF: keywords", a line each */
    char script[700], pdf[5][800];
    const char *argv[10] = {"mutool", "run", script};
    const char *says[5];
    size_t n = 0;
    snprintf(script, sizeof script, "%s/keywords.js", base);
    write_file(script, "for (var i = 0; i < scriptArgs.length; i++)\n"
                       "  print(scriptArgs[i] + ': ' +\n"
                       "        new PDFDocument(scriptArgs[i]).getMetaData('info:Keywords'));\n");
    for (size_t i = 0; i < 3; i++) {
        const char *dir = shared_render_opts(revs[i].plan, revs[i].opts, NULL);
        for (int k = 0; k < revs[i].docs; k++, n++) {
            snprintf(pdf[n], sizeof pdf[0], "%s/%s", dir, docs[k]);
            argv[3 + n] = pdf[n];
            says[n] = revs[i].says;
        }
    }
    char *out;
    int st = run_argv(&out, 1, argv);
    if (st != 0)
        fail_msg("mutool run %s: %d\n%s", script, st, out);
    for (size_t k = 0; k < n; k++) {
        char want[sizeof pdf + 64];
        snprintf(want, sizeof want, "%s: %s;", pdf[k], says[k]);
        assert_contains(out, want);
    }
    free(out);
}

/* diff from the command line: text on stdout, a PDF with -o. */
static void test_diff_command(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(run_sh(&out, "%s diff %s %s -o %s/changes.pdf", phaen, SAMPLE, REVISED, base), 0);
    assert_contains(out, "1 added, 10 removed, 23 changed"); /* v1.0's front matter too */
    assert_contains(out, "removed project PJ-1.09");
    assert_contains(out, "added project PJ-1.13");
    free(out);
    char changes[700];
    snprintf(changes, sizeof changes, "%s/changes.pdf", base);
    assert_int_equal(run_argv(&out, 0, (const char *[]){"pdftotext", "-raw", changes, "-", NULL}), 0);
    assert_contains(out, "PJ-1.13");
    free(out);
    assert_int_equal(run_argv(&out, 1, (const char *[]){"qpdf", "--check", changes, NULL}), 0);
    free(out);
    assert_int_equal(run_sh(&out, "%s diff %s %s", phaen, SAMPLE, SAMPLE), 0);
    assert_contains(out, "no changes");
    free(out);
}

/* The fonts are the ones the archive's PDFs were made with: any change to
 * them changes every PDF's bytes, so it must be deliberate. */
static void test_fonts_match_their_checksums(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(run_sh(&out, "cd fonts && sha256sum -c SHA256SUMS 2>&1"), 0);
    assert_contains(out, "Laksaman.ttf: OK");
    assert_contains(out, "Laksaman-Bold.ttf: OK");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fonts_match_their_checksums),
        cmocka_unit_test(test_same_bytes_in_any_environment),
        cmocka_unit_test(test_dates_from_plan_or_source_date_epoch),
        cmocka_unit_test(test_failed_run_keeps_previous_output),
        cmocka_unit_test(test_killed_run_leaves_whole_file),
        cmocka_unit_test(test_unwritable_output_folder),
        cmocka_unit_test(test_verify_matching_modified_foreign),
        cmocka_unit_test(test_verify_renders_its_document),
        cmocka_unit_test(test_every_revision_renders),
        cmocka_unit_test(test_diff_command),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
