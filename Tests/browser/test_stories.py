"""Stories (issue 10 §1): the editor writes a story with a Ba Na summary and sends it; the standing office approves
it; a visitor reads it on the public site, where the summary carries lang="bdq". Desktop and phone, UI only."""
import time

import pytest
from selenium.webdriver.common.by import By

from conftest import DEMO_PASSWORD


@pytest.mark.parametrize("variant", ["desktop", "phone"])
def test_editor_writes_office_approves_visitor_reads(user_factory, variant):
    title = f"Bà con Kon Rẫy giữ rừng đầu nguồn ({variant} {int(time.time())})"
    editor = user_factory("bai-viet", variant)
    editor.login("bientap", DEMO_PASSWORD)
    editor.go("/app/stories", "danh sách bài viết")
    editor.driver.find_element(By.LINK_TEXT, "Viết bài mới").click()
    editor.check("viết bài mới")
    editor.choose("columnCode", "Sống đẹp")
    editor.fill("title", title)
    editor.fill("lead", "Mỗi thôn có tổ bảo vệ rừng, tuần tra hằng tháng.")
    editor.fill("body", "<p>Tổ bảo vệ rừng gồm <strong>12 người</strong>.</p><script>alert(1)</script>")
    # A collective: published without a consent (an individual needs one first).
    collective = [label for label in editor.driver.find_elements(By.CSS_SELECTOR, "label.choice")
                  if "(tập thể)" in label.text]
    assert collective, editor.text()[:300]
    collective[0].find_element(By.TAG_NAME, "input").click()
    # A summary without its translator is refused, with what was typed kept.
    editor.choose("minorityLang", value="bdq")
    editor.fill("minoritySummary", "Kon Rẫy pơgang bri.")
    editor.submit("main form.form", "thiếu người dịch")
    assert "vui lòng ghi người dịch" in editor.text()
    assert editor.driver.find_element(By.ID, "title").get_attribute("value") == title
    editor.fill("minorityTranslator", "Y Blin")
    editor.submit("main form.form", "đã lưu bản nháp")
    assert "Đã lưu bản nháp bài viết." in editor.flash()
    summary = editor.driver.find_element(By.CSS_SELECTOR, "p.minority-summary")
    assert summary.get_attribute("lang") == "bdq"
    assert "alert(1)" not in editor.driver.page_source
    editor.submit("main form.inline", "đã gửi duyệt")
    assert "Đã gửi bài viết để duyệt." in editor.flash()
    story_url = editor.driver.current_url

    office = user_factory("bai-viet-duyet", variant)
    office.login("noivu", DEMO_PASSWORD)
    office.go("/app/stories?status=awaiting-approval", "bài chờ duyệt")
    office.driver.find_element(By.LINK_TEXT, title).click()
    office.check("bài chờ duyệt")
    office.submit("main form.inline", "đã duyệt")
    assert "Đã duyệt đăng bài viết." in office.flash()
    public = office.driver.find_elements(By.LINK_TEXT, "Xem trên trang công khai")
    assert public, office.text()[:300]
    href = public[0].get_attribute("href")

    visitor = user_factory("bai-viet-doc", variant)
    visitor.driver.get(href)
    visitor.check("trang bài viết công khai")
    assert title in visitor.text()
    summary = visitor.driver.find_element(By.CSS_SELECTOR, "[lang='bdq']")
    assert summary.text.startswith("Kon Rẫy")
    assert "alert(1)" not in visitor.driver.page_source
    assert "Y Blin" in visitor.text(), "the translator is named beside the summary"
