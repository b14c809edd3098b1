/* test_fastfmt.c - fastfmt.c writes numbers exactly as glibc's printf.
 *
 * cairo's number formatting goes through __snprintf_chk, which fastfmt.c
 * takes over in the program: every byte of every PDF depends on it being
 * glibc's to the digit.  Each case formats through fastfmt's
 * __snprintf_chk and through glibc's vsnprintf and compares. */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, ...);

/* glibc's own, for the comparison */
static int libc_fmt(char *s, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(s, n, fmt, ap);
    va_end(ap);
    return r;
}

static unsigned long long rng = 0x9E3779B97F4A7C15ULL;
/* make test checks a fifth of the random values (the edges and exact ties
 * all), and of those of 2^63 and more a tenth again; FASTFMT_FULL=1, as
 * `make shapes` sets it, checks every one. */
static int thin(void)
{
    static int n; /* read once, not twice a value: 0.01 s of 0.24 */
    if (!n) {
        const char *f = getenv("FASTFMT_FULL");
        n = f && *f == '1' ? 1 : 5;
    }
    return n;
}

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static int mismatches;

static void check_double(const char *fmt, double d)
{
    char a[128], b[128];
    int ra = __snprintf_chk(a, sizeof a, 1, sizeof a, fmt, d);
    int rb = libc_fmt(b, sizeof b, fmt, d);
    if (ra != rb || strcmp(a, b)) {
        if (mismatches++ < 10)
            print_error("%s of %a: fastfmt '%s', glibc '%s'\n", fmt, d, a, b);
    }
}

static void check_star(int prec, double d)
{
    char a[128], b[128];
    int ra = __snprintf_chk(a, sizeof a, 1, sizeof a, "%.*f", prec, d);
    int rb = libc_fmt(b, sizeof b, "%.*f", prec, d);
    if (ra != rb || strcmp(a, b)) {
        if (mismatches++ < 10)
            print_error("%%.%d*f of %a: fastfmt '%s', glibc '%s'\n", prec, d, a, b);
    }
}

/* The reals cairo writes (positions, sizes, matrices) and every kind of
 * edge: ties in binary at each precision, powers of ten, values near
 * rounding boundaries, the limits where fastfmt hands over to glibc. */
static void test_reals(void **state)
{
    (void)state;
    static const char *const fmts[] = {"%f", "%.0f", "%.1f", "%.2f", "%.3f", "%.6f",
                                       "%.9f", "%.12f", "%.17f", "%.18f", "%.20f"};
    const double edges[] = {0.0, -0.0, 0.5, 1.5, 2.5, -0.5, 0.125, 0.0625, 1e-7, -1e-7,
                            5e-7, 0.0000005, 0.0000015, 0.1, 0.7, 123456.5, 999999.9999995,
                            9.2233720368547758e18, 9.3e18, 1e300, -1e300, DBL_MIN,
                            DBL_TRUE_MIN, DBL_MAX, INFINITY, -INFINITY, NAN, 595.2756,
                            841.8898, 0.30000000000000004, 1.0 / 3};
    for (size_t f = 0; f < sizeof fmts / sizeof *fmts; f++)
        for (size_t i = 0; i < sizeof edges / sizeof *edges; i++)
            check_double(fmts[f], edges[i]);
    /* exact binary ties: k / 2^j at precisions around j */
    for (int j = 1; j <= 24; j++)
        for (int k = -65; k <= 65; k += 2)
            for (int p = 0; p <= 18; p++)
                check_star(p, ldexp(k, -j));
    /* random values of every magnitude cairo meets and beyond */
    for (int i = 0; i < 1000000 / thin(); i++) {
        uint64_t r = next();
        double d;
        switch (i % 4) {
        case 0: /* page coordinates, to 1/64 pt and finer */
            d = (double)(int64_t)(r % 2000000) / 1024.0 - 500;
            break;
        case 1: /* any finite double */
            memcpy(&d, &r, sizeof d);
            if (!isfinite(d))
                d = 1;
            /* fastfmt hands 2^63 and more to glibc whole (one test of the
             * exponent; its edges are above): each is glibc against glibc,
             * and printing 300 digits twice was 60 % of this test's time */
            if (fabs(d) >= 0x1p63 && thin() > 1 && (i / 4) % 10)
                continue;
            break;
        case 2: /* decimal-looking values near ties */
            d = (double)(int64_t)(r % 100000000) / 1e6 + 5e-7;
            break;
        default: /* small magnitudes (cairo's %.18f path) */
            d = ldexp((double)(r >> 11), -(int)(r % 90) - 53);
            break;
        }
        /* past 18 digits fastfmt hands every value to glibc whole, by the
         * precision alone (fixed()): glibc against glibc again, a tenth of
         * them as for 2^63 and more (0.07 s of this test's 0.17) */
        int glibc_only = (i / 4) % 10 && thin() > 1;
        if (i % 11 != 10 || !glibc_only) /* "%.20f" */
            check_double(fmts[i % 11], d);
        if ((int)(r >> 59) <= 18 || !glibc_only)
            check_star((int)(r >> 59), d);
    }
    assert_int_equal(mismatches, 0);
}

