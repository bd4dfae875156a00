"""Regenerates the fixtures read by XLSXReaderTests (pip install openpyxl).

    python3 make_fixtures.py

openpyxl.xlsx is written by openpyxl (inline strings). libreoffice.xlsx is the same workbook
saved again by LibreOffice Calc (shared strings, rich text runs, its own number formats), made when
soffice is installed (apt-get install libreoffice-calc-nogui).
"""
import datetime
import unicodedata

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Font

nfc = lambda s: unicodedata.normalize("NFC", s)

wb = Workbook()
ws = wb.active
ws.title = nfc("Danh sách")
ws.append([nfc(s) for s in ["STT", "Họ và tên", "Ngày sinh", "Điểm", "Đạt", "Ghi chú"]])
for c in ws[1]:
    c.font = Font(bold=True)
ws.append([1, nfc("Nguyễn Thị Ánh"), datetime.date(1990, 3, 5), 8.5, True, nfc("  có khoảng trắng  ")])
ws.append([2, nfc("Trần Văn Đức"), datetime.date(2001, 12, 31), 7, False, nfc("Dòng 1\nDòng 2")])
# Row 4 left empty; row 5 skips B and D.
ws["A5"] = 3
ws["C5"] = datetime.datetime(2024, 2, 29, 14, 30)
ws["C5"].number_format = "dd/mm/yyyy hh:mm"
ws["E5"] = 1234567
ws["E5"].number_format = "#,##0"
ws["F5"] = CellRichText([TextBlock(InlineFont(b=True), nfc("Đăk ")), nfc("Ruồng")])
ws["A6"] = 0.1 + 0.2
ws["B6"] = 1e-7
ws["C6"] = -42
ws["D6"] = 12345678901
ws.freeze_panes = "A2"

ws2 = wb.create_sheet(nfc("Xã, phường"))
ws2.append([nfc("Mã"), nfc("Tên")])
ws2.append(["23284", nfc("Xã Đăk Ruồng")])
ws2.append(["23287", nfc("Thị trấn Đăk Rve")])

wb.save("openpyxl.xlsx")

import os, shutil, subprocess, tempfile

if shutil.which("soffice"):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                        "--outdir", tmp, "openpyxl.xlsx"], check=True, capture_output=True)
        shutil.copy(os.path.join(tmp, "openpyxl.xlsx"), "libreoffice.xlsx")
