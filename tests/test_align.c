/* test_align.c - the XYZ alignment (sub-plan targets, factors, what goals and
 * projects serve), one numbering across documents, and the revision annex. */
#include "testutil.h"

#include <sys/stat.h>

#include "budget.h"
#include "check.h"
#include "diff.h"
#include "load.h"
#include "plan.h"
#include "render.h"
#include "resolve.h"
#include "sha256.h"
#include "template.h"

#define SAMPLE "samples/trafficking-2561-2580.xml"
#define REVISED "samples/history/trafficking-2561-2580-v2.0-revised.xml"

static Template *tpl;

/* ---- a small format-2 plan, one slot a line (line numbers stay fixed) ---- */

typedef struct Slots {
    const char *revises; /* line 10 */
    const char *kind;    /* line 13: the kind of the align holding the targets */
    const char *g1;      /* line 24: attributes of goal G-1.1 */
    const char *g2;      /* line 25: G-1.2 */
    const char *pj;      /* line 34: attributes of project PJ-1 */
} Slots;

#define S(f, def) (s.f ? s.f : (def))

static char *fixture(Slots s)
{
    static const char fmt[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<plan format=\"2\">\n"
        "<header>\n"
        "<title>แผนทดสอบ</title>\n"
        "<document-type level=\"3\">แผนแม่บทความมั่นคง</document-type>\n"
        "<issuer agency=\"OPS\"/>\n"
        "<period from=\"2561\" to=\"2580\"/>\n"
        "<phases><phase id=\"PH1\" from=\"2561\" to=\"2580\">ระยะ 20 ปี</phase></phases>\n"
        "<version number=\"2.0\" date=\"2022-09-30\" status=\"revised\"/>\n"
        "%s\n"
        "</header>\n"
        "<alignment>\n"
        "<align kind=\"%s\" code=\"MP-01.2\"><title>แผนย่อย</title>\n"
        "<target code=\"010201\"><title>เป้าหมายหนึ่ง</title>\n"
        "<factor code=\"F010201\">ปัจจัยหนึ่ง</factor>\n"
        "<factor code=\"F010202\">ปัจจัยสอง</factor></target>\n"
        "<target code=\"010202\"><title>เป้าหมายสอง</title>\n"
        "<factor code=\"F010203\">ปัจจัยสาม</factor></target>\n"
        "</align>\n"
        "</alignment>\n"
        "<vision>วิสัยทัศน์</vision>\n"
        "<issues>\n"
        "<issue id=\"SI-1\"><title>ประเด็นหนึ่ง</title>\n"
        "<goal id=\"G-1.1\" %s>เป้าประสงค์หนึ่ง</goal>\n"
        "<goal id=\"G-1.2\" %s>เป้าประสงค์สอง</goal>\n"
        "<indicator id=\"IND-1.1.1\" goal=\"G-1.1\" unit=\"ร้อยละ\" direction=\"increase\"><name>ตัวชี้วัดหนึ่ง</name><target phase=\"PH1\">1</target><answerable agencies=\"RTP\"/></indicator>\n"
        "<indicator id=\"IND-X\" goal=\"G-1.2\" unit=\"ร้อยละ\" direction=\"increase\"><name>ตัวชี้วัดสอง</name><target phase=\"PH1\">1</target><answerable agencies=\"RTP\"/></indicator>\n"
        "<indicator id=\"IND-Y\" goal=\"G-1.2\" unit=\"ร้อยละ\" direction=\"increase\"><name>ตัวชี้วัดสาม</name><target phase=\"PH1\">1</target><answerable agencies=\"RTP\"/></indicator>\n"
        "<strategy id=\"ST-1.1\" goals=\"G-1.1 G-1.2\"><title>กลยุทธ์หนึ่ง</title></strategy>\n"
        "</issue>\n"
        "</issues>\n"
        "<action-plan>\n"
        "<program id=\"PG-1\" issue=\"SI-1\"><title>แผนงานหนึ่ง</title>\n"
        "<project id=\"PJ-1\" strategy=\"ST-1.1\" indicators=\"IND-Y\" %s>\n"
        "<title>โครงการหนึ่ง</title><objective>วัตถุประสงค์</objective><lead agency=\"RTP\"/>\n"
        "<budget><fy year=\"2563\" status=\"approved\">1000</fy></budget>\n"
        "</project>\n"
        "</program>\n"
        "</action-plan>\n"
        "<agencies>\n"
        "<agency id=\"OPS\" abbr=\"สป.\"><name>สำนักงานปลัดกระทรวง</name></agency>\n"
        "<agency id=\"RTP\" abbr=\"ตร.\"><name>สำนักงานตำรวจแห่งชาติ</name></agency>\n"
        "</agencies>\n"
        "</plan>\n";
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    fprintf(f, fmt, S(revises, ""), S(kind, "sub-plan"),
            S(g1, "serves=\"010201\" factors=\"F010201\""),
            S(g2, "serves=\"010202\" factors=\"F010203\""),
            S(pj, "serves=\"010201\" factors=\"F010202\""));
    fclose(f);
    return buf;
}

/* Loads the fixture as `name`, resolves and checks it; diagnostics in c.
 * NULL when it did not load. */
static Plan *run(DiagCapture *c, Slots s, const char *name)
{
    char *xml = fixture(s);
    diag_capture_init(c);
    Plan *p = plan_load_memory(xml, strlen(xml), name, NULL, &c->d);
    free(xml);
    if (p) {
        plan_resolve(p, &c->d);
        plan_check(p, &c->d);
    }
    return p;
}

/* The diagnostics of the fixture with slots s (malloc'd). */
static char *problems(Slots s)
{
    DiagCapture c;
    Plan *p = run(&c, s, "plan.xml");
    char *out = strdup(diag_capture_text(&c));
    plan_free(p);
    diag_capture_free(&c);
    return out;
}

static int setup(void **state)
{
    Diag d;
    diag_init(&d, stderr, 0);
    tpl = template_load("templates/official.conf", &d);
    return tpl ? 0 : -1;
}

static int teardown(void **state)
{
    template_free(tpl);
    load_cleanup();
    return 0;
}

/* ---- the model ----------------------------------------------------------- */

static void clean_fixture_links_codes(void **state)
{
    DiagCapture c;
    Plan *p = run(&c, (Slots){0}, "plan.xml");
    assert_string_equal(diag_capture_text(&c), "");
    assert_int_equal(p->n_sub_targets, 2);
    const SubTarget *t1 = &p->sub_targets[0], *t2 = &p->sub_targets[1];
    assert_int_equal(t1->line, 14);
    assert_int_equal(t1->n_factors, 2);
    assert_ptr_equal(t1->sub_plan, &p->aligns[0]);
    const Goal *g1 = &p->issues[0].goals[0];
    assert_ptr_equal(g1->serves.items[0].to.sub_target, t1);
    assert_ptr_equal(g1->factors.items[0].to.factor, &t1->factors[0]);
    assert_ptr_equal(t2->factors[0].target, t2);
    assert_true(align_reaches(&g1->serves, &g1->factors, t1));
    assert_false(align_reaches(&g1->serves, &g1->factors, t2));
    ObjKind k;
    assert_ptr_equal(plan_find(p, "F010203", &k), &t2->factors[0]);
    assert_int_equal(k, KIND_FACTOR);
    /* indicator numbers within their goal, from the structure */
    assert_int_equal(p->issues[0].indicators[0].number, 1);
    assert_int_equal(p->issues[0].indicators[2].number, 2);
    plan_free(p);
    diag_capture_free(&c);
}

static void unknown_target_with_suggestion(void **state)
{
    char *out = problems((Slots){.g1 = "serves=\"01020l\""});
    assert_contains(out, "plan.xml:24: error: goal 'G-1.1' serves unknown sub-plan target "
                         "'01020l'\nplan.xml:24: note: did you mean '010201'?\n");
    free(out);
}

static void factor_of_wrong_kind(void **state)
{
    char *out = problems((Slots){.pj = "serves=\"010201\" factors=\"010202\""});
    assert_contains(out, "plan.xml:34: error: project 'PJ-1' names '010202' as a factor it "
                         "acts on, but '010202' is a sub-plan target\n"
                         "plan.xml:17: note: '010202' is defined here\n");
    free(out);
}

static void unknown_factor_in_project(void **state)
{
    char *out = problems((Slots){.pj = "factors=\"F010209\""});
    assert_contains(out, "plan.xml:34: error: project 'PJ-1' names unknown factor 'F010209'\n");
    free(out);
}

static void serving_nothing_warns(void **state)
{
    char *out = problems((Slots){.g2 = ""});
    assert_contains(out, "plan.xml:25: warning: goal 'G-1.2' serves no sub-plan target: add "
                         "serves=\"...\" (the plan declares 2, e.g. '010201')\n");
    /* and 010202 is now served by nothing */
    assert_contains(out, "plan.xml:17: warning: sub-plan target '010202' is served by no "
                         "goal and no project\n");
    free(out);
}

static void factor_of_another_target_warns(void **state)
{
    char *out = problems((Slots){.g1 = "serves=\"010201\" factors=\"F010201 F010203\""});
    assert_contains(out, "plan.xml:24: warning: goal 'G-1.1' names factor 'F010203' of "
                         "sub-plan target '010202', which it does not serve\n"
                         "plan.xml:18: note: 'F010203' is declared here, under '010202'\n");
    free(out);
}

static void factors_alone_imply_targets(void **state)
{
    char *out = problems((Slots){.g2 = "factors=\"F010203\""});
    assert_string_equal(out, "");
    free(out);
}

static void target_outside_a_sub_plan(void **state)
{
    char *out = problems((Slots){.kind = "master-plan"});
    assert_contains(out, "plan.xml:14: error: sub-plan target '010201' is declared in <align "
                         "kind=\"master-plan\">; a target belongs in an <align "
                         "kind=\"sub-plan\">\n");
    free(out);
}

static void code_clashing_with_an_id(void **state)
{
    char *out = problems((Slots){.pj = "serves=\"010201\"", .g2 = "serves=\"PJ-1\""});
    assert_contains(out, "plan.xml:25: error: goal 'G-1.2' names 'PJ-1' as a sub-plan target "
                         "it serves, but 'PJ-1' is a project\n");
    free(out);
}

/* ---- <revises> ----------------------------------------------------------- */

static const char *outdir(void)
{
    static char dir[256];
    const char *b = getenv("BUILD");
    snprintf(dir, sizeof dir, "%s/tests/out/align", b && *b ? b : "build");
    mkdir(dir, 0777);
    return dir;
}

/* Writes the default fixture as DIR/old.xml; its SHA-256 in hex into hex. */
static void write_old(char hex[65])
{
    char *xml = fixture((Slots){0});
    char path[600];
    snprintf(path, sizeof path, "%s/old.xml", outdir());
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(xml, f);
    fclose(f);
    unsigned char sha[32];
    sha256(xml, strlen(xml), sha);
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", sha[i]);
    free(xml);
}

/* The fixture as DIR/new.xml (in memory) revising `href` with `sha`. */
static Plan *run_revising(DiagCapture *c, const char *href, const char *sha)
{
    char rv[256], name[600];
    snprintf(rv, sizeof rv, "<revises href=\"%s\" sha256=\"%s\"/>", href, sha);
    snprintf(name, sizeof name, "%s/new.xml", outdir());
    return run(c, (Slots){.revises = rv, .g1 = "serves=\"010201 010202\" factors=\"F010201\""},
               name);
}

static void revises_loads_the_earlier_version(void **state)
{
    char hex[65];
    write_old(hex);
    DiagCapture c;
    Plan *p = run_revising(&c, "old.xml", hex);
    assert_string_equal(diag_capture_text(&c), "");
    assert_non_null(p->revised);
    assert_int_equal(p->revised->n_sub_targets, 2);
    PlanDiff *d = plan_diff(p->revised, p);
    assert_int_equal(d->n_changed, 1);
    assert_int_equal(d->changes[0].field, DF_SERVES);
    plan_diff_free(d);
    plan_free(p);
    diag_capture_free(&c);
}

static void revises_hash_mismatch(void **state)
{
    char hex[65];
    write_old(hex);
    hex[0] = hex[0] == '0' ? '1' : '0';
    DiagCapture c;
    Plan *p = run_revising(&c, "old.xml", hex);
    char want[600];
    snprintf(want, sizeof want, "%s/new.xml:10: error: the SHA-256 of 'old.xml' is ", outdir());
    assert_contains(diag_capture_text(&c), want);
    assert_contains(diag_capture_text(&c), "that file changed after this version was written");
    assert_null(p->revised);
    assert_int_equal(c.d.errors, 1);
    plan_free(p);
    diag_capture_free(&c);
}

static void revises_missing_file(void **state)
{
    DiagCapture c;
    Plan *p = run_revising(&c, "history/none.xml",
                           "0000000000000000000000000000000000000000000000000000000000000000");
    char want[1200];
    snprintf(want, sizeof want, "%s/new.xml:10: error: the earlier version 'history/none.xml' "
             "this plan revises cannot be read (%s/history/none.xml): No such file or "
             "directory\n", outdir(), outdir());
    assert_string_equal(diag_capture_text(&c), want);
    plan_free(p);
    diag_capture_free(&c);
}

static void revises_bad_hash_syntax_is_a_schema_error(void **state)
{
    DiagCapture c;
    char *xml = fixture((Slots){.revises = "<revises href=\"old.xml\" sha256=\"abc\"/>"});
    diag_capture_init(&c);
    Plan *p = plan_load_memory(xml, strlen(xml), "plan.xml", NULL, &c.d);
    free(xml);
    assert_null(p);
    assert_contains(diag_capture_text(&c), "plan.xml:10: error:");
    diag_capture_free(&c);
}

/* ---- the documents ------------------------------------------------------- */

static Plan *load_path(const char *path)
{
    DiagCapture c;
    diag_capture_init(&c);
    Plan *p = plan_load(path, NULL, &c.d);
    assert_non_null(p);
    plan_resolve(p, &c.d);
    plan_check(p, &c.d);
    assert_int_equal(c.d.errors, 0);
    diag_capture_free(&c);
    return p;
}

/* The index of the first block after the heading with `anchor`. */
static size_t after_heading(const Doc *d, const char *anchor)
{
    for (size_t i = 0; i < d->n_blocks; i++)
        if (d->blocks[i].kind == DB_HEADING && d->blocks[i].anchor &&
            !strcmp(d->blocks[i].anchor, anchor))
            return i + 1;
    fail_msg("no heading '%s'", anchor);
    return 0;
}

static void matrix_marks_equal_the_data(void **state)
{
    Plan *p = load_path(SAMPLE);
    Doc *d = compose_master_plan(p, tpl);
    size_t i = after_heading(d, "_alignment-matrix");
    assert_int_equal(d->blocks[i].kind, DB_TABLE);
    const DocTable *t = d->blocks[i].table;
    assert_int_equal(t->n_cols, 1 + p->n_sub_targets);
    const char *mark = template_label(tpl, "align_mark");
    size_t gi = 0, gj = 0, rows = 0, marks = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        const DocRow *row = &t->rows[r];
        if (row->kind != ROW_BODY)
            continue;
        while (gj >= p->issues[gi].n_goals) {
            gi++;
            gj = 0;
        }
        const Goal *g = &p->issues[gi].goals[gj++];
        assert_int_equal(row->line, g->line);
        for (size_t k = 0; k < p->n_sub_targets; k++) {
            const SubTarget *st = &p->sub_targets[k];
            const char *cell = row->cells[1 + k].markup;
            int want = align_reaches(&g->serves, &g->factors, st);
            assert_int_equal(strstr(cell, mark) != NULL, want);
            marks += want;
            for (size_t f = 0; f < g->factors.n; f++) {
                const Factor *fa = g->factors.items[f].to.factor;
                if (fa->target == st)
                    assert_contains(cell, fa->code);
                else
                    assert_not_contains(cell, fa->code);
            }
        }
        rows++;
    }
    assert_int_equal(rows, 13);   /* every goal of the sample */
    assert_int_equal(marks, 17);  /* 13 serve 010201, 4 also 010202 */
    doc_free(d);
    plan_free(p);
}

