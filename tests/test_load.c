/* test_load.c - the loader: the model built from tests/data/minimal.xml, and
 * every class of error with its exact message, hostile files included. */
#include "testutil.h"

#include <sys/stat.h>
#include <time.h>

#include "load.h"
#include "sha256.h"

#define MINIMAL "tests/data/minimal.xml"

/* The bytes of a file (malloc'd, NUL-terminated). */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 20);
    assert_non_null(buf);
    *len = fread(buf, 1, (1 << 20) - 1, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

/* minimal.xml with the first `from` replaced by `to` (malloc'd). */
static char *minimal_with(const char *from, const char *to)
{
    size_t len;
    char *src = slurp(MINIMAL, &len);
    char *at = strstr(src, from);
    if (!at)
        fail_msg("'%s' not found in " MINIMAL, from);
    size_t nf = strlen(from), nt = strlen(to);
    char *out = malloc(len - nf + nt + 1);
    assert_non_null(out);
    size_t head = (size_t)(at - src);
    memcpy(out, src, head);
    memcpy(out + head, to, nt);
    strcpy(out + head + nt, at + nf);
    free(src);
    return out;
}

/* Loads text as "plan.xml"; returns the plan (NULL on error) and leaves the
 * diagnostics in c. */
static Plan *load_text(DiagCapture *c, const char *text)
{
    diag_capture_init(c);
    return plan_load_memory(text, strlen(text), "plan.xml", NULL, &c->d);
}

/* Loads minimal.xml with one replacement, expects failure with exactly
 * `want` as the whole diagnostic output. */
static void expect_only(const char *from, const char *to, const char *want)
{
    DiagCapture c;
    char *text = minimal_with(from, to);
    Plan *p = load_text(&c, text);
    assert_null(p);
    assert_string_equal(diag_capture_text(&c), want);
    diag_capture_free(&c);
    free(text);
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* ---- the happy path ------------------------------------------------------ */

static void test_minimal_header(void **state)
{
    DiagCapture c;
    diag_capture_init(&c);
    Plan *p = plan_load(MINIMAL, NULL, &c.d);
    assert_non_null(p);
    assert_string_equal(diag_capture_text(&c), "");
    assert_string_equal(p->file, MINIMAL);
    assert_int_equal(p->format, 1);
    assert_string_equal(p->title, "แผนทดสอบ พ.ศ. 2561 – 2580");
    assert_string_equal(p->title_en, "Test Plan 2018–2037");
    assert_string_equal(p->short_title, "แผนทดสอบ");
    assert_string_equal(p->doc_type, "แผนแม่บทความมั่นคง");
    assert_int_equal(p->level, 3);
    assert_string_equal(p->level_title, "แผนปฏิบัติการด้านการทดสอบ");
    assert_string_equal(p->issuer.id, "OPS");
    assert_int_equal(p->issuer.line, 11);
    assert_int_equal(p->header_line, 5);
    assert_int_equal(p->period_from, 2561);
    assert_int_equal(p->period_to, 2580);
    assert_int_equal(p->period_line, 12);
    assert_int_equal(p->n_phases, 3);
    assert_string_equal(p->phases[1].id, "PH2");
    assert_string_equal(p->phases[1].name, "ระยะ 10 ปี");
    assert_int_equal(p->phases[1].from, 2566);
    assert_int_equal(p->phases[1].to, 2570);
    assert_int_equal(p->phases[1].line, 15);
    assert_int_equal(p->phases[2].index, 2);
    assert_string_equal(p->version, "1.0");
    assert_string_equal(p->date, "2018-09-14");
    assert_int_equal(p->date_y, 2018);
    assert_int_equal(p->date_m, 9);
    assert_int_equal(p->date_d, 14);
    assert_int_equal(p->status, STATUS_APPROVED);
    /* runs of spaces and the line break collapse to single spaces */
    assert_string_equal(p->vision, "ประเทศไทย ปลอดจากการค้ามนุษย์ อย่างยั่งยืน");
    assert_int_equal(p->n_aligns, 0);
    assert_int_equal(p->n_sections, 0);
    assert_int_equal(p->n_missions, 0);

    size_t len;
    char *bytes = slurp(MINIMAL, &len);
    unsigned char sha[32];
    sha256(bytes, len, sha);
    assert_memory_equal(p->sha256, sha, 32);
    free(bytes);
    plan_free(p);
    diag_capture_free(&c);
}

static void test_minimal_issue(void **state)
{
    DiagCapture c;
    diag_capture_init(&c);
    Plan *p = plan_load(MINIMAL, NULL, &c.d);
    assert_non_null(p);
    assert_int_equal(p->n_issues, 1);
    Issue *is = &p->issues[0];
    assert_string_equal(is->id, "SI-1");
    assert_int_equal(is->line, 23);
    assert_int_equal(is->number, 1);
    assert_int_equal(is->n_paras, 0);

    assert_int_equal(is->n_goals, 1);
    assert_string_equal(is->goals[0].id, "G-1.1");
    assert_int_equal(is->goals[0].line, 25);
    assert_int_equal(is->goals[0].number, 1);
    assert_ptr_equal(is->goals[0].issue, is);

    assert_int_equal(is->n_indicators, 1);
    Indicator *ind = &is->indicators[0];
    assert_string_equal(ind->id, "IND-1.1.1");
    assert_int_equal(ind->line, 26);
    assert_string_equal(ind->goal.id, "G-1.1");
    assert_int_equal(ind->goal.line, 26);
    assert_null(ind->goal.to.any);
    assert_string_equal(ind->unit, "ร้อยละ");
    assert_int_equal(ind->direction, DIR_INCREASE);
    assert_string_equal(ind->baseline, "62");
    assert_int_equal(ind->baseline_year, 2560);
    assert_int_equal(ind->baseline_line, 28);
    assert_int_equal(ind->n_targets, 3);
    assert_string_equal(ind->targets[0].phase.id, "PH1");
    assert_int_equal(ind->targets[0].phase.line, 29);
    assert_string_equal(ind->targets[2].value, "≥ 95");
    assert_int_equal(ind->targets[2].line, 31);
    assert_null(ind->source);
    assert_int_equal(ind->answerable.n, 2);
    assert_string_equal(ind->answerable.items[0].id, "RTP");
    assert_string_equal(ind->answerable.items[1].id, "OPS");
    assert_int_equal(ind->answerable.items[1].line, 32);
    assert_ptr_equal(ind->issue, is);

    assert_int_equal(is->n_strategies, 1);
    Strategy *st = &is->strategies[0];
    assert_string_equal(st->id, "ST-1.1");
    assert_int_equal(st->line, 34);
    assert_int_equal(st->number, 1);
    assert_string_equal(st->title, "เพิ่มประสิทธิภาพการสืบสวน");
    assert_int_equal(st->n_measures, 1);
    assert_string_equal(st->measures[0], "พัฒนาศักยภาพพนักงานสอบสวน");
    assert_int_equal(st->goals.n, 1);
    assert_string_equal(st->goals.items[0].id, "G-1.1");
    assert_ptr_equal(st->issue, is);
    plan_free(p);
    diag_capture_free(&c);
}

static void test_minimal_action_plan(void **state)
{
    DiagCapture c;
    diag_capture_init(&c);
    Plan *p = plan_load(MINIMAL, NULL, &c.d);
    assert_non_null(p);
    assert_int_equal(p->n_programs, 1);
    Program *pg = &p->programs[0];
    assert_string_equal(pg->id, "PG-1");
    assert_int_equal(pg->line, 41);
    assert_int_equal(pg->number, 1);
    assert_string_equal(pg->issue.id, "SI-1");
    assert_int_equal(pg->n_projects, 1);
    Project *pj = &pg->projects[0];
    assert_string_equal(pj->id, "PJ-1.01");
    assert_int_equal(pj->line, 43);
    assert_int_equal(pj->number, 1);
    assert_ptr_equal(pj->program, pg);
    assert_string_equal(pj->objective, "เพิ่มจำนวนคดีที่สั่งฟ้อง");
    assert_string_equal(pj->strategy.id, "ST-1.1");
    assert_int_equal(pj->indicators.n, 1);
    assert_string_equal(pj->indicators.items[0].id, "IND-1.1.1");
    assert_string_equal(pj->lead.id, "RTP");
    assert_int_equal(pj->lead.line, 46);
    assert_int_equal(pj->support.n, 1);
    assert_int_equal(pj->support.items[0].line, 47);
    assert_string_equal(pj->budget_source, "งบประมาณแผ่นดิน");
    assert_int_equal(pj->n_budget, 2);
    assert_int_equal(pj->budget[0].year, 2563);
    assert_int_equal(pj->budget[0].baht, 12500000);
    assert_int_equal(pj->budget[0].status, BUDGET_APPROVED);
    assert_int_equal(pj->budget[1].baht, 13000000); /* " 13000000 " */
    assert_string_equal(pj->budget[1].text, "13000000");
    assert_int_equal(pj->budget[1].line, 50);
    assert_int_equal(pj->budget[1].status, BUDGET_REQUESTED);

    assert_int_equal(p->n_agencies, 2);
    assert_string_equal(p->agencies[0].abbr, "สป.พม.");
    assert_string_equal(p->agencies[0].name_en, "Office of the Permanent Secretary, MSDHS");
    assert_null(p->agencies[0].parent.id);
    assert_null(p->agencies[1].name_en);
    assert_string_equal(p->agencies[1].parent.id, "OPS");
    assert_int_equal(p->agencies[1].parent.line, 60);
    assert_int_equal(p->agencies[1].index, 1);
    plan_free(p);
    diag_capture_free(&c);
}

/* The loader drops blank runs between elements as it parses (load.c,
 * on_characters): never one that is text.  Blank runs between comments and
 * entity references inside a text element stay; comments and blank runs
 * between elements change nothing. */
static void test_blank_runs(void **state)
{
    DiagCapture c;
    char *text = minimal_with("<objective>เพิ่มจำนวนคดีที่สั่งฟ้อง</objective>",
                              "\n  <!-- a -->\n  <objective>ab<!-- x -->   <!-- y -->cd &amp; "
                              "&amp; &lt;e&gt;</objective>  <!-- b -->  ");
    Plan *p = load_text(&c, text);
    assert_non_null(p);
    assert_string_equal(p->programs[0].projects[0].objective, "ab cd & & <e>");
    assert_string_equal(p->programs[0].projects[0].strategy.id, "ST-1.1");
    assert_int_equal(p->programs[0].projects[0].lead.line, 48);
    plan_free(p);
    diag_capture_free(&c);
    free(text);
}

/* Each program is built as soon as it has ended valid, and its element
 * freed (load.c, on_end): comments, processing instructions and blank runs
 * between programs change nothing, and every project points at its own
 * program once they are all moved into the plan. */
static void test_programs_built_as_read(void **state)
{
    DiagCapture c;
    char *text = minimal_with(
        "    </program>\n  </action-plan>",
        "    </program> <!-- a --> <?pi x?>\n"
        "    <!-- b -->  <program id=\"PG-2\" issue=\"SI-1\"><title>สอง</title>\n"
        "      <project id=\"PJ-2.01\" strategy=\"ST-1.1\"><title>ก</title>"
        "<objective>ข</objective></project>\n"
        "      <project id=\"PJ-2.02\" strategy=\"ST-1.1\"><title>ค</title>"
        "<objective>ง</objective></project>\n"
        "    </program>\n  </action-plan>");
    Plan *p = load_text(&c, text);
    assert_non_null(p);
    assert_string_equal(diag_capture_text(&c), "");
    assert_int_equal(p->n_programs, 2);
    for (size_t i = 0; i < p->n_programs; i++) {
        assert_int_equal(p->programs[i].number, i + 1);
        for (size_t j = 0; j < p->programs[i].n_projects; j++)
            assert_ptr_equal(p->programs[i].projects[j].program, &p->programs[i]);
    }
    assert_string_equal(p->programs[1].id, "PG-2");
    assert_int_equal(p->programs[1].line, 54);
    assert_int_equal(p->programs[1].n_projects, 2);
    assert_string_equal(p->programs[1].projects[1].objective, "ง");
    assert_int_equal(p->programs[1].projects[1].line, 56);
    assert_string_equal(p->programs[0].projects[0].lead.id, "RTP");
    assert_int_equal(p->n_agencies, 2); /* what follows the programs is built too */
    plan_free(p);
    diag_capture_free(&c);
    free(text);
}

/* The schema validates while the file is parsed, yet says what the
 * validation of the whole tree said: an element's content is blamed on
 * the element's line, not on the child's that broke it, blank runs
 * between child elements are no "character content", and schema errors
 * before a well-formedness error are not shown (only why the file is not
 * XML). */
static void test_streamed_validation_messages(void **state)
{
    expect_only("<lead agency=\"RTP\"/>", "<lead agency=\"RTP\">\n  <x/>\n  <y/> \n</lead>",
                "plan.xml:46: error: <lead> must be empty\n");
    expect_only("<lead agency=\"RTP\"/>", "<lead agency=\"RTP\"><![CDATA[ ]]></lead>",
                "plan.xml:46: error: <lead> must be empty\n");
    DiagCapture c;
    char *t = minimal_with("<lead agency=\"RTP\"/>", "<lead agency=\"R!P\"/>");
    char *end = strstr(t, "</plan>");
    assert_non_null(end);
    memcpy(end, "</plam>", 7);
    assert_null(load_text(&c, t));
    assert_string_equal(diag_capture_text(&c), "plan.xml:64: error: Opening and ending "
                        "tag mismatch: plan line 4 and plam\n");
    diag_capture_free(&c);
    free(t);
}

/* Amounts that are not whole baht load as -1 and keep their text. */
static void test_bad_amounts(void **state)
{
    const char *bad[] = {"1,000", "-5", "๑๒๓", "12.50", "", "9999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char fy[64];
        snprintf(fy, sizeof fy, ">%s</fy>", bad[i]);
        char *text = minimal_with(">12500000</fy>", fy);
        DiagCapture c;
        Plan *p = load_text(&c, text);
        assert_non_null(p);
        assert_int_equal(p->programs[0].projects[0].budget[0].baht, -1);
        assert_string_equal(p->programs[0].projects[0].budget[0].text, bad[i]);
        plan_free(p);
        diag_capture_free(&c);
        free(text);
    }
}

/* indicator/@goal and project/lead are optional in the schema: later stages
 * report them in their own words. */
static void test_optional_goal_and_lead(void **state)
{
    char *t1 = minimal_with(" goal=\"G-1.1\"", "");
    char *t2 = minimal_with("<lead agency=\"RTP\"/>", "");
    DiagCapture c;
    Plan *p = load_text(&c, t1);
    assert_non_null(p);
    assert_null(p->issues[0].indicators[0].goal.id);
    plan_free(p);
    diag_capture_free(&c);
    p = load_text(&c, t2);
    assert_non_null(p);
    assert_null(p->programs[0].projects[0].lead.id);
    plan_free(p);
    diag_capture_free(&c);
    free(t1);
    free(t2);
}

/* ---- errors -------------------------------------------------------------- */

static void test_not_well_formed(void **state)
{
    DiagCapture c;
    assert_null(load_text(&c, "<?xml version=\"1.0\"?>\n<plan format=\"1\">\n"
                              "<header>\n</plan>\n"));
    assert_contains(diag_capture_text(&c), "plan.xml:4: error: Opening and ending "
                    "tag mismatch: header line 3 and plan\n");
    diag_capture_free(&c);
}

static void test_wrong_root(void **state)
{
    DiagCapture c;
    assert_null(load_text(&c, "<?xml version=\"1.0\"?>\n\n<html/>\n"));
    assert_string_equal(diag_capture_text(&c), "plan.xml:3: error: the root element "
                        "is <html>, but a phaen plan starts with <plan format=\"1\">\n");
    diag_capture_free(&c);
}

static void test_namespaced_root(void **state)
{
    DiagCapture c;
    assert_null(load_text(&c, "<plan xmlns=\"urn:x\" format=\"1\"/>"));
    assert_string_equal(diag_capture_text(&c), "plan.xml:1: error: <plan> must not "
                        "be in a namespace (it is in 'urn:x')\n");
    diag_capture_free(&c);
}

static void test_doctype_refused(void **state)
{
    DiagCapture c;
    assert_null(load_text(&c, "<?xml version=\"1.0\"?>\n<!DOCTYPE plan [\n"
                              "<!ENTITY e \"x\">\n]>\n<plan format=\"1\">&e;</plan>\n"));
    assert_string_equal(diag_capture_text(&c), "plan.xml:2: error: DOCTYPE "
                        "declarations are not allowed in a plan (entities and DTDs "
                        "are refused for safety)\n");
    assert_int_equal(c.d.errors, 1);
    diag_capture_free(&c);
}

static void test_missing_attribute(void **state)
{
    expect_only("<project id=\"PJ-1.01\"", "<project",
                "plan.xml:43: error: <project> is missing its required attribute 'id'\n");
}

static void test_unexpected_element(void **state)
{
    expect_only("<objective>", "<foo/><objective>",
                "plan.xml:45: error: <foo> is not allowed here; expected <objective>\n");
    expect_only("<vision>", "<bogus/><vision>",
                "plan.xml:20: error: <bogus> is not allowed here; expected one of: "
                "<alignment>, <sections>, <vision>\n");
}

static void test_missing_child(void **state)
{
    expect_only("<fy year=\"2563\" status=\"approved\">12500000</fy>\n"
                "          <fy year=\"2564\" status=\"requested\"> 13000000 </fy>", "",
                "plan.xml:48: error: <budget> is incomplete: it needs <fy>\n");
}

static void test_bad_id(void **state)
{
    expect_only("id=\"SI-1\"", "id=\"a b\"",
                "plan.xml:23: error: 'a b' is not a valid id (letters, digits, "
                "'.', '_' and '-' only)\n");
    expect_only("strategy=\"ST-1.1\"", "strategy=\"ST/1\"",
                "plan.xml:43: error: 'ST/1' is not a valid id in attribute "
                "'strategy' of <project> (letters, digits, '.', '_' and '-' only)\n");
    expect_only("agencies=\"RTP OPS\"", "agencies=\"RTP,OPS\"",
                "plan.xml:32: error: 'RTP,OPS' is not a valid list of ids in "
                "attribute 'agencies' of <answerable> (ids separated by spaces; "
                "letters, digits, '.', '_' and '-' only)\n");
}

static void test_bad_values(void **state)
{
    expect_only("<period from=\"2561\"", "<period from=\"2018\"",
                "plan.xml:12: error: attribute 'from' of <period>: '2018' is not "
                "a Buddhist-Era year (2400-2700)\n");
    expect_only("<fy year=\"2563\"", "<fy year=\"next\"",
                "plan.xml:49: error: attribute 'year' of <fy>: 'next' is not a "
                "Buddhist-Era year (2400-2700)\n");
    expect_only("status=\"approved\"/>", "status=\"final\"/>",
                "plan.xml:18: error: attribute 'status' of <version> cannot be "
                "'final'; expected one of: 'draft', 'approved', 'revised'\n");
    expect_only("2018-09-14", "2561-09-14",
                "plan.xml:18: error: '2561-09-14' is not a Gregorian ISO date "
                "(YYYY-MM-DD, such as 2018-09-14; not a Buddhist-Era year)\n");
    expect_only("format=\"1\"", "format=\"3\"",
                "plan.xml:4: error: unsupported plan format '3' (this phaen "
                "reads format=\"1\" and format=\"2\")\n");
    expect_only("<goal id=\"G-1.1\">ผู้กระทำผิดถูกดำเนินคดี</goal>",
                "<goal id=\"G-1.1\">  </goal>",
                "plan.xml:25: error: <goal> must not be empty\n");
    expect_only("<lead agency=\"RTP\"/>", "<lead agency=\"RTP\">RTP</lead>",
                "plan.xml:46: error: <lead> must be empty\n");
}

/* Every schema error of a file is reported, one line each. */
static void test_all_schema_errors(void **state)
{
    DiagCapture c;
    char *t3 = minimal_with("<phase id=\"PH1\"", "<phase");
    char *t4 = strstr(t3, "<lead agency=\"RTP\"/>");
    assert_non_null(t4);
    memcpy(t4, "<lead agency=\"R!P\"/>", 20);
    assert_null(load_text(&c, t3));
    const char *out = diag_capture_text(&c);
    assert_int_equal(c.d.errors, 2);
    assert_int_equal(count_lines(out), 2);
    assert_contains(out, "plan.xml:14: error: <phase> is missing its required attribute 'id'\n");
    assert_contains(out, "plan.xml:46: error: 'R!P' is not a valid id in attribute "
                    "'agency' of <lead>");
    diag_capture_free(&c);
    free(t3);
}

static void test_invalid_utf8(void **state)
{
    DiagCapture c;
    assert_null(load_text(&c, "<?xml version=\"1.0\"?>\n<plan format=\"1\">\n"
                              "<vision>\xc1\xd2</vision></plan>\n"));
    assert_string_equal(diag_capture_text(&c), "plan.xml:3: error: the file is not "
                        "valid UTF-8 (bytes 0xC1 0xD2 0x3C 0x2F); a plan must be saved "
                        "as UTF-8 text\n");
    diag_capture_free(&c);
}

static void test_too_large(void **state)
{
    struct stat sb;
    assert_int_equal(stat(MINIMAL, &sb), 0);
    LoadOptions opt = {.max_bytes = 100};
    DiagCapture c;
    diag_capture_init(&c);
    assert_null(plan_load(MINIMAL, &opt, &c.d));
    char want[200];
    snprintf(want, sizeof want, MINIMAL ": error: file is %lld bytes; the limit "
             "is 100 (--max-size)\n", (long long)sb.st_size);
    assert_string_equal(diag_capture_text(&c), want);
    diag_capture_free(&c);

    diag_capture_init(&c);
    assert_null(plan_load_memory("<plan/>", 7, "m.xml", &(LoadOptions){.max_bytes = 6},
                                 &c.d));
    assert_string_equal(diag_capture_text(&c), "m.xml: error: file is 7 bytes; the "
                        "limit is 6 (--max-size)\n");
    diag_capture_free(&c);
}

static void test_unreadable(void **state)
{
    DiagCapture c;
    diag_capture_init(&c);
    assert_null(plan_load("tests/data/no-such-plan.xml", NULL, &c.d));
    assert_string_equal(diag_capture_text(&c), "tests/data/no-such-plan.xml: error: "
                        "cannot open the plan: No such file or directory\n");
    diag_capture_free(&c);
    diag_capture_init(&c);
    assert_null(plan_load("tests/data", NULL, &c.d));
    assert_string_equal(diag_capture_text(&c), "tests/data: error: cannot read the "
                        "plan: it is a directory\n");
    diag_capture_free(&c);
}

/* Line numbers past 65535 are real (XML_PARSE_BIG_LINES). */
static void test_big_line_numbers(void **state)
{
    size_t pad = 70000;
    char *blank = malloc(pad + 32);
    assert_non_null(blank);
    strcpy(blank, "<project");
    memset(blank + 8, '\n', pad);
    strcpy(blank + 8 + pad, " id=\"PJ-1.01\"");
    char *text = minimal_with("<project id=\"PJ-1.01\"", blank);
    char *again = strstr(text, "<lead agency=\"RTP\"/>");
    assert_non_null(again);
    memcpy(again, "<lead agency=\"R P\"/>", 20);
    DiagCapture c;
    assert_null(load_text(&c, text));
    assert_string_equal(diag_capture_text(&c), "plan.xml:70046: error: 'R P' is not "
                        "a valid id in attribute 'agency' of <lead> (letters, digits, "
                        "'.', '_' and '-' only)\n");
    diag_capture_free(&c);
    free(text);
    free(blank);
}

/* ---- hostile files ------------------------------------------------------- */

static void expect_refused(const char *path)
{
    DiagCapture c;
    diag_capture_init(&c);
    assert_null(plan_load(path, NULL, &c.d));
    const char *out = diag_capture_text(&c);
    assert_contains(out, "error: DOCTYPE declarations are not allowed in a plan");
    assert_int_equal(c.d.errors, 1);
    assert_not_contains(out, "root:");
    assert_not_contains(out, "/bin/");
    diag_capture_free(&c);
}

static void test_hostile_xxe(void **state)
{
    expect_refused("tests/data/hostile/xxe.xml");
}

static void test_hostile_billion_laughs(void **state)
{
    clock_t t0 = clock();
    expect_refused("tests/data/hostile/billion-laughs.xml");
    assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
}

static void test_hostile_external_dtd(void **state)
{
    expect_refused("tests/data/hostile/external-dtd.xml");
}

/* An xi:include is never processed: it is just an element the schema refuses. */
static void test_xinclude_not_processed(void **state)
{
    expect_only("<vision>", "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                "href=\"/etc/passwd\" parse=\"text\"/><vision>",
                "plan.xml:20: error: <{http://www.w3.org/2001/XInclude}include> is not "
                "allowed here; expected one of: <alignment>, <sections>, <vision>\n");
}

static int teardown_all(void **state)
{
    load_cleanup();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minimal_header),
        cmocka_unit_test(test_minimal_issue),
        cmocka_unit_test(test_minimal_action_plan),
        cmocka_unit_test(test_blank_runs),
        cmocka_unit_test(test_programs_built_as_read),
        cmocka_unit_test(test_streamed_validation_messages),
        cmocka_unit_test(test_bad_amounts),
        cmocka_unit_test(test_optional_goal_and_lead),
        cmocka_unit_test(test_not_well_formed),
        cmocka_unit_test(test_wrong_root),
        cmocka_unit_test(test_namespaced_root),
        cmocka_unit_test(test_doctype_refused),
        cmocka_unit_test(test_missing_attribute),
        cmocka_unit_test(test_unexpected_element),
        cmocka_unit_test(test_missing_child),
        cmocka_unit_test(test_bad_id),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_all_schema_errors),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_unreadable),
        cmocka_unit_test(test_big_line_numbers),
        cmocka_unit_test(test_hostile_xxe),
        cmocka_unit_test(test_hostile_billion_laughs),
        cmocka_unit_test(test_hostile_external_dtd),
        cmocka_unit_test(test_xinclude_not_processed),
    };
    return cmocka_run_group_tests(tests, NULL, teardown_all);
}
