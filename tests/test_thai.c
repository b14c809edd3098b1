/* test_thai.c - Thai numerals, dates and amounts. */
#include "testutil.h"

#include "thai.h"

static void digits_thai_and_arabic(void **state)
{
    char b[64];
    assert_string_equal(thai_digits(b, sizeof b, "พ.ศ. 2561-2580", NUMERALS_THAI),
                        "พ.ศ. ๒๕๖๑-๒๕๘๐");
    assert_string_equal(thai_digits(b, sizeof b, "0123456789", NUMERALS_THAI),
                        "๐๑๒๓๔๕๖๗๘๙");
    assert_string_equal(thai_digits(b, sizeof b, "ข้อ 12", NUMERALS_ARABIC), "ข้อ 12");
    assert_string_equal(thai_digits(b, sizeof b, "", NUMERALS_THAI), "");
}

/* numerals.latin = keep: codes and Latin names keep ASCII digits, the
 * numbers of Thai text do not. */
static void digits_latin_codes_kept(void **state)
{
    char b[160];
    NumeralStyle s = NUMERALS_THAI_TEXT;
    assert_string_equal(thai_digits(b, sizeof b, "แผนย่อย (MP-01.2) ข้อ 3", s),
                        "แผนย่อย (MP-01.2) ข้อ ๓");
    assert_string_equal(thai_digits(b, sizeof b, "Tier 3 ปี 2560", s), "Tier 3 ปี ๒๕๖๐");
    assert_string_equal(thai_digits(b, sizeof b, "PJ-1.01, IND-2.1.1 และ 5G", s),
                        "PJ-1.01, IND-2.1.1 และ 5G");
    assert_string_equal(thai_digits(b, sizeof b, "พ.ศ. 2561 (B.E. 2561)", s),
                        "พ.ศ. ๒๕๖๑ (B.E. 2561)");
    assert_string_equal(thai_digits(b, sizeof b, "ร้อยละ 45.5-50", s), "ร้อยละ ๔๕.๕-๕๐");
    char n[16];
    assert_string_equal(thai_int(n, sizeof n, 2563, s), "๒๕๖๓");
}

static void digits_truncate_whole_chars(void **state)
{
    char b[8];
    /* "๑๒" is 6 bytes; a third digit would need 9 + NUL */
    assert_string_equal(thai_digits(b, sizeof b, "123", NUMERALS_THAI), "๑๒");
    assert_string_equal(thai_digits(b, 3, "1", NUMERALS_THAI), "");
    assert_string_equal(thai_digits(b, 4, "1", NUMERALS_THAI), "๑");
    assert_string_equal(thai_digits(b, 3, "abc", NUMERALS_ARABIC), "ab");
}

static void size_one_and_zero(void **state)
{
    char b[4] = "xyz";
    assert_string_equal(thai_int(b, 1, 5, NUMERALS_ARABIC), "");
    assert_string_equal(thai_baht(b, 1, 5, NUMERALS_THAI), "");
    assert_string_equal(thai_millions(b, 1, 5, 2, NUMERALS_THAI), "");
    assert_string_equal(thai_digits(b, 1, "5", NUMERALS_THAI), "");
    assert_string_equal(thai_date(b, 1, 2018, 8, 14, NUMERALS_THAI), "");
    b[0] = 'q';
    thai_int(b, 0, 5, NUMERALS_ARABIC); /* writes nothing at all */
    assert_int_equal(b[0], 'q');
}

static void int_values(void **state)
{
    char b[64];
    assert_string_equal(thai_int(b, sizeof b, 2563, NUMERALS_THAI), "๒๕๖๓");
    assert_string_equal(thai_int(b, sizeof b, 0, NUMERALS_THAI), "๐");
    assert_string_equal(thai_int(b, sizeof b, -42, NUMERALS_ARABIC), "-42");
    assert_string_equal(thai_int(b, sizeof b, 12345, NUMERALS_ARABIC), "12345");
    assert_string_equal(thai_int(b, sizeof b, INT64_MIN, NUMERALS_ARABIC),
                        "-9223372036854775808");
}

static void baht_separators(void **state)
{
    char b[128];
    assert_string_equal(thai_baht(b, sizeof b, 12500000, NUMERALS_ARABIC), "12,500,000");
    assert_string_equal(thai_baht(b, sizeof b, 12500000, NUMERALS_THAI), "๑๒,๕๐๐,๐๐๐");
    assert_string_equal(thai_baht(b, sizeof b, 0, NUMERALS_ARABIC), "0");
    assert_string_equal(thai_baht(b, sizeof b, 999, NUMERALS_ARABIC), "999");
    assert_string_equal(thai_baht(b, sizeof b, 1000, NUMERALS_ARABIC), "1,000");
    assert_string_equal(thai_baht(b, sizeof b, -1234567, NUMERALS_ARABIC), "-1,234,567");
}

