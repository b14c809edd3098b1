/* gen.c - synthetic plans of any size, for the benchmark and its test.
 *
 *   gen PROJECTS [OUT.xml]      (stdout when OUT is absent)
 *
 * Writes a plan in phaen's vocabulary (format 1) with PROJECTS projects and
 * everything else growing with it: 30 + P/20 agencies (every one with a
 * role), 4 strategic issues, 3 + P/100 goals per issue with 2 indicators
 * each, 3 + P/80 strategies per issue, max(4, P/8) programs, budgets for the
 * fiscal years 2563-2567.  All prose is real Thai from the sample plan
 * (phrases.h), chosen with a fixed-seed PRNG, so the same P always gives
 * the same bytes.  Every plan passes `phaen check --strict`.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "phrases.h"

int gen_plan(FILE *f, size_t projects);

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(a) ((a)[rnd_below(COUNT(a))])

/* splitmix64: small, fast and the same everywhere (never rand()). */
static uint64_t rng_state;

static uint64_t rnd(void)
{
    uint64_t z = (rng_state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static size_t rnd_below(size_t n)
{
    return (size_t)(rnd() % n);
}

typedef struct Sizes {
    size_t projects, agencies, issues, goals, strategies, programs;
} Sizes;

static Sizes sizes_for(size_t p)
{
    Sizes s = {.projects = p, .agencies = 30 + p / 20, .issues = 4, .goals = 3 + p / 100,
               .strategies = 3 + p / 80, .programs = p / 8};
    if (s.programs < s.issues)
        s.programs = s.issues;
    if (s.programs > p)
        s.programs = p;
    return s;
}

/* Agencies are handed out round-robin first (so each gets a role), then at
 * random. */
static size_t role_cursor;

static size_t next_agency(const Sizes *s)
{
    return role_cursor++ % s->agencies;
}

static void header(FILE *f)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<plan format=\"1\">\n"
          "  <header>\n"
          "    <title>แผนแม่บทความมั่นคงด้านการป้องกันและปราบปรามการค้ามนุษย์ พ.ศ. 2561 – 2580</title>\n"
          "    <title-en>Synthetic benchmark plan</title-en>\n"
          "    <short-title>แผนแม่บทด้านการค้ามนุษย์</short-title>\n"
          "    <document-type level=\"3\">แผนแม่บทความมั่นคง</document-type>\n"
          "    <level-title>แผนปฏิบัติการด้านการป้องกันและปราบปรามการค้ามนุษย์</level-title>\n"
          "    <issuer agency=\"AG-0001\"/>\n"
          "    <period from=\"2561\" to=\"2580\"/>\n"
          "    <phases>\n"
          "      <phase id=\"PH1\" from=\"2561\" to=\"2565\">ระยะ 5 ปี</phase>\n"
          "      <phase id=\"PH2\" from=\"2566\" to=\"2570\">ระยะ 10 ปี</phase>\n"
          "      <phase id=\"PH3\" from=\"2571\" to=\"2580\">ระยะ 20 ปี</phase>\n"
          "    </phases>\n"
          "    <version number=\"1.0\" date=\"2018-09-14\" status=\"approved\"/>\n"
          "  </header>\n"
          "  <alignment>\n"
          "    <align kind=\"national-strategy\" code=\"NS-1\">\n"
          "      <title>ยุทธศาสตร์ชาติ (พ.ศ. 2561 – 2580) ด้านความมั่นคง</title>\n",
          f);
    fprintf(f, "      <contribution>%s</contribution>\n    </align>\n  </alignment>\n",
            PICK(ph_mission));
    fputs("  <sections>\n"
          "    <section id=\"SEC-BG\" role=\"background\">\n"
          "      <title>ความเป็นมา</title>\n",
          f);
    for (int i = 0; i < 3; i++)
        fprintf(f, "      <p>%s</p>\n", PICK(ph_para));
    fputs("      <list>\n", f);
    for (size_t i = 0; i < COUNT(ph_issue); i++)
        fprintf(f, "        <item>%s</item>\n", ph_issue[i]);
    fputs("      </list>\n    </section>\n"
          "    <section id=\"SEC-SIT\" role=\"situation\">\n"
          "      <title>สถานการณ์</title>\n",
          f);
    for (int i = 0; i < 3; i++)
        fprintf(f, "      <p>%s</p>\n", PICK(ph_para));
    fputs("    </section>\n  </sections>\n", f);
    fprintf(f, "  <vision>%s</vision>\n  <missions>\n", ph_vision);
    for (size_t i = 0; i < COUNT(ph_mission); i++)
        fprintf(f, "    <mission>%s</mission>\n", ph_mission[i]);
    fputs("  </missions>\n", f);
}

