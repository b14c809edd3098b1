/* testutil.h - small helpers shared by the cmocka tests.
 * Tests run from the repository root (tests/run.sh does so). */
#ifndef PHAEN_TESTUTIL_H
#define PHAEN_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <unistd.h>

#include "diag.h"
#include "sha256.h"

/* Diagnostics captured in memory: diag_capture_text() returns what was
 * printed so far (owned by the capture). */
typedef struct DiagCapture {
    Diag d;
    FILE *f;
    char *buf;
    size_t len;
} DiagCapture;

static inline void diag_capture_init(DiagCapture *c)
{
    c->buf = NULL;
    c->len = 0;
    c->f = open_memstream(&c->buf, &c->len);
    assert_non_null(c->f);
    diag_init(&c->d, c->f, 0);
}

static inline const char *diag_capture_text(DiagCapture *c)
{
    fflush(c->f);
    return c->buf ? c->buf : "";
}

static inline void diag_capture_free(DiagCapture *c)
{
    fclose(c->f);
    free(c->buf);
}

/* Fails the test unless `needle` occurs in `hay`, printing both. */
#define assert_contains(hay, needle)                                          \
    do {                                                                      \
        const char *h_ = (hay), *n_ = (needle);                               \
        if (!strstr(h_, n_))                                                  \
            fail_msg("expected to find\n  %s\nin\n%s", n_, h_);               \
    } while (0)

#define assert_not_contains(hay, needle)                                      \
    do {                                                                      \
        const char *h_ = (hay), *n_ = (needle);                               \
        if (strstr(h_, n_))                                                   \
            fail_msg("did not expect\n  %s\nin\n%s", n_, h_);                 \
    } while (0)

/* What remains of f, NUL-terminated (malloc'd); *len its size when len is
 * not NULL. */
static inline char *read_stream(FILE *f, size_t *len_out)
{
    size_t cap = 1 << 16, len = 0, n;
    char *buf = malloc(cap);
    assert_non_null(buf);
    while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 2) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    buf[len] = '\0';
    if (len_out)
        *len_out = len;
    return buf;
}

/* Runs a shell command and returns its stdout (malloc'd, NUL-terminated);
 * *status gets the exit status (or -1). */
static inline char *run_capture(const char *cmd, int *status)
{
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char *out = read_stream(p, NULL);
    int st = pclose(p);
    if (status)
        *status = (st != -1 && (st & 0x7f) == 0) ? (st >> 8) & 0xff : -1;
    return out;
}

/* Runs a shell command made printf-style and returns its exit status (or
 * -1); its stdout goes to *out (malloc'd) when out is not NULL. */
