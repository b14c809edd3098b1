#!/usr/bin/env python3
"""Reads back what `phaen export` wrote, with readers phaen does not share
code with (tests/test_export.c runs it):

  export_check.py xlsx FILE.xlsx   the workbook is a zip of SpreadsheetML:
                                   sheets, frozen header, widths, numbers
  export_check.py json FILE.json... SCHEMA.json
                                   each valid against its JSON Schema, and
                                   every link given both ways agrees (one
                                   python for all: jsonschema takes 0.7 s
                                   to import)
  export_check.py xlsx FILE.xlsx json FILE.json... SCHEMA.json
                                   both, in one python (its start and
                                   imports cost 30 ms CPU a run)
Prints "ok ..." for each file and exits 0, or says what is wrong and exits
1 at the first problem.
"""
import json
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def xlsx(path):
    z = zipfile.ZipFile(path)
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    names = [s.get("name") for s in wb.find("m:sheets", NS)]
    want = ["projects", "budgets", "indicators", "goals", "strategies", "agencies",
            "subtargets", "factors", "glossary", "approvals", "totals"]
    if names != want:
        fail("sheets %r" % names)
    shared = [("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
              for si in ET.fromstring(z.read("xl/sharedStrings.xml"))]
    styles = ET.fromstring(z.read("xl/styles.xml"))
    fmts = {f.get("numFmtId"): f.get("formatCode") for f in styles.iter("{%s}numFmt" % NS["m"])}
    xfs = list(styles.find("m:cellXfs", NS))

    def sheet(i):
        return ET.fromstring(z.read("xl/worksheets/sheet%d.xml" % i))

    def cells(ws):
        out = {}
        for c in ws.iter("{%s}c" % NS["m"]):
            v = c.find("m:v", NS)
            if v is None:
                continue
            val = shared[int(v.text)] if c.get("t") == "s" else float(v.text)
            out[c.get("r")] = (val, int(c.get("s", "0")))
        return out

    for i in range(1, len(want) + 1):
        ws = sheet(i)
        pane = ws.find(".//m:pane", NS)
        if pane is None or pane.get("ySplit") != "1" or pane.get("state") != "frozen":
            fail("sheet %d: the header row is not frozen" % i)
        if i < len(want) and not ws.findall(".//m:col", NS):
            fail("sheet %d: no column widths" % i)
    projects, budgets = cells(sheet(1)), cells(sheet(2))
    if projects.get("A1", (None,))[0] != "id" or projects.get("A2", (None,))[0] != "PJ-1.01":
        fail("projects sheet starts %r" % [projects.get("A1"), projects.get("A2")])
    title = projects.get("H2", ("",))[0]
    if "โครงการพัฒนาศักยภาพพนักงานสอบสวนคดีค้ามนุษย์" != title:
        fail("the Thai title came back as %r" % title)
    amount, style = budgets["C2"]
    if amount != 12500000 or not isinstance(amount, float):
        fail("budget C2 is %r, not the number 12500000" % (amount,))
    fmt = fmts.get(xfs[style].get("numFmtId"))
    if fmt != "#,##0":
        fail("budget amounts are formatted %r, not with thousands separators" % fmt)
    width = max(float(c.get("width")) for c in sheet(1).findall(".//m:col", NS))
    totals = cells(sheet(len(want)))
    last = max(int(r[1:]) for r in totals if r.startswith("A"))
    if totals["A%d" % last][0] != "total":
        fail("totals sheet ends with %r" % (totals["A%d" % last],))
    print("ok xlsx sheets=%d widest=%.0f total_row=%d C2=%d" % (len(names), width, last, amount))


def validator(schema_path):
    """The schema's validator, the schema checked against its meta-schema
    once (a third of the time, done for each file)."""
    import jsonschema
    schema = json.load(open(schema_path, encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def js(path, v):
    doc = json.load(open(path, encoding="utf-8"))
    errors = sorted(v.iter_errors(doc), key=str)
    if errors:
        fail("schema: %s at %s" % (errors[0].message, list(errors[0].path)))
    by = {k: {o["id"]: o for o in doc[k]} for k in
          ("goals", "indicators", "strategies", "programs", "projects", "agencies")}
    for pj in doc["projects"]:
        if pj["id"] not in by["strategies"][pj["strategy"]]["projects"]:
            fail("strategy %s does not list project %s" % (pj["strategy"], pj["id"]))
        if pj["id"] not in by["programs"][pj["program"]]["projects"]:
            fail("program %s does not list project %s" % (pj["program"], pj["id"]))
        if pj["lead"] and pj["id"] not in by["agencies"][pj["lead"]]["leads"]:
            fail("agency %s does not list project %s" % (pj["lead"], pj["id"]))
        if pj["total"] != sum(b["amount"] for b in pj["budget"]):
            fail("project %s total" % pj["id"])
    for ind in doc["indicators"]:
        if ind["goal"] and ind["id"] not in by["goals"][ind["goal"]]["indicators"]:
            fail("goal %s does not list indicator %s" % (ind["goal"], ind["id"]))
    total = sum(p["total"] for p in doc["projects"])
    if total != doc["totals"]["total"] or total != sum(y["amount"] for y in doc["totals"]["by_year"]):
        fail("totals do not add up")
    print("ok json %s projects=%d total=%d" % (path, len(doc["projects"]), total))


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[0] == "xlsx":
        xlsx(args[1])
        args = args[2:]
    if args:
        if args[0] != "json":
            fail("usage: export_check.py [xlsx FILE.xlsx] [json FILE.json... SCHEMA.json]")
        v = validator(args[-1])
        for f in args[1:-1]:
            js(f, v)
