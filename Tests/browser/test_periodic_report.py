"""The periodic report to Sở Nội vụ (issue 16, item 4): the standing office creates a draft, writes a narrative that is
kept, downloads the DOCX at desktop and phone sizes, and python-docx reads it back with its appendix tables."""
import io
import urllib.request

import pytest
from docx import Document
from selenium.webdriver.common.by import By

from conftest import DEMO_PASSWORD


@pytest.mark.parametrize("variant,kind", [("desktop", "annual"), ("phone", "interim")])
def test_standing_office_report(user_factory, variant, kind):
    u = user_factory("bao-cao-dinh-ky", variant)
    u.login("noivu", DEMO_PASSWORD)
    u.go("/app/reports", "báo cáo sơ kết tổng kết")
    assert "Báo cáo sơ kết, tổng kết" in u.text()
    u.choose("rp-kind", value=kind)
    u.fill("rp-year", "2025")
    u.submit("main form.filters", "tạo báo cáo")
    u.submit("main form.form", "bản nháp báo cáo")
    assert "Đã tạo bản nháp" in u.flash(), u.flash()
    narrative = f"Huyện triển khai kế hoạch đến 100% cơ quan, đơn vị ({variant})."
    u.fill("rp-situation", narrative)
    u.submit("main form.form", "lưu báo cáo")
    assert "Đã lưu báo cáo" in u.flash()
    # Kept between drafts: the page opened afresh shows it.
    u.driver.get(u.driver.current_url)
    assert u.driver.find_element(By.ID, "rp-situation").get_attribute("value") == narrative
    href = u.driver.find_element(By.ID, "report-docx").get_attribute("href")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in u.driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(href, headers={"Cookie": cookie}), timeout=60) as r:
        assert "wordprocessingml" in r.headers["Content-Type"]
        body = r.read()
    doc = Document(io.BytesIO(body))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO" in text and narrative in text
    heads = [t.rows[0].cells[1].text for t in doc.tables if len(t.rows[0].cells) > 1]
    for head in ["Năm", "Lĩnh vực", "Đơn vị chịu chỉ tiêu", "Hình thức khen thưởng"]:
        assert head in heads, heads
