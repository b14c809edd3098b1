/* test_bad_day.c - issue 11, "nothing lost on a bad day": full disks, file
 * size limits, read-only folders, signals, two renders into one folder,
 * device files, crafted PDFs given to verify, and the messages for inputs a
 * planner can fix.  Each case failed before the fix.
 *
 * The full-disk and read-only cases mount a small tmpfs and so run as root
 * only (they say why they skip otherwise); the file-size case (RLIMIT_FSIZE:
 * writes fail with EFBIG) runs for everyone. */
#include "testutil.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "load.h"
#include "outfile.h"

#define SAMPLE "samples/trafficking-2561-2580.xml"
#define REVISED "samples/history/trafficking-2561-2580-v2.0-revised.xml"
#define MINIMAL "tests/data/minimal.xml"

static char phaen[600], base[600], cwd[512], minimal11[700];

/* Writes to `to` the text of the file `from` with every `old` replaced by
 * `new` (with words, only where it is a whole word, as sed's \b says: no
 * letter, digit or '_' on either side); the number replaced.  Here, not by
 * sed and a shell. */
static int edit_copy(const char *from, const char *to, const char *old, const char *new, int words)
{
    char *text = read_whole(from, NULL);
    if (!text)
        return -1;
    size_t lo = strlen(old), ln = strlen(new), n = 0;
    FILE *f = fopen(to, "wb");
    if (!f) {
        free(text);
        return -1;
    }
    const char *at = text;
    for (const char *hit; (hit = strstr(at, old));) {
        int word = !words || ((hit == text || !(isalnum((unsigned char)hit[-1]) || hit[-1] == '_')) &&
                              !(isalnum((unsigned char)hit[lo]) || hit[lo] == '_'));
        fwrite(at, 1, (size_t)(hit - at), f);
        fwrite(word ? new : old, 1, word ? ln : lo, f);
        n += word;
        at = hit + lo;
    }
    fputs(at, f);
    int ok = fclose(f) == 0;
    free(text);
    return ok ? (int)n : -1;
}

static int setup(void **state)
{
    (void)state;
    const char *p = getenv("PHAEN");
    const char *b = getenv("BUILD");
    if (!getcwd(cwd, sizeof cwd))
        return -1;
    snprintf(phaen, sizeof phaen, "%s/%s", cwd, p && *p ? p : "build/phaen");
    snprintf(base, sizeof base, "%s/%s/tests/out/bad-day", cwd, b && *b ? b : "build");
    snprintf(minimal11, sizeof minimal11, "%s/minimal-1.1.xml", base);
    /* a second version of the minimal plan: every output differs */
    if (remove_tree(base) != 0 || mkdir_parents(base) != 0)
        return -1;
    return edit_copy(MINIMAL, minimal11, "number=\"1.0\"", "number=\"1.1\"", 0) == 1 ? 0 : -1;
}

/* How many lines of text contain needle. */
static int lines_with(const char *text, const char *needle)
{
    int n = 0;
    for (const char *l = text; *l;) {
        const char *e = strchr(l, '\n');
        size_t len = e ? (size_t)(e - l) : strlen(l);
        char *line = strndup(l, len);
        n += strstr(line, needle) != NULL;
        free(line);
        l += len + (e != NULL);
    }
    return n;
}

/* cp -r from to, afresh (to removed first), without a process: the bytes
 * and names, not the modes or times (no test here compares those). */
static void copy_afresh(const char *from, const char *to)
{
    assert_int_equal(remove_tree(to), 0);
    if (copy_tree(from, to) != 0)
        fail_msg("cannot copy %s to %s", from, to);
}

/* dir made afresh with the minimal plan's documents: a copy of its render
 * shared with test_output (testutil.h; the same bytes a render here
 * would write, and a render less, 0.25 s CPU, for each test that starts
 * from them). */
static void minimal_copy(const char *dir)
{
    const char *shared = shared_render(MINIMAL, NULL);
    /* no process (rm and cp were 2 a copy) */
    copy_afresh(shared, dir);
}

/* A small tmpfs at dir, or 0 when this host cannot make one (not root, or
 * no mount permission in this container). */