static void numbering_id_style(void **state)
{
    DiagCapture c;
    Plan *p = run(&c, (Slots){0}, "plan.xml");
    Template t = *tpl;
    t.numbering_ids = 1;
    Rollup *ru = rollup_new(p);
    Doc *m = compose_master_plan(p, &t), *a = compose_action_plan(p, &t, ru);
    Doc *n = compose_action_plan(p, tpl, ru);
    int in_master = 0, in_action = 0, numbered = 0;
    for (size_t i = 0; i < m->n_blocks; i++)
        if (m->blocks[i].kind == DB_TABLE)
            for (size_t r = 0; r < m->blocks[i].table->n_rows; r++) {
                const DocRow *row = &m->blocks[i].table->rows[r];
                if (row->anchor && !strcmp(row->anchor, "IND-Y"))
                    in_master = strstr(row->cells[0].markup, "<b>IND-Y</b>") != NULL;
            }
    for (int pass = 0; pass < 2; pass++) {
        const Doc *d = pass ? n : a;
        for (size_t i = 0; i < d->n_blocks; i++)
            if (d->blocks[i].kind == DB_TABLE && d->blocks[i].table->n_cols == 6)
                for (size_t r = 0; r < d->blocks[i].table->n_rows; r++) {
                    const char *cell = d->blocks[i].table->rows[r].cells[4].markup;
                    if (pass == 0)
                        in_action |= strstr(cell, "IND-Y") != NULL;
                    else
                        numbered |= strstr(cell, "๑.๒.๒") != NULL; /* G-1.2's 2nd */
                }
    }
    assert_true(in_master);
    assert_true(in_action);
    assert_true(numbered);
    doc_free(m);
    doc_free(a);
    doc_free(n);
    rollup_free(ru);
    plan_free(p);
    diag_capture_free(&c);
}

