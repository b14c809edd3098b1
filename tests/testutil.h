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

#include "diag.h"

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

/* What remains of f, NUL-terminated (malloc'd). */
static inline char *read_stream(FILE *f)
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
    return buf;
}

/* Runs a shell command and returns its stdout (malloc'd, NUL-terminated);
 * *status gets the exit status (or -1). */
static inline char *run_capture(const char *cmd, int *status)
{
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char *out = read_stream(p);
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

/* The folder into which `$PHAEN render plan -j 2` wrote every document, rendered
 * once per test run and shared by the tests that only read the documents:
 * $BUILD/tests/out/shared/<plan's file name without .xml> (static storage,
 * one per plan).  The first caller renders while any other waits on a lock
 * (flock); tests/run.sh removes the shared folder at the start of a run, and
 * one older than the program, the plan or the official template is made
 * again, so a test binary run alone reads what this build renders.  What
 * the render printed (stdout and stderr) is returned in *output when output
 * is not NULL (malloc'd).  Read only: a test that changes files copies them
 * first. */
static inline const char *shared_render(const char *plan, char **output)
{
    static struct { char plan[256], dir[768]; } seen[4];
    size_t i = 0;
    while (i < 4 && seen[i].plan[0] && strcmp(seen[i].plan, plan) != 0)
        i++;
    assert_true(i < 4);
    const char *b = getenv("BUILD"), *ph = getenv("PHAEN");
    const char *base = strrchr(plan, '/') ? strrchr(plan, '/') + 1 : plan;
    char *dir = seen[i].dir;
    snprintf(seen[i].plan, sizeof seen[i].plan, "%s", plan);
    snprintf(dir, sizeof seen[i].dir, "%s/tests/out/shared/%.*s", b && *b ? b : "build",
             (int)(strlen(base) > 4 ? strlen(base) - 4 : strlen(base)), base);
    ph = ph && *ph ? ph : "build/phaen";
    char *out;
    int st = run_sh(&out, "mkdir -p %s && flock %s.lock sh -c 'if [ -f %s.done ] && "
                    "[ %s.done -nt %s ] && [ %s.done -nt %s ] && [ %s.done -nt templates/official.conf ]; "
                    "then :; else rm -rf %s %s.done && { %s render %s -o %s -j 2 >%s.log 2>&1; st=$?; "
                    "cat %s.log; [ $st = 0 ] && touch %s.done; }; fi' 2>&1",
                    dir, dir, dir, dir, ph, dir, plan, dir, dir, dir, ph, plan, dir, dir, dir, dir);
    if (st != 0)
        fail_msg("%s render %s -o %s failed (%d):\n%s", ph, plan, dir, st, out);
    free(out);
    if (output) {
        char log[800];
        snprintf(log, sizeof log, "%s.log", dir);
        FILE *f = fopen(log, "rb");
        assert_non_null(f);
        size_t cap = 1 << 16, n = 0;
        *output = malloc(cap);
        assert_non_null(*output);
        n = fread(*output, 1, cap - 1, f);
        (*output)[n] = '\0';
        fclose(f);
    }
    return dir;
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

/* The whole file at path, NUL-terminated (malloc'd); NULL when it cannot
 * be opened. */
static inline char *read_whole(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = read_stream(f);
    fclose(f);
    return buf;
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
