/* test_budget.c - budget roll-ups and controlled rounding (budget.c). */
#include "testutil.h"

#include "budget.h"
#include "load.h"
#include "plan.h"
#include "resolve.h"

/* A plan of two issues, three programs and four agencies; `projects` are
 * the <project> elements of PG-1 (issue SI-1).  PG-2 (SI-1) and PG-3 (SI-2)
 * have fixed projects. */
static Plan *plan_with(DiagCapture *c, const char *projects)
{
    static const char fmt[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<plan format=\"1\"><header><title>แผนทดสอบ</title>"
        "<document-type level=\"3\">แผนแม่บทความมั่นคง</document-type>"
        "<issuer agency=\"OPS\"/><period from=\"2561\" to=\"2580\"/>"
        "<phases><phase id=\"PH1\" from=\"2561\" to=\"2580\">ระยะ 20 ปี</phase></phases>"
        "<version number=\"1.0\" date=\"2018-09-14\" status=\"approved\"/></header>\n"
        "<vision>วิสัยทัศน์</vision><issues>\n"
        "<issue id=\"SI-1\"><title>หนึ่ง</title><goal id=\"G-1.1\">ก</goal>"
        "<indicator id=\"IND-1\" goal=\"G-1.1\" unit=\"ร้อยละ\" direction=\"increase\">"
        "<name>ก</name><target phase=\"PH1\">1</target><answerable agencies=\"RTP\"/>"
        "</indicator><strategy id=\"ST-1\" goals=\"G-1.1\"><title>ก</title></strategy></issue>\n"
        "<issue id=\"SI-2\"><title>สอง</title><goal id=\"G-2.1\">ข</goal>"
        "<indicator id=\"IND-2\" goal=\"G-2.1\" unit=\"ร้อยละ\" direction=\"increase\">"
        "<name>ข</name><target phase=\"PH1\">1</target><answerable agencies=\"RTP\"/>"
        "</indicator><strategy id=\"ST-2\" goals=\"G-2.1\"><title>ข</title></strategy></issue>\n"
        "</issues><action-plan>\n"
        "<program id=\"PG-1\" issue=\"SI-1\"><title>หนึ่ง</title>%s</program>\n"
        "<program id=\"PG-2\" issue=\"SI-1\"><title>สอง</title>"
        "<project id=\"PJ-21\" strategy=\"ST-1\" indicators=\"IND-1\"><title>ก</title>"
        "<objective>ก</objective><lead agency=\"DSI\"/><support agencies=\"RTP\"/>"
        "<budget><fy year=\"2564\" status=\"approved\">300</fy></budget></project></program>\n"
        "<program id=\"PG-3\" issue=\"SI-2\"><title>สาม</title>"
        "<project id=\"PJ-31\" strategy=\"ST-2\" indicators=\"IND-2\"><title>ข</title>"
        "<objective>ข</objective><lead agency=\"RTP\"/>"
        "<budget><fy year=\"2563\" status=\"approved\">5000</fy>"
        "<fy year=\"2565\" status=\"requested\">70</fy></budget></project></program>\n"
        "</action-plan><agencies>"
        "<agency id=\"OPS\" abbr=\"สป.\"><name>สำนักงานปลัดกระทรวง</name></agency>"
        "<agency id=\"RTP\" abbr=\"ตร.\"><name>ตำรวจ</name></agency>"
        "<agency id=\"DSI\" abbr=\"ดศ.\"><name>ดีเอสไอ</name></agency>"
        "<agency id=\"OAG\" abbr=\"อส.\"><name>อัยการ</name></agency>"
        "</agencies></plan>\n";
    size_t len = sizeof fmt + strlen(projects);
    char *xml = malloc(len);
    assert_non_null(xml);
    snprintf(xml, len, fmt, projects);
    diag_capture_init(c);
    Plan *p = plan_load_memory(xml, strlen(xml), "plan.xml", NULL, &c->d);
    free(xml);
    if (!p)
        fail_msg("fixture did not load:\n%s", diag_capture_text(c));
    plan_resolve(p, &c->d);
    return p;
}

#define PJ(id, lead, support, budget)                                             \
    "<project id=\"" id "\" strategy=\"ST-1\" indicators=\"IND-1\"><title>t</title>" \
    "<objective>o</objective><lead agency=\"" lead "\"/>" support "<budget>" budget  \
    "</budget></project>"
#define FY(y, amount) "<fy year=\"" #y "\" status=\"approved\">" amount "</fy>"

/* Roll-up value at (row, year). */
static int64_t at(const Rollup *r, const int64_t *m, size_t row, int year)
{
    int y = rollup_year_index(r, year);
    assert_true(y >= 0);
    return m[row * r->n_years + (size_t)y];
}

/* ---- roll-ups ------------------------------------------------------------ */

static void test_rollup_by_program_issue_agency_year(void **state)
{
    DiagCapture c;
    Plan *p = plan_with(&c, PJ("PJ-11", "RTP", "<support agencies=\"OAG DSI\"/>",
                                  FY(2563, "1000") FY(2564, "2000"))
                               PJ("PJ-12", "OAG", "", FY(2563, "10") FY(2563, "5")));
    Rollup *r = rollup_new(p);
    assert_non_null(r);
    assert_int_equal(r->n_years, 3);
    assert_int_equal(r->years[0], 2563);
    assert_int_equal(rollup_year_index(r, 2565), 2);
    assert_int_equal(rollup_year_index(r, 2566), -1);
    /* programs */
    assert_int_equal(at(r, r->program, 0, 2563), 1015); /* two lines of one year add */
    assert_int_equal(at(r, r->program, 0, 2564), 2000);
    assert_int_equal(at(r, r->program, 1, 2564), 300);
    assert_int_equal(at(r, r->program, 2, 2563), 5000);
    assert_int_equal(at(r, r->program, 2, 2565), 70);
    /* issues: PG-1 + PG-2 are SI-1 */
    assert_int_equal(at(r, r->issue, 0, 2563), 1015);
    assert_int_equal(at(r, r->issue, 0, 2564), 2300);
    assert_int_equal(at(r, r->issue, 0, 2565), 0);
    assert_int_equal(at(r, r->issue, 1, 2563), 5000);
    /* agencies (OPS 0, RTP 1, DSI 2, OAG 3): lead and support apart */
    assert_int_equal(at(r, r->lead, 1, 2563), 1000 + 5000);
    assert_int_equal(at(r, r->lead, 1, 2564), 2000);
    assert_int_equal(at(r, r->lead, 2, 2564), 300);
    assert_int_equal(at(r, r->lead, 3, 2563), 15);
    assert_int_equal(at(r, r->lead, 0, 2563), 0);
    assert_int_equal(at(r, r->support, 3, 2563), 1000);  /* OAG supports PJ-11 */
    assert_int_equal(at(r, r->support, 2, 2564), 2000);  /* DSI supports PJ-11 */
    assert_int_equal(at(r, r->support, 1, 2564), 300);   /* RTP supports PJ-21 */
    assert_int_equal(at(r, r->support, 1, 2563), 0);
    /* years and grand */
    assert_int_equal(r->year[0], 6015);
    assert_int_equal(r->year[1], 2300);
    assert_int_equal(r->year[2], 70);
    assert_int_equal(r->grand, 8385);
    rollup_free(r);
    plan_free(p);
    diag_capture_free(&c);
}

/* The lead rows add up to the grand total: a budget counts once. */
static void test_lead_rows_sum_to_grand(void **state)
{
    DiagCapture c;
    Plan *p = plan_with(&c, PJ("PJ-11", "RTP", "<support agencies=\"OAG DSI OPS\"/>",
                                  FY(2563, "1000")));
    Rollup *r = rollup_new(p);
    int64_t sum = 0, sup = 0;
    for (size_t i = 0; i < p->n_agencies * r->n_years; i++) {
        sum += r->lead[i];
        sup += r->support[i];
    }
    assert_int_equal(sum, r->grand);
    assert_int_equal(sup, 3 * 1000 + 300); /* shown apart, never added in */
    rollup_free(r);
    plan_free(p);
    diag_capture_free(&c);
}

static void test_invalid_amounts_not_counted(void **state)
{
    DiagCapture c;
    Plan *p = plan_with(&c, PJ("PJ-11", "RTP", "", FY(2563, "12x") FY(2563, "400")
                                                      FY(2566, "-5") FY(2564, "หนึ่งพัน")));
    Rollup *r = rollup_new(p);
    assert_int_equal(at(r, r->program, 0, 2563), 400);
    assert_int_equal(rollup_year_index(r, 2566), -1); /* an invalid line names no year */
    assert_int_equal(r->grand, 400 + 300 + 5070);
    rollup_free(r);
    plan_free(p);
    diag_capture_free(&c);
}

/* A support list that repeats an agency, or names the lead, counts once
 * (check.c reports it). */
static void test_support_repeats_counted_once(void **state)
{
    DiagCapture c;
    Plan *p = plan_with(&c, PJ("PJ-11", "RTP", "<support agencies=\"OAG OAG RTP\"/>",
                                  FY(2563, "1000")));
    Rollup *r = rollup_new(p);
    assert_int_equal(at(r, r->support, 3, 2563), 1000);
    assert_int_equal(at(r, r->support, 1, 2563), 0);
    assert_int_equal(at(r, r->lead, 1, 2563), 6000);
    rollup_free(r);
    plan_free(p);
    diag_capture_free(&c);
}

/* ---- rounding ------------------------------------------------------------ */

/* Sums check: every total is the sum of its shown parts. */
static void assert_consistent(const Rounded *rd)
{
    int64_t grand = 0;
    for (size_t i = 0; i < rd->rows; i++) {
        int64_t s = 0;
        for (size_t j = 0; j < rd->cols; j++)
            s += rd->cell[i * rd->cols + j];
        assert_int_equal(s, rd->row_total[i]);
    }
    for (size_t j = 0; j < rd->cols; j++) {
        int64_t s = 0;
        for (size_t i = 0; i < rd->rows; i++)
            s += rd->cell[i * rd->cols + j];
        assert_int_equal(s, rd->col_total[j]);
        grand += s;
    }
    assert_int_equal(grand, rd->grand);
}

/* Three cells of 1,335,000 baht: 1.335 each, 4.005 in all.  Rounding each
 * gives 1.34 x 3 = 4.02 against a total of 4.01; controlled rounding shows
 * 1.34 + 1.34 + 1.33 = 4.01 (ties go to the first). */
static void test_three_cells_add_up(void **state)
{
    const int64_t m[] = {1335000, 1335000, 1335000};
    Rounded rd;
    assert_int_equal(rounded_millions(&rd, m, 1, 3, 2), 0);
    assert_int_equal(rd.grand, 401);
    assert_int_equal(rd.cell[0], 134);
    assert_int_equal(rd.cell[1], 134);
    assert_int_equal(rd.cell[2], 133);
    assert_int_equal(rd.row_total[0], 401);
    assert_consistent(&rd);
    rounded_free(&rd);
    /* the same as a column */
    assert_int_equal(rounded_millions(&rd, m, 3, 1, 2), 0);
    assert_int_equal(rd.col_total[0], 401);
    assert_int_equal(rd.cell[0] + rd.cell[1] + rd.cell[2], 401);
    assert_int_equal(rd.cell[2], 133);
    rounded_free(&rd);
}

/* The largest remainder wins, whatever its position. */
static void test_largest_remainder_wins(void **state)
{
    /* 0.004, 0.004, 0.0049 million = 0.0129 -> 0.01: the third gets it. */
    const int64_t m[] = {4000, 4000, 4900};
    Rounded rd;
    assert_int_equal(rounded_millions(&rd, m, 3, 1, 2), 0);
    assert_int_equal(rd.grand, 1);
    assert_int_equal(rd.cell[0], 0);
    assert_int_equal(rd.cell[1], 0);
    assert_int_equal(rd.cell[2], 1);
    rounded_free(&rd);
}

static void test_half_rounds_away_and_exact_values(void **state)
{
    const int64_t half[] = {5000};       /* 0.005 -> 0.01 */
    const int64_t neg[] = {-5000};       /* -0.005 -> -0.01 */
    const int64_t exact[] = {12500000, 0, 7000000, 250000}; /* 12.50 0 7.00 0.25 */
    Rounded rd;
    assert_int_equal(rounded_millions(&rd, half, 1, 1, 2), 0);
    assert_int_equal(rd.grand, 1);
    rounded_free(&rd);
    assert_int_equal(rounded_millions(&rd, neg, 1, 1, 2), 0);
    assert_int_equal(rd.grand, -1);
    assert_int_equal(rd.cell[0], -1);
    rounded_free(&rd);
    assert_int_equal(rounded_millions(&rd, exact, 2, 2, 2), 0);
    assert_int_equal(rd.cell[0], 1250);
    assert_int_equal(rd.cell[1], 0);
    assert_int_equal(rd.cell[2], 700);
    assert_int_equal(rd.cell[3], 25);
    assert_int_equal(rd.grand, 1975);
    rounded_free(&rd);
    /* zero decimals: whole millions */
    const int64_t m[] = {1500000, 1500000};
    assert_int_equal(rounded_millions(&rd, m, 1, 2, 0), 0);
    assert_int_equal(rd.grand, 3);
    assert_int_equal(rd.cell[0] + rd.cell[1], 3);
    rounded_free(&rd);
}

static void test_empty_matrix(void **state)
{
    Rounded rd;
    assert_int_equal(rounded_millions(&rd, NULL, 0, 5, 2), 0);
    assert_int_equal(rd.grand, 0);
    for (size_t j = 0; j < 5; j++)
        assert_int_equal(rd.col_total[j], 0);
    rounded_free(&rd);
    assert_int_equal(rounded_millions(&rd, NULL, 3, 0, 2), 0);
    assert_int_equal(rd.row_total[2], 0);
    rounded_free(&rd);
}

/* |shown * unit - exact| < bound * unit, in whole baht. */
static void assert_within(int64_t shown, int64_t exact, int64_t unit, int64_t bound)
{
    int64_t diff = shown * unit - exact;
    if (diff < 0)
        diff = -diff;
    if (diff >= bound * unit)
        fail_msg("shown %lld units of %lld is %lld baht from the exact %lld (bound %lld)",
                 (long long)shown, (long long)unit, (long long)diff, (long long)exact,
                 (long long)bound);
}

/* Pseudo-random matrices (fixed seed): every total equals the sum of its
 * shown parts; each cell and each column total is strictly within one unit
 * of its exact value (a floor or a ceiling); the grand total within half a
 * unit; a row total within one unit per cell. */
static void test_property_random_matrices(void **state)
{
    uint64_t seed = 0x9e3779b97f4a7c15u;
    for (int round = 0; round < 400; round++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        size_t rows = 1 + (size_t)(seed >> 33) % 12, cols = 1 + (size_t)(seed >> 45) % 8;
        int decimals = (int)((seed >> 20) % 4);
        int64_t unit = 1;
        for (int i = decimals; i < 6; i++)
            unit *= 10;
        int64_t *m = malloc(rows * cols * sizeof *m);
        assert_non_null(m);
        for (size_t k = 0; k < rows * cols; k++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            /* many small amounts and ties: multiples of 500 up to ~50 million */
            int64_t v = (int64_t)((seed >> 24) % 100000) * 500;
            m[k] = (seed >> 60) == 0 ? 0 : v;
        }
        Rounded rd;
        assert_int_equal(rounded_millions(&rd, m, rows, cols, decimals), 0);
        assert_consistent(&rd);
        int64_t grand = 0;
        for (size_t j = 0; j < cols; j++) {
            int64_t col = 0;
            for (size_t i = 0; i < rows; i++) {
                col += m[i * cols + j];
                assert_within(rd.cell[i * cols + j], m[i * cols + j], unit, 1);
            }
            assert_within(rd.col_total[j], col, unit, 1);
            grand += col;
        }
        for (size_t i = 0; i < rows; i++) {
            int64_t row = 0;
            for (size_t j = 0; j < cols; j++)
                row += m[i * cols + j];
            assert_within(rd.row_total[i], row, unit, (int64_t)cols);
        }
        int64_t diff = rd.grand * unit - grand;
        assert_true(2 * (diff < 0 ? -diff : diff) <= unit);
        rounded_free(&rd);
        free(m);
    }
}

/* The same input rounds the same way every time. */
static void test_deterministic(void **state)
{
    const int64_t m[] = {1115000, 2225000, 3335000, 4445000, 5555000, 6665000};
    Rounded a, b;
    assert_int_equal(rounded_millions(&a, m, 2, 3, 2), 0);
    assert_int_equal(rounded_millions(&b, m, 2, 3, 2), 0);
    assert_memory_equal(a.cell, b.cell, 6 * sizeof *a.cell);
    assert_int_equal(a.grand, 2334); /* 23.335 -> 23.34 */
    assert_consistent(&a);
    rounded_free(&a);
    rounded_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rollup_by_program_issue_agency_year),
        cmocka_unit_test(test_lead_rows_sum_to_grand),
        cmocka_unit_test(test_invalid_amounts_not_counted),
        cmocka_unit_test(test_support_repeats_counted_once),
        cmocka_unit_test(test_three_cells_add_up),
        cmocka_unit_test(test_largest_remainder_wins),
        cmocka_unit_test(test_half_rounds_away_and_exact_values),
        cmocka_unit_test(test_empty_matrix),
        cmocka_unit_test(test_property_random_matrices),
        cmocka_unit_test(test_deterministic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
