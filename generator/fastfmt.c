/* fastfmt.c - cairo's number formatting, without printf's machinery.
 *
 * cairo 1.16 writes every number of a PDF page (each glyph's position in a
 * TJ array, each operator's operands) through snprintf: "%d" and friends
 * for integers, and "%f" or "%.*f" for reals (_cairo_dtostr), hundreds of
 * thousands of calls per thousand pages.  Debian builds cairo with
 * _FORTIFY_SOURCE, so the calls arrive at __snprintf_chk; glibc's printf
 * then costs 800 to 2,500 instructions a number: 15 % of all the work of a
 * render of the 1,000-project plan (callgrind), a third of cairo's.
 *
 * This file defines __snprintf_chk in the program, which the dynamic
 * linker then gives cairo (and every other library) instead of glibc's:
 * format strings of one integer conversion, zero-padded or not ("%d",
 * "%lu", "%04x", "%0*x", "%010ld": glyph ids in hex strings, offsets) or
 * one fixed-point conversion ("%f", "%.Nf", "%.*f") are written here,
 * anything else goes to glibc's __vsnprintf_chk unchanged.  The real conversion is exact: the double's value
 * m * 2^e times 10^N in 128-bit integers, rounded half to even as glibc
 * rounds (its default rounding mode), so the bytes are glibc's: tests
 * (test_fastfmt.c) compare both over millions of values and the PDFs are
 * the same to the byte.  Values it cannot do exactly in 128 bits (very
 * large or very small, infinities, NaN) go to glibc as well.
 *
 * The program and the test binaries link this file by name (the Makefile
 * names it on their link lines: nothing calls it, cairo does), so that a
 * PDF a test writes in its own process has the program's numbers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, ...);
int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt,
                    va_list ap);

__extension__ typedef unsigned __int128 u128;

/* Writes the decimal digits of v backwards ending at end; returns the start. */
static char *digits_back(char *end, uint64_t v)
{
    do {
        *--end = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return end;
}

/* d with prec digits after the point into buf (at least 64 bytes), as
 * glibc's "%.<prec>f".  Returns the length, or -1 when not done here. */
static int fixed(char *buf, double d, int prec)
{
    static const uint64_t pow10[] = {
        1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
        100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL,
        10000000000000ULL, 100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
        100000000000000000ULL, 1000000000000000000ULL};
    if (prec < 0 || prec > 18)
        return -1;
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    int neg = (int)(bits >> 63);
    int bexp = (int)((bits >> 52) & 0x7ff);
    uint64_t m = bits & ((1ULL << 52) - 1);
    if (bexp == 0x7ff)
        return -1; /* infinity, NaN */
    int e;
    if (bexp == 0) {
        e = -1074; /* zero and subnormals */
    } else {
        m |= 1ULL << 52;
        e = bexp - 1075;
    }
    uint64_t p = pow10[prec];
    u128 q; /* round(|d| * 10^prec) */
    if (m == 0) {
        q = 0;
    } else if (e >= 0) {
        if (e > 10) /* 2^63 and more */
            return -1;
        q = (u128)(m << e) * p;
    } else {
        int sh = -e;
        u128 prod = (u128)m * p; /* < 2^113 */
        if (sh >= 128) {
            q = 0; /* prod < 2^113 is less than half of 2^sh */
        } else {
            q = prod >> sh;
            u128 rest = prod & (((u128)1 << sh) - 1);
            u128 half = (u128)1 << (sh - 1);
            if (rest > half || (rest == half && (q & 1)))
                q++;
        }
    }
    uint64_t ip = (uint64_t)(q / p), fp = (uint64_t)(q % p);
    char tmp[64], *end = tmp + sizeof tmp, *t = end;
    if (prec > 0) {
        char *f = digits_back(end, fp);
        while (end - f < prec)
            *--f = '0';
        *--f = '.';
        t = f;
    }
    t = digits_back(t, ip);
    if (neg)
        *--t = '-';
    int n = (int)(end - t);
    memcpy(buf, t, (size_t)n);
    buf[n] = 0;
    return n;
}

/* The one conversion fmt is made of, when it is one this file does:
 * "%" ["0" width | "0*"] ["." prec | ".*"] ["l" | "ll"] one of d u x X f,
 * the width only for integers, the precision only for f. */
typedef struct Conv {
    char conv;       /* 'd', 'u', 'x', 'X', 'f'; 0: not one of ours */
    int length;      /* 0, 1 (l), 2 (ll) */
    int width;       /* zero-padded width; -1: from the arguments (*) */
    int prec;        /* f: digits after the point; -1: from the arguments */
    int has_prec;
} Conv;

static Conv conversion(const char *fmt)
{
    Conv c = {0, 0, 0, 6, 0};
    const char *f = fmt;
    if (*f++ != '%')
        return c;
    if (*f == '0') {
        f++;
        if (*f == '*') {
            c.width = -1;
            f++;
        } else {
            while (*f >= '0' && *f <= '9' && c.width < 100)
                c.width = c.width * 10 + (*f++ - '0');
        }
    }
    if (*f == '.') {
        c.has_prec = 1;
        f++;
        if (*f == '*') {
            c.prec = -1;
            f++;
        } else {
            c.prec = 0;
            while (*f >= '0' && *f <= '9' && c.prec < 100)
                c.prec = c.prec * 10 + (*f++ - '0');
        }
    }
    while (*f == 'l' && c.length < 2) {
        c.length++;
        f++;
    }
    char k = *f++;
    if (*f || !strchr("duxXf", k) || (k == 'f' && (c.width || c.length)) ||
        (k != 'f' && c.has_prec))
        return c;
    c.conv = k;
    return c;
}

/* v (negative when neg) in base 10 or 16, zero-padded to width. */
static int put_int(char *buf, int neg, unsigned long long v, int base, int upper, int width)
{
    static const char lower_digits[] = "0123456789abcdef", upper_digits[] = "0123456789ABCDEF";
    const char *dg = upper ? upper_digits : lower_digits;
    char tmp[160], *end = tmp + sizeof tmp, *t = end;
    do {
        *--t = dg[v % (unsigned)base];
        v /= (unsigned)base;
    } while (v);
    while ((int)(end - t) + neg < width)
        *--t = '0';
    if (neg)
        *--t = '-';
    int n = (int)(end - t);
    memcpy(buf, t, (size_t)n);
    buf[n] = 0;
    return n;
}

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Conv c = slen >= maxlen ? conversion(fmt) : (Conv){0, 0, 0, 6, 0};
    char buf[192];
    int n = -1;
    va_list copy;
    va_copy(copy, ap);
    int width = c.width < 0 ? va_arg(copy, int) : c.width;
    if (width < 0 || width > 100)
        c.conv = 0; /* left-justified, or wide: glibc */
    switch (c.conv) {
    case 'd': {
        long long v = c.length == 0 ? va_arg(copy, int)
                      : c.length == 1 ? va_arg(copy, long) : va_arg(copy, long long);
        n = put_int(buf, v < 0, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v,
                    10, 0, width);
        break;
    }
    case 'u':
    case 'x':
    case 'X': {
        unsigned long long v = c.length == 0 ? va_arg(copy, unsigned)
                               : c.length == 1 ? va_arg(copy, unsigned long)
                                               : va_arg(copy, unsigned long long);
        n = put_int(buf, 0, v, c.conv == 'u' ? 10 : 16, c.conv == 'X', width);
        break;
    }
    case 'f': {
        int prec = c.prec < 0 ? va_arg(copy, int) : c.prec;
        n = fixed(buf, va_arg(copy, double), prec < 0 ? 6 : prec);
        break;
    }
    default: break;
    }
    va_end(copy);
    if (n < 0 || (size_t)n >= maxlen) { /* not here, or cut short: glibc does it */
        int r = __vsnprintf_chk(s, maxlen, flag, slen, fmt, ap);
        va_end(ap);
        return r;
    }
    memcpy(s, buf, (size_t)n + 1);
    va_end(ap);
    return n;
}