static const char *const units[] = {"ร้อยละ", "คดี", "คน", "ครั้ง", "หน่วยงาน", "แห่ง"};

static void agency_list(FILE *f, const Sizes *s, size_t first, size_t n, size_t avoid)
{
    size_t chosen[4];
    size_t k = 0;
    chosen[k++] = first;
    fprintf(f, "AG-%04zu", first + 1);
    while (k < n) {
        size_t a = rnd_below(s->agencies);
        int dup = a == avoid;
        for (size_t i = 0; i < k; i++)
            dup |= chosen[i] == a;
        if (dup)
            continue;
        chosen[k++] = a;
        fprintf(f, " AG-%04zu", a + 1);
    }
}

static void issues(FILE *f, const Sizes *s)
{
    fputs("  <issues>\n", f);
    for (size_t i = 1; i <= s->issues; i++) {
        fprintf(f, "    <issue id=\"SI-%zu\">\n      <title>%s</title>\n      <p>%s</p>\n", i,
                ph_issue[(i - 1) % COUNT(ph_issue)], PICK(ph_para));
        for (size_t g = 1; g <= s->goals; g++) {
            fprintf(f, "      <goal id=\"G-%zu.%zu\">%s</goal>\n", i, g, PICK(ph_goal));
            for (size_t k = 1; k <= 2; k++) {
                int base = 20 + (int)rnd_below(50);
                fprintf(f,
                        "      <indicator id=\"IND-%zu.%zu.%zu\" goal=\"G-%zu.%zu\" unit=\"%s\" "
                        "direction=\"increase\">\n"
                        "        <name>%s</name>\n"
                        "        <baseline year=\"2560\">%d</baseline>\n"
                        "        <target phase=\"PH1\">%d</target>\n"
                        "        <target phase=\"PH2\">%d</target>\n"
                        "        <target phase=\"PH3\">%d</target>\n"
                        "        <source>%s</source>\n"
                        "        <answerable agencies=\"",
                        i, g, k, i, g, PICK(units), PICK(ph_indicator), base, base + 10,
                        base + 20, base + 30, PICK(ph_source));
                agency_list(f, s, next_agency(s), 1 + rnd_below(2), SIZE_MAX);
                fputs("\"/>\n      </indicator>\n", f);
            }
        }
        for (size_t k = 1; k <= s->strategies; k++) {
            size_t g1 = (k - 1) % s->goals + 1, g2 = k % s->goals + 1;
            fprintf(f, "      <strategy id=\"ST-%zu.%zu\" goals=\"G-%zu.%zu", i, k, i, g1);
            if (rnd_below(2))
                fprintf(f, " G-%zu.%zu", i, g2);
            fprintf(f, "\">\n        <title>%s</title>\n", PICK(ph_strategy));
            for (size_t m = 0, n = 2 + rnd_below(3); m < n; m++)
                fprintf(f, "        <measure>%s</measure>\n", PICK(ph_measure));
            fputs("      </strategy>\n", f);
        }
        fputs("    </issue>\n", f);
    }
    fputs("  </issues>\n", f);
}