/* The text of a PDF by poppler (-raw: what a reader copies). */
static char *pdf_text(const char *path)
{
    char *out;
    assert_int_equal(shared_tool(&out, 0, (const char *[]){"pdftotext", "-raw", path, "-", NULL}), 0);
    return out;
}

static void each_document_shows_alignment_and_one_numbering(void **state)
{
    char path[1000];
    /* the sample as rendered once for every test binary (testutil.h) */
    const char *dir = shared_render(SAMPLE, NULL);
    static const char *const docs[] = {"master-plan.pdf", "action-plan.pdf",
                                       "sheets/AMLO.pdf"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, docs[i]);
        char *txt = pdf_text(path);
        /* alignment: the target and factor of PJ-1.08 (AMLO's project),
         * G-1.2 in the master plan */
        assert_contains(txt, "010201");
        assert_contains(txt, "ปัจจัย F010201");
        /* IND-1.2.1 (มูลค่าทรัพย์สิน...) is ๑.๒.๑ everywhere; no id printed */
        assert_contains(txt, "๑.๒.๑");
        assert_not_contains(txt, "IND-1.2.1");
        if (i != 1) /* the action plan lists numbers only */
            assert_contains(txt, "๑.๒.๑ มูลค่า");
        if (i == 0) {
            assert_contains(txt, "ความสอดคล้องของเป้าประสงค์กับเป้าหมายแผนย่อย");
            assert_contains(txt, "เป้าหมายแผนย่อย 010202");
        }
        free(txt);
    }
}

