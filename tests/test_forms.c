/* test_forms.c - phaen forms and phaen collect, run as the user runs them.
 *
 * The forms of the sample: one PDF and one CSV per agency with a role,
 * the CSV read back by python3's csv module (a reader that shares no code
 * with phaen: BOM, keys, the '#' row, the rows of the agency), the PDF by
 * pdftotext, pdfinfo and qpdf --check; the same bytes whatever -j.  Then
 * collect: a form filled as a spreadsheet would save it, into a results
 * file that validates against generator/schema/results-1.xsd (libxml2's
 * validator); every collect error with its row and column, and nothing
 * written; the same bytes twice and in any order of the forms.
 */
#include "testutil.h"

#include <glob.h>
#include <sys/stat.h>
#include <time.h>

#include <libxml/xmlschemas.h>

#include "export.h"
#include "forms.h"
#include "load.h"

#define SAMPLE "samples/trafficking-2561-2580.xml"
#define V2 "tests/data/shapes-v2.xml"
#define KEYS "kind,id,fiscal_year,agency,name,unit,baseline,baseline_year,target,budget," \
             "actual,spent,progress,status,note,source,date"

static char phaen[512], dir[512];

#define sh run_all
#define slurp(path) read_whole(path, NULL)

/* Whether dir/rel exists. */
static int exists(const char *rel)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    struct stat st;
    return stat(path, &st) == 0;
}

/* dir/rel, in buf. */
static const char *at(char *buf, size_t size, const char *rel)
{
    snprintf(buf, size, "%s/%s", dir, rel);
    return buf;
}

/* What `tr -s ' \n' ' '` makes of s, in place: each run of spaces and line
 * breaks one space. */
static char *squeeze(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++)
        if (!((*r == ' ' || *r == '\n') && w > s && w[-1] == ' '))
            *w++ = *r == '\n' ? ' ' : *r;
    *w = '\0';
    return s;
}

/* The lines of the file at path that start with one of the prefixes (NULL
 * ends them), each ending "\n", appended to m: what grep -a '^a\|^b' path
 * prints. */
static void grep_lines(FILE *m, const char *path, const char *const *prefixes)
{
    char *text = slurp(path);
    assert_non_null(text);
    for (char *l = text; *l;) {
        char *e = strchr(l, '\n');
        size_t len = e ? (size_t)(e - l) : strlen(l);
        for (size_t i = 0; prefixes[i]; i++)
            if (!strncmp(l, prefixes[i], strlen(prefixes[i]))) {
                fprintf(m, "%.*s\n", (int)len, l);
                break;
            }
        l += len + (e != NULL);
    }
    free(text);
}

static int setup(void **state)
{
    (void)state;
    const char *p = getenv("PHAEN"), *b = getenv("BUILD");
    snprintf(phaen, sizeof phaen, "%s", p && *p ? p : "build/phaen");
    snprintf(dir, sizeof dir, "%s/tests/out/forms", b && *b ? b : "build");
    int st;
    if (remove_tree(dir) != 0 || mkdir_parents(dir) != 0)
        return -1;
    char f[600];
    char *out = run_output(&st, 1, (const char *[]){phaen, "forms", SAMPLE, "-o", at(f, sizeof f, "f"), "-j2",
                                                    NULL});
    if (st != 0 || *out) {
        fprintf(stderr, "forms failed (%d): %s\n", st, out);
        free(out);
        return -1;
    }
    free(out);
    return 0;
}

/* --- forms -------------------------------------------------------------- */

/* A form for every agency that leads a project or answers for an
 * indicator, and for no other (MOI, a ministry, has its role through the
 * agencies under it; RTN only supports); its CSV has a row for each of those indicators and
 * projects. */
static void test_forms_files(void **state)
{
    (void)state;
    DiagCapture dc;
    diag_capture_init(&dc);
    Plan *p = export_load_checked(SAMPLE, 0, &dc.d);
    assert_non_null(p);
    size_t with = 0;
    for (size_t i = 0; i < p->n_agencies; i++) {
        const Agency *a = &p->agencies[i];
        char rel[256];
        snprintf(rel, sizeof rel, "f/forms/%s.pdf", a->id);
        assert_int_equal(exists(rel), form_has_rows(a));
        snprintf(rel, sizeof rel, "f/forms/%s.csv", a->id);
        assert_int_equal(exists(rel), form_has_rows(a));
        if (!form_has_rows(a))
            continue;
        with++;
        /* its rows of each kind (read here: a grep a form cost more than
         * the forms) */
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, rel);
        char *csv = slurp(path);
        assert_non_null(csv);
        size_t n_ind = 0, n_pj = 0;
        for (const char *l = csv; l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
            n_ind += !strncmp(l, "indicator,", 10);
            n_pj += !strncmp(l, "project,", 8);
        }
        free(csv);
        assert_int_equal(n_ind, a->n_answers);
        assert_int_equal(n_pj, a->n_leads);
    }
    /* as many files as forms (ls | wc -l, here) */
    char forms[600];
    DIR *d = opendir(at(forms, sizeof forms, "f/forms"));
    assert_non_null(d);
    size_t files = 0;
    for (struct dirent *e; (e = readdir(d));)
        files += e->d_name[0] != '.';
    closedir(d);
    assert_int_equal(files, 2 * with);
    assert_true(with > 20 && with < p->n_agencies);
    plan_free(p);
    load_cleanup();
    diag_capture_free(&dc);
    assert_true(exists("f/forms/RTP.pdf"));
    assert_true(exists("f/forms/RTP.csv"));
    assert_true(exists("f/forms/AMLO.csv")); /* answers for an indicator only */
    assert_false(exists("f/forms/MOI.pdf"));
    assert_false(exists("f/forms/RTN.csv"));
}

