/* template.c - reads a house-style file (templates/<name>.conf); see
 * template.h.
 *
 * The format is deliberately small so that a secretariat clerk can edit it:
 * `key = value` lines, `#` comment lines, blank lines.  Every key maps to one
 * Template field through the table below; lengths carry a unit and are
 * stored in points.  Every problem is reported as `path:line: error: ...`
 * and loading goes on, so one run shows all of them; then NULL is returned.
 */
#include "template.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "image.h"
#include "input.h"
#include "xalloc.h"

/* A template is a page of settings (official.conf is 10 KB). */
enum { TEMPLATE_MAX_BYTES = 1024 * 1024 };

typedef enum {
    K_STRING,   /* any text */
    K_LENGTH,   /* number + unit (mm, cm, pt, in), stored in points */
    K_NUMBER,   /* a plain number */
    K_BOOL,     /* yes / no */
    K_NUMERALS, /* thai / arabic */
    K_LATIN,    /* keep / thai */
    K_NUMBERING, /* number / id */
    K_FORMAT,   /* text with exactly one %s */
    K_WORDS,    /* one line, space-separated words */
    K_ITEMS,    /* a repeatable key: each line adds one item */
    K_PNG,      /* a PNG file, relative to the template's folder */
    K_COLOUR,   /* #rrggbb, stored as 0xRRGGBB in an unsigned */
    K_COLUMNS,  /* a table's column shares, "6 24 30" (set_columns) */
} KeyType;

typedef struct KeyDef {
    const char *key;
    KeyType type;
    size_t offset;       /* of the field in Template */
    size_t count_offset; /* lists only: of the size_t count */
    int positive;        /* numbers: must be > 0 (otherwise >= 0) */
    int required;
} KeyDef;

#define F(field) offsetof(Template, field)