static inline int run_sh(char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline int run_sh(char **out, const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int st;
    char *o = run_capture(cmd, &st);
    if (out)
        *out = o;
    else
        free(o);
    return st;
}

/* The python the tests' readers run in: $PYTHON, else Debian's
 * /usr/bin/python3 (the Makefile's deps install it with python3-jsonschema),
 * else the first python3 on PATH.  Not a bare `python3`: a version manager's
 * shim on PATH (pyenv's is a bash script that runs a hundred more) cost
 * 0.3 s a call, seconds of every `make test`. */
static inline const char *test_python(void)
{
    const char *p = getenv("PYTHON");
    if (p && *p)
        return p;
    return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

/* Reads a whole file (malloc'd, NUL-terminated; *len its size when len is
 * not NULL), or NULL. */
static inline char *read_whole(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = read_stream(f, len);
    fclose(f);
    return buf;
}

/* The folder into which `$PHAEN render plan -o DIR -j 2 OPTS` wrote, rendered
 * once per test run and shared by every test (in every binary) that only
 * reads those documents: $BUILD/tests/out/shared/<plan's name>-<key>, the
 * key a hash of the program's bytes, the plan's, the official template's
 * and the options (static storage, one per (plan, options)).  The first
 * caller renders into a temporary folder and renames it into place while
 * any other waits on a lock (flock), so binaries running side by side
 * render each one once; tests/run.sh empties the shared folder at the start
 * of a run, and a binary run alone after a rebuild or an edit of the plan
 * or the template gets a new key, so it reads what this build renders.
 * What the render printed (stdout and stderr) is returned in *output when
 * output is not NULL (malloc').  Read only: a test that changes files
 * copies them first. */
static inline const char *shared_render_opts(const char *plan, const char *opts, char **output)
{
    enum { N_SHARED = 8 };
    static struct { char plan[256], opts[128], dir[768]; } seen[N_SHARED];
    static char prog_hex[65];
    const char *b = getenv("BUILD"), *ph = getenv("PHAEN");
    b = b && *b ? b : "build";
    ph = ph && *ph ? ph : "build/phaen";
    opts = opts ? opts : "";
    size_t i = 0;
    while (i < N_SHARED && seen[i].plan[0] &&
           (strcmp(seen[i].plan, plan) != 0 || strcmp(seen[i].opts, opts) != 0))
        i++;
    assert_true(i < N_SHARED);
    char *dir = seen[i].dir;
    if (!seen[i].plan[0]) {
        if (!prog_hex[0]) { /* the program under test, hashed once */
            size_t n = 0;
            char *bin = read_whole(ph, &n);
            if (!bin)
                fail_msg("cannot read the program %s", ph);
            unsigned char d[32];
            sha256(bin, n, d);
            sha256_hex(d, prog_hex);
            free(bin);
        }
        char *p = read_whole(plan, NULL), *t = read_whole("templates/official.conf", NULL);
        if (!p || !t)
            fail_msg("cannot read %s or templates/official.conf", plan);
        size_t klen = strlen(prog_hex) + strlen(p) + strlen(t) + strlen(opts) + 4;
        char *key = malloc(klen);
        assert_non_null(key);
        snprintf(key, klen, "%s\n%s\n%s\n%s", prog_hex, opts, t, p);
        unsigned char d[32];
        char hex[65];
        sha256(key, strlen(key), d);
        sha256_hex(d, hex);
        free(key);
        free(p);
        free(t);
        const char *base = strrchr(plan, '/') ? strrchr(plan, '/') + 1 : plan;
        int blen = (int)(strlen(base) > 4 ? strlen(base) - 4 : strlen(base));
        snprintf(dir, sizeof seen[i].dir, "%s/tests/out/shared/%.*s-%.12s", b, blen, base, hex);
        snprintf(seen[i].plan, sizeof seen[i].plan, "%s", plan);
        snprintf(seen[i].opts, sizeof seen[i].opts, "%s", opts);
    }
    char *out;
    /* made whole in DIR.tmp, then renamed: a folder that is there is done;
     * the log beside it (DIR.log) is written before the rename */
    int st = run_sh(&out, "mkdir -p %s/tests/out/shared && flock %s.lock sh -c '"
                    "if [ ! -d %s ]; then rm -rf %s.tmp && { %s render %s -o %s.tmp -j 2 %s "
                    ">%s.log 2>&1; st=$?; cat %s.log; [ $st = 0 ] && mv %s.tmp %s; }; fi' 2>&1",
                    b, dir, dir, dir, ph, plan, dir, opts, dir, dir, dir, dir);
    if (st != 0)
        fail_msg("%s render %s -o %s -j 2 %s failed (%d):\n%s", ph, plan, dir, opts, st, out);
    free(out);
    if (output) {
        char log[800];
        snprintf(log, sizeof log, "%s.log", dir);
        *output = read_whole(log, NULL);
        assert_non_null(*output);
    }
    return dir;
}

/* The script that runs a read-only tool once per test run, kept under
 * $BUILD/tests/out/shared/tools/<key>: $0 is that path, "$@" the tool and
 * its arguments; the first caller runs it (its stdout, stderr and exit
 * status in $0.out, $0.err, $0.rc) while any other waits on $0.lock.
 * tests/readers/readback.mjs runs the same script (PHAEN_TOOL_CACHE). */
#define SHARED_TOOL_SCRIPT                                                    \
    "if [ ! -f \"$0.rc\" ]; then \"$@\" >\"$0.out\" 2>\"$0.err\"; "             \
    "echo $? >\"$0.rc.tmp\" && mv \"$0.rc.tmp\" \"$0.rc\"; fi"

/* What a read-only tool says about the files of shared renders (which no
 * test changes): argv (NULL-terminated) is run once per test run for every
 * binary that asks, keyed by its arguments; qpdf --check of the sample's
 * sheets alone took 0.45 s CPU in each of two binaries.  Returns the exit
 * status; *out gets its stdout, then its stderr when with_err (malloc'd). */
static inline int shared_tool(char **out, int with_err, const char *const *argv)
{
    const char *b = getenv("BUILD");
    b = b && *b ? b : "build";
    size_t klen = 1;
    for (size_t i = 0; argv[i]; i++)
        klen += strlen(argv[i]) + 1;
    char *key = calloc(1, klen), cmd[8192], hex[65], base[600];
    assert_non_null(key);
    for (size_t i = 0; argv[i]; i++) /* the arguments, one a line */
        strcat(strcat(key, argv[i]), "\n");
    unsigned char d[32];
    sha256(key, strlen(key), d);
    sha256_hex(d, hex);
    free(key);
    snprintf(base, sizeof base, "%s/tests/out/shared/tools/%.16s", b, hex);
    int n = snprintf(cmd, sizeof cmd, "mkdir -p %s/tests/out/shared/tools && flock %s.lock sh -c '%s' %s",
                     b, base, SHARED_TOOL_SCRIPT, base);
    for (size_t i = 0; argv[i]; i++) { /* each argument single-quoted */
        n += snprintf(cmd + n, sizeof cmd - (size_t)n, " '");
        for (const char *c = argv[i]; *c; c++)
            n += snprintf(cmd + n, sizeof cmd - (size_t)n, *c == '\'' ? "'\\''" : "%c", *c);
        n += snprintf(cmd + n, sizeof cmd - (size_t)n, "'");
    }
    assert_true(n < (int)sizeof cmd);
    assert_int_equal(run_sh(NULL, "%s", cmd), 0);
    char path[700];
    snprintf(path, sizeof path, "%s.rc", base);
    char *rc = read_whole(path, NULL);
    snprintf(path, sizeof path, "%s.out", base);
    char *o = read_whole(path, NULL);
    snprintf(path, sizeof path, "%s.err", base);
    char *e = with_err ? read_whole(path, NULL) : NULL;
    if (!rc || !o || (with_err && !e))
        fail_msg("shared_tool %s: no %s", argv[0], path);
    int st = atoi(rc);
    free(rc);
    if (e) {
        size_t lo = strlen(o), le = strlen(e);
        o = realloc(o, lo + le + 1);
        assert_non_null(o);
        memcpy(o + lo, e, le + 1);
        free(e);
    }
    *out = o;
    return st;
}

/* Runs a shell command made printf-style and returns what it printed, its
 * stdout and the stderr of every command in it (malloc'd); *status gets
 * the exit status (or -1). */
static inline char *run_all(int *status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline char *run_all(int *status, const char *fmt, ...)
{
    char cmd[8192], all[8300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    snprintf(all, sizeof all, "(%s) 2>&1", cmd);
    return run_capture(all, status);
}

/* The options of a shared render of the master and the action plan only
 * (the revision's: no test reads its sheets), spelt once so the binaries
 * share it. */
#define SHARED_MASTER_ACTION "--only master-plan --only action-plan"

/* shared_render_opts() of every document of the plan. */
static inline const char *shared_render(const char *plan, char **output)
{
    return shared_render_opts(plan, NULL, output);
}

/* Writes s to path (a fixture). */
static inline void write_file(const char *path, const char *s)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(s, f);
    assert_int_equal(fclose(f), 0);
}

#endif