/* The forms' CSV read and written by python's csv module, in one python
 * (its start is most of its time), run once: what it printed (stdout and
 * stderr; owned here), *status its exit status.  It prints RTP's rows
 * (kind, id, year, agency, target, budget, then the cells to fill between
 * bars), after a '#' row, as DictReader reads them (test_forms_csv); and
 * fills RTP's and DSI's forms as a spreadsheet saves them (python's csv
 * writer: CRLF, quoting, the BOM kept) into DIR/<agency>-filled.csv: Thai
 * digits, thousands separators, a per cent sign, a Thai status, a note
 * with a line break and a comma; one indicator row left empty (not
 * reported) (fill_forms, for collect). */
static char *python_forms(int *status)
{
    static char *out;
    static int st;
    if (!out)
        out = run_output(&st, 1, (const char *[]){test_python(), "-c",
            "import csv,sys\n"
            "r=list(csv.DictReader(open(sys.argv[1]+'/f/forms/RTP.csv',encoding='utf-8-sig',"
            "newline='')))\n"
            "assert r[0]['kind'].startswith('#')\n"
            "for x in r[1:]:\n"
            " print(x['kind'],x['id'],x['fiscal_year'],x['agency'],x['target'],"
            "x['budget'],'|'+x['actual']+x['spent']+x['progress']+x['status']+"
            "x['note']+x['source']+x['date']+'|')\n"
            "for a in ('RTP','DSI'):\n"
            " rows=list(csv.reader(open(sys.argv[1]+'/f/forms/'+a+'.csv',"
            "encoding='utf-8-sig',newline='')))\n"
            " k=rows[0]\n"
            " for r in rows[2:]:\n"
            "  d=dict(zip(k,r))\n"
            "  if d['id']=='IND-1.2.2': continue\n"
            "  if d['kind']=='indicator':\n"
            "   d['actual']={'IND-1.1.1':'๗๘.๕','IND-3.1.1':'90 %'}.get(d['id'],'1,234')\n"
            "   if d['id']=='IND-4.1.2': d['id']=' IND-4.1.2 '\n"
            "   d['source']='ระบบสารสนเทศคดี'\n"
            "  else:\n"
            "   d['spent']='11,875,000.50'; d['progress']='80%'; d['status']='ล่าช้า'\n"
            "   d['note']='งบประมาณล่าช้า,\\nบางส่วน'\n"
            "  r[:]=[d[x] for x in k]\n"
            " w=csv.writer(open(sys.argv[1]+'/'+a+'-filled.csv','w',encoding='utf-8-sig',"
            "newline=''),lineterminator='\\r\\n')\n"
            " w.writerows(rows)\n", dir, NULL});
    *status = st;
    return out;
}

/* RTP's CSV read by python's csv module: the BOM, the keys, the '#' row,
 * then its five indicators and the one project it leads, for 2563 (the
 * first year the plan budgets), with the target that applies (IND-1.1.1's
 * own for 2563, 68; else the phase's) and the year's budget, the cells to
 * fill empty. */
static void test_forms_csv(void **state)
{
    (void)state;
    char path[700];
    snprintf(path, sizeof path, "%s/f/forms/RTP.csv", dir);
    char *s = slurp(path);
    assert_non_null(s);
    assert_memory_equal(s, "\xEF\xBB\xBF" KEYS "\r\n# ", 3 + strlen(KEYS) + 4);
    free(s);
    int st;
    char *out = python_forms(&st);
    assert_int_equal(st, 0);
    assert_string_equal(out, "indicator IND-1.1.1 2563 RTP 68  ||\n"
                             "indicator IND-1.2.2 2563 RTP 85  ||\n"
                             "indicator IND-1.3.1 2563 RTP 80  ||\n"
                             "indicator IND-3.1.1 2563 RTP 90  ||\n"
                             "indicator IND-4.1.2 2563 RTP 80  ||\n"
                             "project PJ-1.01 2563 RTP  12500000 ||\n");
}