static const KeyDef keys[] = {
    { "name",                K_STRING,   F(name), 0, 0, 1 },
    { "version",             K_STRING,   F(version), 0, 0, 1 },
    { "page.width",          K_LENGTH,   F(page_w), 0, 1, 1 },
    { "page.height",         K_LENGTH,   F(page_h), 0, 1, 1 },
    { "margin.top",          K_LENGTH,   F(margin_top), 0, 0, 1 },
    { "margin.bottom",       K_LENGTH,   F(margin_bottom), 0, 0, 1 },
    { "margin.left",         K_LENGTH,   F(margin_left), 0, 0, 1 },
    { "margin.right",        K_LENGTH,   F(margin_right), 0, 0, 1 },
    { "header.y",            K_LENGTH,   F(header_y), 0, 0, 1 },
    { "font.family",         K_STRING,   F(font_family), 0, 0, 1 },
    { "font.size",           K_LENGTH,   F(body_size), 0, 1, 1 },
    { "font.size.title",     K_LENGTH,   F(title_size), 0, 1, 1 },
    { "font.size.chapter",   K_LENGTH,   F(chapter_size), 0, 1, 1 },
    { "font.size.section",   K_LENGTH,   F(section_size), 0, 1, 1 },
    { "font.size.table",     K_LENGTH,   F(table_size), 0, 1, 1 },
    { "font.size.detail",    K_LENGTH,   F(detail_size), 0, 1, 0 },
    { "font.size.budget",    K_LENGTH,   F(budget_size), 0, 1, 0 },
    { "line.spacing",        K_NUMBER,   F(line_spacing), 0, 1, 1 },
    { "paragraph.space",     K_LENGTH,   F(para_space), 0, 0, 1 },
    { "paragraph.indent",    K_LENGTH,   F(first_line_indent), 0, 0, 1 },
    { "paragraph.justify",   K_BOOL,     F(justify), 0, 0, 1 },
    { "table.cell_padding",  K_LENGTH,   F(cell_pad), 0, 0, 1 },
    { "page_number.format",  K_FORMAT,   F(page_number_format), 0, 0, 1 },
    { "numerals.page",       K_NUMERALS, F(numerals_page), 0, 0, 1 },
    { "numerals.headings",   K_NUMERALS, F(numerals_headings), 0, 0, 1 },
    { "numerals.dates",      K_NUMERALS, F(numerals_dates), 0, 0, 1 },
    { "numerals.tables",     K_NUMERALS, F(numerals_tables), 0, 0, 1 },
    { "numerals.body",       K_NUMERALS, F(numerals_body), 0, 0, 1 },
    { "numerals.latin",      K_LATIN,    F(numerals_latin_keep), 0, 0, 0 },
    { "numbering",           K_NUMBERING, F(numbering_ids), 0, 0, 0 },
    { "chapters",            K_WORDS,    F(chapters), F(n_chapters), 0, 1 },
    { "nobreak",             K_ITEMS,    F(nobreak), F(n_nobreak), 0, 0 },
    { "keepwhole",           K_ITEMS,    F(keepwhole), F(n_keepwhole), 0, 0 },
    /* tables that do not fit (layout_columns.c); optional */
    { "font.size.table.min", K_LENGTH,   F(table_min_size), 0, 1, 0 },
    { "table.split",         K_BOOL,     F(table_split), 0, 0, 0 },
    { "table.keep_rows",     K_NUMBER,   F(table_keep_rows), 0, 0, 0 },
    /* line breaking (linebreak.c); optional: 0 means the built-in default */
    { "preferwhole",         K_ITEMS,    F(preferwhole), F(n_preferwhole), 0, 0 },
    { "justify.space_stretch", K_NUMBER, F(space_stretch), 0, 1, 0 },
    { "justify.word_stretch", K_NUMBER, F(word_stretch), 0, 0, 0 },
    { "justify.letter_max",  K_NUMBER,   F(letter_max), 0, 1, 0 },
    { "justify.space_shrink", K_NUMBER, F(space_shrink), 0, 0, 0 },
    { "justify.word_shrink", K_NUMBER, F(word_shrink), 0, 0, 0 },
    { "justify.letter_shrink", K_NUMBER, F(letter_shrink), 0, 0, 0 },
    { "justify.expand",      K_NUMBER,   F(expand), 0, 0, 0 },
    { "justify.expand_step", K_NUMBER,   F(expand_step), 0, 0, 0 },
    { "justify.letter_worst", K_NUMBER,  F(letter_worst), 0, 0, 0 },
    { "paragraph.last_line_min", K_LENGTH, F(last_line_min), 0, 0, 0 },
    /* the look of table rows (layout_table.c); optional */
    { "table.shade.header",  K_NUMBER,   F(shade_header), 0, 0, 0 },
    { "table.shade.total",   K_NUMBER,   F(shade_total), 0, 0, 0 },
    { "table.shade.group",   K_NUMBER,   F(shade_group), 0, 0, 0 },
    { "table.shade.subtotal", K_NUMBER,  F(shade_subtotal), 0, 0, 0 },
    { "table.rule",          K_LENGTH,   F(rule_width), 0, 0, 0 },
    /* the cover's emblem and the draft mark (compose.c, layout.c); optional */
    { "cover.emblem",        K_PNG,      F(emblem), 0, 0, 0 },
    { "cover.emblem.width",  K_LENGTH,   F(emblem_width), 0, 1, 0 },
    { "draft.text",          K_STRING,   F(draft_text), 0, 0, 0 },
    { "draft.color",         K_COLOUR,   F(draft_colour), 0, 0, 0 },
    { "draft.size",          K_LENGTH,   F(draft_size), 0, 1, 0 },
    { "draft.angle",         K_NUMBER,   F(draft_angle), 0, 0, 0 },
    /* the progress report's statuses (progress.h); optional */
    { "progress.achieved",   K_NUMBER,   F(progress_achieved), 0, 1, 0 },
    { "progress.close",      K_NUMBER,   F(progress_close), 0, 1, 0 },
    { "progress.colour.achieved", K_COLOUR, F(colour_achieved), 0, 0, 0 },
    { "progress.colour.close", K_COLOUR, F(colour_close), 0, 0, 0 },
    { "progress.colour.below", K_COLOUR, F(colour_below), 0, 0, 0 },
    /* the spacing of the cover and of headings (compose.c, layout.c);
     * optional, in percent (finish_look) */
    { "cover.space.top",     K_NUMBER,   F(cover_top), 0, 0, 0 },
    { "cover.space.top.emblem", K_NUMBER, F(cover_top_emblem), 0, 0, 0 },
    { "cover.space.emblem",  K_NUMBER,   F(cover_emblem_gap), 0, 0, 0 },
    { "cover.space.issuer",  K_NUMBER,   F(cover_issuer_gap), 0, 0, 0 },
    { "heading.space.before", K_NUMBER,  F(heading_before), 0, 0, 0 },
    { "heading.space.after.chapter", K_NUMBER, F(heading_after_chapter), 0, 0, 0 },
    { "heading.space.after", K_NUMBER,   F(heading_after), 0, 0, 0 },
    /* the main tables' column shares (master.c, action.c, sheet.c); optional */
    { "table.columns.indicators", K_COLUMNS, F(cols_indicators), 0, 0, 0 },
    { "table.columns.agencies", K_COLUMNS, F(cols_agencies), 0, 0, 0 },
    { "table.columns.projects", K_COLUMNS, F(cols_projects), 0, 0, 0 },
    { "table.columns.sheet.header", K_COLUMNS, F(cols_sheet_header), 0, 0, 0 },
    { "table.columns.sheet.leads", K_COLUMNS, F(cols_sheet_leads), 0, 0, 0 },
    { "table.columns.sheet.supports", K_COLUMNS, F(cols_sheet_supports), 0, 0, 0 },
    { "table.columns.sheet.indicators", K_COLUMNS, F(cols_sheet_indicators), 0, 0, 0 },
    { "table.columns.sheet.totals", K_COLUMNS, F(cols_sheet_totals), 0, 0, 0 },
    { "table.columns.approvals", K_COLUMNS, F(cols_approvals), 0, 0, 0 },
    { "table.columns.glossary", K_COLUMNS, F(cols_glossary), 0, 0, 0 },
    { "table.columns.alignment", K_COLUMNS, F(cols_alignment), 0, 0, 0 },
    { "table.columns.diff", K_COLUMNS, F(cols_diff), 0, 0, 0 },
    { "table.columns.sheet.below", K_COLUMNS, F(cols_sheet_below), 0, 0, 0 },
    { "table.columns.form.header", K_COLUMNS, F(cols_form_header), 0, 0, 0 },
    { "table.columns.form.indicators", K_COLUMNS, F(cols_form_indicators), 0, 0, 0 },
    { "table.columns.form.projects", K_COLUMNS, F(cols_form_projects), 0, 0, 0 },
    { "table.columns.progress.indicators", K_COLUMNS, F(cols_progress_indicators), 0, 0, 0 },
    { "table.columns.progress.agencies", K_COLUMNS, F(cols_progress_agencies), 0, 0, 0 },
    { "table.columns.progress.counts", K_COLUMNS, F(cols_progress_counts), 0, 0, 0 },
    { "table.columns.progress.criteria", K_COLUMNS, F(cols_progress_criteria), 0, 0, 0 },
    /* the composers' and the contents' spacing, indents and sizes
     * (finish_look); optional */
    { "paragraph.space.part", K_NUMBER,  F(part_space), 0, 0, 0 },
    { "vision.space",        K_LENGTH,   F(vision_space), 0, 0, 0 },
    { "alignment.space",     K_LENGTH,   F(align_space), 0, 0, 0 },
    { "alignment.space.legend", K_LENGTH, F(align_legend_space), 0, 0, 0 },
    { "alignment.space.target", K_LENGTH, F(align_target_space), 0, 0, 0 },
    { "diff.space.title",    K_LENGTH,   F(diff_title_space), 0, 0, 0 },
    { "cover.space.title_en", K_NUMBER,  F(cover_title_en_gap), 0, 0, 0 },
    { "cover.space.version", K_NUMBER,   F(cover_version_gap), 0, 0, 0 },
    { "signature.indent",    K_NUMBER,   F(signature_indent), 0, 0, 0 },
    { "signature.space",     K_NUMBER,   F(signature_space), 0, 0, 0 },
    { "heading.indent.strategy", K_NUMBER, F(strategy_indent), 0, 0, 0 },
    { "table.space",         K_NUMBER,   F(table_space), 0, 0, 0 },
    { "table.mark.room",     K_NUMBER,   F(mark_room), 0, 0, 0 },
    { "contents.indent",     K_NUMBER,   F(toc_indent), 0, 0, 0 },
    { "contents.number_width", K_NUMBER, F(toc_number_width), 0, 0, 0 },
    { "contents.space.chapter", K_NUMBER, F(toc_chapter_space), 0, 0, 0 },
    { "contents.leader.rule", K_LENGTH,  F(toc_leader_rule), 0, 0, 0 },
    { "contents.leader.dot", K_LENGTH,   F(toc_leader_dot), 0, 0, 0 },
    { "contents.leader.gap", K_LENGTH,   F(toc_leader_gap), 0, 0, 0 },
    { "contents.leader.space", K_LENGTH, F(toc_leader_space), 0, 0, 0 },
    { "form.space",          K_NUMBER,   F(form_space), 0, 0, 0 },
    { "progress.chart.label", K_NUMBER,  F(chart_label), 0, 1, 0 },
    { "progress.chart.height", K_LENGTH, F(chart_height), 0, 1, 0 },
    { "progress.chart.height.indicator", K_LENGTH, F(chart_height_indicator), 0, 1, 0 },
    { "progress.chart.space", K_NUMBER,  F(chart_space), 0, 0, 0 },
    { "progress.chart.grey.allocated", K_NUMBER, F(chart_grey_allocated), 0, 0, 0 },
    { "progress.chart.grey.spent", K_NUMBER, F(chart_grey_spent), 0, 0, 0 },
    { "progress.chart.grey.grid", K_NUMBER, F(chart_grey_grid), 0, 0, 0 },
    { "progress.chart.grey.target", K_NUMBER, F(chart_grey_target), 0, 0, 0 },
    { "progress.chart.grey.actual", K_NUMBER, F(chart_grey_actual), 0, 0, 0 },
    { "progress.chart.rule.grid", K_LENGTH, F(chart_rule_grid), 0, 0, 0 },
    { "progress.chart.rule.axis", K_LENGTH, F(chart_rule_axis), 0, 0, 0 },
    { "progress.chart.rule.bar", K_LENGTH, F(chart_rule_bar), 0, 0, 0 },
    { "progress.chart.rule.target", K_LENGTH, F(chart_rule_target), 0, 0, 0 },
    { "progress.chart.rule.actual", K_LENGTH, F(chart_rule_actual), 0, 0, 0 },
    { "progress.chart.rule.baseline", K_LENGTH, F(chart_rule_baseline), 0, 0, 0 },
};

enum { N_KEYS = sizeof keys / sizeof keys[0] };

/* What a renderer can lay out, whatever the file says: each bound keeps
 * pages finite and text placeable (a 1000 pt font, a 1e9 mm page or a line
 * spacing of 1000 made render run for ever or write PDFs no viewer opens).
 * Lengths in points. */
