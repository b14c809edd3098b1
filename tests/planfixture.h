/* planfixture.h - the small valid plan with one-line slots that the
 * resolve and check tests share (see Parts).  Include after testutil.h. */
#ifndef PHAEN_PLANFIXTURE_H
#define PHAEN_PLANFIXTURE_H

#include "check.h"
#include "load.h"
#include "plan.h"
#include "resolve.h"

typedef struct Parts {
    const char *issuer;       /* line 6: issuer agency */
    const char *period;       /* line 7: period attributes */
    const char *phase1;       /* line 9 */
    const char *phase2;       /* line 10 */
    const char *phase3;       /* line 11: empty by default */
    const char *ind_attrs;    /* line 19: goal="G-1.1" */
    const char *ind_name;     /* line 19 */
    const char *ind_body;     /* line 20: baseline, targets, answerable */
    const char *st_goals;     /* line 22 */
    const char *st_title;     /* line 22 */
    const char *issue1;       /* line 23: more of SI-1 */
    const char *issue2;       /* line 29: more of SI-2 */
    const char *pg_issue;     /* line 33 */
    const char *pj_attrs;     /* line 34 */
    const char *pj_title;     /* line 35 */
    const char *lead;         /* line 36 */
    const char *support;      /* line 37 */
    const char *budget;       /* line 38 */
    const char *projects;     /* line 40: more projects of PG-1 */
    const char *rtp_parent;   /* line 46: attribute, empty by default */
    const char *rtp_name;     /* line 46 */
    const char *agencies;     /* line 48: more agencies */
} Parts;

#define D(field, def) (parts.field ? parts.field : (def))