static int small_tmpfs(const char *dir, const char *size)
{
    if (geteuid() != 0 || mkdir_parents(dir) != 0)
        return 0;
    char opt[64], *out;
    snprintf(opt, sizeof opt, "size=%s", size);
    int st = run_argv(&out, 0, (const char *[]){"mount", "-t", "tmpfs", "-o", opt, "tmpfs", dir, NULL});
    free(out);
    return st == 0;
}

static char mounted[800];

static int unmount(void **state)
{
    (void)state;
    if (mounted[0])
        run_sh(NULL, "umount %s 2>/dev/null", mounted);
    mounted[0] = '\0';
    return 0;
}

/* A disk that fills up part way: every document was being replaced; some
 * fitted (each replaced file freeing its space), some did not.  Before, the
 * ones that fitted were replaced (a mix of two versions) and each failure
 * printed a line; now nothing is replaced, one line says why, and no
 * temporary is left. */
static void test_full_disk_replaces_nothing(void **state)
{
    (void)state;
    snprintf(mounted, sizeof mounted, "%s/full", base);
    if (!small_tmpfs(mounted, "1m")) {
        mounted[0] = '\0';
        fprintf(stderr, "test_bad_day: full disk needs root and mount -t tmpfs; skipped\n");
        skip();
    }
    char *err;
    char o[900];
    snprintf(o, sizeof o, "%s/o", mounted);
    minimal_copy(o);
    char ref[900];
    snprintf(ref, sizeof ref, "%s/full-ref", base);
    copy_afresh(o, ref);
    /* leave 44 KiB: less than any one document (a sheet 50 KiB, the master
     * plan 110); what df says is available, filled with zeros here */
    struct statvfs vfs;
    assert_int_equal(statvfs(mounted, &vfs), 0);
    long long fill_kb = (long long)vfs.f_bavail * (long long)vfs.f_frsize / 1024 - 44;
    char fill[900];
    snprintf(fill, sizeof fill, "%s/fill", mounted);
    FILE *ff = fopen(fill, "wb");
    assert_non_null(ff);
    static const char zeros[1024];
    for (long long k = 0; k < fill_kb; k++)
        assert_int_equal(fwrite(zeros, 1, sizeof zeros, ff), sizeof zeros);
    assert_int_equal(fclose(ff), 0);
    assert_int_equal(run_sh(&err, "%s render %s -o %s/o -j2 2>&1", phaen, minimal11, mounted), 2);
    assert_int_equal(lines_with(err, "No space left on device"), 1);
    assert_contains(err, "/o/");
    assert_int_equal(lines_with(err, "error:"), 1);
    assert_contains(err, "no document was replaced");
    free(err);
    assert_same_tree(ref, o); /* byte for byte, and so no temporary either */
}

/* A read-only folder: one line, not one per document. */
static void test_read_only_folder_one_message(void **state)
{
    (void)state;
    snprintf(mounted, sizeof mounted, "%s/ro", base);
    if (!small_tmpfs(mounted, "2m")) {
        mounted[0] = '\0';
        fprintf(stderr, "test_bad_day: read-only folder needs root and mount -t tmpfs; skipped\n");
        skip();
    }
    char *err;
    char o[900];
    snprintf(o, sizeof o, "%s/o", mounted);
    minimal_copy(o);
    char ref[900], *out;
    snprintf(ref, sizeof ref, "%s/ro-ref", base);
    copy_afresh(o, ref);
    assert_int_equal(run_argv(&out, 1, (const char *[]){"mount", "-o", "remount,ro", mounted, NULL}), 0);
    free(out);
    assert_int_equal(run_sh(&err, "%s render %s -o %s/o 2>&1", phaen, minimal11, mounted), 2);
    assert_int_equal(lines_with(err, "Read-only file system"), 1);
    assert_int_equal(lines_with(err, "error:"), 1);
    free(err);
    assert_same_tree(ref, o); /* byte for byte, and so no temporary either */
}

/* Starts phaen with args in a child with a file-size limit (bytes; 0:
 * none); its stderr goes to errpath.  Returns its pid. */