static void project(FILE *f, const Sizes *s, size_t issue, size_t prog, size_t j, size_t num)
{
    fprintf(f, "      <project id=\"PJ-%zu.%03zu\" strategy=\"ST-%zu.%zu\" indicators=\"", prog,
            num, issue, 1 + rnd_below(s->strategies));
    size_t n_ind = 1 + rnd_below(2), first = rnd_below(s->goals * 2);
    for (size_t k = 0; k < n_ind; k++) {
        size_t x = (first + k) % (s->goals * 2);
        fprintf(f, "%sIND-%zu.%zu.%zu", k ? " " : "", issue, x / 2 + 1, x % 2 + 1);
    }
    fprintf(f, "\">\n        <title>%s</title>\n        <objective>%s", PICK(ph_project),
            PICK(ph_objective));
    if (rnd_below(3) == 0)
        fprintf(f, " %s", PICK(ph_objective));
    size_t lead = next_agency(s);
    fprintf(f, "</objective>\n        <lead agency=\"AG-%04zu\"/>\n", lead + 1);
    size_t n_sup = 1 + rnd_below(3);
    fputs("        <support agencies=\"", f);
    agency_list(f, s, next_agency(s), n_sup, lead);
    fputs("\"/>\n", f);
    /* Some projects start after 2563; amounts in whole hundred-thousands. */
    int from = 2563 + (int)(j % 7 == 6) + (int)(j % 11 == 10);
    int64_t amount = (int64_t)(5 + rnd_below(400)) * 100000;
    fprintf(f, "        <budget source=\"%s\">\n",
            rnd_below(10) ? "งบประมาณแผ่นดิน" : "เงินนอกงบประมาณ");
    for (int y = from; y <= 2567; y++) {
        fprintf(f, "          <fy year=\"%d\" status=\"%s\">%" PRId64 "</fy>\n", y,
                y == 2563 ? "approved" : "requested", amount);
        amount += (int64_t)rnd_below(20) * 50000;
    }
    fputs("        </budget>\n      </project>\n", f);
}

static void action_plan(FILE *f, const Sizes *s)
{
    fputs("  <action-plan>\n", f);
    for (size_t g = 0; g < s->programs; g++) {
        size_t issue = g % s->issues + 1;
        fprintf(f, "    <program id=\"PG-%zu\" issue=\"SI-%zu\">\n      <title>%s</title>\n",
                g + 1, issue, PICK(ph_program));
        size_t num = 0;
        for (size_t j = g; j < s->projects; j += s->programs)
            project(f, s, issue, g + 1, j, ++num);
        fputs("    </program>\n", f);
    }
    fputs("  </action-plan>\n", f);
}

static void agencies(FILE *f, const Sizes *s)
{
    /* The first six are ministries; the others belong to one of them. */
    fputs("  <agencies>\n", f);
    for (size_t a = 0; a < s->agencies; a++) {
        size_t k = a % COUNT(ph_agency), round = a / COUNT(ph_agency);
        fprintf(f, "    <agency id=\"AG-%04zu\" abbr=\"%s%s", a + 1, ph_abbr[k],
                round ? " " : "");
        if (round)
            fprintf(f, "%zu", round);
        fputs("\"", f);
        if (a >= 6)
            fprintf(f, " parent=\"AG-%04zu\"", a % 6 + 1);
        fprintf(f, ">\n      <name>%s", ph_agency[k]);
        if (round)
            fprintf(f, " เขต %zu", round);
        fputs("</name>\n    </agency>\n", f);
    }
    fputs("  </agencies>\n</plan>\n", f);
}

/* Writes the plan with `projects` projects to f.  Returns 0, or -1 when f
 * reports a write error.  The same count always gives the same bytes. */
int gen_plan(FILE *f, size_t projects)
{
    Sizes s = sizes_for(projects);
    rng_state = UINT64_C(0x7068616E) ^ (uint64_t)projects; /* "phan" */
    role_cursor = 0;
    header(f);
    issues(f, &s);
    action_plan(f, &s);
    agencies(f, &s);
    return ferror(f) ? -1 : 0;
}

#ifndef GEN_NO_MAIN
int main(int argc, char **argv)
{
    char *end = NULL;
    long n = argc >= 2 ? strtol(argv[1], &end, 10) : 0;
    if (argc < 2 || argc > 3 || *end || n < 1 || n > 1000000) {
        fprintf(stderr, "usage: gen PROJECTS [OUT.xml]\n");
        return 2;
    }
    FILE *f = argc == 3 ? fopen(argv[2], "w") : stdout;
    if (!f) {
        perror(argv[2]);
        return 2;
    }
    int rc = gen_plan(f, (size_t)n);
    if ((f != stdout ? fclose(f) : fflush(f)) != 0 || rc != 0) {
        perror(argc == 3 ? argv[2] : "stdout");
        return 2;
    }
    return 0;
}
#endif