/* The printable form: landscape A4, the agency, every row's id, the
 * statuses to tick, read back by poppler; a clean file for qpdf. */
static void test_forms_pdf(void **state)
{
    (void)state;
    int st;
    char pdf[600];
    at(pdf, sizeof pdf, "f/forms/RTP.pdf");
    char *out = run_output(&st, 1, (const char *[]){"qpdf", "--check", pdf, NULL});
    assert_int_equal(st, 0);
    free(out);
    out = run_output(&st, 1, (const char *[]){"pdfinfo", pdf, NULL});
    assert_contains(out, "841.89 x 595.276 pts (A4)");
    free(out);
    assert_int_equal(run_argv(&out, 0, (const char *[]){"pdftotext", "-raw", pdf, "-", NULL}), 0);
    squeeze(out);
    assert_contains(out, "แบบรายงานผลการดำเนินงาน ปีงบประมาณ พ.ศ. ๒๕๖๓");
    assert_contains(out, "สำนักงานตำรวจแห่งชาติ");
    const char *ids[] = {"IND-1.1.1", "IND-1.2.2", "IND-1.3.1", "IND-3.1.1", "IND-4.1.2",
                         "PJ-1.01", "๑๒,๕๐๐,๐๐๐", "ยังไม่เริ่ม", "ตามแผน", "ล่าช้า",
                         "แล้วเสร็จ", "ยกเลิก", "ผลการดำเนินงาน", "ใช้จ่ายจริง", "RTP.csv",
                         "(๒๕๖๐) ๖๘ ", "(๒๕๖๐) ๘๕ (ระยะ ๕ ปี)" /* a year's own target, a phase's */};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        assert_contains(out, ids[i]);
    assert_not_contains(out, "PJ-1.02"); /* ATPD's project, under RTP */
    free(out);
}

/* Same plan, same bytes: -j1 against the -j2 of setup. */
static void test_forms_same_bytes(void **state)
{
    (void)state;
    int st;
    char g[600], f[600];
    char *out = run_output(&st, 1, (const char *[]){phaen, "forms", SAMPLE, "-o", at(g, sizeof g, "g"), "-j1",
                                                    NULL});
    assert_int_equal(st, 0);
    assert_string_equal(out, "");
    free(out);
    /* what diff -r says, read here */
    assert_same_tree(at(f, sizeof f, "f/forms"), at(g, sizeof g, "g/forms"));
}

/* `forms --agency RTP --year 2566` into y, once for the two tests that
 * read it (a run of its own for each cost 0.07 s CPU), into a folder that
 * holds what a killed run of forms left (a temporary PDF and CSV of
 * another agency's form, two minutes old, and a hidden file of another
 * kind): what it printed, *status its exit status, and the names in
 * y/forms afterwards, one a line (ls -A, read here). */
static char *forms_y(int *status, char **names)
{
    static char *out, *ls;
    static int st = -1;
    if (!out) {
        char forms[600], path[700];
        assert_int_equal(mkdir_parents(at(forms, sizeof forms, "y/forms")), 0);
        static const char *const left[] = {".DSI.csv.phaen-AbC123", ".DSI.pdf.phaen-XyZ789",
                                           ".notes.csv.keep"};
        for (size_t i = 0; i < 3; i++) {
            snprintf(path, sizeof path, "%s/%s", forms, left[i]);
            write_stale_file(path);
        }
        char y[600];
        out = run_output(&st, 1, (const char *[]){phaen, "forms", SAMPLE, "-o", at(y, sizeof y, "y"), "--agency",
                                                  "RTP", "--year", "2566", NULL});
        ls = list_names(forms);
    }
    *status = st;
    *names = ls;
    return out;
}

/* The temporaries a killed run of forms left (PDF and CSV) are removed by
 * the next one; a hidden file of another kind is not. */
static void test_forms_stale_temporaries(void **state)
{
    (void)state;
    int st;
    char *ls;
    forms_y(&st, &ls);
    assert_int_equal(st, 0);
    assert_not_contains(ls, ".phaen-");
    assert_contains(ls, ".notes.csv.keep");
}

/* --year and --agency; a year outside the plan and an agency without a
 * form are refused before anything is written. */