static pid_t spawn_phaen(rlim_t fsize, const char *errpath, const char *const *args)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (fsize) {
            struct rlimit rl = {fsize, fsize};
            setrlimit(RLIMIT_FSIZE, &rl);
        }
        if (!freopen(errpath, "w", stderr))
            _exit(126);
        char *argv[16];
        size_t n = 0;
        argv[n++] = phaen;
        for (; args[n - 1] && n < 15; n++)
            argv[n] = (char *)args[n - 1];
        argv[n] = NULL;
        execv(phaen, argv);
        _exit(127);
    }
    return pid;
}

/* Runs phaen as spawn_phaen does.  With sig, sends it as soon as a
 * temporary appears in wait_dir (polled every 10 ms): mid-render, whatever
 * the machine's speed, with a temporary to remove (outfile.c lists it for
 * the handler under the lock it makes it in; the revision's master plan,
 * written first at -j1, keeps it for 0.4 s).  Waiting 50 ms more cost that
 * much CPU of the render a signal.  Returns the wait status. */
static int run_phaen(rlim_t fsize, const char *errpath, const char *const *args, int sig,
                     const char *wait_dir)
{
    pid_t pid = spawn_phaen(fsize, errpath, args);
    if (sig) {
        for (int i = 0; i < 3000 && !has_temporary(wait_dir); i++)
            usleep(10 * 1000);
        kill(pid, sig);
    }
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    return st;
}

static char *slurp_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* Past a file-size limit (ulimit -f) writes fail with EFBIG.  Before,
 * SIGXFSZ killed phaen with its temporaries left; now it says so once and
 * keeps the old files. */
static void test_file_size_limit(void **state)
{
    (void)state;
    char dir[800], ref[800], errf[800];
    snprintf(dir, sizeof dir, "%s/fsize", base);
    snprintf(ref, sizeof ref, "%s/fsize-ref", base);
    snprintf(errf, sizeof errf, "%s/fsize.err", base);
    minimal_copy(dir);
    copy_afresh(dir, ref);
    const char *args[] = {"render", minimal11, "-o", dir, "-j2", NULL};
    int st = run_phaen(30000, errf, args, 0, NULL);
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 2);
    const char *err = slurp_text(errf);
    assert_int_equal(lines_with(err, "File too large"), 1);
    assert_int_equal(lines_with(err, "error:"), 1);
    assert_same_tree(ref, dir); /* byte for byte, and so no temporary either */
}

/* A write that fails early in the file, where cairo 1.16 aborted on its
 * own error path (an assertion in cairo_surface_finish) when told of the
 * failure: an error and exit 2 wherever the file stops growing. */
static void test_write_fails_anywhere(void **state)
{
    (void)state;
    char dir[800], errf[800];
    snprintf(dir, sizeof dir, "%s/fsize-early", base);
    snprintf(errf, sizeof errf, "%s/fsize-early.err", base);
    static const rlim_t limits[] = {1024, 2048, 3072, 9000};
    for (size_t i = 0; i < sizeof limits / sizeof *limits; i++) {
        const char *args[] = {"render", MINIMAL, "-o", dir, "--only", "master-plan", "-j1", NULL};
        int st = run_phaen(limits[i], errf, args, 0, NULL);
        assert_true(WIFEXITED(st));
        assert_int_equal(WEXITSTATUS(st), 2);
        const char *err = slurp_text(errf);
        assert_int_equal(lines_with(err, "File too large"), 1);
    }
}

/* SIGTERM and SIGINT in the middle of a render: the process ends by that
 * signal, its temporaries are gone and the old files are as they were. */
static void signal_case(int sig, const char *name)
{
    char dir[800], errf[800];
    snprintf(dir, sizeof dir, "%s/sig-%s", base, name);
    snprintf(errf, sizeof errf, "%s/sig-%s.err", base, name);
    /* the old files: a copy of the sample as rendered for every test, which
     * is also what they must still be (read only: no copy of it needed) */
    const char *ref = shared_render(SAMPLE, NULL);
    copy_afresh(ref, dir);
    const char *args[] = {"render", REVISED, "-o", dir, "-j1", NULL};
    int st = run_phaen(0, errf, args, sig, dir);
    assert_true(WIFSIGNALED(st));
    assert_int_equal(WTERMSIG(st), sig);
    assert_contains(slurp_text(errf), name);
    assert_same_tree(ref, dir); /* byte for byte, and so no temporary either */
}