static const struct Bound {
    const char *key;
    double min, max;
    const char *why;
} bounds[] = {
    { "page.width",        72, 14400, "PDF viewers accept pages of 1 to 200 in (72-14,400 pt)" },
    { "page.height",       72, 14400, "PDF viewers accept pages of 1 to 200 in (72-14,400 pt)" },
    { "font.size",          4, 200,   "font sizes are 4-200 pt" },
    { "font.size.title",    4, 200,   "font sizes are 4-200 pt" },
    { "font.size.chapter",  4, 200,   "font sizes are 4-200 pt" },
    { "font.size.section",  4, 200,   "font sizes are 4-200 pt" },
    { "font.size.table",    4, 200,   "font sizes are 4-200 pt" },
    { "font.size.detail",   4, 200,   "font sizes are 4-200 pt" },
    { "font.size.budget",   4, 200,   "font sizes are 4-200 pt" },
    { "line.spacing",     0.5, 3,     "a line spacing is 0.5-3 times the font's line height" },
    { "paragraph.space",    0, 72,    "the space after a paragraph is at most 72 pt (1 in)" },
    { "table.cell_padding", 0, 36,    "a cell padding is at most 36 pt (0.5 in)" },
    /* a gap inside Thai text wider than 0.09 em reads as a space (justify.h) */
    { "justify.word_stretch", 0, 0.09, "a boundary between Thai words widens by 0-0.09 em" },
    { "justify.letter_max", 0, 0.09,  "letters move apart by at most 0.09 em" },
    /* a space narrower than about a fifth of an em no longer reads as
     * one; letters closer than their side bearings touch */
    { "justify.space_shrink", 0, 0.1, "a space narrows by 0-0.1 em" },
    { "justify.word_shrink", 0, 0.03, "a boundary between Thai words narrows by 0-0.03 em" },
    { "justify.letter_shrink", 0, 0.02, "letters close up by 0-0.02 em" },
    /* pdfTeX's font expansion: past about 3 % the letters' strokes look
     * stretched (microtype's default limit is 2 %) */
    { "justify.expand",     0, 0.03,  "a line's letters widen or narrow by 0-0.03 (3 %)" },
    { "justify.expand_step", 0, 0.01, "the letters' width changes in steps of 0-0.01 (1 %)" },
    { "justify.letter_worst", 0, 0.09, "letters open by at most 0.09 em" },
    { "cover.emblem.width", 4, 600,   "an emblem is 4-600 pt wide" },
    { "draft.size",         4, 1000,  "the draft mark is 4-1000 pt" },
    { "draft.angle",        0, 360,   "an angle is 0-360 degrees" },
    { "progress.achieved",  1, 1000,  "a share of target is 1-1000 per cent" },
    { "progress.close",     1, 1000,  "a share of target is 1-1000 per cent" },
    /* per cent of the page height: the cover stays on one page */
    { "cover.space.top",    0, 40,    "the space above the title is 0-40 per cent of the page" },
    { "cover.space.top.emblem", 0, 40, "the space above the emblem is 0-40 per cent of the page" },
    { "cover.space.emblem", 0, 30,    "the space below the emblem is 0-30 per cent of the page" },
    { "cover.space.issuer", 0, 40,    "the space above the issuer is 0-40 per cent of the page" },
    /* per cent of a body line: a heading stays near its text */
    { "heading.space.before", 0, 300, "the space above a heading is 0-300 per cent of a line" },
    { "heading.space.after.chapter", 0, 300, "the space below a heading is 0-300 per cent of a line" },
    { "heading.space.after", 0, 300,  "the space below a heading is 0-300 per cent of a line" },
    /* the composers' and the contents' look (finish_look): a part of the
     * page, never more */
    { "paragraph.space.part", 0, 400, "the space above a part is 0-400 per cent of the font size" },
    { "vision.space",       0, 72,    "a space above a paragraph is at most 72 pt (1 in)" },
    { "alignment.space",    0, 72,    "a space above a paragraph is at most 72 pt (1 in)" },
    { "alignment.space.legend", 0, 72, "a space above a paragraph is at most 72 pt (1 in)" },
    { "alignment.space.target", 0, 72, "a space above a paragraph is at most 72 pt (1 in)" },
    { "diff.space.title",   0, 72,    "a space above a paragraph is at most 72 pt (1 in)" },
    { "cover.space.title_en", 0, 400, "the space above the English title is 0-400 per cent of the font size" },
    { "cover.space.version", 0, 400,  "the space above the version is 0-400 per cent of the font size" },
    { "signature.indent",   0, 40,    "the signature's indent is 0-40 per cent of the text width" },
    { "signature.space",    0, 800,   "the space above a signature is 0-800 per cent of the font size" },
    { "heading.indent.strategy", 0, 200, "a strategy's indent is 0-200 per cent of paragraph.indent" },
    { "table.space",        0, 300,   "the space around a table is 0-300 per cent of a line" },
    { "table.mark.room",    70, 300,  "a status mark's room is 70-300 per cent of the table font "
                                      "(the mark itself is 70)" },
    { "contents.indent",    0, 600,   "a contents level's indent is 0-600 per cent of the font size" },
    { "contents.number_width", 100, 800, "the page numbers' column is 100-800 per cent of the font size" },
    { "contents.space.chapter", 0, 300, "the space above a chapter's entry is 0-300 per cent of a line" },
    { "contents.leader.rule", 0.1, 4, "the leader's dots are 0.1-4 pt" },
    { "contents.leader.dot", 0, 20,   "a leader's dash is 0-20 pt long" },
    { "contents.leader.gap", 0.5, 40, "the leader's gaps are 0.5-40 pt" },
    { "contents.leader.space", 0, 36, "the leader keeps 0-36 pt from the text" },
    { "form.space",         0, 400,   "the form's spacing is 0-400 per cent of the font size" },
    { "progress.chart.label", 30, 200, "a chart's labels are 30-200 per cent of the table font" },
    { "progress.chart.height", 60, 500, "a chart is 60-500 pt high" },
    { "progress.chart.height.indicator", 60, 500, "a chart is 60-500 pt high" },
    { "progress.chart.space", 0, 400, "the space above a chart is 0-400 per cent of the font size" },
    { "progress.chart.grey.allocated", 0, 100, "a grey is 0 (black) to 100 (white)" },
    { "progress.chart.grey.spent", 0, 100, "a grey is 0 (black) to 100 (white)" },
    { "progress.chart.grey.grid", 0, 100, "a grey is 0 (black) to 100 (white)" },
    { "progress.chart.grey.target", 0, 100, "a grey is 0 (black) to 100 (white)" },
    { "progress.chart.grey.actual", 0, 100, "a grey is 0 (black) to 100 (white)" },
    { "progress.chart.rule.grid", 0, 5, "a chart's rule is 0-5 pt wide" },
    { "progress.chart.rule.axis", 0, 5, "a chart's rule is 0-5 pt wide" },
    { "progress.chart.rule.bar", 0, 5, "a chart's rule is 0-5 pt wide" },
    { "progress.chart.rule.target", 0, 5, "a chart's rule is 0-5 pt wide" },
    { "progress.chart.rule.actual", 0, 5, "a chart's rule is 0-5 pt wide" },
    { "progress.chart.rule.baseline", 0, 5, "a chart's rule is 0-5 pt wide" },
};

/* A line of Laksaman is about 2.3 times its size high (37 pt at 16 pt,
 * STACK-NOTES.md); the room checks below use 2.4 to stay on the safe side. */
#define LINE_HEIGHT(t, size) (2.4 * (size) * (t)->line_spacing)

/* The labels the composers use, sorted by strcmp for bsearch.  Each one is
 * required (`label.<key> = text`), so template_label() never misses. */
