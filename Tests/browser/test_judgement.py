"""Judgement conditions (issue 9, item 1): the standing office of Tân Lập's council (the commune's own officer) opens
a nominee's eligibility from its 2025 dossier, answers the open judgement question of “Lao động tiên tiến” on the
page — a plain form that works without JavaScript — and the title turns “Đủ điều kiện”."""
import pytest
from selenium.webdriver.common.by import By

from conftest import DEMO_PASSWORD


def ldtt_heading(u):
    return u.driver.find_element(By.ID, "f-lao-dong-tien-tien").text


@pytest.mark.parametrize("variant", ["desktop"])
def test_standing_office_answers_judgement(user_factory, variant):
    u = user_factory("danh-gia", variant)
    u.login("tanlap", DEMO_PASSWORD)
    u.go("/app/dossiers", "hồ sơ đề nghị")
    u.driver.find_element(By.CSS_SELECTOR, "main table a[href^='/app/dossiers/']").click()
    u.check("hồ sơ của xã")
    row = next(r for r in u.driver.find_elements(By.CSS_SELECTOR, "main tr") if "Nguyễn Văn Sơn" in r.text)
    row.find_element(By.CSS_SELECTOR, "td[data-label='Điều kiện'] a").click()
    u.check("điều kiện khen thưởng")
    assert "Điều kiện cần đánh giá" in u.text()
    question = u.driver.find_element(By.ID, "q-tu-luc-doan-ket")
    assert "Cần đánh giá" in question.text
    assert "Thiếu dữ liệu" in ldtt_heading(u) or "Chưa đủ" in ldtt_heading(u)
    question.find_element(By.CSS_SELECTOR, "input[type=radio][value=co]").click()
    question.find_element(By.CSS_SELECTOR, "textarea").send_keys("Hội đồng xã bình xét ngày 15/12/2025")
    question.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    u.check("sau khi trả lời")
    assert "Đã ghi đánh giá: đạt." in u.flash()
    assert "Đủ điều kiện" in ldtt_heading(u), ldtt_heading(u)
    answered = u.driver.find_element(By.ID, "q-tu-luc-doan-ket").text
    assert "Đã trả lời" in answered and "Hội đồng" in answered