static void test_sigterm_removes_temporaries(void **state)
{
    (void)state;
    signal_case(SIGTERM, "SIGTERM");
}

static void test_sigint_removes_temporaries(void **state)
{
    (void)state;
    signal_case(SIGINT, "SIGINT");
}

/* Temporaries a killed run left (SIGKILL cannot be caught) are removed by
 * the next render into the folder; other hidden files are not. */
static void test_stale_temporaries_swept(void **state)
{
    (void)state;
    char dir[800];
    char *out;
    snprintf(dir, sizeof dir, "%s/sweep", base);
    minimal_copy(dir);
    /* made two minutes old (touch -d '-2 minutes', here) */
    static const char *const made[] = {".master-plan.pdf.phaen-AbC123", "sheets/.OPS.pdf.q1W2e3",
                                       "sheets/.all-sheets.pdf.phaen-ZZZZZZ", ".notes.txt",
                                       ".backup.pdf.keep"};
    for (size_t i = 0; i < sizeof made / sizeof *made; i++) {
        char path[900];
        snprintf(path, sizeof path, "%s/%s", dir, made[i]);
        write_stale_file(path);
    }
    assert_int_equal(run_argv(&out, 1, (const char *[]){phaen, "render", MINIMAL, "-o", dir, "--only",
                                                        "master-plan", NULL}), 0);
    free(out);
    /* what ls -A of the folder and its sheets says */
    char sheets[900];
    snprintf(sheets, sizeof sheets, "%s/sheets", dir);
    char *ls = list_names(dir), *ls_sheets = list_names(sheets);
    assert_not_contains(ls, ".phaen-");
    assert_not_contains(ls_sheets, ".phaen-");
    assert_not_contains(ls, ".OPS.pdf.");
    assert_not_contains(ls_sheets, ".OPS.pdf.");
    assert_contains(ls, ".notes.txt");
    assert_contains(ls, ".backup.pdf.keep");
    free(ls);
    free(ls_sheets);
}

/* Whether some process holds the lock on folder dir (outfile.c's flock);
 * when none does, takes and drops it at once. */
static int folder_locked(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return 0;
    int locked = flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    close(fd); /* (drops a lock taken here) */
    return locked;
}

/* Whether the file at path (perhaps not made yet) contains needle; no
 * assertion (nothing may jump out while a render is stopped). */
static int file_says(const char *path, const char *needle)
{
    char buf[4096];
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return strstr(buf, needle) != NULL;
}

/* Two renders into one folder: the second waits for the first, says so,
 * and the folder ends up with one version's files only.  No timing is
 * assumed: the first (the master plan of version 1.1 of the minimal plan)
 * is stopped (SIGSTOP) as soon as it holds the folder, the second (version
 * 1.0's) started, and the first let go on only once the second says it
 * waits.  Without the lock the second would finish while the first is
 * stopped, and the first's master plan would then replace the second's.
 * (One document each: the lock is taken once for a whole render.  The
 * minimal plan, not the sample: 0.2 s CPU instead of 0.55, and the first
 * still holds the folder for tens of ms, polled every ms.) */
