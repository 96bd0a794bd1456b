"""xlsx_level.py FILE.xlsx [NAME]: the workbook's parts are deflated at zlib's fastest level, as
src/export_xlsx.c asks minizip for in libxlsxwriter's stead (ZIP_LEVEL), and openpyxl still reads
the sheet: its header row, and NAME in some cell when given. Exits 1 saying what differs.

minizip records the level in each entry's general purpose flags, bits 1-2: 0 for the default (6),
3 for level 1 ("super fast"). A file written at the default level would fail here."""
import sys
import zipfile

import openpyxl


def main():
    path = sys.argv[1]
    name = sys.argv[2] if len(sys.argv) > 2 else None
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            if info.compress_type != zipfile.ZIP_DEFLATED or (info.flag_bits >> 1) & 3 != 3:
                print(f"{path}: {info.filename}: method {info.compress_type}, flags {info.flag_bits:#x}:"
                      " not deflated at level 1", file=sys.stderr)
                return 1
        bad = z.testzip()
        if bad:
            print(f"{path}: {bad}: bad CRC", file=sys.stderr)
            return 1
    ws = openpyxl.load_workbook(path, read_only=True).active
    rows = list(ws.iter_rows(values_only=True))
    if not rows or rows[0][0] != "Reference":
        print(f"{path}: openpyxl read no header row: {rows[:1]}", file=sys.stderr)
        return 1
    if name and not any(name in str(v) for row in rows[1:] for v in row if v is not None):
        print(f"{path}: openpyxl did not find '{name}' in {len(rows) - 1} rows", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