static void test_forms_options(void **state)
{
    (void)state;
    int st;
    char *ls, csv[600];
    const char *printed = forms_y(&st, &ls);
    assert_int_equal(st, 0);
    /* what it printed, then what ls and grep -a '^indicator,IND-1.1.1,\\|^project,'
     * RTP.csv said */
    char *out = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&out, &len);
    fputs(printed, m);
    for (const char *l = ls; *l; l = strchr(l, '\n') + 1)
        if (*l != '.')
            fprintf(m, "%.*s\n", (int)(strchr(l, '\n') - l), l);
    grep_lines(m, at(csv, sizeof csv, "y/forms/RTP.csv"),
               (const char *[]){"indicator,IND-1.1.1,", "project,", NULL});
    fclose(m);
    assert_contains(out, "RTP.csv\nRTP.pdf\nindicator,IND-1.1.1,2566,RTP,");
    assert_contains(out, ",60,2560,85,,,,,,,,\r\n");      /* PH2's target */
    assert_contains(out, ",,,,,14000000,,,,,,,\r\n");     /* 2566's budget */
    free(out);
    char bad[600];
    at(bad, sizeof bad, "bad");
    out = run_output(&st, 1, (const char *[]){phaen, "forms", SAMPLE, "-o", bad, "--year", "2590", NULL});
    assert_int_equal(st, 2);
    assert_contains(out, "--year 2590: the plan runs from 2561 to 2580");
    free(out);
    out = run_output(&st, 1, (const char *[]){phaen, "forms", SAMPLE, "-o", bad, "--agency", "MOI", NULL});
    assert_int_equal(st, 2);
    assert_contains(out, "--agency MOI: it leads no project and answers for no indicator");
    free(out);
    out = run_output(&st, 1, (const char *[]){phaen, "forms", SAMPLE, "-o", bad, "--agency", "NOPE", NULL});
    assert_int_equal(st, 2);
    free(out);
    assert_false(exists("bad"));
}

/* A plan where no agency leads a project or answers for an indicator has
 * no form: forms says so at the plan, exits 1 (as collect does with
 * nothing to collect) and makes no folder, rather than an empty one with
 * exit 0. */
static void test_forms_no_rows(void **state)
{
    (void)state;
    /* the minimal plan without its indicators and its action plan (the
     * lines of each, cut here: a python for it cost 0.04 s CPU) */
    char *xml = slurp("tests/data/minimal.xml");
    assert_non_null(xml);
    static const char *const cut[][2] = {{"<indicator ", "</indicator>"},
                                         {"<action-plan>", "</action-plan>"}};
    for (size_t k = 0; k < 2; k++)
        for (char *a; (a = strstr(xml, cut[k][0]));) {
            char *b = strstr(a, cut[k][1]);
            assert_non_null(b);
            while (a > xml && a[-1] == ' ')
                a--;
            b = strchr(b, '\n');
            assert_non_null(b);
            memmove(a, b + 1, strlen(b + 1) + 1);
        }
    assert_null(strstr(xml, "<indicator"));
    char none[700];
    snprintf(none, sizeof none, "%s/none.xml", dir);
    write_file(none, xml);
    free(xml);
    int st;
    char *out = sh(&st, "%s forms %s/none.xml -o %s/none/out", phaen, dir, dir);
    assert_int_equal(st, 1);
    assert_contains(out, "none.xml: error: no agency leads a project or answers for an "
                         "indicator: there is no reporting form to write");
    assert_contains(out, "nothing was written into");
    free(out);
    assert_false(exists("none"));
}

/* A year of 0 baht and a year of no allocation differ in the CSV (0 and
 * empty), as in every document; a qualitative indicator's target is words. */
static void test_forms_v2(void **state)
{
    (void)state;
    int st;
    char v2[600], v2b[600], path[700];
    /* the forms read below only (--agency): the others cost 0.04 s CPU */
    char *out = run_output(&st, 1, (const char *[]){phaen, "forms", V2, "-o", at(v2, sizeof v2, "v2"), "--agency",
                                                    "UNIT", "--agency", "DEPT", NULL});
    assert_int_equal(st, 0);
    free(out);
    out = run_output(&st, 1, (const char *[]){phaen, "forms", V2, "-o", at(v2b, sizeof v2b, "v2b"), "--agency",
                                              "UNIT", "--year", "2564", NULL});
    assert_int_equal(st, 0);
    free(out);
    /* what grep -ah '^project\\|^indicator,IND-2.1' said of the three */
    size_t len = 0;
    FILE *m = open_memstream(&out, &len);
    const char *const which[] = {"project", "indicator,IND-2.1", NULL};
    grep_lines(m, at(path, sizeof path, "v2/forms/UNIT.csv"), which);
    grep_lines(m, at(path, sizeof path, "v2b/forms/UNIT.csv"), which);
    grep_lines(m, at(path, sizeof path, "v2/forms/DEPT.csv"), which);
    fclose(m);
    assert_contains(out, "project,PJzero,2563,UNIT,โครงการศูนย์บาท,,,,,0,");
    assert_contains(out, "project,PJzero,2564,UNIT,โครงการศูนย์บาท,,,,,,");
    assert_contains(out, "indicator,IND-2.1,2563,DEPT,Tqualtag ระบบติดตามการค้ามนุษย์,,"
                         "ยังไม่มีระบบติดตาม,2560,มีระบบติดตามครบทุกจังหวัด,,");
    free(out);
}