static void test_two_renders_one_folder(void **state)
{
    (void)state;
    char dir[800], err1[800], err2[800];
    snprintf(dir, sizeof dir, "%s/two", base);
    snprintf(err1, sizeof err1, "%s/two-1.err", base);
    snprintf(err2, sizeof err2, "%s/two-2.err", base);
    assert_int_equal(remove_tree(dir), 0);
    assert_int_equal(mkdir_parents(dir), 0);
    const char *first[] = {"render", minimal11, "-o", dir, "--only", "master-plan", "-j1", NULL};
    const char *second[] = {"render", MINIMAL, "-o", dir, "--only", "master-plan", "-j1", NULL};
    pid_t a = spawn_phaen(0, err1, first), b = -1;
    int st, waits = 0, held = 0;
    for (int i = 0; i < 60000 && !held; i++) { /* 60 s at most */
        held = folder_locked(dir);
        if (!held && waitpid(a, &st, WNOHANG) == a) {
            a = -1;
            break;
        }
        if (!held)
            usleep(1000);
    }
    if (held) {
        kill(a, SIGSTOP);
        b = spawn_phaen(0, err2, second);
        for (int i = 0; i < 6000 && !waits; i++) {
            waits = file_says(err2, "another phaen is writing into this folder; waiting");
            if (!waits && waitpid(b, &st, WNOHANG) == b) {
                b = -1;
                break;
            }
            if (!waits)
                usleep(10 * 1000);
        }
        kill(a, SIGCONT);
    }
    int st_a = -1, st_b = -1;
    if (a > 0)
        assert_int_equal(waitpid(a, &st_a, 0), a);
    if (b > 0)
        assert_int_equal(waitpid(b, &st_b, 0), b);
    if (!held)
        fail_msg("the first render never held the folder: %s", slurp_text(err1));
    if (!waits)
        fail_msg("the second render did not wait for the first: %s", slurp_text(err2));
    assert_true(WIFEXITED(st_a) && WEXITSTATUS(st_a) == 0);
    assert_true(WIFEXITED(st_b) && WEXITSTATUS(st_b) == 0);
    /* byte for byte the second's master plan, as rendered for every test
     * (testutil.h; version 1.1's differs: its metadata says 1.1), and
     * nothing else (what ls -A and cmp said, read here) */
    char *ls = list_names(dir);
    assert_string_equal(ls, "master-plan.pdf\n");
    free(ls);
    char got[900], want[900];
    snprintf(got, sizeof got, "%s/master-plan.pdf", dir);
    snprintf(want, sizeof want, "%s/master-plan.pdf", shared_render(MINIMAL, NULL));
    assert_same_tree(want, got);
}

/* Devices and FIFOs as inputs fail at once with a clear message (before,
 * --template /dev/zero grew by 1 GB/s, a FIFO never ended). */
static void test_device_files_refused(void **state)
{
    (void)state;
    char fifo[800];
    snprintf(fifo, sizeof fifo, "%s/fifo", base);
    unlink(fifo);
    assert_int_equal(mkfifo(fifo, 0666), 0);
    char cases[7][2000];
    const char *kinds[7] = {"character device", "character device", "FIFO",
                            "character device", "FIFO", "character device", "FIFO"};
    snprintf(cases[0], sizeof cases[0], "render " MINIMAL " -o %s/dev --template /dev/zero", base);
    snprintf(cases[1], sizeof cases[1], "render " MINIMAL " -o %s/dev --template /dev/urandom", base);
    snprintf(cases[2], sizeof cases[2], "render " MINIMAL " -o %s/dev --template %s", base, fifo);
    snprintf(cases[3], sizeof cases[3], "verify " MINIMAL " /dev/zero");
    snprintf(cases[4], sizeof cases[4], "verify " MINIMAL " %s", fifo);
    snprintf(cases[5], sizeof cases[5], "check /dev/zero");
    snprintf(cases[6], sizeof cases[6], "check %s", fifo);
    char outf[800];
    snprintf(outf, sizeof outf, "%s/dev.out", base);
    for (size_t i = 0; i < 7; i++) {
        /* run here, not by sh and timeout(1) (two processes more a case):
         * stdin /dev/null, stdout and stderr to outf, and alarm(2) set
         * before exec, so that a read that never ends is killed after 20 s
         * (SIGALRM: not exit 2) */
        const char *args[8] = {0};
        char *words = strdup(cases[i]), *save = NULL;
        size_t n = 0;
        for (char *w = strtok_r(words, " ", &save); w && n < 7; w = strtok_r(NULL, " ", &save))
            args[n++] = w;
        fflush(NULL);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            int in = open("/dev/null", O_RDONLY), out = open(outf, O_WRONLY | O_CREAT | O_TRUNC, 0666);
            if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
                _exit(126);
            char *argv[9] = {phaen};
            for (size_t k = 0; k < n; k++)
                argv[k + 1] = (char *)args[k];
            alarm(20);
            execv(phaen, argv);
            _exit(127);
        }
        int st;
        assert_int_equal(waitpid(pid, &st, 0), pid);
        free(words);
        const char *err = slurp_text(outf);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 2)
            fail_msg("phaen %s: wait status %#x, not exit 2:\n%s", cases[i], st, err);
        assert_contains(err, "not a regular file");
        assert_contains(err, kinds[i]);
    }
}

