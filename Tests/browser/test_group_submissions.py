"""Clusters and blocks (issue 16, item 3): a member commune of "Cụm thi đua các xã, thị trấn" submits its plan and
its exemplars (desktop), the standing office sets a deadline and returns the submission with a reason, and the
member sees the reason and submits again at phone width — through the UI only."""
import tempfile
from pathlib import Path

from selenium.webdriver.common.by import By

from conftest import DEMO_PASSWORD

CLUSTER = "Cụm thi đua các xã, thị trấn"
MEMBER = "Ủy ban nhân dân xã Đăk Ruồng"
REASON = "Kế hoạch thiếu chữ ký của Chủ tịch UBND xã; vui lòng ký và nộp lại."
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\nstartxref\n9\n%%EOF\n"


def plan_file():
    path = Path(tempfile.mkdtemp()) / "ke-hoach-dak-ruong.pdf"
    path.write_bytes(PDF)
    return str(path)


def open_member_page(u):
    """The member's own page for the first year in which the commune has registrations to list."""
    for year in (2025, 2024, 2026):
        u.go(f"/app/group-work?year={year}", f"cụm, khối năm {year}")
        assert CLUSTER in u.text(), u.text()[:400]
        row = next(r for r in u.driver.find_elements(By.CSS_SELECTOR, "main tbody tr") if CLUSTER in r.text)
        row.find_element(By.LINK_TEXT, "Hồ sơ của đơn vị").click()
        u.check(f"hồ sơ của đơn vị năm {year}")
        if u.driver.find_elements(By.CSS_SELECTOR, "input[name='exemplarIDs[]']"):
            return year
    raise AssertionError("Đăk Ruồng has no registration to list in 2024–2026")


def submit_plan(u, name):
    u.driver.find_element(By.ID, "file").send_keys(plan_file())
    box = u.driver.find_elements(By.CSS_SELECTOR, "input[name='exemplarIDs[]']")[0]
    if not box.is_selected():
        box.click()
    form = u.driver.find_element(By.CSS_SELECTOR, "main form[action$='/submit']")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    u.check(name)
    assert "Đã nộp kế hoạch và danh sách điển hình." in u.flash(), u.text()[:400]


def test_member_submits_office_returns_member_resubmits(user_factory):
    member = user_factory("cum-khoi-nop", "desktop")
    member.login("dakruong", DEMO_PASSWORD)
    year = open_member_page(member)
    member_url = member.driver.current_url.replace(member.base, "")
    # Nothing chosen, no file: Vietnamese messages, the page stays.
    for box in member.driver.find_elements(By.CSS_SELECTOR, "input[name='exemplarIDs[]']"):
        if box.is_selected():
            box.click()
    member.driver.find_element(By.CSS_SELECTOR, "main form[action$='/submit'] button[type=submit]").click()
    member.check("nộp thiếu")
    assert "Vui lòng chọn tệp kế hoạch" in member.text()
    submit_plan(member, "đã nộp")
    assert "Đã nộp" in member.text()

    office = user_factory("cum-khoi-tra-lai", "desktop")
    office.login("noivu", DEMO_PASSWORD)
    office.go(f"/app/group-work?year={year}", "cụm, khối của Phòng Nội vụ")
    row = next(r for r in office.driver.find_elements(By.CSS_SELECTOR, "main tbody tr") if CLUSTER in r.text)
    row.find_element(By.LINK_TEXT, "Tình hình nộp hồ sơ").click()
    office.check("tình hình nộp")
    if "Hạn nộp: chưa đặt" in office.text():
        office.fill("deadline", f"31/12/{year + 1}")
        office.submit(f"main form[action$='/deadline']", "đặt hạn nộp")
        assert "Đã lưu hạn nộp." in office.flash()
    member_row = next(r for r in office.driver.find_elements(By.CSS_SELECTOR, "main tbody tr") if MEMBER in r.text)
    assert "Đã nộp đúng hạn" in member_row.text or "Nộp muộn" in member_row.text, member_row.text
    assert "Chưa nộp" in office.text()
    member_row.find_element(By.TAG_NAME, "textarea").send_keys(REASON)
    member_row.find_element(By.CSS_SELECTOR, "form[action$='/return'] button[type=submit]").click()
    office.check("đã trả lại")
    assert "Đã trả lại hồ sơ kèm lý do." in office.flash()
    assert REASON in office.text()

    phone = user_factory("cum-khoi-nop-lai", "phone")
    phone.login("dakruong", DEMO_PASSWORD)
    phone.go(member_url, "hồ sơ bị trả lại (điện thoại)")
    assert "Phòng Nội vụ trả lại hồ sơ." in phone.text()
    assert REASON in phone.text()
    submit_plan(phone, "nộp lại (điện thoại)")
    assert REASON not in phone.text()
