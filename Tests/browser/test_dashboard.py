"""Dashboards (issue 16, item 2): the standing office opens the dashboard at desktop and phone sizes; every chart is
an inline SVG image with its numbers in a table beside it; axe finds nothing serious; a table downloads."""
import urllib.request

import pytest
from selenium.webdriver.common.by import By

from conftest import DEMO_PASSWORD


@pytest.mark.parametrize("variant", ["desktop", "phone"])
def test_standing_office_dashboard(user_factory, variant):
    u = user_factory("bang-so-lieu", variant)
    u.login("noivu", DEMO_PASSWORD)
    u.go("/app/dashboard", "bảng số liệu theo dõi")
    assert "Số liệu theo dõi điển hình" in u.text()
    sections = u.driver.find_elements(By.CSS_SELECTOR, "main section.dash-section")
    assert len(sections) >= 9, len(sections)
    for s in sections:
        svg = s.find_element(By.CSS_SELECTOR, "svg[role=img]")
        assert svg.find_element(By.TAG_NAME, "title").get_attribute("textContent").strip()
        assert s.find_element(By.CSS_SELECTOR, "table caption").text.strip()
        assert s.find_elements(By.CSS_SELECTOR, "table tbody tr"), s.text[:200]
    # The charts scale to the screen: none is wider than its column.
    widths = u.driver.execute_script(
        "return [...document.querySelectorAll('svg.chart')].map(e => [e.getBoundingClientRect().width, "
        "e.parentElement.getBoundingClientRect().width])")
    assert all(w <= p + 1 for w, p in widths), widths
    # Another scope and the whole plan period, through the form (works without JavaScript: a plain GET).
    u.choose("year", value="2023-2025")
    u.driver.find_element(By.CSS_SELECTOR, "main form.dash-filters button[type=submit]").click()
    u.check("bảng số liệu cả giai đoạn")
    assert "giai đoạn 2023–2025" in u.text()
    line = u.driver.find_element(By.CSS_SELECTOR, "#theo-nam svg.chart-line")
    for year in ["2023", "2024", "2025"]:
        assert year in line.get_attribute("textContent")
    # A table downloads as CSV with the session's cookie: UTF-8 with a BOM.
    href = u.driver.find_element(By.CSS_SELECTOR, "#don-vi .dash-downloads a[href*='format=csv']").get_attribute("href")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in u.driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(href, headers={"Cookie": cookie}), timeout=30) as r:
        body = r.read()
    assert body.startswith(b"\xef\xbb\xbf"), body[:20]
    assert "Tổng".encode() in body
