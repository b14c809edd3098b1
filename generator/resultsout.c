/* resultsout.c - a results file from checked rows; see resultsout.h. */
#include "resultsout.h"

#include "forms.h"
#include "sha256.h"

static void xml_text(GString *o, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': g_string_append(o, "&amp;"); break;
        case '<': g_string_append(o, "&lt;"); break;
        case '>': g_string_append(o, "&gt;"); break;
        case '"': g_string_append(o, "&quot;"); break;
        default: g_string_append_c(o, *s);
        }
    }
}

static void xml_elem(GString *o, const char *name, const char *text)
{
    if (!text)
        return;
    g_string_append_printf(o, "    <%s>", name);
    xml_text(o, text);
    g_string_append_printf(o, "</%s>\n", name);
}

static int entry_cmp(gconstpointer pa, gconstpointer pb)
{
    const ResultsEntry *a = *(const ResultsEntry *const *)pa, *b = *(const ResultsEntry *const *)pb;
    if (a->is_project != b->is_project)
        return a->is_project - b->is_project;
    if (a->order != b->order)
        return a->order < b->order ? -1 : 1;
    return a->agency->index < b->agency->index ? -1 : a->agency->index > b->agency->index;
}

GString *resultsout_xml(const Plan *p, int year, const char *date, GPtrArray *entries)
{
    GString *o = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    char hex[65];
    sha256_hex(p->sha256, hex);
    g_string_append_printf(o, "<results format=\"1\" fiscal-year=\"%d\" plan-sha256=\"%s\">\n",
                           year, hex);
    g_ptr_array_sort(entries, entry_cmp);
    /* a reporter per agency with a reported row, in the plan's agency order */
    unsigned char *has = g_new0(unsigned char, p->n_agencies + 1);
    for (size_t i = 0; i < entries->len; i++)
        has[((ResultsEntry *)g_ptr_array_index(entries, i))->agency->index] = 1;
    for (size_t i = 0; i < p->n_agencies; i++)
        if (has[i]) {
            g_string_append(o, "  <reporter agency=\"");
            xml_text(o, p->agencies[i].id);
            g_string_append_printf(o, "\" date=\"%s\"/>\n", date);
        }
    g_free(has);
    for (size_t i = 0; i < entries->len; i++) {
        const ResultsEntry *e = g_ptr_array_index(entries, i);
        g_string_append_printf(o, "  <%s ref=\"", e->is_project ? "project" : "indicator");
        xml_text(o, e->ref);
        g_string_append(o, "\" agency=\"");
        xml_text(o, e->agency->id);
        if (e->is_project) {
            g_string_append_printf(o, "\" status=\"%s\"", form_status_keys[e->status]);
            if (!e->spent && !e->progress && !e->note) {
                g_string_append(o, "/>\n");
                continue;
            }
            g_string_append(o, ">\n");
            xml_elem(o, "spent", e->spent);
            xml_elem(o, "progress", e->progress);
            xml_elem(o, "problems", e->note);
            g_string_append(o, "  </project>\n");
        } else {
            g_string_append_printf(o, "\" date=\"%s\">\n", e->date);
            xml_elem(o, e->numeric ? "actual" : "actual-text", e->actual);
            xml_elem(o, "source", e->source);
            xml_elem(o, "note", e->note);
            g_string_append(o, "  </indicator>\n");
        }
    }
    g_string_append(o, "</results>\n");
    return o;
}
