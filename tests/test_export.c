/* test_export.c - phaen export and phaen import, run as the user runs them.
 *
 * Round trips through the CSV tables (unchanged: no change, the same bytes;
 * one budget cell changed: `phaen diff` shows exactly that), every import
 * error with its row and column and nothing written, CSV edge cases (quotes,
 * commas and line breaks in cells, BOM or none, CRLF or LF), the XLSX read
 * back and the JSON checked against its schema by tests/export_check.py
 * (python3's zipfile, ElementTree and jsonschema: readers that share no
 * code with phaen).
 */
#include "testutil.h"

#include <sys/stat.h>

#define SAMPLE "samples/trafficking-2561-2580.xml"

static char phaen[512], dir[512];

#define sh run_all
#define slurp(path) read_whole(path, NULL)

static int setup(void **state)
{
    (void)state;
    const char *p = getenv("PHAEN"), *b = getenv("BUILD");
    snprintf(phaen, sizeof phaen, "%s", p && *p ? p : "build/phaen");
    snprintf(dir, sizeof dir, "%s/tests/out/export", b && *b ? b : "build");
    int st;
    free(sh(&st, "rm -rf %s && mkdir -p %s", dir, dir));
    char *out = sh(&st, "%s export %s -o %s/csv", phaen, SAMPLE, dir);
    if (st != 0 || *out) {
        fprintf(stderr, "export failed (%d): %s\n", st, out);
        free(out);
        return -1;
    }
    free(out);
    return 0;
}

static void test_csv_tables(void **state)
{
    (void)state;
    const char *heads[][2] = {
        {"projects", "id,program,issue,strategy,indicators,lead,support,title,objective,"
                     "budget_source,serves,factors\r\n"},
        {"budgets", "project,year,amount,status\r\n"},
        {"indicators", "id,issue,goal,name,unit,direction,kind,baseline,baseline_year,source,"
                       "answerable,target.PH1,target.PH2,target.PH3,target_fy.2563,"
                       "target_fy.2564\r\n"},
        {"goals", "id,issue,number,text,indicators,strategies,serves,factors\r\n"},
        {"strategies", "id,issue,number,title,goals,measures,projects\r\n"},
        {"agencies", "id,abbr,name,name_en,parent,ministry\r\n"},
        {"subtargets", "id,sub_plan,title,factors\r\n010201,MP-01.2,"},
        {"factors", "id,target,title\r\nF010201,010201,"},
        {"glossary", "abbr,meaning\r\n"},
        {"approvals", "body,number,resolution,date\r\n"},
    };
    for (size_t i = 0; i < sizeof heads / sizeof *heads; i++) {
        char path[700];
        snprintf(path, sizeof path, "%s/csv/%s.csv", dir, heads[i][0]);
        char *s = slurp(path);
        assert_non_null(s);
        assert_memory_equal(s, "\xEF\xBB\xBF", 3); /* BOM: Excel reads Thai right */
        assert_true(!strncmp(s + 3, heads[i][1], strlen(heads[i][1])));
        free(s);
    }
    char path[700];
    snprintf(path, sizeof path, "%s/csv/budgets.csv", dir);
    char *b = slurp(path);
    assert_contains(b, "\r\nPJ-1.01,2563,12500000,approved\r\n");
    free(b);
    /* measures: one a line, a quoted cell with line breaks */
    snprintf(path, sizeof path, "%s/csv/strategies.csv", dir);
    char *s = slurp(path);
    assert_non_null(strstr(s, ",\"") && strstr(s, "\n"));
    free(s);
    snprintf(path, sizeof path, "%s/csv/agencies.csv", dir);
    char *a = slurp(path);
    assert_contains(a, "\r\nOPS-MSDHS,สป.พม.,");
    assert_contains(a, ",MSDHS,MSDHS\r\n"); /* parent, ministry */
    free(a);
    /* format 2: what a project serves, a goal's factors, yearly targets */
    snprintf(path, sizeof path, "%s/csv/projects.csv", dir);
    char *pj = slurp(path);
    assert_contains(pj, ",010201 010202,F010201 F010206\r\n");
    free(pj);
    snprintf(path, sizeof path, "%s/csv/indicators.csv", dir);
    char *in = slurp(path);
    assert_contains(in, ",75,85,95,68,71\r\n");
    free(in);
}