static const char *const label_keys[] = {
    "abbr", "action_plan", "agencies", "agency", "align_factor", "align_legend",
    "align_mark", "align_matrix", "align_serves", "align_target", "alignment", "amount_unit",
    "annex", "answerable", "answers_for",
    "approval", "approval_body", "approval_date", "approval_meeting",
    "background", "baht", "baseline",
    "budget", "budget_none", "budget_summary", "budget_zero", "chapter", "contribution",
    "diff_added", "diff_align_kind", "diff_budget_allocated", "diff_budget_approved",
    "diff_budget_requested", "diff_budget_source", "diff_budget_status",
    "diff_changed", "diff_direction", "diff_front", "diff_id", "diff_issues", "diff_item",
    "diff_measure_item", "diff_name", "diff_name_en", "diff_new", "diff_none",
    "diff_old", "diff_paragraph", "diff_plan", "diff_removed", "diff_resolution",
    "diff_sign_date", "diff_sign_name", "diff_sign_org", "diff_sign_position",
    "diff_status", "diff_text", "diff_title",
    "direction_decrease", "direction_increase", "direction_maintain",
    "fiscal_year",
    "form_actual", "form_choose_one", "form_how", "form_id", "form_instructions",
    "form_instructions_csv", "form_items", "form_measured", "form_note", "form_percent",
    "form_phone", "form_position", "form_problems", "form_progress", "form_report_date",
    "form_reporter", "form_sign", "form_spent", "form_status", "form_status_cancelled",
    "form_status_delayed", "form_status_done", "form_status_not_started",
    "form_status_on_track", "form_title", "form_year",
    "glossary", "glossary_meaning",
    "goal", "goals", "grand_total", "indicator", "indicators",
    "indicators_moved", "issue", "issuer", "lead", "lead_note", "leads",
    "master_plan", "measures", "million_baht", "ministry", "mission",
    "national_strategy", "no", "no_direct_role", "no_programs", "no_role", "objective", "page", "period",
    "phase", "plan_period", "policy", "program",
    "progress_achieved", "progress_actual", "progress_actual_short", "progress_agencies",
    "progress_allocated", "progress_below", "progress_better", "progress_by_issue",
    "progress_by_year", "progress_charts", "progress_close", "progress_count",
    "progress_criteria", "progress_indicators", "progress_items", "progress_missing",
    "progress_moves", "progress_moves_note", "progress_not_comparable", "progress_not_reported",
    "progress_percent", "progress_problems", "progress_progress", "progress_projects",
    "progress_report", "progress_reported", "progress_result", "progress_same",
    "progress_share", "progress_spent", "progress_spent_share", "progress_state_cancelled",
    "progress_state_delayed", "progress_state_done", "progress_state_not_started",
    "progress_state_on_track", "progress_status", "progress_status_progress",
    "progress_summary", "progress_which", "progress_worse", "progress_yearly",
    "project", "revision_annex", "revision_date",
    "role_below", "rounding_note", "sheet", "source", "status_approved", "status_draft",
    "status_revised", "strategies", "strategy", "sub_plan", "subtotal",
    "summary_by_agency", "summary_by_issue", "summary_by_ministry", "support", "supports", "target",
    "toc", "total", "unit", "version", "vision", "vision_mission", "year",
};

enum { N_LABELS = sizeof label_keys / sizeof label_keys[0] };

static const char LABEL_PREFIX[] = "label.";

/* Labels a template may leave out (those added after templates were in
 * use: a template written before them still loads), with the official
 * words.  The forms' status words are also what `collect` reads in Thai
 * (forms.c form_status_thai): the CSV does not depend on the template. */
static const struct { const char *key, *text; } label_defaults[] = {
    { "form_actual", "ผลการดำเนินงาน" },
    { "form_choose_one", "(เลือกหนึ่ง)" },
    { "form_how", "วิธีกรอก" },
    { "form_id", "รหัส" },
    { "form_instructions",
      "ตัวชี้วัด: ผลในหน่วยนับของตัวชี้วัด แหล่งข้อมูลและวันที่วัดผล "
      "โครงการ: เงินที่ใช้จ่ายจริง ความก้าวหน้าเป็นร้อยละ และทำเครื่องหมายในวงเล็บหน้าสถานะเดียว "
      "แถวที่เว้นว่างทั้งแถวคือยังไม่รายงาน จะกรอกในไฟล์" },
    { "form_instructions_csv", "ซึ่งมีแถวเดียวกันตามรหัสก็ได้" },
    { "form_items", "รายการ" },
    { "form_measured", "วันที่วัดผล" },
    { "form_note", "หมายเหตุ" },
    { "form_percent", "ร้อยละ" },
    { "form_phone", "โทรศัพท์" },
    { "form_position", "ตำแหน่ง" },
    { "form_problems", "ปัญหาอุปสรรค / หมายเหตุ" },
    { "form_progress", "ความก้าวหน้า" },
    { "form_report_date", "วันที่รายงาน" },
    { "form_reporter", "ผู้รายงาน" },
    { "form_sign", "ลงชื่อ" },
    { "form_spent", "ใช้จ่ายจริง" },
    { "form_status", "สถานะ" },
    { "form_status_cancelled", "ยกเลิก" },
    { "form_status_delayed", "ล่าช้า" },
    { "form_status_done", "แล้วเสร็จ" },
    { "form_status_not_started", "ยังไม่เริ่ม" },
    { "form_status_on_track", "ตามแผน" },
    { "form_title", "แบบรายงานผลการดำเนินงาน" },
    { "form_year", "ปี" },
};

/* A growing list of arena strings, copied into the arena when done. */
typedef struct Vec {
    const char **v;
    size_t n, cap;
} Vec;

static void vec_push(Vec *v, const char *s)
{
    v->v = xgrow(v->v, &v->cap, v->n + 1, sizeof *v->v);
    v->v[v->n++] = s;
}

/* The state of one load: where we are, and the first line of each key. */
typedef struct Loader {
    Template *t;
    Arena *a;
    Diag *d;
    const char *path;
    int line;
    int errors_before;   /* d->errors when loading began */
    int key_line[N_KEYS];
    int label_line[N_LABELS];
    Vec lists[N_KEYS];
} Loader;

static int cmp_label_key(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

static int label_index(const char *name)
{
    const char *const *p = bsearch(name, label_keys, N_LABELS,
                                   sizeof label_keys[0], cmp_label_key);
    return p ? (int)(p - label_keys) : -1;
}

static int key_index(const char *name)
{
    for (int i = 0; i < N_KEYS; i++)
        if (strcmp(keys[i].key, name) == 0)
            return i;
    return -1;
}

/* The known key nearest to an unknown one (a typing slip: at most 2
 * edits, or a quarter of its length), or NULL; written into buf for a
 * label's "label." prefix. */
static const char *suggest_key(const char *key, char *buf, size_t size)
{
    const char *best = NULL;
    int best_label = -1;
    size_t n = strlen(key);
    int best_d = n / 4 > 2 ? (int)(n / 4) + 1 : 3;
    for (int k = 0; k < N_KEYS; k++) {
        int d = (int)diag_distance(key, keys[k].key, (size_t)best_d - 1);
        if (d < best_d) {
            best_d = d;
            best = keys[k].key;
        }
    }
    for (int i = 0; i < N_LABELS; i++) {
        snprintf(buf, size, "%s%s", LABEL_PREFIX, label_keys[i]);
        int d = (int)diag_distance(key, buf, (size_t)best_d - 1);
        if (d < best_d) {
            best_d = d;
            best_label = i;
        }
    }
    if (best_label >= 0) {
        snprintf(buf, size, "%s%s", LABEL_PREFIX, label_keys[best_label]);
        return buf;
    }
    return best;
}

/* Reads a decimal number without sign ("3", "2.5", ".5") at s, without
 * strtod so that the locale cannot change the decimal point.  Returns the
 * end of the number, or NULL when there is none. */
static const char *parse_decimal(const char *s, double *out)
{
    double v = 0, scale = 1;
    int digits = 0;
    for (; *s >= '0' && *s <= '9'; s++, digits++)
        v = v * 10 + (*s - '0');
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++, digits++)
            v += (*s - '0') * (scale /= 10);
    if (digits == 0)
        return NULL;
    *out = v;
    return s;
}

static const struct { const char *name; double pt; } units[] = {
    { "pt", 1.0 }, { "mm", 72.0 / 25.4 }, { "cm", 72.0 / 2.54 }, { "in", 72.0 },
};

