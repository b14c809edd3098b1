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

#include <regex.h>
#include <sys/stat.h>

#define SAMPLE "samples/trafficking-2561-2580.xml"

static char phaen[512], dir[512];

#define sh run_all
#define slurp(path) read_whole(path, NULL)

/* dir/rel, in buf. */
static const char *at(char *buf, size_t size, const char *rel)
{
    snprintf(buf, size, "%s/%s", dir, rel);
    return buf;
}

/* One command of a sed script: with `re`, s/re/by/ (its first match; \1 in
 * `by` is the first group), else d; in the lines `addr` matches, or every
 * line when addr is NULL.  POSIX basic regular expressions, as sed's. */
typedef struct SedRule {
    const char *addr, *re, *by;
} SedRule;

/* sed -e RULE... from > to, here (the tests ran sed and a shell for it). */
static void sed_file(const char *from, const char *to, const SedRule *rules, size_t n)
{
    regex_t addr[4], re[4];
    assert_true(n <= 4);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(regcomp(&addr[i], rules[i].addr ? rules[i].addr : "", 0), 0);
        assert_int_equal(regcomp(&re[i], rules[i].re ? rules[i].re : "", 0), 0);
        assert_true(!rules[i].by || !strchr(rules[i].by, '&'));
    }
    char *text = slurp(from);
    assert_non_null(text);
    FILE *f = fopen(to, "wb");
    assert_non_null(f);
    for (char *l = text; *l;) {
        char *e = strchr(l, '\n');
        size_t len = e ? (size_t)(e - l) : strlen(l);
        char *line = strndup(l, len);
        int keep = 1;
        for (size_t i = 0; keep && i < n; i++) {
            regmatch_t m[2];
            if (rules[i].addr && regexec(&addr[i], line, 0, NULL, 0) != 0)
                continue;
            if (!rules[i].re) {
                keep = 0;
                continue;
            }
            if (regexec(&re[i], line, 2, m, 0) != 0)
                continue;
            char *edited = NULL;
            size_t elen = 0;
            FILE *w = open_memstream(&edited, &elen);
            fwrite(line, 1, (size_t)m[0].rm_so, w);
            for (const char *b = rules[i].by; *b; b++)
                if (b[0] == '\\' && b[1] == '1') {
                    fwrite(line + m[1].rm_so, 1, (size_t)(m[1].rm_eo - m[1].rm_so), w);
                    b++;
                } else {
                    fputc(*b, w);
                }
            fputs(line + m[0].rm_eo, w);
            fclose(w);
            free(line);
            line = edited;
        }
        if (keep)
            fprintf(f, "%s%s", line, e ? "\n" : "");
        free(line);
        l += len + (e != NULL);
    }
    assert_int_equal(fclose(f), 0);
    free(text);
    for (size_t i = 0; i < n; i++) {
        regfree(&addr[i]);
        regfree(&re[i]);
    }
}

/* grep -c re path: the lines re (basic) matches. */
static int count_lines(const char *path, const char *re)
{
    regex_t r;
    assert_int_equal(regcomp(&r, re, REG_NOSUB), 0);
    char *text = slurp(path);
    assert_non_null(text);
    int n = 0;
    for (char *l = text; *l;) {
        char *e = strchr(l, '\n');
        if (e)
            *e = '\0';
        n += regexec(&r, l, 0, NULL, 0) == 0;
        l = e ? e + 1 : l + strlen(l);
    }
    free(text);
    regfree(&r);
    return n;
}

/* The lines in which the files at a and b differ when they have as many
 * lines, else -1 (diff a b | grep -c '^[<>]' was 2 for 1: a line changed
 * in place and nothing else). */
static int lines_changed(const char *a, const char *b)
{
    char *ta = slurp(a), *tb = slurp(b);
    assert_true(ta && tb);
    int n = 0;
    char *la = ta, *lb = tb;
    while (n >= 0 && (*la || *lb)) {
        if (!*la || !*lb) {
            n = -1;
            break;
        }
        size_t na = strcspn(la, "\n"), nb = strcspn(lb, "\n");
        n += na != nb || memcmp(la, lb, na) != 0;
        la += na + (la[na] != '\0');
        lb += nb + (lb[nb] != '\0');
    }
    free(ta);
    free(tb);
    return n;
}