/* --- collect ------------------------------------------------------------ */

/* Validates an XML file against the results schema with libxml2's own
 * validator; returns 0 when valid. */
static int validate_results(const char *path)
{
    /* from memory: load.c's entity loader (test_forms_files loaded a plan
     * in this process) refuses every file but the plan's */
    char *xsd = slurp("generator/schema/results-1.xsd"), *xml = slurp(path);
    assert_non_null(xsd);
    assert_non_null(xml);
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt(xsd, (int)strlen(xsd));
    xmlSchemaPtr schema = xmlSchemaParse(pc);
    assert_non_null(schema);
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "results.xml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
    int rc = xmlSchemaValidateDoc(vc, doc);
    xmlFreeDoc(doc);
    free(xsd);
    free(xml);
    xmlSchemaFreeValidCtxt(vc);
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(pc);
    return rc;
}

/* Fills RTP's and DSI's forms as a spreadsheet saves them (python_forms). */
static void fill_forms(void)
{
    int st;
    python_forms(&st);
    assert_int_equal(st, 0);
}

static void test_collect_roundtrip(void **state)
{
    (void)state;
    fill_forms();
    int st;
    char rtp_csv[600], dsi_csv[600], r1[600], r2[600], r3[600];
    at(rtp_csv, sizeof rtp_csv, "RTP-filled.csv");
    at(dsi_csv, sizeof dsi_csv, "DSI-filled.csv");
    char *out = run_output(&st, 1, (const char *[]){phaen, "collect", SAMPLE, rtp_csv, dsi_csv, "-o",
                                                    at(r1, sizeof r1, "r1.xml"), "--date", "2020-10-30", NULL});
    assert_int_equal(st, 0);
    assert_string_equal(out, "");
    free(out);
    const char *path = r1;
    assert_int_equal(validate_results(path), 0);
    char *x = slurp(path);
    assert_contains(x, "<results format=\"1\" fiscal-year=\"2563\" plan-sha256=\"");
    /* reporters in the plan's agency order, whatever the forms' order */
    char *rtp = strstr(x, "<reporter agency=\"RTP\" date=\"2020-10-30\"/>");
    char *dsi = strstr(x, "<reporter agency=\"DSI\" date=\"2020-10-30\"/>");
    assert_true(rtp && dsi && rtp < dsi);
    assert_contains(x, "<indicator ref=\"IND-1.1.1\" agency=\"RTP\" date=\"2020-09-30\">\n"
                       "    <actual>78.5</actual>\n"
                       "    <source>ระบบสารสนเทศคดี</source>\n"
                       "  </indicator>");
    assert_contains(x, "<indicator ref=\"IND-1.1.1\" agency=\"DSI\"");
    assert_contains(x, "<indicator ref=\"IND-3.1.1\" agency=\"RTP\" date=\"2020-09-30\">\n"
                       "    <actual>90</actual>");
    assert_contains(x, "<indicator ref=\"IND-4.1.2\" agency=\"RTP\" date=\"2020-09-30\">\n"
                       "    <actual>1234</actual>");
    assert_not_contains(x, "IND-1.2.2"); /* the empty row: not reported */
    assert_contains(x, "<project ref=\"PJ-1.01\" agency=\"RTP\" status=\"delayed\">\n"
                       "    <spent>11875000.50</spent>\n"
                       "    <progress>80</progress>\n"
                       "    <problems>งบประมาณล่าช้า, บางส่วน</problems>\n"
                       "  </project>");
    free(x);
    /* the same bytes again, and with the forms the other way round (cmp,
     * here) */
    out = run_output(&st, 1, (const char *[]){phaen, "collect", SAMPLE, dsi_csv, rtp_csv, "-o",
                                              at(r2, sizeof r2, "r2.xml"), "--date", "2020-10-30", NULL});
    assert_int_equal(st, 0);
    free(out);
    assert_same_tree(r1, r2);
    /* without --date: the last day of the fiscal year (on one line: grep -c,
     * here) */
    out = run_output(&st, 1, (const char *[]){phaen, "collect", SAMPLE, rtp_csv, "-o", at(r3, sizeof r3, "r3.xml"),
                                              NULL});
    assert_int_equal(st, 0);
    free(out);
    x = slurp(r3);
    assert_non_null(x);
    int lines = 0;
    for (char *l = x; l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        char *e = strchr(l, '\n');
        if (e)
            *e = '\0';
        lines += strstr(l, "<reporter agency=\"RTP\" date=\"2020-09-30\"/>") != NULL;
        if (e)
            *e = '\n';
    }
    free(x);
    assert_int_equal(lines, 1);
}

