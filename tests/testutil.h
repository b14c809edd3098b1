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

/* Runs a shell command and returns its stdout (malloc'd, NUL-terminated);
 * *status gets the exit status (or -1). */
static inline char *run_capture(const char *cmd, int *status)
{
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    size_t n;
    while ((n = fread(out + len, 1, cap - len - 1, p)) > 0) {
        len += n;
        if (cap - len < 2) {
            cap *= 2;
            out = realloc(out, cap);
            assert_non_null(out);
        }
    }
    out[len] = '\0';
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

/* Writes s to path (a fixture). */
static inline void write_file(const char *path, const char *s)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(s, f);
    assert_int_equal(fclose(f), 0);
}

#endif