static int setup(void **state)
{
    (void)state;
    const char *p = getenv("PHAEN"), *b = getenv("BUILD");
    snprintf(phaen, sizeof phaen, "%s", p && *p ? p : "build/phaen");
    snprintf(dir, sizeof dir, "%s/tests/out/export", b && *b ? b : "build");
    int st;
    if (remove_tree(dir) != 0 || mkdir_parents(dir) != 0)
        return -1;
    char csv[600];
    char *out = run_output(&st, 1, (const char *[]){phaen, "export", SAMPLE, "-o", at(csv, sizeof csv, "csv"),
                                                    NULL});
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
    char zero[600], zdir[600];
    sed_file(SAMPLE, at(zero, sizeof zero, "zero.xml"),
             (const SedRule[]){{NULL, "<fy year=\"2564\" status=\"requested\">13000000</fy>",
                                "<fy year=\"2564\" status=\"requested\">0</fy>"},
                               {"<fy year=\"2565\" status=\"requested\">13500000</fy>", NULL, NULL}},
             2);
    char *out = run_output(&st, 1, (const char *[]){phaen, "export", zero, "-o", at(zdir, sizeof zdir, "zero"),
                                                    NULL});
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
    char same[600];
    assert_same_tree(SAMPLE, at(same, sizeof same, "same.xml"));
}

/* An agency changes one budget cell: diff shows that change, both values,
 * and nothing else; the XML differs in that one line. */
