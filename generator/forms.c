/* forms.c - what an agency's reporting form holds, and the form as CSV;
 * see forms.h.  The PDF of the same rows is formdoc.c's; collect.c reads
 * the CSV back. */
#include "forms.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "csvout.h"
#include "target.h"

const char *const form_keys[FC_N] = {
    "kind", "id", "fiscal_year", "agency", "name", "unit", "baseline", "baseline_year",
    "target", "budget", "actual", "spent", "progress", "status", "note", "source", "date",
};

/* The '#' row: what a person filling the form in reads above each column.
 * Built in, not the template's labels: the CSV is a data contract that
 * `collect` reads without a template (the PDF form's words are labels). */
const char *const form_labels[FC_N] = {
    "# ประเภท: indicator ตัวชี้วัด / project โครงการ",
    "รหัส",
    "ปีงบประมาณ พ.ศ.",
    "หน่วยงาน",
    "ตัวชี้วัด / โครงการ",
    "หน่วยนับ",
    "ค่าฐาน",
    "ปีฐาน",
    "ค่าเป้าหมายของปี",
    "งบประมาณของปี (บาท)",
    "ผลการดำเนินงาน (ตัวชี้วัด)",
    "ใช้จ่ายจริง (บาท)",
    "ความก้าวหน้า (ร้อยละ ๐–๑๐๐)",
    "สถานะ: not-started ยังไม่เริ่ม, on-track ตามแผน, delayed ล่าช้า, "
    "done แล้วเสร็จ, cancelled ยกเลิก",
    "ปัญหาอุปสรรค / หมายเหตุ",
    "แหล่งข้อมูล (ตัวชี้วัด)",
    "วันที่วัดผล (ค.ศ. YYYY-MM-DD หรือ วัน/เดือน/พ.ศ.)",
};

const char *const form_status_keys[FORM_N_STATUS] = {
    "not-started", "on-track", "delayed", "done", "cancelled",
};

const char *const form_status_thai[FORM_N_STATUS] = {
    "ยังไม่เริ่ม", "ตามแผน", "ล่าช้า", "แล้วเสร็จ", "ยกเลิก",
};

int form_status_parse(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    for (int i = 0; i < FORM_N_STATUS; i++)
        if ((strlen(form_status_keys[i]) == n && !strncmp(s, form_status_keys[i], n)) ||
            (strlen(form_status_thai[i]) == n && !strncmp(s, form_status_thai[i], n)))
            return i;
    return -1;
}

int form_has_rows(const Agency *a)
{
    return a->n_leads > 0 || a->n_answers > 0;
}

int form_default_year(const Plan *p)
{
    return p->n_fiscal_years ? p->fiscal_years[0] : p->period_from;
}

const Phase *form_phase(const Plan *p, int year)
{
    for (size_t i = 0; i < p->n_phases; i++)
        if (p->phases[i].from <= year && year <= p->phases[i].to)
            return &p->phases[i];
    return NULL;
}

const Target *form_target(const Plan *p, const Indicator *ind, int year)
{
    return target_for_year(p, ind, year, NULL);
}

static void cell_int(CsvOut *c, int v)
{
    if (v)
        csvout_int(c, v);
    else
        csvout_cell(c, NULL);
}

char *form_csv(const Plan *p, const Agency *a, int year, size_t *len)
{
    CsvOut c;
    csvout_init(&c);
    for (size_t k = 0; k < FC_N; k++)
        csvout_cell(&c, form_keys[k]);
    csvout_row(&c);
    for (size_t k = 0; k < FC_N; k++)
        csvout_cell(&c, form_labels[k]);
    csvout_row(&c);
    for (size_t i = 0; i < a->n_answers; i++) {
        const Indicator *ind = a->answers[i];
        const Target *tg = form_target(p, ind, year);
        csvout_cell(&c, "indicator");
        csvout_cell(&c, ind->id);
        csvout_int(&c, year);
        csvout_cell(&c, a->id);
        csvout_cell(&c, ind->name);
        csvout_cell(&c, ind->unit);
        csvout_cell(&c, ind->baseline);
        cell_int(&c, ind->baseline ? ind->baseline_year : 0);
        csvout_cell(&c, tg ? tg->value : NULL);
        for (size_t k = FC_BUDGET; k < FC_N; k++)
            csvout_cell(&c, NULL);
        csvout_row(&c);
    }
    for (size_t i = 0; i < a->n_leads; i++) {
        const Project *pj = a->leads[i];
        csvout_cell(&c, "project");
        csvout_cell(&c, pj->id);
        csvout_int(&c, year);
        csvout_cell(&c, a->id);
        csvout_cell(&c, pj->title);
        for (size_t k = FC_UNIT; k < FC_BUDGET; k++)
            csvout_cell(&c, NULL);
        /* no budget line: empty, not 0 (README "Budgets") */
        if (project_has_year(pj, year))
            csvout_int(&c, project_budget(pj, year));
        else
            csvout_cell(&c, NULL);
        for (size_t k = FC_BUDGET + 1; k < FC_N; k++)
            csvout_cell(&c, NULL);
        csvout_row(&c);
    }
    *len = c.buf->len;
    return g_string_free(c.buf, FALSE);
}