/* Parses "3cm" / "2.5 mm" into points; reports and returns -1 if bad. */
static int parse_length(Loader *L, const char *key, const char *val, double *out)
{
    double v;
    const char *u = parse_decimal(val, &v);
    if (u)
        while (*u == ' ' || *u == '\t')
            u++;
    if (!u || *u == '\0') {
        diag_error(L->d, L->path, L->line, "bad length '%s' for '%s': expected "
                   "a number and a unit (mm, cm, pt, in)", val, key);
        return -1;
    }
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(u, units[i].name) == 0) {
            *out = v * units[i].pt;
            return 0;
        }
    diag_error(L->d, L->path, L->line,
               "unknown unit '%s' in '%s = %s' (use mm, cm, pt or in)", u, key, val);
    return -1;
}

/* A page-number format is printed with the number in place of %s: it must
 * have exactly one %s and no other conversion (%% is a literal %). */
static int format_ok(const char *s)
{
    int n = 0;
    for (; *s; s++) {
        if (*s != '%')
            continue;
        if (s[1] == 's')
            n++;
        else if (s[1] != '%')
            return 0;
        s++;
    }
    return n == 1;
}

/* Whether s is well-formed UTF-8 (labels end up in the PDF as text). */
static int utf8_ok(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1
              : (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0)
            return 0;
        p++;
        for (; n > 0; n--, p++)
            if ((*p & 0xC0) != 0x80)
                return 0;
    }
    return 1;
}

/* Whether v is within the bounds of keys[k], if it has any; reports when
 * it is not. */
static int within_bounds(Loader *L, int k, double v)
{
    for (size_t i = 0; i < sizeof bounds / sizeof bounds[0]; i++)
        if (!strcmp(bounds[i].key, keys[k].key) && (v < bounds[i].min || v > bounds[i].max)) {
            diag_error(L->d, L->path, L->line, "'%s' is %.4g%s, out of bounds: %s",
                       keys[k].key, v, keys[k].type == K_LENGTH ? " pt" : "", bounds[i].why);
            return 0;
        }
    return 1;
}

/* Reads the PNG file `val` names (relative to the template's folder unless
 * absolute) into the template, checking that it decodes (image.h); every
 * problem at the template's line, so the clerk sees which setting to fix. */
static void read_png(Loader *L, const char *key, const char *val)
{
    const char *slash = strrchr(L->path, '/');
    const char *path = val[0] == '/' || !slash
        ? arena_strdup(L->a, val)
        : arena_printf(L->a, "%.*s/%s", (int)(slash - L->path), L->path, val);
    /* without blocking: a FIFO named here must fail, not wait (input.h) */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (fd >= 0 && !f)
        close(fd);
    struct stat st;
    const char *why = NULL;
    unsigned char *data = NULL;
    size_t len = 0;
    if (!f)
        why = strerror(errno);
    else if (fstat(fileno(f), &st) != 0)
        why = strerror(errno);
    else if (!S_ISREG(st.st_mode))
        why = "not a regular file";
    else if (st.st_size > IMAGE_MAX_BYTES)
        why = "larger than 8 MiB";
    else {
        len = (size_t)st.st_size;
        data = arena_alloc(L->a, len + 1);
        if (fread(data, 1, len, f) != len)
            why = "cannot read it";
    }
    if (f)
        fclose(f);
    if (!why && image_png_check(data, len, &L->t->emblem_px_w, &L->t->emblem_px_h, &why) == 0) {
        L->t->emblem = data;
        L->t->emblem_len = len;
        return;
    }
    diag_error(L->d, L->path, L->line, "'%s': cannot use the image '%s': %s", key, path, why);
}

/* The column shares of the main tables (master.c, action.c, sheet.c)
 * and of the front matter (front.c): the official ones when absent; a
 * template's line gives one share per column.  The phases' column of an
 * indicator table is split evenly between the plan's phases.  The layout
 * divides the text width by the shares' total, so only ratios matter. */
static const struct ColumnsDef {
    const char *key;
    size_t offset;
    size_t n;
    double dflt[TEMPLATE_MAX_COLUMNS];
} columns[] = {
    { "table.columns.indicators",        F(cols_indicators),        5, {27, 10, 10, 33, 19} },
    { "table.columns.agencies",          F(cols_agencies),          4, {9, 45, 14, 32} },
    { "table.columns.projects",          F(cols_projects),          6, {6, 24, 30, 22, 9, 11} },
    { "table.columns.sheet.header",      F(cols_sheet_header),      2, {24, 76} },
    { "table.columns.sheet.leads",       F(cols_sheet_leads),       4, {9, 46, 19, 26} },
    { "table.columns.sheet.supports",    F(cols_sheet_supports),    5, {9, 34, 14, 19, 24} },
    { "table.columns.sheet.indicators",  F(cols_sheet_indicators),  4, {28, 12, 12, 48} },
    { "table.columns.sheet.totals",      F(cols_sheet_totals),      3, {30, 35, 35} },
    { "table.columns.approvals",         F(cols_approvals),         4, {6, 60, 17, 17} },
    { "table.columns.glossary",          F(cols_glossary),          2, {22, 78} },
    { "table.columns.alignment",         F(cols_alignment),         2, {70, 30} },
    { "table.columns.diff",              F(cols_diff),              4, {14, 30, 28, 28} },
    { "table.columns.sheet.below",       F(cols_sheet_below),       2, {70, 30} },
    { "table.columns.form.header",       F(cols_form_header),       2, {18, 82} },
    { "table.columns.form.indicators",   F(cols_form_indicators),   8,
      {4, 44, 6, 7, 7, 11, 10, 11} },
    { "table.columns.form.projects",     F(cols_form_projects),     7, {5, 31, 11, 12, 8, 12, 21} },
    { "table.columns.progress.indicators", F(cols_progress_indicators), 4, {30, 2, 2, 10} },
    { "table.columns.progress.agencies", F(cols_progress_agencies), 4, {22, 14, 32, 32} },
    { "table.columns.progress.counts",   F(cols_progress_counts),   2, {60, 40} },
    { "table.columns.progress.criteria", F(cols_progress_criteria), 2, {40, 60} },
};

static const struct ColumnsDef *columns_def(const char *key)
{
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
        if (!strcmp(columns[i].key, key))
            return &columns[i];
    return NULL;
}

/* One line of shares, "6 24 30 22 9 11": as many as the table has columns,
 * each above 0 and at most 1000. */
static void set_columns(Loader *L, const char *key, const char *val)
{
    const struct ColumnsDef *c = columns_def(key);
    assert(c);
    double w[TEMPLATE_MAX_COLUMNS];
    size_t n = 0;
    for (const char *p = val + strspn(val, " \t"); *p; p += strspn(p, " \t")) {
        double v;
        const char *end = parse_decimal(p, &v);
        if (!end || (*end && *end != ' ' && *end != '\t')) {
            diag_error(L->d, L->path, L->line, "bad number in '%s = %s'", key, val);
            return;
        }
        if (v <= 0 || v > 1000) {
            diag_error(L->d, L->path, L->line, "'%s': a column's share is above 0 and at "
                       "most 1000, not %g", key, v);
            return;
        }
        if (n < c->n)
            w[n] = v;
        n++;
        p = end;
    }
    if (n != c->n) {
        diag_error(L->d, L->path, L->line, "'%s' has %zu shares: the table has %zu columns",
                   key, n, c->n);
        return;
    }
    memcpy((char *)L->t + c->offset, w, n * sizeof w[0]);
}

static int line_of(const Loader *L, const char *key);

static void finish_columns(Loader *L)
{
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
        if (line_of(L, columns[i].key) == 0)
            memcpy((char *)L->t + columns[i].offset, columns[i].dflt,
                   columns[i].n * sizeof columns[i].dflt[0]);
}