/* ---- the revision annex -------------------------------------------------- */

static void annex_equals_phaen_diff(void **state)
{
    Plan *p = load_path(REVISED);
    assert_non_null(p->revised);
    Doc *m = compose_master_plan(p, tpl);
    PlanDiff *pd = plan_diff(p->revised, p);
    Doc *d = compose_diff(pd, p->revised, p, tpl);
    size_t i = after_heading(m, "_annex-revision"), j = after_heading(d, "_diff");
    /* block by block, the same as `phaen diff -o` */
    assert_int_equal(m->n_blocks - i, d->n_blocks - j);
    const DocTable *table = NULL;
    for (; i < m->n_blocks; i++, j++) {
        const DocBlock *a = &m->blocks[i], *b = &d->blocks[j];
        assert_int_equal(a->kind, b->kind);
        if (a->kind == DB_PARA)
            assert_string_equal(a->markup, b->markup);
        if (a->kind != DB_TABLE)
            continue;
        table = a->table;
        assert_int_equal(a->table->n_rows, b->table->n_rows);
        for (size_t r = 0; r < a->table->n_rows; r++)
            for (size_t k = 0; k < a->table->rows[r].n_cells; k++)
                assert_string_equal(a->table->rows[r].cells[k].markup,
                                    b->table->rows[r].cells[k].markup);
    }
    assert_non_null(table);
    /* and change for change what `phaen diff OLD NEW` prints */
    const char *ph = getenv("PHAEN");
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "%s diff %s %s", ph && *ph ? ph : "build/phaen", SAMPLE, REVISED);
    int st;
    char *txt = run_capture(cmd, &st);
    char *line = strchr(strchr(txt, '\n') + 1, '\n') + 1;
    size_t r = 0, n = 0;
    for (; *line; line = strchr(line, '\n') + 1) {
        while (r < table->n_rows && table->rows[r].kind != ROW_BODY)
            r++;
        assert_true(r < table->n_rows);
        /* "changed goal G-2.3 ...": the id is the third word; "changed plan ..." has none */
        char verb[16], kind[32], id[64];
        assert_int_equal(sscanf(line, "%15s %31s %63s", verb, kind, id), 3);
        const char *cell = table->rows[r].cells[0].markup;
        if (strcmp(kind, "plan") == 0) {
            assert_string_equal(cell, "–");
        } else {
            /* the id, after the printed label for what has one */
            char small[96];
            snprintf(small, sizeof small, "<small>%s</small>", id);
            if (strcmp(kind, "goal") && strcmp(kind, "indicator") && strcmp(kind, "strategy"))
                assert_string_equal(cell, id);
            else
                assert_non_null(strstr(cell, small));
        }
        r++;
        n++;
    }
    assert_int_equal(n, pd->n);
    assert_contains(txt, "changed goal G-2.3 เป้าหมายแผนย่อย: 010201 -> 010201 010202\n");
    /* the goal's row says which goal it is the way the plan numbers it */
    int labelled = 0;
    for (size_t k = 0; k < table->n_rows; k++)
        labelled |= table->rows[k].n_cells == 4 &&
                    !strcmp(table->rows[k].cells[0].markup, "๒.๓\n<small>G-2.3</small>");
    assert_true(labelled);
    free(txt);
    plan_diff_free(pd);
    doc_free(d);
    doc_free(m);
    plan_free(p);
}

