"""Reads one batch's export files back with real readers (tests/cli/export-readers.sh runs this).

usage: export_readers.py DB XLSX CSV JSONL [SOFFICE_CSV]

The requests come from the database DB (read with sqlite3). The spreadsheet is read with openpyxl:
every value must be a text cell (data type 's': not a formula, not a number) holding exactly what
the client typed, except the submitted time, a date-time in local time (TZ). The CSV is read with
Python's csv module (its formula guard's ' removed), the JSON Lines with json. SOFFICE_CSV, when
given, is LibreOffice's own conversion of the spreadsheet to CSV: the same values, as shown.
Prints what each reader returned for the names, phones and emails, and exits 1 on any mismatch.
"""
import csv
import datetime
import json
import re
import sqlite3
import sys

import openpyxl

SHEET = ["ref", "created_utc", "kiosk_id", "treatment_id", "name", "phone", "email", "contact_time",
         "screening", "answers", "consent_contact", "consent_share_answers", "language"]
TITLES = ["Reference", "Submitted", "Kiosk", "Treatment", "Name", "Phone", "Email", "Best time to call",
          "Checklist result", "Checklist answers", "Agreed to be contacted", "Agreed to share answers", "Language"]
ALL = ["batch_id", "uuid", "ref", "created_utc", "kiosk_id", "treatment_id", "name", "phone", "email",
       "contact_time", "screening", "answers", "consent_contact", "consent_share_answers", "notice_version",
       "language"]
problems = []


def check(ok, what):
    if not ok:
        problems.append(what)


def unescape(s):
    """OOXML's _xHHHH_ escapes (ECMA-376 ST_Xstring), which openpyxl leaves as they are."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), s)


def answers_text(raw):
    if raw is None:
        return None
    items = json.loads(raw)
    if not isinstance(items, list):
        return raw      # another shape than the checklist's: shown as it is stored
    return "; ".join("%s %s" % (i["question"], i["answer"] if i["answer"] is not None else "not answered")
                     for i in items)


def expected_sheet_value(row, col):
    v = row[col]
    if col == "created_utc":
        t = datetime.datetime.strptime(v, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
        return t.astimezone().replace(tzinfo=None)
    if col in ("consent_contact", "consent_share_answers"):
        return "yes" if v else "no"
    if col == "answers":
        return answers_text(v)
    return v if v != "" else None


def main():
    db, xlsx, csv_path, jsonl = sys.argv[1:5]
    soffice_csv = sys.argv[5] if len(sys.argv) > 5 else None
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    rows = [dict(r) for r in con.execute("SELECT * FROM requests ORDER BY id")]
    batch = rows[0]["batch_id"]

    wb = openpyxl.load_workbook(xlsx)
    ws = wb.active
    check(ws.title == "Batch %d" % batch, "sheet title %r" % ws.title)
    check(("batch %d" % batch) in (wb.properties.title or ""), "title property %r" % wb.properties.title)
    check(wb.properties.created is not None and
          abs((datetime.datetime.utcnow() - wb.properties.created).total_seconds()) < 600,
          "created property %r is not the export time" % wb.properties.created)
    check(ws.freeze_panes == "A2", "freeze panes %r" % ws.freeze_panes)
    header = [c for c in next(ws.iter_rows(max_row=1))]
    check([c.value for c in header] == TITLES, "header %r" % [c.value for c in header])
    check(all(c.font.b for c in header), "header not bold")
    got = [list(r) for r in ws.iter_rows(min_row=2)]
    check(len(got) == len(rows), "spreadsheet has %d rows, database %d" % (len(got), len(rows)))
    for row, cells in zip(rows, got):
        for col, cell in zip(SHEET, cells):
            want = expected_sheet_value(row, col)
            if col == "created_utc":
                check(cell.is_date and cell.value == want, "%s: %r, expected the date-time %r" % (col, cell.value, want))
            elif want is None:
                check(cell.value is None, "%s: %r, expected an empty cell" % (col, cell.value))
            else:
                check(cell.data_type == "s", "%s %r: data type %r, not text" % (col, cell.value, cell.data_type))
                check(unescape(cell.value) == want, "%s: %r, expected %r" % (col, cell.value, want))
        for col in ("name", "phone", "email"):
            width = ws.column_dimensions[chr(ord("A") + SHEET.index(col))].width
            check(width >= min(len(row[col]), 60), "%s column %.0f wide for %r" % (col, width, row[col]))
    print("openpyxl:", [(unescape(c[4].value), c[5].value, c[6].value) for c in got])

    with open(csv_path, newline="", encoding="utf-8") as f:
        records = list(csv.reader(f))
    check(records[0] == ALL, "CSV header %r" % records[0])
    guard = lambda v: v[1:] if v[:1] == "'" and v[1:2] in ("=", "+", "-", "@", "\t", "\r") else v
    for row, rec in zip(rows, records[1:]):
        for col, v in zip(ALL, rec):
            want = row[col]
            if col in ("consent_contact", "consent_share_answers"):
                want = "yes" if want else "no"
            check(guard(v) == ("" if want is None else str(want)), "CSV %s: %r, expected %r" % (col, v, want))
    print("csv:", [(r[6], r[7], r[8]) for r in records[1:]])

    with open(jsonl, encoding="utf-8") as f:
        objs = [json.loads(line) for line in f]
    for row, obj in zip(rows, objs):
        for col in ALL:
            want = row[col]
            if col in ("consent_contact", "consent_share_answers"):
                want = bool(want)
            if col == "answers" and want is not None:
                want = json.loads(want)
            check(obj[col] == want, "JSON %s: %r, expected %r" % (col, obj[col], want))
    check(len(objs) == len(rows), "JSON Lines has %d lines" % len(objs))
    print("jsonl:", [(o["name"], o["phone"], o["email"]) for o in objs])

    if soffice_csv:
        with open(soffice_csv, newline="", encoding="utf-8") as f:
            shown = list(csv.reader(f))
        check(shown[0] == TITLES, "LibreOffice's header %r" % shown[0])
        for row, rec in zip(rows, shown[1:]):
            for col, v in zip(SHEET, rec):
                want = expected_sheet_value(row, col)
                if col == "created_utc":
                    want = want.strftime("%Y-%m-%d %H:%M")
                check(v == ("" if want is None else want), "LibreOffice %s: %r, expected %r" % (col, v, want))
        check(len(shown) == len(rows) + 1, "LibreOffice read %d rows" % (len(shown) - 1))
        print("libreoffice:", [(r[4], r[5], r[6]) for r in shown[1:]])

    for p in problems:
        print("export_readers.py:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
