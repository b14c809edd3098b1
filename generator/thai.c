/* thai.c - Thai numerals, Buddhist-Era dates and amounts; see thai.h.
 *
 * All output goes through one small writer (Out) that never overruns the
 * caller's buffer, always NUL-terminates it (when it has room for anything
 * at all) and never cuts a UTF-8 character in half: a Thai digit is three
 * bytes, and a truncated one would be invalid text in the PDF.
 */
#include "thai.h"

#include <string.h>

/* A bounded writer over the caller's buffer.  Once a character did not fit,
 * nothing after it is written either (no shorter character sneaks in later). */
typedef struct Out {
    char *buf;
    size_t size, len;
    int full;
} Out;

static void out_init(Out *o, char *buf, size_t size)
{
    o->buf = buf;
    o->size = size;
    o->len = 0;
    o->full = 0;
    if (size > 0)
        buf[0] = '\0';
}

/* Appends the n bytes of one whole character (or none of them). */
static void out_char(Out *o, const char *c, size_t n)
{
    if (o->full || o->size == 0 || n >= o->size - o->len) {
        o->full = 1;
        return;
    }
    memcpy(o->buf + o->len, c, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

/* UTF-8 of U+0E50 + d: E0 B9 90+d. */
static void out_digit(Out *o, int d, NumeralStyle style)
{
    if (style != NUMERALS_ARABIC) {
        char c[3] = { (char)0xE0, (char)0xB9, (char)(0x90 + d) };
        out_char(o, c, 3);
    } else {
        char c = (char)('0' + d);
        out_char(o, &c, 1);
    }
}

static int is_latin_letter(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Whether the number starting at s[i] belongs to a Latin code or name: a
 * Latin letter right before it, or before the one space, hyphen or
 * full stop (B.E. 2561, Tier 3, MP-01, IND-1.1), or right after it
 * (5G).  "พ.ศ. 2561" and "ข้อ 3" are Thai text. */
static int latin_number(const unsigned char *s, size_t i)
{
    size_t j = i;
    while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '-' || s[j - 1] == '.') && i - j < 2)
        j--;
    if (j > 0 && is_latin_letter(s[j - 1]))
        return 1;
    size_t k = i;
    while ((s[k] >= '0' && s[k] <= '9') || s[k] == '.' || s[k] == '-')
        k++;
    return is_latin_letter(s[k]);
}

/* Appends s character by character (UTF-8 sequences kept whole), turning
 * ASCII digits into the given style (with NUMERALS_THAI_TEXT, not those of
 * Latin codes). */
static void out_text(Out *o, const char *s, NumeralStyle style)
{
    const unsigned char *start = (const unsigned char *)s;
    const unsigned char *p = start;
    int latin = 0; /* in a number of a Latin code */
    while (*p) {
        if (*p >= '0' && *p <= '9') {
            if (style == NUMERALS_THAI_TEXT && (p == start || !(p[-1] >= '0' && p[-1] <= '9')))
                latin = latin || latin_number(start, (size_t)(p - start));
            out_digit(o, *p - '0', latin ? NUMERALS_ARABIC : style);
            p++;
            continue;
        }
        if (*p != '.' && *p != '-')
            latin = 0; /* a code's number goes on through "01.2" and "1-2" */
        size_t n = 1;
        if (*p >= 0xC0) /* a lead byte: take its continuation bytes along */
            while (p[n] >= 0x80 && p[n] < 0xC0 && n < 4)
                n++;
        out_char(o, (const char *)p, n);
        p += n;
    }
}

/* Appends u in decimal; with sep, a comma between groups of three. */
static void out_uint(Out *o, uint64_t u, int sep, NumeralStyle style)
{
    char d[20]; /* UINT64_MAX has 20 digits */
    int n = 0;
    do {
        d[n++] = (char)(u % 10);
        u /= 10;
    } while (u > 0);
    for (int i = n - 1; i >= 0; i--) {
        out_digit(o, d[i], style);
        if (sep && i > 0 && i % 3 == 0)
            out_char(o, ",", 1);
    }
}

/* The magnitude of a signed 64-bit value, valid for INT64_MIN too. */
static uint64_t magnitude(int64_t v)
{
    return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

char *thai_digits(char *buf, size_t size, const char *s, NumeralStyle style)
{
    Out o;
    out_init(&o, buf, size);
    out_text(&o, s ? s : "", style);
    return buf;
}

char *thai_int(char *buf, size_t size, long long n, NumeralStyle style)
{
    Out o;
    out_init(&o, buf, size);
    if (n < 0)
        out_char(&o, "-", 1);
    out_uint(&o, magnitude((int64_t)n), 0, style);
    return buf;
}

char *thai_baht(char *buf, size_t size, int64_t baht, NumeralStyle style)
{
    Out o;
    out_init(&o, buf, size);
    if (baht < 0)
        out_char(&o, "-", 1);
    out_uint(&o, magnitude(baht), 1, style);
    return buf;
}

/* Integer arithmetic only: 1,235,000 / 1e6 is not exactly 1.235 in binary
 * floating point and could round down, and a double cannot hold every int64
 * amount; budget totals must match what a clerk gets by hand. */
char *thai_millions(char *buf, size_t size, int64_t baht, int decimals,
                    NumeralStyle style)
{
    static const uint64_t pow10[] = { 1, 10, 100, 1000, 10000, 100000,
                                      1000000 };
    Out o;
    out_init(&o, buf, size);
    if (decimals < 0)
        decimals = 0;
    uint64_t u = magnitude(baht);
    uint64_t whole, frac;
    int frac_digits = decimals > 6 ? 6 : decimals;
    /* q = u / 10^(6 - decimals), rounded half away from zero (on the
     * magnitude, so the sign does not matter). */
    uint64_t div = pow10[6 - frac_digits];
    uint64_t q = u / div, r = u % div;
    if (div > 1 && r * 2 >= div)
        q++;
    whole = q / pow10[frac_digits];
    frac = q % pow10[frac_digits];
    if (baht < 0 && q > 0) /* "-0.00" is not an amount */
        out_char(&o, "-", 1);
    out_uint(&o, whole, 1, style);
    if (decimals > 0) {
        out_char(&o, ".", 1);
        for (int i = frac_digits - 1; i >= 0; i--)
            out_digit(&o, (int)(frac / pow10[i] % 10), style);
        for (int i = frac_digits; i < decimals; i++)
            out_digit(&o, 0, style);
    }
    return buf;
}

static const char *const month_names[12] = {
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
};

const char *thai_month_name(int m)
{
    return m >= 1 && m <= 12 ? month_names[m - 1] : NULL;
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Whether y-m-d is a real Gregorian date (years 1..9999). */
static int date_valid(int y, int m, int d)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31 };
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return 0;
    int max = days[m - 1] + (m == 2 && is_leap(y));
    return d <= max;
}

char *thai_date(char *buf, size_t size, int y, int m, int d, NumeralStyle style)
{
    Out o;
    out_init(&o, buf, size);
    if (!date_valid(y, m, d))
        return NULL;
    out_uint(&o, (uint64_t)d, 0, style);
    out_char(&o, " ", 1);
    out_text(&o, month_names[m - 1], style);
    out_char(&o, " ", 1);
    out_uint(&o, (uint64_t)y + 543, 0, style);
    return buf;
}

/* Reads exactly n ASCII digits at s; -1 if any is not a digit. */
static int digits_at(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int thai_parse_iso_date(const char *s, int *y, int *m, int *d)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    int yy = digits_at(s, 4), mm = digits_at(s + 5, 2), dd = digits_at(s + 8, 2);
    if (yy < 0 || mm < 0 || dd < 0 || !date_valid(yy, mm, dd))
        return -1;
    *y = yy;
    *m = mm;
    *d = dd;
    return 0;
}

/* The Thai consonants that number pages, in order: ฃ and ฅ are obsolete and
 * skipped, as Thai documents do, and so is the rare ฆ (the list
 * numbered front matter has always used: ... ค ง ...). */
static const char *const page_letters[] = {
    "ก", "ข", "ค", "ง", "จ", "ฉ", "ช", "ซ", "ฌ", "ญ", "ฎ", "ฏ", "ฐ", "ฑ",
    "ฒ", "ณ", "ด", "ต", "ถ", "ท", "ธ", "น", "บ", "ป", "ผ", "ฝ", "พ", "ฟ",
    "ภ", "ม", "ย", "ร", "ล", "ว", "ศ", "ษ", "ส", "ห", "ฬ", "อ", "ฮ",
};

char *thai_page_letter(char *buf, size_t size, int n)
{
    const int k = (int)(sizeof page_letters / sizeof *page_letters);
    if (size == 0)
        return buf;
    buf[0] = '\0';
    if (n < 1)
        return buf;
    if (n <= k)
        snprintf(buf, size, "%s", page_letters[n - 1]);
    else /* bijective base k: กก after ฮ, as spreadsheet columns */
        snprintf(buf, size, "%s%s", page_letters[((n - 1) / k - 1) % k], page_letters[(n - 1) % k]);
    return buf;
}