/* A qualitative indicator's actual is words (<actual-text>); a project
 * with only a status is a project element with no children. */
static void test_collect_v2(void **state)
{
    (void)state;
    char path[700];
    snprintf(path, sizeof path, "%s/v2-filled.csv", dir);
    write_file(path, KEYS "\n"
                     "indicator,IND-2.1,2563,DEPT,,,,,,,มีระบบแล้ว ๕ จังหวัด,,,,,,30/6/2563\n");
    char path2[700];
    snprintf(path2, sizeof path2, "%s/v2-unit.csv", dir);
    write_file(path2, KEYS "\nproject,PJzero,2563,UNIT,,,,,,0,,,,not-started,,,\n");
    int st;
    char *out = sh(&st, "%s collect %s %s %s -o %s/v2.xml", phaen, V2, path, path2, dir);
    assert_int_equal(st, 0);
    free(out);
    snprintf(path, sizeof path, "%s/v2.xml", dir);
    assert_int_equal(validate_results(path), 0);
    char *x = slurp(path);
    assert_contains(x, "<indicator ref=\"IND-2.1\" agency=\"DEPT\" date=\"2020-06-30\">\n"
                       "    <actual-text>มีระบบแล้ว ๕ จังหวัด</actual-text>");
    assert_contains(x, "<project ref=\"PJzero\" agency=\"UNIT\" status=\"not-started\"/>");
    free(x);
}

/* Every problem of a form, each at its row (as a spreadsheet numbers it:
 * the keys are row 1, the labels row 2) and column (its key), in one run;
 * exit 1, and the file that was there stays as it was. */