/* A post-processing step may replace the whole content; the size check
 * then counts the new bytes, and a direct write that changes the length
 * is caught. */
static void test_outfile_rewrite_and_size_check(void **state)
{
    (void)state;
    char path[800], *text;
    snprintf(path, sizeof path, "%s/rewrite.txt", base);
    OutError e = {0};
    OutFile *f = outfile_create(path, &e);
    assert_non_null(f);
    assert_int_equal(outfile_write(f, "first version, longer", 21), 0);
    assert_int_equal(outfile_rewrite(f, "second", 6), 0);
    assert_int_equal(outfile_close(f, &e), 0);
    assert_int_equal(outfile_commit(f, &e), 0);
    text = slurp_text(path);
    assert_string_equal(text, "second");
    /* bytes that bypass the count: the file is not what was written */
    f = outfile_create(path, &e);
    assert_non_null(f);
    assert_int_equal(outfile_write(f, "abc", 3), 0);
    fputs("more", outfile_stream(f));
    assert_int_equal(outfile_close(f, &e), -1);
    assert_string_equal(e.step, "the file on disk is not the size written");
    outfile_discard(f);
    assert_string_equal(slurp_text(path), "second");
}

/* An output name held by something that is not a file is left alone (as
 * root, `diff -o /dev/null` replaced the device with a PDF). */
static void test_only_files_are_replaced(void **state)
{
    (void)state;
    char *err, changes[800];
    snprintf(changes, sizeof changes, "%s/changes.pdf", base);
    unlink(changes);
    assert_int_equal(mkfifo(changes, 0666), 0);
    /* the two versions of the minimal plan (what is compared does not
     * matter here); what it printed, stdout with stderr */
    assert_int_equal(run_argv(&err, 1, (const char *[]){phaen, "diff", MINIMAL, minimal11, "-o", changes,
                                                        NULL}), 2);
    assert_contains(err, "changes.pdf: File exists (it is not a regular file");
    free(err);
    struct stat sb;
    assert_int_equal(stat(changes, &sb), 0);
    assert_true(S_ISFIFO(sb.st_mode));
}

/* verify: the verdict on stdout as plain text (what a crafted PDF says is
 * escaped), problems on stderr. */