static void test_roundtrip_one_budget_cell(void **state)
{
    (void)state;
    int st;
    char from[600], budgets[600], one[600];
    sed_file(at(from, sizeof from, "csv/budgets.csv"), at(budgets, sizeof budgets, "budgets.csv"),
             (const SedRule[]){{NULL, "^PJ-1.01,2564,13000000,requested",
                                "PJ-1.01,2564,\"13,750,000\",requested"}}, 1);
    char *out = run_output(&st, 1, (const char *[]){phaen, "import", SAMPLE, budgets, "-o",
                                                    at(one, sizeof one, "one.xml"), NULL});
    assert_int_equal(st, 0);
    assert_contains(out, "budgets.csv:3: PJ-1.01: 1 change");
    free(out);
    out = sh(&st, "%s diff %s %s/one.xml", phaen, SAMPLE, dir);
    assert_int_equal(st, 0);
    assert_contains(out, "0 added, 0 removed, 1 changed");
    assert_contains(out, "changed project PJ-1.01");
    assert_contains(out, "2564: 13000000 -> 13750000");
    free(out);
    assert_int_equal(lines_changed(SAMPLE, one), 1);
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
    char edit[600];
    out = run_output(&st, 1, (const char *[]){phaen, "export", path, "-o", at(edit, sizeof edit, "edit"), NULL});
    assert_int_equal(st, 0);
    free(out);
    assert_int_equal(count_lines(at(path, sizeof path, "edit/budgets.csv"), "^PJ-9.99,"), 2);
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

/* The exports the readers check: the sample as XLSX twice (x1, x2: the
 * same bytes) and three plans as JSON (j0, j1, j2), made once for test_xlsx
 * and test_json, then read back by one python (export_check.py: the
 * workbook, then each JSON against its schema; a python of its own for the
 * workbook cost 30 ms CPU more).  Each export's exit status and output,
 * and the python's (kept to the end). */
static const char *const export_plans[5] = {SAMPLE, SAMPLE, SAMPLE, "tests/data/shapes-v2.xml",
                                            "tests/data/minimal.xml"};
static const char *const export_dirs[5] = {"x1", "x2", "j0", "j1", "j2"};

typedef struct Exports {
    int st[5], py_st;
    char *out[5], *py;
} Exports;

static const Exports *exports_checked(void)
{
    static Exports e;
    if (!e.py) {
        char d[5][600];
        for (size_t i = 0; i < 5; i++)
            e.out[i] = run_output(&e.st[i], 1, (const char *[]){phaen, "export", export_plans[i],
                                  "--format", i < 2 ? "xlsx" : "json", "-o",
                                  at(d[i], sizeof d[i], export_dirs[i]), NULL});
        char x1[700], j[3][700];
        snprintf(x1, sizeof x1, "%s/plan.xlsx", d[0]);
        for (size_t i = 0; i < 3; i++)
            snprintf(j[i], sizeof j[i], "%s/plan.json", d[2 + i]);
        e.py = run_output(&e.py_st, 1, (const char *[]){test_python(), "tests/export_check.py",
                          "xlsx", x1, "json", j[0], j[1], j[2],
                          "generator/schema/plan-export.schema.json", NULL});
    }
    return &e;
}

static void test_xlsx(void **state)
{
    (void)state;
    char x1[600], x2[600];
    const Exports *e = exports_checked();
    for (size_t i = 0; i < 2; i++)
        if (e->st[i] != 0)
            fail_msg("export %s --format xlsx: %d\n%s", export_plans[i], e->st[i], e->out[i]);
    assert_same_tree(at(x1, sizeof x1, "x1/plan.xlsx"), at(x2, sizeof x2, "x2/plan.xlsx"));
    /* (printed only once the workbook passed every check) */
    assert_contains(e->py, "ok xlsx sheets=11");
}

static void test_json(void **state)
{
    (void)state;
    const Exports *e = exports_checked();
    for (size_t i = 2; i < 5; i++)
        if (e->st[i] != 0)
            fail_msg("%s: %s", export_plans[i], e->out[i]);
    /* (the JSON files are checked last: the status is theirs too) */
    if (e->py_st != 0)
        fail_msg("%s", e->py);
    for (size_t i = 0; i < 3; i++) {
        char want[700];
        snprintf(want, sizeof want, "ok json %s/j%zu/plan.json", dir, i);
        assert_contains(e->py, want);
    }
}

/* Format 2: qualitative indicators and their text targets go round too;
 * a target changed in the indicators table shows in diff. */
static void test_indicators_roundtrip_v2(void **state)
{
    (void)state;
    int st;
    char v2[600], ind[600], v2x[600], indb[600], v2b[600];
#define V2 "tests/data/shapes-v2.xml"
    char *out = run_output(&st, 0, (const char *[]){phaen, "export", V2, "-o", at(v2, sizeof v2, "v2"), NULL});
    assert_int_equal(st, 0);
    free(out);
    at(ind, sizeof ind, "v2/indicators.csv");
    out = run_output(&st, 1, (const char *[]){phaen, "import", V2, ind, "-o", at(v2x, sizeof v2x, "v2.xml"),
                                              NULL});
    assert_int_equal(st, 0);
    assert_contains(out, "no change");
    free(out);
    assert_int_not_equal(count_lines(ind, ",qualitative,"), 0);
    sed_file(ind, at(indb, sizeof indb, "ind.csv"),
             (const SedRule[]){{NULL, "^IND-1.1,\\(.*\\),50,51,", "IND-1.1,\\1,49,51,"}}, 1);
    out = run_output(&st, 0, (const char *[]){phaen, "import", V2, indb, "-o", at(v2b, sizeof v2b, "v2b.xml"),
                                              NULL});
    assert_int_equal(st, 0);
    char *changes = run_output(&st, 0, (const char *[]){phaen, "diff", V2, v2b, NULL});
    assert_int_equal(st, 0);
    /* what the import then diff printed */
    out = realloc(out, strlen(out) + strlen(changes) + 1);
    strcat(out, changes);
    free(changes);
    assert_contains(out, "0 added, 0 removed, 1 changed");
    assert_contains(out, "50 -> 49");
    free(out);
    /* the rest of the file as it was, its comment included: one line */
    assert_int_equal(lines_changed(V2, v2b), 1);
    assert_int_equal(count_lines(v2b, "<!--"), 1);
#undef V2
}

/* Format 2 through the tables: what projects serve and the yearly targets
 * taken out of the sample come back from the sample's own tables, to the
 * byte, and the plan exports (JSON: every format-2 field) as before. */
static void test_roundtrip_v2_alignment(void **state)
{
    (void)state;
    int st;
    char bare[600], projects[600], indicators[600], back[600];
    sed_file(SAMPLE, at(bare, sizeof bare, "bare.xml"),
             (const SedRule[]){{"<project ", " serves=\"[^\"]*\"", ""},
                               {"<project ", " factors=\"[^\"]*\"", ""},
                               {"<target year=", NULL, NULL}}, 3);
    assert_int_equal(count_lines(bare, "serves=\\|<target year"), 13); /* the goals' serves stay */
    char *out = run_output(&st, 0, (const char *[]){phaen, "import", bare,
                                                    at(projects, sizeof projects, "csv/projects.csv"),
                                                    at(indicators, sizeof indicators, "csv/indicators.csv"),
                                                    "-o", at(back, sizeof back, "back.xml"), NULL});
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
    assert_same_tree(SAMPLE, back);
    char jb[600];
    out = run_output(&st, 1, (const char *[]){phaen, "export", back, "--format", "json", "-o",
                                              at(jb, sizeof jb, "jb"), NULL});
    assert_int_equal(st, 0);
    free(out);
    assert_same_tree(ja, at(jb, sizeof jb, "jb/plan.json"));
    /* 13 goals and 48 projects serve 010201 */
    assert_int_equal(count_lines(jb, "\"serves\": \\[\"010201"), 61);
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
