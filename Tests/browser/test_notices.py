"""Notices (issue 14, item 4): the inbox on the dashboard and its own page, at desktop and phone sizes, through the
UI only — the demo's dossiers, meetings and decisions went through the services, which left notices behind."""
import pytest
from selenium.webdriver.common.by import By

from conftest import DEMO_PASSWORD
from session import User

# Each size signs in as its own account, so marking read at one size leaves the other's inbox as the demo left it.
ACCOUNTS = {"desktop": "noivu", "phone": "dakruong"}


def cards(u):
    return u.driver.find_elements(By.CSS_SELECTOR, "main li.card")


@pytest.mark.parametrize("variant", ["desktop", "phone"])
def test_inbox_shows_and_marks_notices(user_factory, variant):
    u = user_factory("thong-bao", variant)
    u.login(ACCOUNTS[variant], DEMO_PASSWORD)
    # The dashboard: the latest unread notices, with their count.
    assert "Thông báo mới (" in u.text(), u.text()[:400]
    box = u.driver.find_element(By.ID, "notices-h").text
    unread = int(box.split("(")[1].split(")")[0].rstrip("+"))
    assert unread > 0, box
    u.driver.find_element(By.LINK_TEXT, "Xem tất cả thông báo").click()
    u.check("hộp thông báo")
    listed = cards(u)
    assert listed, u.text()[:400]
    first_title = listed[0].find_element(By.CSS_SELECTOR, "p a").text
    assert first_title
    # Only unread ones, then mark the first read: it leaves the unread list, stays under "Tất cả".
    u.driver.find_element(By.LINK_TEXT, "Chưa đọc").click()
    u.check("thông báo chưa đọc")
    before = len(cards(u))
    target = cards(u)[0]
    title = target.find_element(By.CSS_SELECTOR, "p a").text
    target.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    u.check("đã đánh dấu đã đọc")
    assert "Đã đánh dấu thông báo là đã đọc." in u.flash()
    assert "unread=1" in u.driver.current_url, "back to the list it came from"
    assert len(cards(u)) == before - 1 or before >= 30
    u.driver.find_element(By.LINK_TEXT, "Tất cả").click()
    u.check("tất cả thông báo")
    assert title in u.text()
    # Everything read: the dashboard says so.
    u.driver.find_element(By.CSS_SELECTOR, "main .page-head form button[type=submit]").click()
    u.check("đã đọc tất cả")
    assert "thông báo là đã đọc" in u.flash()
    u.go("/app", "tổng quan sau khi đọc")
    assert "Không có thông báo chưa đọc." in u.text()