static void test_verify_plain_output(void **state)
{
    (void)state;
    char pdf[800], *out;
    snprintf(pdf, sizeof pdf, "%s/crafted.pdf", base);
    write_file(pdf, "%PDF-1.5\n<< /Keywords (source-sha256=0123456789abcdef0123; "
                    "plan-version=\x1b[2J\x07pwned; generator=phaen\x1b[2J; "
                    "template=\xc2\x9b" "31m) >>\n%%EOF\n");
    assert_int_equal(run_sh(&out, "%s verify " MINIMAL " %s 2>/dev/null", phaen, pdf), 1);
    assert_contains(out, "made from another source");
    assert_contains(out, "plan version \\x1B[2J\\x07pwned)");
    assert_null(strchr(out, '\x1b'));
    assert_null(strchr(out, '\x07'));
    free(out);
    /* a PDF that is not there: nothing on stdout, the problem on stderr
     * (one run, its stderr into a file) */
    char none[800], errf[800];
    snprintf(none, sizeof none, "%s/none.pdf", base);
    snprintf(errf, sizeof errf, "%s/none.err", base);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_addopen(&fa, 2, errf, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_addclose(&fa, fds[1]);
    int pid = spawn_argv((const char *[]){phaen, "verify", MINIMAL, none, NULL}, &fa, fds[1]);
    FILE *f = fdopen(fds[0], "r");
    assert_non_null(f);
    out = read_stream(f, NULL);
    fclose(f);
    assert_int_equal(wait_status(pid), 2);
    assert_string_equal(out, "");
    free(out);
    out = read_whole(errf, NULL);
    assert_non_null(out);
    assert_contains(out, "none.pdf: error: cannot read the PDF: No such file or directory");
    free(out);
}

/* An agency id that names the combined file: check says so, with the line
 * (before, check passed and render refused). */
static void test_check_reports_reserved_agency_id(void **state)
{
    (void)state;
    char *err, as[800];
    snprintf(as, sizeof as, "%s/as.xml", base);
    assert_true(edit_copy(MINIMAL, as, "OPS", "all-sheets", 1) > 0); /* sed -E 's/\bOPS\b/.../g' */
    assert_int_equal(run_argv(&err, 1, (const char *[]){phaen, "check", as, NULL}), 1);
    assert_contains(err, "as.xml:56: error: agency id 'all-sheets' is the name of the file");
    free(err);
}

/* The messages a planner can act on. */
static char *load_messages(const char *buf, size_t len, size_t max_bytes)
{
    DiagCapture c;
    diag_capture_init(&c);
    LoadOptions lo = {.max_bytes = max_bytes};
    Plan *p = plan_load_memory(buf, len, "p.xml", &lo, &c.d);
    assert_null(p);
    char *text = strdup(diag_capture_text(&c));
    diag_capture_free(&c);
    return text;
}

static void test_utf16_plan(void **state)
{
    (void)state;
    char *m = load_messages("\xff\xfe<\0p\0", 6, 0);
    assert_string_equal(m, "p.xml:1: error: the file is UTF-16 text; a plan must be saved as "
                           "UTF-8 (in the editor: Save As, encoding UTF-8)\n");
    free(m);
    m = load_messages("\0<\0p", 4, 0);
    assert_contains(m, "UTF-16");
    free(m);
}

static void test_deep_nesting(void **state)
{
    (void)state;
    size_t n = 300;
    char *buf = malloc(n * 7 + 64), *w = buf;
    w += sprintf(w, "<plan format=\"1\">");
    for (size_t i = 0; i < n; i++)
        w += sprintf(w, "<a>");
    for (size_t i = 0; i < n; i++)
        w += sprintf(w, "</a>");
    w += sprintf(w, "</plan>");
    char *m = load_messages(buf, (size_t)(w - buf), 0);
    assert_string_equal(m, "p.xml:1: error: elements are nested more than 256 levels deep, "
                           "the most phaen reads (a plan needs only a few levels)\n");
    free(m);
    free(buf);
}

static void test_huge_attribute(void **state)
{
    (void)state;
    size_t n = 11 * 1000 * 1000;
    char *buf = malloc(n + 200), *w = buf;
    w += sprintf(w, "<plan format=\"1\">\n<header x=\"");
    memset(w, 'a', n);
    w += n;
    w += sprintf(w, "\"/>\n</plan>\n");
    char *m = load_messages(buf, (size_t)(w - buf), 64 * 1024 * 1024);
    /* one message, no "Memory allocation failed", no follow-ons */
    assert_string_equal(m, "p.xml:2: error: an attribute value is longer than 10,000,000 bytes, "
                           "the most phaen reads (attributes hold ids and short names; long "
                           "text belongs in an element)\n");
    free(m);
    free(buf);
}

static void test_too_many_elements(void **state)
{
    (void)state;
    size_t n = 2000;
    char *buf = malloc(n * 16 + 64), *w = buf;
    w += sprintf(w, "<plan format=\"1\">\n");
    for (size_t i = 0; i < n; i++)
        w += sprintf(w, "<p a=\"1\">x</p>");
    w += sprintf(w, "</plan>\n");
    /* 64,000 bytes allowed: 2,000 elements and attributes */
    char *m = load_messages(buf, (size_t)(w - buf), 64 * 1000);
    assert_string_equal(m, "p.xml:2: error: the plan has more than 2000 elements and "
                           "attributes, the most phaen reads (one per 32 bytes of --max-size; "
                           "a plan of 10,000 projects has about 290,000)\n");
    free(m);
    free(buf);
}

/* Seconds to load the sample with n faulty paragraphs in a row (<p a="1">,
 * an attribute <p> does not take), best of `tries`. */
static double faulty_siblings_seconds(size_t n, int tries)
{
    FILE *f = fopen(SAMPLE, "rb");
    assert_non_null(f);
    static char sample[1 << 20];
    size_t len = fread(sample, 1, sizeof sample - 1, f);
    fclose(f);
    sample[len] = '\0';
    const char *at = strstr(sample, "<p>");
    assert_non_null(at);
    const char *el = "<p a=\"1\">x</p>\n";
    char *buf = malloc(len + n * strlen(el) + 1), *w = buf;
    memcpy(w, sample, (size_t)(at - sample));
    w += at - sample;
    for (size_t i = 0; i < n; i++)
        w += sprintf(w, "%s", el);
    memcpy(w, at, len - (size_t)(at - sample));
    w += len - (size_t)(at - sample);
    double best = 1e9;
    for (int k = 0; k < tries; k++) {
        DiagCapture c;
        diag_capture_init(&c);
        c.d.max_shown = 50;
        double t0 = cpu_seconds();
        assert_null(plan_load_memory(buf, (size_t)(w - buf), "p.xml", NULL, &c.d));
        double s = cpu_seconds() - t0;
        assert_true(c.d.errors >= (int)n);
        diag_capture_free(&c);
        best = s < best ? s : best;
    }
    free(buf);
    return best;
}

/* Schema errors cost the same whatever comes before them: 40,000 faulty
 * elements in a row took 6.6 s against 0.33 s for 10,000 (libxml2 walked
 * every preceding sibling for each error).  Eight times the elements must
 * take well under 32 times as long (linear is 8, quadratic 64).  A ratio,
 * not a time: machines differ.  5,000 and 40,000 (now 0.011 and 0.09 s
 * CPU; the sample's own load is 0.004): with that walk 5,000 took about
 * 0.1 s, already mostly the walk, and 40,000 6.6 s. */
static void test_schema_errors_linear(void **state)
{
    (void)state;
    /* best of two each, as min(big) / min(small) says; the second big load
     * (0.1 s CPU) only when the first does not already pass: min(big) is
     * at most the first, so the verdict is the one two would give */
    double small = faulty_siblings_seconds(5000, 2);
    double big = faulty_siblings_seconds(40000, 1);
    if (big / small > 32) {
        double again = faulty_siblings_seconds(40000, 1);
        big = again < big ? again : big;
    }
    if (big / small > 32)
        fail_msg("5,000 faulty elements: %.3f s, 40,000: %.3f s (ratio %.1f; linear is 8)",
                 small, big, big / small);
}

static void test_budget_too_large(void **state)
{
    (void)state;
    char *err, big[800];
    snprintf(big, sizeof big, "%s/big.xml", base);
    assert_int_equal(edit_copy(MINIMAL, big, ">12500000<", ">1234567890123456789<", 0), 1);
    assert_int_equal(run_argv(&err, 1, (const char *[]){phaen, "check", big, NULL}), 1);
    assert_contains(err, "big.xml:49: error: budget of project");
    assert_contains(err, "is too large: 19 digits; at most 18");
    assert_not_contains(err, "not a whole number");
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_full_disk_replaces_nothing, unmount),
        cmocka_unit_test_teardown(test_read_only_folder_one_message, unmount),
        cmocka_unit_test(test_file_size_limit),
        cmocka_unit_test(test_write_fails_anywhere),
        cmocka_unit_test(test_sigterm_removes_temporaries),
        cmocka_unit_test(test_sigint_removes_temporaries),
        cmocka_unit_test(test_stale_temporaries_swept),
        cmocka_unit_test(test_two_renders_one_folder),
        cmocka_unit_test(test_device_files_refused),
        cmocka_unit_test(test_only_files_are_replaced),
        cmocka_unit_test(test_outfile_rewrite_and_size_check),
        cmocka_unit_test(test_verify_plain_output),
        cmocka_unit_test(test_check_reports_reserved_agency_id),
        cmocka_unit_test(test_utf16_plan),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_huge_attribute),
        cmocka_unit_test(test_too_many_elements),
        cmocka_unit_test(test_budget_too_large),
        cmocka_unit_test(test_schema_errors_linear),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