static void check_int(const char *fmt, long long v)
{
    char a[64], b[64];
    int ra, rb;
    if (!strcmp(fmt, "%d")) {
        ra = __snprintf_chk(a, sizeof a, 1, sizeof a, fmt, (int)v);
        rb = libc_fmt(b, sizeof b, fmt, (int)v);
    } else if (!strcmp(fmt, "%u")) {
        ra = __snprintf_chk(a, sizeof a, 1, sizeof a, fmt, (unsigned)v);
        rb = libc_fmt(b, sizeof b, fmt, (unsigned)v);
    } else if (!strcmp(fmt, "%ld") || !strcmp(fmt, "%lld")) {
        ra = __snprintf_chk(a, sizeof a, 1, sizeof a, fmt, v);
        rb = libc_fmt(b, sizeof b, fmt, v);
    } else {
        ra = __snprintf_chk(a, sizeof a, 1, sizeof a, fmt, (unsigned long long)v);
        rb = libc_fmt(b, sizeof b, fmt, (unsigned long long)v);
    }
    if (ra != rb || strcmp(a, b)) {
        if (mismatches++ < 10)
            print_error("%s of %lld: fastfmt '%s', glibc '%s'\n", fmt, v, a, b);
    }
}

static void test_integers(void **state)
{
    (void)state;
    static const char *const fmts[] = {"%d", "%u", "%ld", "%lu", "%lld", "%llu"};
    /* cairo's hex strings and offsets, zero-padded */
    static const char *const padded[] = {"%04x", "%02x", "%04X", "%010ld", "%05d", "%0x",
                                         "%08lx", "%012llu"};
    mismatches = 0;
    for (int i = 0; i < 200000 / thin(); i++) {
        uint64_t r = next() >> (next() % 64);
        long long v = (long long)r * (i % 3 ? 1 : -1);
        for (size_t f = 0; f < sizeof padded / sizeof *padded; f++) {
            char a[64], b[64];
            int ra, rb;
            const char *fm = padded[f];
            if (strstr(fm, "ll")) {
                ra = __snprintf_chk(a, sizeof a, 1, sizeof a, fm, (unsigned long long)v);
                rb = libc_fmt(b, sizeof b, fm, (unsigned long long)v);
            } else if (strchr(fm, 'l')) {
                ra = __snprintf_chk(a, sizeof a, 1, sizeof a, fm, (long)v);
                rb = libc_fmt(b, sizeof b, fm, (long)v);
            } else {
                ra = __snprintf_chk(a, sizeof a, 1, sizeof a, fm, (int)v);
                rb = libc_fmt(b, sizeof b, fm, (int)v);
            }
            if ((ra != rb || strcmp(a, b)) && mismatches++ < 10)
                print_error("%s of %lld: fastfmt '%s', glibc '%s'\n", fm, v, a, b);
        }
        for (int w = 0; w < 7; w++) { /* "%0*x": the width first */
            char a[64], b[64];
            int ra = __snprintf_chk(a, sizeof a, 1, sizeof a, "%0*x", w, (unsigned)v);
            int rb = libc_fmt(b, sizeof b, "%0*x", w, (unsigned)v);
            if ((ra != rb || strcmp(a, b)) && mismatches++ < 10)
                print_error("%%0%d*x of %lld: fastfmt '%s', glibc '%s'\n", w, v, a, b);
        }
    }
    const long long edges[] = {0, 1, -1, 9, 10, -10, INT_MAX, INT_MIN, UINT_MAX, LLONG_MAX,
                               LLONG_MIN};
    for (size_t f = 0; f < 6; f++) {
        for (size_t i = 0; i < sizeof edges / sizeof *edges; i++)
            check_int(fmts[f], edges[i]);
        for (int i = 0; i < 100000 / thin(); i++)
            check_int(fmts[f], (long long)(next() >> (next() % 64)) * (i % 2 ? -1 : 1));
    }
    assert_int_equal(mismatches, 0);
}

/* What fastfmt does not take goes to glibc whole: other formats, a buffer
 * too small (cut short, the full length returned). */
static void test_hand_over(void **state)
{
    (void)state;
    char a[64], b[64];
    int ra = __snprintf_chk(a, sizeof a, 1, sizeof a, "%s=%05.1f/%x", "k", 3.25, 255u);
    int rb = libc_fmt(b, sizeof b, "%s=%05.1f/%x", "k", 3.25, 255u);
    assert_int_equal(ra, rb);
    assert_string_equal(a, b);
    ra = __snprintf_chk(a, 4, 1, 4, "%f", 1234.5);
    rb = libc_fmt(b, 4, "%f", 1234.5);
    assert_int_equal(ra, rb);
    assert_string_equal(a, b);
    ra = __snprintf_chk(a, 3, 1, sizeof a, "%d", -12345);
    rb = libc_fmt(b, 3, "%d", -12345);
    assert_int_equal(ra, rb);
    assert_string_equal(a, b);
    /* left-justified (a negative * width), a precision on an integer */
    ra = __snprintf_chk(a, sizeof a, 1, sizeof a, "%0*x", -6, 255u);
    rb = libc_fmt(b, sizeof b, "%0*x", -6, 255u);
    assert_int_equal(ra, rb);
    assert_string_equal(a, b);
    ra = __snprintf_chk(a, sizeof a, 1, sizeof a, "%.5d", 42);
    rb = libc_fmt(b, sizeof b, "%.5d", 42);
    assert_int_equal(ra, rb);
    assert_string_equal(a, b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reals),
        cmocka_unit_test(test_integers),
        cmocka_unit_test(test_hand_over),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
