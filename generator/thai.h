/* thai.h - Thai numerals, Buddhist-Era dates and amounts as Thai documents
 * write them.  Every function writes into a caller's buffer and returns it;
 * output is always NUL-terminated (truncated if the buffer is too small).
 * No state: safe to call from several threads.
 */
#ifndef PHAEN_THAI_H
#define PHAEN_THAI_H

#include <stddef.h>
#include <stdint.h>

#include "template.h"

/* Copies s, turning ASCII digits 0-9 into Thai digits ๐-๙ when style is
 * NUMERALS_THAI (other characters unchanged); with NUMERALS_THAI_TEXT, the
 * numbers of Latin codes and names ("MP-01.2", "Tier 3") stay ASCII. */
char *thai_digits(char *buf, size_t size, const char *s, NumeralStyle style);

/* An integer in the given numeral style: 2563 -> "๒๕๖๓". */
char *thai_int(char *buf, size_t size, long long n, NumeralStyle style);

/* Whole baht with thousands separators: 12500000 -> "12,500,000" (or in
 * Thai digits "๑๒,๕๐๐,๐๐๐"). Negative amounts get a leading minus. */
char *thai_baht(char *buf, size_t size, int64_t baht, NumeralStyle style);

/* An amount in millions with `decimals` places, rounded half away from zero:
 * 12500000, 2 -> "12.50". */
char *thai_millions(char *buf, size_t size, int64_t baht, int decimals,
                    NumeralStyle style);

/* A Gregorian date as a Thai date in the Buddhist Era:
 * 2018, 8, 14 -> "๑๔ สิงหาคม ๒๕๖๑".  Returns NULL for an invalid date. */
char *thai_date(char *buf, size_t size, int y, int m, int d, NumeralStyle style);

/* The letter that numbers front-matter page n (1-based) as Thai documents
 * do: the consonants in alphabetical order without the obsolete ฃ and ฅ
 * and the rare ฆ, ก ข ค ง จ ฉ ช ซ ฌ ญ ฎ ฏ ฐ ... ห ฬ อ ฮ (41 letters); past
 * ฮ, two letters
 * as spreadsheet columns go (กก, กข, ...).  n < 1 gives "". */
char *thai_page_letter(char *buf, size_t size, int n);

/* The full Thai name of month m (1-12), or NULL. */
const char *thai_month_name(int m);

/* Parses an ISO date "YYYY-MM-DD" (and checks it exists: 2018-02-30 fails).
 * Returns 0 on success. */
int thai_parse_iso_date(const char *s, int *y, int *m, int *d);

#endif