static char *fixture_xml(Parts parts)
{
#define FIXTURE_FMT \
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
        "<plan format=\"1\">\n" \
        "<header>\n" \
        "<title>แผนทดสอบ</title>\n" \
        "<document-type level=\"3\">แผนแม่บทความมั่นคง</document-type>\n" \
        "<issuer agency=\"%s\"/>\n" \
        "<period %s/>\n" \
        "<phases>\n" \
        "%s\n" \
        "%s\n" \
        "%s\n" \
        "</phases>\n" \
        "<version number=\"1.0\" date=\"2018-09-14\" status=\"approved\"/>\n" \
        "</header>\n" \
        "<vision>วิสัยทัศน์</vision>\n" \
        "<issues>\n" \
        "<issue id=\"SI-1\"><title>ประเด็นหนึ่ง</title>\n" \
        "<goal id=\"G-1.1\">เป้าหมายหนึ่ง</goal>\n" \
        "<indicator id=\"IND-1.1\" %s unit=\"ร้อยละ\" direction=\"increase\"><name>%s</name>\n" \
        "%s\n" \
        "</indicator>\n" \
        "<strategy id=\"ST-1.1\" goals=\"%s\"><title>%s</title></strategy>\n" \
        "%s\n" \
        "</issue>\n" \
        "<issue id=\"SI-2\"><title>ประเด็นสอง</title>\n" \
        "<goal id=\"G-2.1\">เป้าหมายสอง</goal>\n" \
        "<indicator id=\"IND-2.1\" goal=\"G-2.1\" unit=\"ร้อยละ\" direction=\"increase\"><name>ตัวชี้วัดสอง</name><target phase=\"PH1\">1</target><target phase=\"PH2\">2</target><answerable agencies=\"RTP\"/></indicator>\n" \
        "<strategy id=\"ST-2.1\" goals=\"G-2.1\"><title>กลยุทธ์สอง</title></strategy>\n" \
        "%s\n" \
        "</issue>\n" \
        "</issues>\n" \
        "<action-plan>\n" \
        "<program id=\"PG-1\" issue=\"%s\"><title>แผนงานหนึ่ง</title>\n" \
        "<project id=\"PJ-1\" %s>\n" \
        "<title>%s</title><objective>วัตถุประสงค์</objective>\n" \
        "%s\n" \
        "%s\n" \
        "%s\n" \
        "</project>\n" \
        "%s\n" \
        "</program>\n" \
        "<program id=\"PG-2\" issue=\"SI-2\"><title>แผนงานสอง</title><project id=\"PJ-2\" strategy=\"ST-2.1\" indicators=\"IND-2.1\"><title>โครงการสอง</title><objective>วัตถุประสงค์</objective><lead agency=\"DSI\"/></project></program>\n" \
        "</action-plan>\n" \
        "<agencies>\n" \
        "<agency id=\"OPS\" abbr=\"สป.\"><name>สำนักงานปลัดกระทรวง</name></agency>\n" \
        "<agency id=\"RTP\" abbr=\"ตร.\" %s><name>%s</name></agency>\n" \
        "<agency id=\"DSI\" abbr=\"ดศ.\"><name>กรมสอบสวนคดีพิเศษ</name></agency>\n" \
        "%s\n" \
        "</agencies>\n" \
        "</plan>\n"
    const char *args[] = {
        D(issuer, "OPS"),
        D(period, "from=\"2561\" to=\"2580\""),
        D(phase1, "<phase id=\"PH1\" from=\"2561\" to=\"2565\">ระยะ 5 ปี</phase>"),
        D(phase2, "<phase id=\"PH2\" from=\"2566\" to=\"2580\">ระยะ 20 ปี</phase>"),
        D(phase3, ""),
        D(ind_attrs, "goal=\"G-1.1\""),
        D(ind_name, "ตัวชี้วัดหนึ่ง"),
        D(ind_body, "<baseline year=\"2560\">62</baseline><target phase=\"PH1\">75</target>"
                    "<target phase=\"PH2\">85</target><answerable agencies=\"RTP\"/>"),
        D(st_goals, "G-1.1"),
        D(st_title, "กลยุทธ์หนึ่ง"),
        D(issue1, ""),
        D(issue2, ""),
        D(pg_issue, "SI-1"),
        D(pj_attrs, "strategy=\"ST-1.1\" indicators=\"IND-1.1\""),
        D(pj_title, "โครงการหนึ่ง"),
        D(lead, "<lead agency=\"RTP\"/>"),
        D(support, "<support agencies=\"DSI\"/>"),
        D(budget, "<budget><fy year=\"2563\" status=\"approved\">1000</fy></budget>"),
        D(projects, ""),
        D(rtp_parent, ""),
        D(rtp_name, "สำนักงานตำรวจแห่งชาติ"),
        D(agencies, ""),
    };
    for (size_t i = 0; i < sizeof args / sizeof *args; i++)
        assert_null(strchr(args[i], '\n')); /* a slot is one line */
    size_t len = sizeof FIXTURE_FMT;
    for (size_t i = 0; i < sizeof args / sizeof *args; i++)
        len += strlen(args[i]);
    char *buf = malloc(len);
    assert_non_null(buf);
    snprintf(buf, len, FIXTURE_FMT, args[0], args[1], args[2], args[3], args[4], args[5],
             args[6], args[7], args[8], args[9], args[10], args[11], args[12],
             args[13], args[14], args[15], args[16], args[17], args[18], args[19],
             args[20], args[21]);
    return buf;
}
#undef D
#undef FIXTURE_FMT

/* Loads the fixture as "plan.xml", resolves and (when `check`) checks it,
 * with every diagnostic captured in c.  Returns the plan (never NULL). */
static Plan *run_parts(DiagCapture *c, Parts parts, int check)
{
    char *xml = fixture_xml(parts);
    diag_capture_init(c);
    Plan *p = plan_load_memory(xml, strlen(xml), "plan.xml", NULL, &c->d);
    free(xml);
    if (!p)
        fail_msg("fixture did not load:\n%s", diag_capture_text(c));
    plan_resolve(p, &c->d);
    if (check)
        plan_check(p, &c->d);
    return p;

#endif
