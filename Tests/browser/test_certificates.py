"""Certificates printed on an office's own blanks (issue 14, item 1): the standing office lays out a blank through
the form, Chromium prints a decision's certificates to PDF with the page size the stylesheet asks for, and
pdftotext -bbox (poppler-utils) finds each awardee's name where the layout puts it; the office moves the name
through the form, prints again, and the name has moved."""
import base64
import re
import shutil
import subprocess
from html import unescape

import pytest
from selenium.webdriver.common.by import By

from conftest import DEMO_PASSWORD, OUT
from session import User
from test_documents import Client

MM = 72 / 25.4  # points per millimetre
TOLERANCE = 3.0  # points


def words_by_page(pdf_path):
    """Each page of the PDF: its size in points and its words with their boxes, as pdftotext -bbox gives them."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf_path), "-"], check=True, capture_output=True, text=True).stdout
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        words = [(float(a), float(b), float(c), float(d), unescape(t)) for a, b, c, d, t in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', m.group(3))]
        pages.append((float(m.group(1)), float(m.group(2)), words))
    return pages


def find_name(words, name):
    """The box around the consecutive words spelling `name`."""
    parts = name.split()
    for i in range(len(words) - len(parts) + 1):
        if [w[4] for w in words[i:i + len(parts)]] == parts:
            run = words[i:i + len(parts)]
            return min(w[0] for w in run), min(w[1] for w in run), max(w[2] for w in run), max(w[3] for w in run)
    return None


def print_pdf(user, path, name):
    user.driver.get(user.base + path)
    assert "cert-sheet" in user.driver.page_source
    pdf = user.driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True,
                                                           "displayHeaderFooter": False})
    out = OUT / "certificates" / f"{name}.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(base64.b64decode(pdf["data"]))
    return out


def set_field(user, field_id, value):
    el = user.driver.find_element(By.ID, field_id)
    el.clear()
    el.send_keys(value)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_certificates_print_at_the_layout_positions_and_follow_a_moved_field(server, report):
    api = Client(server)
    token = api.api_token("noivu", DEMO_PASSWORD)
    decisions = api.api("/api/v1/decisions?year=2024", token)["items"]
    decision = next(d for d in decisions if d["number"] == "120/QĐ-UBND" and d["kind"] == "decision")
    detail = api.api(f"/api/v1/decisions/{decision['id']}", token)
    names = [a["subjectName"] for a in detail["awards"] if a["status"] == "valid"]
    assert names, "the demo decision carries awards"
    authority = decision["authorityID"]

    user = User(server, "desktop", "certificates", report)
    try:
        user.login("noivu", DEMO_PASSWORD)
        user.go(f"/app/authorities/{authority}/certificate-layouts/new", "mẫu in mới")
        set_field(user, "name", "Giấy khen mẫu 2024")
        user.choose("name_align", value="left")
        set_field(user, "name_x", "40")
        set_field(user, "name_y", "70")
        set_field(user, "name_width", "200")
        user.submit("main form.layout-form", "mẫu in đã lưu")
        assert "Đã lưu mẫu in" in user.flash(), user.text()[:300]
        layout = int(user.driver.current_url.rstrip("/").split("/")[-1])
        assert user.driver.find_elements(By.CSS_SELECTOR, ".cert-preview .cf-name"), "the preview shows the name"

        for step, (x, y) in enumerate([(40, 70), (25.5, 95)]):
            if step:
                # Move the name through the form and print again.
                user.go(f"/app/certificate-layouts/{layout}", "sửa mẫu in")
                set_field(user, "name_x", str(x).replace(".", ","))
                set_field(user, "name_y", str(y))
                user.submit("main form.layout-form", "mẫu in đã sửa")
                assert "Đã lưu mẫu in" in user.flash()
            pdf = print_pdf(user, f"/app/decisions/{decision['id']}/certificates?layout={layout}", f"lan-{step + 1}")
            pages = words_by_page(pdf)
            assert len(pages) == len(names), f"one page per award: {len(pages)} pages, {len(names)} awards"
            for (width, height, words), name in zip(pages, names):
                assert abs(width - 297 * MM) < 1 and abs(height - 210 * MM) < 1, f"A4 landscape: {width} × {height}"
                box = find_name(words, name)
                assert box, f"{name} printed on its page: {[w[4] for w in words][:20]}"
                report.setdefault("certificates", []).append(
                    {"step": step + 1, "name": name, "x_pt": box[0], "y_pt": box[1], "want_x_pt": x * MM,
                     "want_y_pt": y * MM})
                assert abs(box[0] - x * MM) <= TOLERANCE, f"{name}: x {box[0]:.1f} pt, layout {x * MM:.1f} pt"
                assert abs(box[1] - y * MM) <= TOLERANCE, f"{name}: y {box[1]:.1f} pt, layout {y * MM:.1f} pt"
    finally:
        user.close()


def test_layout_pages_on_a_phone(server, report):
    """The layout list and form with its preview, at phone size: no sideways scrolling, fingers reach every field."""
    api = Client(server)
    token = api.api_token("noivu", DEMO_PASSWORD)
    decision = next(d for d in api.api("/api/v1/decisions?year=2024", token)["items"] if d["kind"] == "decision")
    user = User(server, "phone", "certificates", report)
    try:
        user.login("noivu", DEMO_PASSWORD)
        user.go(f"/app/authorities/{decision['authorityID']}/certificate-layouts", "các mẫu in")
        user.go(f"/app/authorities/{decision['authorityID']}/certificate-layouts/new", "mẫu in mới")
        assert user.driver.find_elements(By.CSS_SELECTOR, ".cert-preview .cf-name")
        set_field(user, "name", "Mẫu thử điện thoại")
        set_field(user, "signer_size", "90")
        user.submit("main form.layout-form", "mẫu in sai cỡ chữ")
        assert "cỡ chữ từ 6 đến 72 pt" in user.text()
    finally:
        user.close()
