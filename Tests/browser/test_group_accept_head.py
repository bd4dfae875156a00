"""Clusters and blocks (issue 16, item 3) on the demo district: the standing office accepts (tiếp nhận) a waiting
submission of "Cụm thi đua các xã, thị trấn" for 2025 (desktop), and the cluster's head of 2025 — Đăk Ruồng, the
demo account dakruong — sees its members' status and its cluster's dashboard, without the office's buttons
(desktop and phone) — through the UI only."""
import pytest
from selenium.webdriver.common.by import By

from conftest import DEMO_PASSWORD

CLUSTER = "Cụm thi đua các xã, thị trấn"
HEAD = "Ủy ban nhân dân xã Đăk Ruồng"


def open_board(u, name):
    u.go("/app/group-work?year=2025", f"cụm, khối năm 2025 ({name})")
    row = next(r for r in u.driver.find_elements(By.CSS_SELECTOR, "main tbody tr") if CLUSTER in r.text)
    row.find_element(By.LINK_TEXT, "Tình hình nộp hồ sơ").click()
    u.check(f"tình hình nộp ({name})")


def test_office_accepts_a_submission(user_factory):
    office = user_factory("cum-khoi-tiep-nhan", "desktop")
    office.login("noivu", DEMO_PASSWORD)
    open_board(office, "Phòng Nội vụ")
    assert "Chờ tiếp nhận:" in office.text() and "Đã tiếp nhận:" in office.text(), office.text()[:600]
    forms = office.driver.find_elements(By.CSS_SELECTOR, "main form.group-accept")
    waiting = [f for f in forms if HEAD not in f.find_element(By.XPATH, "./ancestor::tr").text]
    assert waiting, "the demo leaves some 2025 submissions waiting"
    row_text = waiting[0].find_element(By.XPATH, "./ancestor::tr").text
    member = row_text.split("\n")[0]
    waiting[0].find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    office.check("đã tiếp nhận")
    assert "Đã tiếp nhận hồ sơ." in office.flash(), office.text()[:400]
    row = next(r for r in office.driver.find_elements(By.CSS_SELECTOR, "main tbody tr") if member in r.text)
    assert "Đã tiếp nhận" in row.text, row.text
    assert not row.find_elements(By.CSS_SELECTOR, "form.group-accept"), "accepted once only"
    # The returned-and-resubmitted and the late members of the demo show as such.
    assert "Nộp muộn" in office.text() and "Chưa nộp" in office.text()


@pytest.mark.parametrize("variant", ["desktop", "phone"])
def test_head_sees_its_members_and_dashboard(user_factory, variant):
    head = user_factory("cum-truong", variant)
    head.login("dakruong", DEMO_PASSWORD)
    head.go("/app/group-work?year=2025", "cụm, khối của cụm trưởng")
    assert "Đơn vị bạn là trưởng năm 2025" in head.text(), head.text()[:600]
    open_board(head, "cụm trưởng")
    text = head.text()
    assert "Đã tiếp nhận" in text and "Nộp muộn" in text and "Chưa nộp" in text, text[:800]
    assert len(head.driver.find_elements(By.CSS_SELECTOR, "main tbody tr")) >= 7
    assert not head.driver.find_elements(By.CSS_SELECTOR, "form.group-accept"), "the head does not accept"
    assert not head.driver.find_elements(By.ID, "deadline"), "the head does not set the deadline"
    head.driver.find_element(By.CSS_SELECTOR, "a.group-dashboard-link").click()
    head.check("số liệu của cụm")
    assert CLUSTER in head.text(), head.text()[:400]
    # Not a head in 2024: no board, no figures for that year.
    head.driver.get(head.base + head.driver.current_url.replace(head.base, "").replace("year=2025", "year=2024"))
    assert "Không tìm thấy" in head.text() or "404" in head.driver.title or CLUSTER not in head.text()