/* No allocation: no row; an allocation of 0: a row of 0. */
static void test_zero_versus_none(void **state)
{
    (void)state;
    int st;
    free(sh(&st, "sed -e 's|<fy year=\"2564\" status=\"requested\">13000000</fy>|"
                 "<fy year=\"2564\" status=\"requested\">0</fy>|' "
                 "-e '/<fy year=\"2565\" status=\"requested\">13500000<\\/fy>/d' %s > %s/zero.xml",
            SAMPLE, dir));
    char *out = sh(&st, "%s export %s/zero.xml -o %s/zero", phaen, dir, dir);
    assert_int_equal(st, 0);
    free(out);
    char path[700];
    snprintf(path, sizeof path, "%s/zero/budgets.csv", dir);
    char *b = slurp(path);
    assert_contains(b, "\r\nPJ-1.01,2564,0,requested\r\n");
    assert_not_contains(b, "PJ-1.01,2565,");
    assert_contains(b, "\r\nPJ-1.01,2566,14000000,requested\r\n");
    free(b);
}

static void test_roundtrip_unchanged(void **state)
{
    (void)state;
    int st;
    char *out = sh(&st, "%s import %s %s/csv/projects.csv %s/csv/budgets.csv "
                        "%s/csv/indicators.csv -o %s/same.xml",
                   phaen, SAMPLE, dir, dir, dir, dir);
    assert_int_equal(st, 0);
    assert_contains(out, "no change");
    free(out);
    out = sh(&st, "cmp %s %s/same.xml", SAMPLE, dir);
    assert_int_equal(st, 0);
    free(out);
}

/* An agency changes one budget cell: diff shows that change, both values,
 * and nothing else; the XML differs in that one line. */
static void test_roundtrip_one_budget_cell(void **state)
{
    (void)state;
    int st;
    free(sh(&st, "sed 's/^PJ-1.01,2564,13000000,requested/PJ-1.01,2564,\"13,750,000\",requested/' "
                 "%s/csv/budgets.csv > %s/budgets.csv", dir, dir));
    char *out = sh(&st, "%s import %s %s/budgets.csv -o %s/one.xml", phaen, SAMPLE, dir, dir);
    assert_int_equal(st, 0);
    assert_contains(out, "budgets.csv:3: PJ-1.01: 1 change");
    free(out);
    out = sh(&st, "%s diff %s %s/one.xml", phaen, SAMPLE, dir);
    assert_int_equal(st, 0);
    assert_contains(out, "0 added, 0 removed, 1 changed");
    assert_contains(out, "changed project PJ-1.01");
    assert_contains(out, "2564: 13000000 -> 13750000");
    free(out);
    out = sh(&st, "diff %s %s/one.xml | grep -c '^[<>]'", SAMPLE, dir);
    assert_string_equal(out, "2\n");
    free(out);
}

/* A projects sheet edited in a spreadsheet: CRLF, no BOM, a title with a
 * comma and quotes, an objective with a line break, a new project with
 * its budget in the same run and the sub-plan target it serves (without
 * it, check warns). */
static void test_projects_edit_and_add(void **state)
{
    (void)state;
    char path[700];
    snprintf(path, sizeof path, "%s/projects-edit.csv", dir);
    write_file(path, "id,program,strategy,lead,support,title,objective,serves\r\n"
                     "PJ-1.01,PG-1.1,ST-1.1,RTP,DSI OAG,\"โครงการ \"\"ใหม่\"\", ทดสอบ\","
                     "\"บรรทัดแรก\r\nบรรทัดสอง\",010201\r\n"
                     "PJ-9.99,PG-1.1,ST-1.2,DSI,,โครงการเพิ่ม,เพื่อทดสอบ,010201\r\n");
    snprintf(path, sizeof path, "%s/budgets-new.csv", dir);
    write_file(path, "\xEF\xBB\xBFproject,year,amount,status\n"
                     "PJ-9.99,2565,1000000,requested\n"
                     "PJ-9.99,2563,0,approved\n");
    int st;
    char *out = sh(&st, "%s import %s %s/projects-edit.csv %s/budgets-new.csv -o %s/edit.xml",
                   phaen, SAMPLE, dir, dir, dir);
    assert_int_equal(st, 0);
    free(out);
    out = sh(&st, "%s diff %s %s/edit.xml", phaen, SAMPLE, dir);
    assert_int_equal(st, 0);
    assert_contains(out, "1 added, 0 removed, 2 changed");
    assert_contains(out, "-> บรรทัดแรก บรรทัดสอง"); /* a line break in a cell */
    assert_contains(out, "PJ-9.99");
    assert_contains(out, "โครงการ \"ใหม่\", ทดสอบ");
    free(out);
    snprintf(path, sizeof path, "%s/edit.xml", dir);
    char *x = slurp(path);
    /* years in order, the one of 0 kept as 0 */
    char *a = strstr(x, "<fy year=\"2563\" status=\"approved\">0</fy>");
    char *b = strstr(x, "<fy year=\"2565\" status=\"requested\">1000000</fy>");
    assert_true(a && b && a < b);
    /* the new project and its children each on a line of their own, as
     * the file's own are (libxml2 once merged the indent into the closing
     * blanks: "</project><project ...>", "<title>...</title><objective>") */
    assert_contains(x, "      </project>\n      <project id=\"PJ-9.99\"");
    assert_contains(x, "<title>โครงการเพิ่ม</title>\n        <objective>");
    assert_contains(x, "        </budget>\n      </project>\n    </program>");
    free(x);
    /* and it exports back to what was imported */
    out = sh(&st, "%s export %s/edit.xml -o %s/edit && grep -c '^PJ-9.99,' %s/edit/budgets.csv",
             phaen, dir, dir, dir);
    assert_int_equal(st, 0);
    assert_string_equal(out, "2\n");
    free(out);
}