static void test_collect_errors(void **state)
{
    (void)state;
    char path[700];
    snprintf(path, sizeof path, "%s/bad.csv", dir);
    write_file(path,
        "\xEF\xBB\xBF" KEYS "\r\n"
        "# labels,,,,,,,,,,,,,,,,\r\n"
        "indicator,IND-1.1.1,2563,RTP,,,,,,,abc,,,,,,\r\n"               /* 3 */
        "indicator,IND-1.1.9,2563,RTP,,,,,,,5,,,,,,\r\n"                 /* 4 */
        "indicator,PJ-1.01,2563,RTP,,,,,,,5,,,,,,\r\n"                   /* 5 */
        "project,PJ-1.01,2563,RTP,,,,,,,,-5,120,late,,,\r\n"             /* 6 */
        "project,PJ-1.01,2564,RTP,,,,,,,,\"1,2,3\",,done,,,\r\n"         /* 7 */
        "project,PJ-1.02,2563,DSI,,,,,,,,,,done,,,\r\n"                  /* 8 */
        "indicator,IND-1.2.1,2563,RTP,,,,,,,5,,,,,,\r\n"                 /* 9 */
        "thing,IND-1.3.1,2563,RTP,,,,,,,5,,,,,,\r\n"                     /* 10 */
        "indicator,IND-3.1.1,2563,RTP,,,,,,,7,,,,,,31/2/2563\r\n"        /* 11 */
        "project,PJ-1.01,2563,RTP,,,,,,,,1.234,,done,,,\r\n"             /* 12 */
        "indicator,IND-4.1.2,2563,RTP,,,,,,,,,,,note only,,\r\n"         /* 13 */
        "indicator,IND-1.3.1,2563,RTP,,,,,,,5,100,,,,,\r\n"              /* 14 */
        ",,,,,,,,,,,,,,,,\r\n"                                           /* empty */
        "project,PJ-1.01,2563,RTP,,,,,,,,,,,x,,\r\n"                    /* 16 */
        "indicator,IND-1.3.1,2563,RTP,,,,,,,5,,,,\xe0\xb9,,,extra\r\n");  /* 17 */
    char out_path[700];
    snprintf(out_path, sizeof out_path, "%s/kept.xml", dir);
    write_file(out_path, "before\n");
    int st;
    char *out = sh(&st, "%s collect %s %s -o %s --max-errors 0", phaen, SAMPLE, path, out_path);
    assert_int_equal(st, 1);
    const char *want[] = {
        ":3:actual: error: 'abc' is not a number, and indicator 'IND-1.1.1' measures one (ร้อยละ)",
        ":4:id: error: the plan has no indicator 'IND-1.1.9'",
        ":4:id: note: did you mean 'IND-1.1.1'?",
        ":5:id: error: 'PJ-1.01' is a project, but the row's kind is 'indicator'",
        ":6:status: error: 'late' is not a status",
        ":6:spent: error: '-5': the amount spent cannot be negative",
        ":6:progress: error: '120': progress is a per cent from 0 to 100",
        ":7:fiscal_year: error: fiscal year 2564, but the forms are for 2563",
        ":3:fiscal_year: note: fiscal year 2563 is first given here",
        ":7:spent: error: '1,2,3' is not an amount in baht",
        ":7:id: error: project 'PJ-1.01' of 'RTP' is reported twice",
        ":6:id: note: first reported here",
        ":8:agency: error: a row of 'DSI' in the form of 'RTP'",
        ":3:agency: note: the form's first row is of 'RTP'",
        ":9:agency: error: 'RTP' does not answer for indicator 'IND-1.2.1' (AMLO does)",
        ":10:kind: error: 'thing' is not a kind of row: write indicator or project",
        ":11:date: error: '31/2/2563' is not a date",
        ":12:spent: error: '1.234': baht have at most two decimals (satang)",
        ":13:actual: error: indicator 'IND-4.1.2' has no actual value",
        ":14:spent: error: 'spent' is not filled in for an indicator (leave it empty)",
        ":16:status: error: project 'PJ-1.01' has no status",
        ":17:18: error: a cell beyond the last column (17 columns)",
        ":17:note: error: the cell is not text phaen can keep: save the form as \"CSV UTF-8\"",
        "phaen: note: nothing written: ",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_contains(out, want[i]);
    assert_not_contains(out, ":2:");   /* the '#' row */
    assert_not_contains(out, ":15:");  /* the empty row */
    free(out);
    char *kept = slurp(out_path);
    assert_string_equal(kept, "before\n");
    free(kept);
    /* --max-errors bounds what is shown, as for check */
    out = sh(&st, "%s collect %s %s -o %s --max-errors 2", phaen, SAMPLE, path, out_path);
    assert_int_equal(st, 1);
    assert_contains(out, "more problem");
    free(out);
}

/* A project is reported by its lead alone (results.c holds results files
 * to the same rule): a supporter's row says who reports it instead. */
static void test_collect_supporter(void **state)
{
    (void)state;
    char path[700], out_path[700];
    snprintf(path, sizeof path, "%s/rtn.csv", dir);
    snprintf(out_path, sizeof out_path, "%s/rtn.xml", dir);
    write_file(path,
        "\xEF\xBB\xBF" KEYS "\r\n"
        "project,PJ-1.07,2563,RTN,,,,,,,,1000,50,on-track,,,\r\n"     /* 2 */
        "project,PJ-1.01,2563,RTN,,,,,,,,1000,50,on-track,,,\r\n");   /* 3 */
    int st;
    char *out = sh(&st, "%s collect %s %s -o %s", phaen, SAMPLE, path, out_path);
    assert_int_equal(st, 1);
    assert_contains(out, "rtn.csv:2:agency: error: 'RTN' supports project 'PJ-1.07': a project "
                         "is reported once, by its lead MECC, which gathers what its "
                         "supporters spent");
    assert_contains(out, "rtn.csv:3:agency: error: 'RTN' does not lead project 'PJ-1.01' (its "
                         "lead is RTP)");
    free(out);
    assert_false(exists("rtn.xml"));
}

/* Problems of a whole form: a missing key column, a duplicate one, text
 * that is not CSV, an agency the plan does not have, two forms of two
 * fiscal years, nothing filled in; a form that cannot be read is an I/O
 * problem (2). */
static void test_collect_form_errors(void **state)
{
    (void)state;
    char a[700], b[700], c[700], e[700], y[700];
    snprintf(a, sizeof a, "%s/nostatus.csv", dir);
    write_file(a, "kind,id,fiscal_year,agency,actual,spent,progress,note,note\n"
                  "indicator,IND-1.1.1,2563,RTP,5,,,,\n");
    snprintf(b, sizeof b, "%s/notcsv.csv", dir);
    write_file(b, KEYS "\nindicator,\"IND-1.1.1\"x,2563,RTP,5,,,,,,,,,,,,\n");
    snprintf(c, sizeof c, "%s/agency.csv", dir);
    write_file(c, KEYS "\nindicator,IND-1.1.1,2563,RTPP,,,,,,,5,,,,,,\n");
    snprintf(y, sizeof y, "%s/year.csv", dir);
    write_file(y, KEYS "\nindicator,IND-1.1.1,2564,DSI,,,,,,,5,,,,,,\n");
    int st;
    char *out = sh(&st, "%s collect %s %s %s %s %s -o %s/x.xml", phaen, SAMPLE, a, b, c, y, dir);
    assert_int_equal(st, 1);
    assert_contains(out, "nostatus.csv:1:status: error: the form has no 'status' column");
    assert_contains(out, "nostatus.csv:1:note: error: column 'note' appears twice");
    assert_contains(out, "notcsv.csv:2:kind: error: not CSV as RFC 4180 says it");
    assert_contains(out, "agency.csv:2:agency: error: the plan has no agency 'RTPP'");
    assert_contains(out, "agency.csv:2:agency: note: did you mean 'RTP'?");
    assert_contains(out, "year.csv:2:fiscal_year: error: fiscal year 2564, but the forms are "
                         "for 2563");
    assert_contains(out, "agency.csv:2:fiscal_year: note: fiscal year 2563 is first given here");
    free(out);
    assert_false(exists("x.xml"));
    snprintf(e, sizeof e, "%s/empty.csv", dir);
    write_file(e, KEYS "\r\n# labels\r\nindicator,IND-1.1.1,2563,RTP,name,,,,,,,,,,,,\r\n");
    out = sh(&st, "%s collect %s %s -o %s/x.xml", phaen, SAMPLE, e, dir);
    assert_int_equal(st, 1);
    assert_contains(out, "error: nothing to collect: every row of the forms is empty");
    free(out);
    out = sh(&st, "%s collect %s %s/missing.csv -o %s/x.xml", phaen, SAMPLE, dir, dir);
    assert_int_equal(st, 2);
    free(out);
    out = sh(&st, "%s collect %s %s -o %s/x.xml --date 2020-02-30", phaen, SAMPLE, e, dir);
    assert_int_equal(st, 2);
    assert_contains(out, "--date takes the day the agencies reported as YYYY-MM-DD");
    free(out);
    assert_false(exists("x.xml"));
}

/* The round trip of issue 14: the sample's forms for 2563, filled by
 * tests/forms_fill.py with what samples/results/results-2563.xml says each
 * agency reported, collected into one results file that says the same
 * (the reporters' dates aside: --date gives one for all), which `check`
 * accepts against the plan and `report` turns into a progress report. */
static void test_roundtrip_sample_results(void **state)
{
    (void)state;
    int st;
    char forms[600], filled[600], path[600], report[600], pdf[700];
    at(forms, sizeof forms, "f/forms");
    at(filled, sizeof filled, "filled");
    at(path, sizeof path, "rt.xml");
    char *out = run_output(&st, 1, (const char *[]){test_python(), "tests/forms_fill.py",
                                                    "samples/results/results-2563.xml", forms, filled, NULL});
    assert_int_equal(st, 0);
    assert_string_equal(out, "");
    free(out);
    /* collect filled/\*.csv (the names sorted, as the shell's glob sorts them) */
    char pattern[700];
    snprintf(pattern, sizeof pattern, "%s/*.csv", filled);
    glob_t gl;
    assert_int_equal(glob(pattern, 0, NULL, &gl), 0);
    const char **argv = calloc(gl.gl_pathc + 8, sizeof *argv);
    size_t n = 0;
    argv[n++] = phaen;
    argv[n++] = "collect";
    argv[n++] = SAMPLE;
    for (size_t i = 0; i < gl.gl_pathc; i++)
        argv[n++] = gl.gl_pathv[i];
    argv[n++] = "-o";
    argv[n++] = path;
    argv[n++] = "--date";
    argv[n++] = "2020-10-20";
    out = run_output(&st, 1, argv);
    free(argv);
    globfree(&gl);
    assert_int_equal(st, 0);
    assert_string_equal(out, "");
    free(out);
    out = run_output(&st, 1, (const char *[]){test_python(), "tests/forms_fill.py", "--same",
                                              "samples/results/results-2563.xml", path, NULL});
    assert_int_equal(st, 0);
    assert_string_equal(out, "");
    free(out);
    assert_int_equal(validate_results(path), 0);
    out = run_output(&st, 1, (const char *[]){phaen, "check", "--strict", SAMPLE, path, NULL});
    assert_int_equal(st, 0);
    assert_string_equal(out, "");
    free(out);
    out = run_output(&st, 1, (const char *[]){phaen, "report", SAMPLE, path, "-o", at(report, sizeof report, "report"),
                                              NULL});
    assert_int_equal(st, 0);
    free(out);
    snprintf(pdf, sizeof pdf, "%s/progress-report.pdf", report);
    assert_int_equal(run_argv(&out, 0, (const char *[]){"pdftotext", "-raw", pdf, "-", NULL}), 0);
    squeeze(out);
    assert_contains(out, "๑.๑.๑ ร้อยละของคดีค้ามนุษย์"); /* IND-1.1.1, by its number */
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forms_files),
        cmocka_unit_test(test_forms_csv),
        cmocka_unit_test(test_forms_pdf),
        cmocka_unit_test(test_forms_same_bytes),
        cmocka_unit_test(test_forms_stale_temporaries),
        cmocka_unit_test(test_forms_options),
        cmocka_unit_test(test_forms_v2),
        cmocka_unit_test(test_forms_no_rows),
        cmocka_unit_test(test_collect_roundtrip),
        cmocka_unit_test(test_collect_v2),
        cmocka_unit_test(test_collect_errors),
        cmocka_unit_test(test_collect_supporter),
        cmocka_unit_test(test_collect_form_errors),
        cmocka_unit_test(test_roundtrip_sample_results),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