static void no_annex_without_revises(void **state)
{
    Plan *p = load_path(SAMPLE);
    assert_null(p->revised);
    Doc *m = compose_master_plan(p, tpl);
    for (size_t i = 0; i < m->n_blocks; i++)
        if (m->blocks[i].kind == DB_HEADING && m->blocks[i].anchor)
            assert_string_not_equal(m->blocks[i].anchor, "_annex-revision");
    doc_free(m);
    plan_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clean_fixture_links_codes),
        cmocka_unit_test(unknown_target_with_suggestion),
        cmocka_unit_test(factor_of_wrong_kind),
        cmocka_unit_test(unknown_factor_in_project),
        cmocka_unit_test(serving_nothing_warns),
        cmocka_unit_test(factor_of_another_target_warns),
        cmocka_unit_test(factors_alone_imply_targets),
        cmocka_unit_test(target_outside_a_sub_plan),
        cmocka_unit_test(code_clashing_with_an_id),
        cmocka_unit_test(revises_loads_the_earlier_version),
        cmocka_unit_test(revises_hash_mismatch),
        cmocka_unit_test(revises_missing_file),
        cmocka_unit_test(revises_bad_hash_syntax_is_a_schema_error),
        cmocka_unit_test(matrix_marks_equal_the_data),
        cmocka_unit_test(numbering_id_style),
        cmocka_unit_test(each_document_shows_alignment_and_one_numbering),
        cmocka_unit_test(annex_equals_phaen_diff),
        cmocka_unit_test(no_annex_without_revises),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