static void test_import_errors(void **state)
{
    (void)state;
    char p1[700], p2[700], p3[700], o[700];
    snprintf(p1, sizeof p1, "%s/projects-bad.csv", dir);
    snprintf(p2, sizeof p2, "%s/budgets-bad.csv", dir);
    snprintf(p3, sizeof p3, "%s/indicators-bad.csv", dir);
    snprintf(o, sizeof o, "%s/bad.xml", dir);
    write_file(p1, "id,program,strategy,lead,colour\r\n"
                   "PJ-1.01,PG-1.1,ST-9.9,RTP,red\r\n"
                   "PJ-NEW,PG-1.1,G-1.1,NOPE,\r\n"
                   "PJ-1.01,PG-1.1,ST-1.1,RTP,\r\n"
                   "G-1.1,PG-1.1,ST-1.1,RTP,\r\n");
    write_file(p2, "project,year,amount,status\n"
                   "PJ-1.01,2564,12x,requested\n"
                   "PJ-1.02,2564,5,maybe\n"
                   "PJ-ZZ,99,1,approved\n"
                   "PJ-1.02,2564,6,approved\n"
                   "PJ-1.03,2599,7,,\n");
    write_file(p3, "id,goal,direction,kind,target.PH9\n"
                   "IND-1.1.1,G-9,up,quantitative,1\n");
    write_file(o, "keep");
    int st;
    char *out = sh(&st, "%s import %s %s %s %s -o %s", phaen, SAMPLE, p1, p2, p3, o);
    assert_int_equal(st, 1);
    const char *want[] = {
        "projects-bad.csv:1:5: error: unknown column 'colour'",
        "projects-bad.csv:2:3: error: unknown strategy 'ST-9.9'",
        "projects-bad.csv:3:3: error: 'G-1.1' is a goal, not a strategy",
        "projects-bad.csv:3:4: error: unknown agency 'NOPE'",
        "projects-bad.csv:3:1: error: new project 'PJ-NEW' needs a value in column 'title'",
        "projects-bad.csv:4:1: error: duplicate id 'PJ-1.01'",
        "projects-bad.csv:5:1: error: id 'G-1.1' already names a goal",
        "budgets-bad.csv:2:3: error: '12x' is not a whole number of baht",
        "budgets-bad.csv:3:4: error: 'maybe' is not a budget status",
        "budgets-bad.csv:4:1: error: unknown project 'PJ-ZZ'",
        "budgets-bad.csv:4:2: error: '99' is not a fiscal year",
        "budgets-bad.csv:5:2: error: project 'PJ-1.02' has fiscal year 2564 twice",
        "budgets-bad.csv:6:5: error: the row has 5 cells, the header 4",
        "indicators-bad.csv:1:5: error: column 'target.PH9': the plan has no phase 'PH9'",
        "indicators-bad.csv:2:2: error: unknown goal 'G-9'",
        "indicators-bad.csv:2:3: error: 'up' is not a direction",
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        assert_contains(out, want[i]);
    free(out);
    char *kept = slurp(o);
    assert_string_equal(kept, "keep"); /* nothing written */
    free(kept);
}

/* A quote that is not doubled, in strict RFC 4180: refused with its row. */
static void test_import_bad_csv(void **state)
{
    (void)state;
    char p[700];
    snprintf(p, sizeof p, "%s/projects-quote.csv", dir);
    write_file(p, "id,title\n\"PJ-1.01\",ok\nPJ-1.02,\"a \"b\" c\"\n");
    int st;
    char *out = sh(&st, "%s import %s %s -o %s/q.xml", phaen, SAMPLE, p, dir);
    assert_int_equal(st, 1);
    assert_contains(out, "projects-quote.csv:3:1: error: not CSV as RFC 4180 says it");
    free(out);
    struct stat sb;
    char q[700];
    snprintf(q, sizeof q, "%s/q.xml", dir);
    assert_int_not_equal(stat(q, &sb), 0);
}

/* A change the tables allow but the plan does not (a project without a
 * title is caught by the cells; a strategy of another issue's program by
 * phaen's own check of the new plan): nothing written. */
static void test_import_new_plan_checked(void **state)
{
    (void)state;
    char p[700];
    snprintf(p, sizeof p, "%s/projects-budget-source.csv", dir);
    write_file(p, "id,budget_source\nPJ-9.1,เงินกู้\n");
    int st;
    char *out = sh(&st, "%s import %s %s -o %s/nb.xml", phaen, SAMPLE, p, dir);
    assert_int_equal(st, 1);
    assert_contains(out, "new project 'PJ-9.1' needs a value in column 'program'");
    free(out);
}

static void test_xlsx(void **state)
{
    (void)state;
    int st;
    char *out = sh(&st, "%s export %s --format xlsx -o %s/x1 && %s export %s --format xlsx "
                        "-o %s/x2 && cmp %s/x1/plan.xlsx %s/x2/plan.xlsx && "
                        "%s tests/export_check.py xlsx %s/x1/plan.xlsx",
                   phaen, SAMPLE, dir, phaen, SAMPLE, dir, dir, dir, test_python(), dir);
    assert_int_equal(st, 0);
    assert_contains(out, "ok xlsx sheets=11");
    free(out);
}

static void test_json(void **state)
{
    (void)state;
    const char *plans[] = {SAMPLE, "tests/data/shapes-v2.xml", "tests/data/minimal.xml"};
    for (size_t i = 0; i < 3; i++) {
        int st;
        char *out = sh(&st, "%s export %s --format json -o %s/j%zu 2>&1", phaen, plans[i], dir, i);
        if (st != 0)
            fail_msg("%s: %s", plans[i], out);
        free(out);
    }
    /* the three in one python (importing jsonschema is most of its time) */
    int st;
    char *out = sh(&st, "%s tests/export_check.py json %s/j0/plan.json %s/j1/plan.json "
                        "%s/j2/plan.json generator/schema/plan-export.schema.json",
                   test_python(), dir, dir, dir);
    if (st != 0)
        fail_msg("%s", out);
    for (size_t i = 0; i < 3; i++) {
        char want[700];
        snprintf(want, sizeof want, "ok json %s/j%zu/plan.json", dir, i);
        assert_contains(out, want);
    }
    free(out);
}

/* Format 2: qualitative indicators and their text targets go round too;
 * a target changed in the indicators table shows in diff. */
static void test_indicators_roundtrip_v2(void **state)
{
    (void)state;
    int st;
    char *out = sh(&st, "%s export tests/data/shapes-v2.xml -o %s/v2 2>/dev/null && "
                        "%s import tests/data/shapes-v2.xml %s/v2/indicators.csv -o %s/v2.xml",
                   phaen, dir, phaen, dir, dir);
    assert_int_equal(st, 0);
    assert_contains(out, "no change");
    free(out);
    out = sh(&st, "grep -c ',qualitative,' %s/v2/indicators.csv", dir);
    assert_int_not_equal(atoi(out), 0);
    free(out);
    out = sh(&st, "sed 's/^IND-1.1,\\(.*\\),50,51,/IND-1.1,\\1,49,51,/' %s/v2/indicators.csv > "
                  "%s/ind.csv && %s import tests/data/shapes-v2.xml %s/ind.csv -o %s/v2b.xml "
                  "2>/dev/null && %s diff tests/data/shapes-v2.xml %s/v2b.xml 2>/dev/null",
             dir, dir, phaen, dir, dir, phaen, dir);
    assert_int_equal(st, 0);
    assert_contains(out, "0 added, 0 removed, 1 changed");
    assert_contains(out, "50 -> 49");
    free(out);
    /* the rest of the file as it was, its comment included: one line */
    out = sh(&st, "diff tests/data/shapes-v2.xml %s/v2b.xml | grep -c '^[<>]'; "
                  "grep -c '<!--' %s/v2b.xml", dir, dir);
    assert_string_equal(out, "2\n1\n");
    free(out);
}

/* Format 2 through the tables: what projects serve and the yearly targets
 * taken out of the sample come back from the sample's own tables, to the
 * byte, and the plan exports (JSON: every format-2 field) as before. */
static void test_roundtrip_v2_alignment(void **state)
{
    (void)state;
    int st;
    char *out = sh(&st, "sed -e '/<project /s/ serves=\"[^\"]*\"//' "
                        "-e '/<project /s/ factors=\"[^\"]*\"//' -e '/<target year=/d' "
                        "%s > %s/bare.xml && grep -c 'serves=\\|<target year' %s/bare.xml",
                   SAMPLE, dir, dir);
    assert_string_equal(out, "13\n"); /* the goals' serves stay */
    free(out);
    out = sh(&st, "%s import %s/bare.xml %s/csv/projects.csv %s/csv/indicators.csv "
                  "-o %s/back.xml 2>/dev/null", phaen, dir, dir, dir, dir);
    assert_int_equal(st, 0);
    assert_contains(out, "101 changes");
    free(out);
    /* the sample's JSON: test_json's (j0, the same command), else made here */
    char ja[700];
    snprintf(ja, sizeof ja, "%s/j0/plan.json", dir);
    if (access(ja, F_OK) != 0) {
        snprintf(ja, sizeof ja, "%s/ja/plan.json", dir);
        free(sh(&st, "%s export %s --format json -o %s/ja", phaen, SAMPLE, dir));
        assert_int_equal(st, 0);
    }
    out = sh(&st, "cmp %s %s/back.xml && %s export %s/back.xml --format json -o %s/jb && "
                  "cmp %s %s/jb/plan.json && grep -c '\"serves\": \\[\"010201' %s/jb/plan.json",
             SAMPLE, dir, phaen, dir, dir, ja, dir, dir);
    assert_int_equal(st, 0);
    assert_string_equal(out, "61\n"); /* 13 goals and 48 projects serve 010201 */
    free(out);
}

/* What a table cannot change is refused, loudly, with its place. */
static void test_import_v2_refused(void **state)
{
    (void)state;
    char p1[700], p2[700];
    snprintf(p1, sizeof p1, "%s/projects-v2.csv", dir);
    snprintf(p2, sizeof p2, "%s/indicators-v2.csv", dir);
    write_file(p1, "id,serves,factors\nPJ-1.01,010299,G-1.1\n");
    write_file(p2, "id,target_fy.2563,target_fy.25x\nIND-1.1.1,70,1\n");
    int st;
    char *out = sh(&st, "%s import %s %s %s %s/csv/goals.csv %s/csv/glossary.csv -o %s/r.xml",
                   phaen, SAMPLE, p1, p2, dir, dir, dir);
    assert_int_equal(st, 1);
    assert_contains(out, "projects-v2.csv:2:2: error: unknown sub-plan target '010299'");
    assert_contains(out, "projects-v2.csv:2:3: error: 'G-1.1' is a goal, not a factor");
    assert_contains(out, "indicators-v2.csv:1:3: error: column 'target_fy.25x': '25x' is "
                         "not a fiscal year");
    assert_contains(out, "goals.csv:1:1: error: phaen import reads the projects, budgets and "
                         "indicators tables, not the goals table");
    assert_contains(out, "glossary.csv:1:1: error: phaen import reads");
    free(out);
    /* a format-1 plan has none of these */
    out = sh(&st, "%s import tests/data/minimal.xml %s %s -o %s/r1.xml", phaen, p1, p2, dir);
    assert_int_equal(st, 1);
    assert_contains(out, "projects-v2.csv:2:2: error: a format-1 plan has no sub-plan targets");
    assert_contains(out, "indicators-v2.csv:1:2: error: column 'target_fy.2563': a format-1 "
                         "plan has no yearly targets");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_tables),
        cmocka_unit_test(test_zero_versus_none),
        cmocka_unit_test(test_roundtrip_unchanged),
        cmocka_unit_test(test_roundtrip_one_budget_cell),
        cmocka_unit_test(test_projects_edit_and_add),
        cmocka_unit_test(test_import_errors),
        cmocka_unit_test(test_import_bad_csv),
        cmocka_unit_test(test_import_new_plan_checked),
        cmocka_unit_test(test_xlsx),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_indicators_roundtrip_v2),
        cmocka_unit_test(test_roundtrip_v2_alignment),
        cmocka_unit_test(test_import_v2_refused),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