static void baht_extremes(void **state)
{
    char b[128];
    assert_string_equal(thai_baht(b, sizeof b, INT64_MAX, NUMERALS_ARABIC),
                        "9,223,372,036,854,775,807");
    assert_string_equal(thai_baht(b, sizeof b, INT64_MIN, NUMERALS_ARABIC),
                        "-9,223,372,036,854,775,808");
    assert_string_equal(thai_baht(b, sizeof b, INT64_MIN, NUMERALS_THAI),
                        "-๙,๒๒๓,๓๗๒,๐๓๖,๘๕๔,๗๗๕,๘๐๘");
}

static void baht_truncated(void **state)
{
    char b[6];
    assert_string_equal(thai_baht(b, sizeof b, 12500000, NUMERALS_ARABIC), "12,50");
}

static void millions_rounding(void **state)
{
    char b[64];
    assert_string_equal(thai_millions(b, sizeof b, 12500000, 2, NUMERALS_ARABIC), "12.50");
    assert_string_equal(thai_millions(b, sizeof b, 1234999, 2, NUMERALS_ARABIC), "1.23");
    assert_string_equal(thai_millions(b, sizeof b, 1235000, 2, NUMERALS_ARABIC), "1.24");
    assert_string_equal(thai_millions(b, sizeof b, -1235000, 2, NUMERALS_ARABIC), "-1.24");
    assert_string_equal(thai_millions(b, sizeof b, -1234999, 2, NUMERALS_ARABIC), "-1.23");
    assert_string_equal(thai_millions(b, sizeof b, 999999, 2, NUMERALS_ARABIC), "1.00");
    assert_string_equal(thai_millions(b, sizeof b, 1500000, 0, NUMERALS_ARABIC), "2");
    assert_string_equal(thai_millions(b, sizeof b, 1499999, 0, NUMERALS_ARABIC), "1");
}

static void millions_edges(void **state)
{
    char b[64];
    assert_string_equal(thai_millions(b, sizeof b, 0, 2, NUMERALS_THAI), "๐.๐๐");
    assert_string_equal(thai_millions(b, sizeof b, -4999, 2, NUMERALS_ARABIC), "0.00");
    assert_string_equal(thai_millions(b, sizeof b, 1234567, 6, NUMERALS_ARABIC), "1.234567");
    assert_string_equal(thai_millions(b, sizeof b, 1234567, 8, NUMERALS_ARABIC), "1.23456700");
    assert_string_equal(thai_millions(b, sizeof b, 1234500000, 1, NUMERALS_ARABIC), "1,234.5");
    assert_string_equal(thai_millions(b, sizeof b, 12500000, 2, NUMERALS_THAI), "๑๒.๕๐");
    assert_string_equal(thai_millions(b, sizeof b, INT64_MAX, 2, NUMERALS_ARABIC),
                        "9,223,372,036,854.78");
    assert_string_equal(thai_millions(b, sizeof b, INT64_MIN, 2, NUMERALS_ARABIC),
                        "-9,223,372,036,854.78");
}

static void month_names(void **state)
{
    assert_string_equal(thai_month_name(1), "มกราคม");
    assert_string_equal(thai_month_name(2), "กุมภาพันธ์");
    assert_string_equal(thai_month_name(12), "ธันวาคม");
    assert_null(thai_month_name(0));
    assert_null(thai_month_name(13));
}

static void date_buddhist_era(void **state)
{
    char b[128];
    assert_string_equal(thai_date(b, sizeof b, 2018, 8, 14, NUMERALS_THAI),
                        "๑๔ สิงหาคม ๒๕๖๑");
    assert_string_equal(thai_date(b, sizeof b, 2018, 8, 14, NUMERALS_ARABIC),
                        "14 สิงหาคม 2561");
    assert_string_equal(thai_date(b, sizeof b, 2020, 2, 29, NUMERALS_ARABIC),
                        "29 กุมภาพันธ์ 2563");
}

