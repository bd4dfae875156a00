"""Set-up from spreadsheets (issue 15, item 3): the administrator downloads the unit template, fills it with a small
tree, uploads it and finds the new units in the unit list; a file with a bad row names the row and column and adds
nothing. Through the UI only (the template is fetched with the page's own session)."""
import base64
import io
import tempfile
from pathlib import Path

import openpyxl
import pytest
from selenium.webdriver.common.by import By

from conftest import ADMIN_PASSWORD
from session import User

FETCH_JS = """
const done = arguments[arguments.length - 1];
fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer().then(b => {
  let s = ''; const a = new Uint8Array(b);
  for (let i = 0; i < a.length; i++) s += String.fromCharCode(a[i]);
  done([r.status, r.headers.get('content-type'), btoa(s)]);
})).catch(e => done([0, String(e), '']));
"""


@pytest.fixture
def user(server, report):
    u = User(server, "desktop", "thiet-lap-bang-tinh", report)
    report["journeys"].append("thiet-lap-bang-tinh [desktop]")
    yield u
    u.close()


def upload(u, kind, path, name):
    u.driver.find_element(By.ID, f"file-{kind}").send_keys(str(path))
    u.driver.find_element(By.ID, f"nhap-{kind}-gui").click()
    u.check(name)


def test_unit_tree_from_template(user, tmp_path):
    u = user
    u.login("admin", ADMIN_PASSWORD)
    u.go("/app/setup", "thiết lập từ bảng tính")
    assert "Cây đơn vị" in u.text()
    href = u.driver.find_element(By.ID, "mau-units").get_attribute("href")
    status, ctype, data = u.driver.execute_async_script(FETCH_JS, href)
    assert status == 200 and "spreadsheetml" in ctype, (status, ctype)
    wb = openpyxl.load_workbook(io.BytesIO(base64.b64decode(data)))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    assert header[0] == "Mã đơn vị (*)" and "Mã đơn vị cấp trên" in header, header
    assert ws.max_row == 2, "a header and one example row"

    # The template, filled: a commune under the district and two villages, one listed before its commune.
    ws.delete_rows(2)
    for row in [
        ["BT-THON2", "Thôn Kon Bring mới", "", "Thôn", "BT-XA", "", ""],
        ["BT-XA", "Ủy ban nhân dân xã Trình Duyệt", "Xã Trình Duyệt", "Xã", "KR", "Kon Rẫy", "UBND"],
        ["BT-THON1", "Thôn Đăk Pơ Xi mới", "", "thôn", "BT-XA", "", ""],
    ]:
        ws.append(row)
    good = tmp_path / "cay-don-vi.xlsx"
    wb.save(good)
    upload(u, "units", good, "sau khi nhập cây đơn vị")
    assert "/app/units" in u.driver.current_url, u.driver.current_url
    assert "Đã nhập 3 đơn vị." in u.flash(), u.flash()
    u.go("/app/units?q=trinh+duyet", "đơn vị vừa nhập")
    assert "Ủy ban nhân dân xã Trình Duyệt" in u.text(), u.text()[:500]
    u.go("/app/units?q=BT-THON", "thôn vừa nhập")
    assert "Thôn Kon Bring mới" in u.text() and "Thôn Đăk Pơ Xi mới" in u.text(), u.text()[:500]

    # A CSV with a bad row (an unknown kind on row 3): the error names row and column, nothing is added.
    bad = tmp_path / "sai.csv"
    bad.write_text(
        "Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên\r\n"
        "BT-THON3,Thôn Ba mới,Thôn,BT-XA\r\n"
        "BT-THON4,Thôn Bốn mới,Làng xóm,BT-XA\r\n", encoding="utf-8")
    u.go("/app/setup", "thiết lập, lần hai")
    upload(u, "units", bad, "tệp có dòng sai")
    text = u.text()
    assert "Không nhập dòng nào" in text, text[:600]
    table = u.driver.find_element(By.CSS_SELECTOR, "#loi-units table").text
    assert "3" in table and "Loại đơn vị" in table and "“Làng xóm” không có" in table, table
    u.go("/app/units?q=thon+ba+moi", "không có đơn vị nào được thêm")
    assert "Thôn Ba mới" not in u.text()