/* For a key that takes one of two words: 0 when val is the first, 1 when
 * the second, -1 after reporting anything else. */
static int which_word(Loader *L, const char *key, const char *val, const char *first,
                      const char *second)
{
    if (!strcmp(val, first))
        return 0;
    if (!strcmp(val, second))
        return 1;
    diag_error(L->d, L->path, L->line, "bad value '%s' for '%s': expected %s or %s", val, key,
               first, second);
    return -1;
}

/* Stores val into the field of keys[k]; reports a bad value. */
static void set_value(Loader *L, int k, const char *val)
{
    const KeyDef *def = &keys[k];
    void *field = (char *)L->t + def->offset;
    double num;
    const char *end;
    int w;

    switch (def->type) {
    case K_STRING:
        *(const char **)field = arena_strdup(L->a, val);
        break;
    case K_FORMAT:
        if (!format_ok(val)) {
            diag_error(L->d, L->path, L->line, "bad format '%s' for '%s': it "
                       "must contain %%s (the number) exactly once", val, def->key);
            return;
        }
        *(const char **)field = arena_strdup(L->a, val);
        break;
    case K_LENGTH:
    case K_NUMBER:
        if (def->type == K_LENGTH) {
            if (parse_length(L, def->key, val, &num) < 0)
                return;
        } else if (!(end = parse_decimal(val, &num)) || *end) {
            diag_error(L->d, L->path, L->line, "bad number '%s' for '%s'",
                       val, def->key);
            return;
        }
        if (def->positive && num <= 0) {
            diag_error(L->d, L->path, L->line, "'%s' must be greater than zero",
                       def->key);
            return;
        }
        if (!within_bounds(L, k, num))
            return;
        *(double *)field = num;
        break;
    case K_BOOL:
        if ((w = which_word(L, def->key, val, "yes", "no")) < 0)
            return;
        *(int *)field = w == 0;
        break;
    case K_NUMERALS:
        if ((w = which_word(L, def->key, val, "thai", "arabic")) < 0)
            return;
        *(NumeralStyle *)field = w == 0 ? NUMERALS_THAI : NUMERALS_ARABIC;
        break;
    case K_LATIN:
        if ((w = which_word(L, def->key, val, "keep", "thai")) < 0)
            return;
        *(int *)field = w == 0;
        break;
    case K_NUMBERING:
        if ((w = which_word(L, def->key, val, "number", "id")) < 0)
            return;
        *(int *)field = w == 1;
        break;
    case K_WORDS:
        for (const char *p = val; *p;) {
            size_t n = strcspn(p, " \t");
            if (n > 0)
                vec_push(&L->lists[k], arena_strndup(L->a, p, n));
            p += n;
            p += strspn(p, " \t");
        }
        break;
    case K_ITEMS:
        vec_push(&L->lists[k], arena_strdup(L->a, val));
        break;
    case K_COLUMNS:
        set_columns(L, def->key, val);
        break;
    case K_PNG:
        read_png(L, def->key, val);
        break;
    case K_COLOUR: {
        unsigned rgb = 0;
        int ok = val[0] == '#' && strlen(val) == 7;
        for (int i = 1; ok && i < 7; i++) {
            char c = val[i];
            int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            ok = v >= 0;
            rgb = rgb * 16 + (unsigned)(v < 0 ? 0 : v);
        }
        if (!ok) {
            diag_error(L->d, L->path, L->line, "bad colour '%s' for '%s': expected #rrggbb "
                       "(six hexadecimal digits, as #1b7837)", val, def->key);
            return;
        }
        *(unsigned *)field = rgb;
        break;
    }
    }
}

/* Reports a key set twice, with a note at the first setting. */
static int is_duplicate(Loader *L, const char *key, int *first)
{
    if (*first == 0) {
        *first = L->line;
        return 0;
    }
    diag_error(L->d, L->path, L->line, "duplicate key '%s'", key);
    diag_note(L->d, L->path, *first, "'%s' was first set here", key);
    return 1;
}

/* Handles one line of the file (already without its newline). */
static void load_line(Loader *L, char *s)
{
    s += strspn(s, " \t");
    if (*s == '\0' || *s == '#')
        return;
    char *eq = strchr(s, '=');
    char *kend = eq ? eq : s + strlen(s);
    while (kend > s && (kend[-1] == ' ' || kend[-1] == '\t'))
        kend--;
    if (!eq || kend == s) {
        diag_error(L->d, L->path, L->line, "expected 'key = value'");
        return;
    }
    *kend = '\0';
    char *val = eq + 1;
    val += strspn(val, " \t");
    size_t n = strlen(val);
    while (n > 0 && (val[n - 1] == ' ' || val[n - 1] == '\t'))
        val[--n] = '\0';

    const char *key = s;
    int k = key_index(key), lab = -1;
    if (k < 0 && strncmp(key, LABEL_PREFIX, sizeof LABEL_PREFIX - 1) == 0)
        lab = label_index(key + sizeof LABEL_PREFIX - 1);
    if (k < 0 && lab < 0) {
        char buf[128];
        const char *near = suggest_key(key, buf, sizeof buf);
        diag_error(L->d, L->path, L->line, "unknown key '%s'", key);
        if (near)
            diag_note(L->d, L->path, L->line, "did you mean '%s'?", near);
        return;
    }
    if (*val == '\0') {
        diag_error(L->d, L->path, L->line, "'%s' has no value", key);
        return;
    }
    if (!utf8_ok(val)) {
        diag_error(L->d, L->path, L->line, "the value of '%s' is not valid "
                   "UTF-8 (save the file as UTF-8)", key);
        return;
    }
    if (lab >= 0) {
        if (!is_duplicate(L, key, &L->label_line[lab]))
            L->t->labels[lab].text = arena_strdup(L->a, val);
        return;
    }
    if (keys[k].type == K_ITEMS) {
        if (L->key_line[k] == 0)
            L->key_line[k] = L->line;
    } else if (is_duplicate(L, key, &L->key_line[k])) {
        return;
    }
    set_value(L, k, val);
}

/* The line a key was set on (0 when it was not). */
static int line_of(const Loader *L, const char *key)
{
    int k = key_index(key);
    return k >= 0 ? L->key_line[k] : 0;
}

/* The room the values leave together (each one is within its bounds
 * already): a text area, in portrait and in landscape (the action plan's
 * tables), at least 8 body or table font sizes wide and 2 of the largest,
 * and six lines of text high and one and a half of the largest heading;
 * cell padding and indent that leave room for text; the page number inside
 * the top margin.  Every problem at the line of the key to change. */
