#!/usr/bin/env python3
"""forms_fill.py - play the agencies of the forms -> collect round trip.

    forms_fill.py RESULTS.xml FORMS_DIR OUT_DIR    fill the forms
    forms_fill.py --same A.xml B.xml               compare two results files

The first form reads a results file (results-1.xsd) and fills every agency's
CSV form in FORMS_DIR (written by `phaen forms`) with what the file says that
agency reported, as a spreadsheet would save it (python's csv module: CRLF,
quoting, the BOM kept), into OUT_DIR/<agency>.csv.  It prints the ids it
could not find on any form (there should be none) and exits 1 if any.

The second compares what two results files say (the fiscal year, who
reported, every indicator's and project's values), ignoring the reporters'
dates, comments and the order of elements; prints the differences and exits
1 if there are any.  Python's csv and ElementTree share no code with phaen.
"""
import csv
import os
import sys
import xml.etree.ElementTree as ET


def text(el, name):
    c = el.find(name)
    return ' '.join(c.text.split()) if c is not None and c.text else ''


def fill(results, forms_dir, out_dir):
    root = ET.parse(results).getroot()
    want = {}
    for el in root.findall('indicator'):
        actual = text(el, 'actual') or text(el, 'actual-text')
        want[('indicator', el.get('ref'), el.get('agency'))] = {
            'actual': actual, 'source': text(el, 'source'), 'note': text(el, 'note'),
            'date': el.get('date')}
    for el in root.findall('project'):
        want[('project', el.get('ref'), el.get('agency'))] = {
            'spent': text(el, 'spent'), 'progress': text(el, 'progress'),
            'status': el.get('status'), 'note': text(el, 'problems')}
    done = set()
    os.makedirs(out_dir, exist_ok=True)
    for name in sorted(os.listdir(forms_dir)):
        if not name.endswith('.csv'):
            continue
        with open(os.path.join(forms_dir, name), encoding='utf-8-sig', newline='') as f:
            rows = list(csv.reader(f))
        keys = rows[0]
        for r in rows[1:]:
            d = dict(zip(keys, r))
            k = (d['kind'], d['id'], d['agency'])
            if k in want:
                d.update(want[k])
                done.add(k)
                r[:] = [d[x] for x in keys]
        with open(os.path.join(out_dir, name), 'w', encoding='utf-8-sig', newline='') as f:
            csv.writer(f, lineterminator='\r\n').writerows(rows)
    missing = sorted(set(want) - done)
    for k in missing:
        print('not on any form: %s %s of %s' % k)
    return 1 if missing else 0


def facts(path):
    root = ET.parse(path).getroot()
    out = {('results', 'fiscal-year', root.get('fiscal-year')),
           ('results', 'plan-sha256', root.get('plan-sha256'))}
    for el in root.findall('reporter'):
        out.add(('reporter', el.get('agency')))
    for el in root:
        if el.tag in ('indicator', 'project'):
            fields = tuple(sorted((k, v) for k, v in el.attrib.items()))
            kids = tuple(sorted((c.tag, ' '.join((c.text or '').split())) for c in el))
            out.add((el.tag, fields, kids))
    return out


def same(a, b):
    fa, fb = facts(a), facts(b)
    for x in sorted(fa - fb, key=repr):
        print('only in %s: %r' % (a, x))
    for x in sorted(fb - fa, key=repr):
        print('only in %s: %r' % (b, x))
    return 0 if fa == fb else 1


if __name__ == '__main__':
    if len(sys.argv) == 4 and sys.argv[1] == '--same':
        sys.exit(same(sys.argv[2], sys.argv[3]))
    if len(sys.argv) == 4:
        sys.exit(fill(*sys.argv[1:]))
    sys.exit(__doc__)