static void date_invalid(void **state)
{
    char b[128];
    assert_null(thai_date(b, sizeof b, 2019, 2, 29, NUMERALS_THAI));
    assert_string_equal(b, "");
    assert_null(thai_date(b, sizeof b, 2018, 13, 1, NUMERALS_THAI));
    assert_null(thai_date(b, sizeof b, 2018, 4, 31, NUMERALS_THAI));
    assert_null(thai_date(b, sizeof b, 2018, 1, 0, NUMERALS_THAI));
}

static void date_truncated(void **state)
{
    char b[12]; /* "๑๔ " is 7 bytes; "ส" would need 3 more + NUL */
    assert_string_equal(thai_date(b, sizeof b, 2018, 8, 14, NUMERALS_THAI), "๑๔ ส");
}

static void parse_iso(void **state)
{
    int y = 0, m = 0, d = 0;
    assert_int_equal(thai_parse_iso_date("2018-08-14", &y, &m, &d), 0);
    assert_int_equal(y, 2018);
    assert_int_equal(m, 8);
    assert_int_equal(d, 14);
    assert_int_equal(thai_parse_iso_date("2020-02-29", &y, &m, &d), 0);
    assert_int_equal(d, 29);
}

static void parse_iso_invalid(void **state)
{
    int y = 0, m = 0, d = 0;
    assert_int_not_equal(thai_parse_iso_date("2019-02-29", &y, &m, &d), 0);
    assert_int_not_equal(thai_parse_iso_date("1900-02-29", &y, &m, &d), 0);
    assert_int_equal(thai_parse_iso_date("2000-02-29", &y, &m, &d), 0);
    assert_int_not_equal(thai_parse_iso_date("2018-02-30", &y, &m, &d), 0);
    assert_int_not_equal(thai_parse_iso_date("2018-8-14", &y, &m, &d), 0);
    assert_int_not_equal(thai_parse_iso_date("2018-08-14x", &y, &m, &d), 0);
    assert_int_not_equal(thai_parse_iso_date("2018/08/14", &y, &m, &d), 0);
    assert_int_not_equal(thai_parse_iso_date("2018-00-10", &y, &m, &d), 0);
    assert_int_not_equal(thai_parse_iso_date("0000-01-01", &y, &m, &d), 0);
    assert_int_not_equal(thai_parse_iso_date("", &y, &m, &d), 0);
    assert_int_equal(y, 2000); /* failures leave the outputs alone */
}

/* Front-matter pages past ten keep following the alphabet (they repeated
 * ก after ญ before), skipping ฃ, ฅ and ฆ; past ฮ, two letters. */
static void page_letters(void **state)
{
    char b[32];
    assert_string_equal(thai_page_letter(b, sizeof b, 1), "ก");
    assert_string_equal(thai_page_letter(b, sizeof b, 3), "ค");
    assert_string_equal(thai_page_letter(b, sizeof b, 4), "ง");
    assert_string_equal(thai_page_letter(b, sizeof b, 10), "ญ");
    assert_string_equal(thai_page_letter(b, sizeof b, 11), "ฎ");
    assert_string_equal(thai_page_letter(b, sizeof b, 12), "ฏ");
    assert_string_equal(thai_page_letter(b, sizeof b, 41), "ฮ");
    assert_string_equal(thai_page_letter(b, sizeof b, 42), "กก");
    assert_string_equal(thai_page_letter(b, sizeof b, 43), "กข");
    assert_string_equal(thai_page_letter(b, sizeof b, 83), "ขก");
    assert_string_equal(thai_page_letter(b, sizeof b, 0), "");
    /* every letter differs from the ten before it */
    char prev[64][32];
    for (int n = 1; n <= 60; n++) {
        thai_page_letter(prev[n], sizeof prev[n], n);
        for (int k = n - 10 > 1 ? n - 10 : 1; k < n; k++)
            assert_string_not_equal(prev[n], prev[k]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(digits_thai_and_arabic),
        cmocka_unit_test(digits_latin_codes_kept),
        cmocka_unit_test(digits_truncate_whole_chars),
        cmocka_unit_test(size_one_and_zero),
        cmocka_unit_test(int_values),
        cmocka_unit_test(baht_separators),
        cmocka_unit_test(baht_extremes),
        cmocka_unit_test(baht_truncated),
        cmocka_unit_test(millions_rounding),
        cmocka_unit_test(millions_edges),
        cmocka_unit_test(month_names),
        cmocka_unit_test(date_buddhist_era),
        cmocka_unit_test(date_invalid),
        cmocka_unit_test(date_truncated),
        cmocka_unit_test(parse_iso),
        cmocka_unit_test(parse_iso_invalid),
        cmocka_unit_test(page_letters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