static void check_ranges(Loader *L)
{
    const Template *t = L->t;
    if (L->d->errors > L->errors_before)
        return; /* the room checks below assume every value is there and sane */

    /* the text area of a portrait page, and of the landscape pages */
    double narrow_w = (t->page_w < t->page_h ? t->page_w : t->page_h)
                      - t->margin_left - t->margin_right;
    double low_h = (t->page_w < t->page_h ? t->page_w : t->page_h)
                   - t->margin_top - t->margin_bottom;
    double big = t->body_size;
    const double sizes[] = {t->title_size, t->chapter_size, t->section_size, t->table_size};
    for (size_t i = 0; i < 4; i++)
        big = sizes[i] > big ? sizes[i] : big;
    double text = t->body_size > t->table_size ? t->body_size : t->table_size;
    double need_w = 8 * text;
    if (2 * big > need_w)
        need_w = 2 * big;
    double need_h = 6 * LINE_HEIGHT(t, text);
    if (1.5 * LINE_HEIGHT(t, big) > need_h)
        need_h = 1.5 * LINE_HEIGHT(t, big);
    const char *lr = t->margin_left >= t->margin_right ? "margin.left" : "margin.right";
    const char *tb = t->margin_top >= t->margin_bottom ? "margin.top" : "margin.bottom";
    if (narrow_w < need_w) {
        diag_error(L->d, L->path, line_of(L, lr), "the margins leave no room for text on a "
                   "%.0f x %.0f pt page: the text is %.0f pt wide (on the narrow side), "
                   "and needs at least %.0f pt for these font sizes",
                   t->page_w, t->page_h, narrow_w, need_w);
        return;
    }
    if (low_h < need_h) {
        diag_error(L->d, L->path, line_of(L, tb), "the margins leave no room for text on a "
                   "%.0f x %.0f pt page: the text area is %.0f pt high (landscape pages), "
                   "and needs at least %.0f pt for these font sizes at line spacing %g "
                   "(six lines of text, one and a half of the largest heading)",
                   t->page_w, t->page_h, low_h, need_h, t->line_spacing);
        return;
    }
    if (t->cell_pad > narrow_w / 40)
        diag_error(L->d, L->path, line_of(L, "table.cell_padding"), "'table.cell_padding' "
                   "is %.1f pt; at most %.1f pt (1/40 of the text width) leaves the "
                   "narrowest table column room for text", t->cell_pad, narrow_w / 40);
    if (t->first_line_indent > narrow_w / 2)
        diag_error(L->d, L->path, line_of(L, "paragraph.indent"), "'paragraph.indent' is "
                   "%.1f pt; at most half the text width (%.1f pt)", t->first_line_indent,
                   narrow_w / 2);
    if (t->header_y > t->margin_top)
        diag_error(L->d, L->path, line_of(L, "header.y"), "'header.y' is %.1f pt: the page "
                   "number would be drawn over the text, below the top margin (%.1f pt)",
                   t->header_y, t->margin_top);
}

/* The optional table keys: table.split defaults to yes; the smallest table
 * font is no larger than the table font; the greys and the rule default to
 * the official look.  Greys are written in percent of white (0-100) and
 * divided here: 86 / 100.0 is exactly the double 0.86 the C constant was
 * (parse_decimal's 0.8 + 0.06 is not), so output stays byte-identical. */
static void finish_tables(Loader *L)
{
    static const struct { const char *key; size_t offset; double dflt, max; } look[] = {
        { "table.shade.header",   F(shade_header),   86, 100 },
        { "table.shade.total",    F(shade_total),    88, 100 },
        { "table.shade.group",    F(shade_group),    93, 100 },
        { "table.shade.subtotal", F(shade_subtotal), 95, 100 },
        { "table.rule",           F(rule_width),     0.5, 5 },
    };
    for (int k = 0; k < N_KEYS; k++)
        if (!strcmp(keys[k].key, "table.split") && L->key_line[k] == 0)
            L->t->table_split = 1;
    for (size_t i = 0; i < sizeof look / sizeof look[0]; i++) {
        double *v = (double *)((char *)L->t + look[i].offset);
        int given = 0;
        for (int k = 0; k < N_KEYS; k++)
            if (!strcmp(keys[k].key, look[i].key) && L->key_line[k] != 0)
                given = 1;
        if (!given)
            *v = look[i].dflt;
        else if (*v > look[i].max)
            diag_error(L->d, L->path, line_of(L, look[i].key), "'%s' is %g: at most %g",
                       look[i].key, *v, look[i].max);
        if (look[i].max == 100) /* a grey */
            *v /= 100.0;
    }
    /* the emblem and the draft mark: the official look by default */
    if (L->t->emblem_width == 0)
        L->t->emblem_width = 3 * 72.0 / 2.54;
    if (!L->t->draft_text)
        L->t->draft_text = "ร่าง";
    if (line_of(L, "draft.color") == 0) {
        L->t->draft_colour = 0xF3D2D2;
    }
    if (L->t->draft_size == 0)
        L->t->draft_size = 220;
    if (line_of(L, "draft.angle") == 0)
        L->t->draft_angle = 55;
    if (L->t->table_min_size > L->t->table_size && L->t->table_size > 0)
        diag_error(L->d, L->path, line_of(L, "font.size.table.min"),
                   "'font.size.table.min' (%gpt) is larger than 'font.size.table' (%gpt)",
                   L->t->table_min_size, L->t->table_size);
    if (L->t->table_keep_rows > 10 || L->t->table_keep_rows != (int)L->t->table_keep_rows)
        diag_error(L->d, L->path, line_of(L, "table.keep_rows"),
                   "'table.keep_rows' must be a whole number from 0 to 10");
}

/* The progress report's keys: the official thresholds and colours when
 * absent (colours that stay apart in print and for the colour-blind:
 * green, orange, red of ColorBrewer's PuOr/RdYlGn ends), and a close
 * threshold below the achieved one. */
static void finish_progress(Loader *L)
{
    static const struct { const char *key; size_t offset; double num; unsigned rgb; } dflt[] = {
        { "progress.achieved",        F(progress_achieved), 100, 0 },
        { "progress.close",           F(progress_close),    80,  0 },
        { "progress.colour.achieved", F(colour_achieved),   0,   0x1b7837 },
        { "progress.colour.close",    F(colour_close),      0,   0xe08214 },
        { "progress.colour.below",    F(colour_below),      0,   0xb2182b },
    };
    for (size_t i = 0; i < sizeof dflt / sizeof dflt[0]; i++) {
        int k = key_index(dflt[i].key);
        if (L->key_line[k] != 0)
            continue;
        if (keys[k].type == K_COLOUR)
            *(unsigned *)((char *)L->t + dflt[i].offset) = dflt[i].rgb;
        else
            *(double *)((char *)L->t + dflt[i].offset) = dflt[i].num;
    }
    if (L->t->progress_close >= L->t->progress_achieved)
        diag_error(L->d, L->path, line_of(L, "progress.close"), "'progress.close' (%g) must "
                   "be below 'progress.achieved' (%g): a share between them is \"close\"",
                   L->t->progress_close, L->t->progress_achieved);
}

/* The cover's and the headings' spacing: the official look when absent.
 * Written in percent (of the page height on the cover, of a body line
 * around headings; bounds above) and divided here, as the greys are:
 * 22 / 100.0 is exactly the double 0.22 the C constant was, so output
 * stays byte-identical. */
static void finish_look(Loader *L)
{
    /* pc: written in percent (stored / 100); otherwise a length in points.
     * The defaults are text read by parse_decimal, as the file's values
     * are: "0.7" so read is not the double 0.7, and a template that leaves
     * a key out must get what official.conf gives (tests/test_look.c). */
    static const struct { const char *key; size_t offset; const char *dflt; int pc; } look[] = {
        { "cover.space.top",             F(cover_top),             "22", 1 },
        { "cover.space.top.emblem",      F(cover_top_emblem),      "8", 1 },
        { "cover.space.emblem",          F(cover_emblem_gap),      "6", 1 },
        { "cover.space.issuer",          F(cover_issuer_gap),      "12", 1 },
        { "heading.space.before",        F(heading_before),        "50", 1 },
        { "heading.space.after.chapter", F(heading_after_chapter), "60", 1 },
        { "heading.space.after",         F(heading_after),         "25", 1 },
        { "paragraph.space.part",        F(part_space),            "100", 1 },
        { "font.size.detail",            F(detail_size),           "12", 0 },
        { "font.size.budget",            F(budget_size),           "11", 0 },
        { "vision.space",                F(vision_space),          "4", 0 },
        { "alignment.space",             F(align_space),           "6", 0 },
        { "alignment.space.legend",      F(align_legend_space),    "6", 0 },
        { "alignment.space.target",      F(align_target_space),    "4", 0 },
        { "diff.space.title",            F(diff_title_space),      "4", 0 },
        { "cover.space.title_en",        F(cover_title_en_gap),    "100", 1 },
        { "cover.space.version",         F(cover_version_gap),     "100", 1 },
        { "signature.indent",            F(signature_indent),      "8", 1 },
        { "signature.space",             F(signature_space),       "250", 1 },
        { "heading.indent.strategy",     F(strategy_indent),       "50", 1 },
        { "table.space",                 F(table_space),           "25", 1 },
        { "table.mark.room",             F(mark_room),             "100", 1 },
        { "contents.indent",             F(toc_indent),            "150", 1 },
        { "contents.number_width",       F(toc_number_width),      "300", 1 },
        { "contents.space.chapter",      F(toc_chapter_space),     "30", 1 },
        { "contents.leader.rule",        F(toc_leader_rule),       "0.8", 0 },
        { "contents.leader.dot",         F(toc_leader_dot),        "0.8", 0 },
        { "contents.leader.gap",         F(toc_leader_gap),        "3.2", 0 },
        { "contents.leader.space",       F(toc_leader_space),      "4", 0 },
        { "form.space",                  F(form_space),            "50", 1 },
        { "progress.chart.label",        F(chart_label),           "80", 1 },
        { "progress.chart.height",       F(chart_height),          "190", 0 },
        { "progress.chart.height.indicator", F(chart_height_indicator), "165", 0 },
        { "progress.chart.space",        F(chart_space),           "50", 1 },
        { "progress.chart.grey.allocated", F(chart_grey_allocated), "78", 1 },
        { "progress.chart.grey.spent",   F(chart_grey_spent),      "30", 1 },
        { "progress.chart.grey.grid",    F(chart_grey_grid),       "75", 1 },
        { "progress.chart.grey.target",  F(chart_grey_target),     "35", 1 },
        { "progress.chart.grey.actual",  F(chart_grey_actual),     "10", 1 },
        { "progress.chart.rule.grid",    F(chart_rule_grid),       "0.4", 0 },
        { "progress.chart.rule.axis",    F(chart_rule_axis),       "0.7", 0 },
        { "progress.chart.rule.bar",     F(chart_rule_bar),        "0.5", 0 },
        { "progress.chart.rule.target",  F(chart_rule_target),     "1.1", 0 },
        { "progress.chart.rule.actual",  F(chart_rule_actual),     "1.5", 0 },
        { "progress.chart.rule.baseline", F(chart_rule_baseline),  "0.9", 0 },
    };
    for (size_t i = 0; i < sizeof look / sizeof look[0]; i++) {
        double *v = (double *)((char *)L->t + look[i].offset);
        assert(key_index(look[i].key) >= 0);
        if (line_of(L, look[i].key) == 0) /* read as the file's would be */
            parse_decimal(look[i].dflt, v);
        if (look[i].pc)
            *v /= 100.0;
    }
    finish_columns(L);
}

/* After the last line: required keys, lists handed to the template, and
 * whether the values leave room for text (check_ranges). */
static void finish(Loader *L)
{
    Template *t = L->t;
    for (int k = 0; k < N_KEYS; k++) {
        if (keys[k].required && L->key_line[k] == 0)
            diag_error(L->d, L->path, 0, "missing required key '%s'", keys[k].key);
        if (keys[k].type == K_WORDS || keys[k].type == K_ITEMS) {
            Vec *v = &L->lists[k];
            const char **items = arena_calloc(L->a, v->n + 1, sizeof *items);
            if (v->n)
                memcpy(items, v->v, v->n * sizeof *items);
            *(const char ***)((char *)t + keys[k].offset) = items;
            *(size_t *)((char *)t + keys[k].count_offset) = v->n;
        }
    }
    /* numerals.latin = keep: every Thai style keeps Latin codes' digits,
     * so ids read the same in every document. */
    if (t->numerals_latin_keep) {
        NumeralStyle *styles[] = {&t->numerals_page, &t->numerals_headings, &t->numerals_dates,
                                  &t->numerals_tables, &t->numerals_body};
        for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++)
            if (*styles[i] == NUMERALS_THAI)
                *styles[i] = NUMERALS_THAI_TEXT;
    }
    for (size_t i = 0; i < sizeof label_defaults / sizeof label_defaults[0]; i++) {
        int k = label_index(label_defaults[i].key);
        assert(k >= 0);
        if (L->label_line[k] == 0) {
            t->labels[k].text = label_defaults[i].text;
            L->label_line[k] = -1; /* set, by default */
        }
    }
    for (int i = 0; i < N_LABELS; i++)
        if (L->label_line[i] == 0)
            diag_error(L->d, L->path, 0, "missing required key '%s%s'",
                       LABEL_PREFIX, label_keys[i]);
    check_ranges(L);
    finish_tables(L);
    finish_progress(L);
    finish_look(L);
}

/* Parses text (len bytes, NUL-terminated, modified in place, freed here). */
static Template *parse_text(char *text, size_t len, const char *path, Diag *d)
{
    for (int i = 1; i < N_LABELS; i++) /* bsearch needs the list sorted */
        assert(strcmp(label_keys[i - 1], label_keys[i]) < 0);
    Arena *a = arena_new();
    Template *t = arena_alloc(a, sizeof *t);
    t->store = a;
    t->path = arena_strdup(a, path);
    static unsigned long serials;
    t->serial = __atomic_add_fetch(&serials, 1, __ATOMIC_RELAXED);
    t->n_labels = N_LABELS;
    t->labels = arena_calloc(a, N_LABELS, sizeof *t->labels);
    for (int i = 0; i < N_LABELS; i++)
        t->labels[i].key = label_keys[i];

    Loader L = { .t = t, .a = a, .d = d, .path = t->path, .errors_before = d->errors };
    int errors_before = d->errors;
    for (char *line = text; line < text + len;) {
        char *nl = memchr(line, '\n', (size_t)(text + len - line));
        char *next = nl ? nl + 1 : text + len;
        size_t n = (size_t)((nl ? nl : text + len) - line);
        line[n] = '\0';
        L.line++;
        while (n > 0 && line[n - 1] == '\r')
            line[--n] = '\0';
        char *s = line;
        if (L.line == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
            s += 3; /* a byte-order mark, as some Windows editors write */
        load_line(&L, s);
        line = next;
    }
    free(text);
    finish(&L);
    for (int k = 0; k < N_KEYS; k++)
        free(L.lists[k].v);

    if (d->errors > errors_before) {
        arena_free(a);
        return NULL;
    }
    return t;
}

Template *template_load(const char *path, Diag *d)
{
    /* A regular file of bounded size: --template /dev/zero or a FIFO must
     * fail at once, not read without end. */
    FILE *f = input_open(path, TEMPLATE_MAX_BYTES, "template", d, NULL);
    size_t len = 0;
    char *text = f ? input_read(f, path, TEMPLATE_MAX_BYTES, "template", d, &len) : NULL;
    if (f)
        fclose(f);
    return text ? parse_text(text, len, path, d) : NULL;
}

Template *template_load_memory(const char *buf, size_t len, const char *name, Diag *d)
{
    if (len > TEMPLATE_MAX_BYTES) {
        diag_error(d, name, 0, "template is %zu bytes; the limit is %d", len,
                   TEMPLATE_MAX_BYTES);
        return NULL;
    }
    char *text = malloc(len + 1);
    if (!text) {
        diag_error(d, name, 0, "out of memory");
        return NULL;
    }
    memcpy(text, buf, len);
    text[len] = '\0';
    return parse_text(text, len, name, d);
}

void template_free(Template *t)
{
    if (t)
        arena_free(t->store); /* t itself lives in the arena */
}

static int cmp_label(const void *key, const void *elem)
{
    return strcmp(key, ((const struct TemplateLabel *)elem)->key);
}

const char *template_label(const Template *t, const char *key)
{
    const struct TemplateLabel *l = bsearch(key, t->labels, t->n_labels,
                                            sizeof *t->labels, cmp_label);
    assert(l && "template_label: key is not in template.c's label_keys");
    return l ? l->text : key;
}
