"""Layout (issue 15, items 6 and 7): the menu grouped by task fits at 1280 × 800 and 390 × 844 with no horizontal
scrolling, its groups open and their links are reachable; pages print on A4 without the menu, and a registration's
print view prints to a PDF whose text holds the form's title."""
import base64
import shutil
import subprocess

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import ADMIN_PASSWORD, DEMO_PASSWORD, OUT
from session import User

SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
ACCOUNTS = {"noivu": DEMO_PASSWORD, "admin": ADMIN_PASSWORD}


def widths(u):
    return u.driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")


def assert_no_horizontal_scroll(u, where):
    scroll, inner = widths(u)
    assert scroll <= inner, f"{where} ({u.variant}): horizontal scrolling {scroll} > {inner}"


@pytest.mark.parametrize("variant", ["desktop", "phone"])
@pytest.mark.parametrize("username", list(ACCOUNTS))
def test_grouped_menu_fits_and_opens(user_factory, variant, username):
    u = user_factory(f"menu-{username}", variant)
    if variant == "desktop":
        u.driver.set_window_size(*SIZES["desktop"])
    u.login(username, ACCOUNTS[username])
    for path in ["/app", "/app/registrations"]:
        u.go(path)
        assert_no_horizontal_scroll(u, path)
        groups = u.driver.find_elements(By.CSS_SELECTOR, ".main-nav .nav-group > details")
        labels = [g.find_element(By.TAG_NAME, "summary").text for g in groups]
        assert {"Thiết lập", "Điển hình", "Khen thưởng", "Báo cáo"} <= set(labels), labels
        inner = widths(u)[1]
        for g in groups:
            summary = g.find_element(By.TAG_NAME, "summary")
            summary.click()
            assert g.get_attribute("open") is not None, f"{summary.text} did not open"
            links = g.find_elements(By.CSS_SELECTOR, ".menu-panel a")
            assert links, f"{summary.text} has no links"
            for a in links:
                assert a.is_displayed(), f"{a.text} hidden in {summary.text}"
                r = a.rect
                assert r["x"] >= 0 and r["x"] + r["width"] <= inner + 1, f"{a.text} off screen: {r}"
            assert_no_horizontal_scroll(u, f"{path} with {summary.text} open")
            if path == "/app":
                key = g.find_element(By.XPATH, "..").get_attribute("data-group")
                u.driver.save_screenshot(str(OUT / f"menu-{username}-{variant}-{key}.png"))
            summary.click()
            assert g.get_attribute("open") is None, f"{summary.text} did not close"
    # On the list, its group and item carry aria-current.
    current = u.driver.find_element(By.CSS_SELECTOR, ".nav-group summary[aria-current]")
    assert current.text == "Điển hình"
    # A link in a group takes you there; the keyboard opens a group too.
    summary = u.driver.find_element(By.CSS_SELECTOR, ".nav-group[data-group='thiet-lap'] summary")
    summary.send_keys(Keys.ENTER)
    link = u.driver.find_element(By.CSS_SELECTOR, ".nav-group[data-group='thiet-lap'] a[href='/app/catalogue']")
    assert link.is_displayed()
    link.click()
    assert u.driver.current_url.endswith("/app/catalogue")
    u.check("danh mục qua menu")
    # The account menu: name → notices and sign-out.
    u.driver.find_element(By.CSS_SELECTOR, ".account-menu summary").click()
    out = u.driver.find_element(By.CSS_SELECTOR, ".account-menu button[type=submit]")
    assert out.is_displayed() and out.text == "Đăng xuất"
    assert_no_horizontal_scroll(u, "account menu open")


def a_registration(u):
    """A registration of the commune, made through the form (the demo may hold none)."""
    u.go("/app/registrations/new", "đăng ký mới")
    u.choose("subjectKind", value="collective")
    u.fill("subjectName", "Thôn 3, xã Đăk Ruồng")
    u.choose("typeCode", value="MH-03")
    u.fill("title", "Thôn văn hóa kiểu mẫu để in phiếu")
    u.submit("main form.form", "đăng ký đã lưu")
    assert "/app/registrations/" in u.driver.current_url, u.text()[:300]
    return u.driver.current_url


def test_printing(user_factory):
    u = user_factory("in-an", "desktop")
    OUT.mkdir(parents=True, exist_ok=True)
    u.login("dakruong", DEMO_PASSWORD)
    page = a_registration(u)
    d = u.driver
    # Any page on paper: no menu, no account menu, no footer, no buttons.
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    d.save_screenshot(str(OUT / "print-registration-page.png"))
    for hidden in [".main-nav", ".account-menu", ".foot", "main .button"]:
        for el in d.find_elements(By.CSS_SELECTOR, hidden):
            assert not el.is_displayed(), f"{hidden} shows when printed"
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    # The printable form: from the registration's "In phiếu".
    d.find_element(By.LINK_TEXT, "In phiếu").click()
    u.check("phiếu đăng ký")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in d.find_element(By.CSS_SELECTOR, ".doc").text
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    d.save_screenshot(str(OUT / "print-registration-form.png"))
    assert not d.find_element(By.CSS_SELECTOR, ".main-nav").is_displayed()
    assert not d.find_element(By.CSS_SELECTOR, ".doc-tools").is_displayed()
    assert d.find_element(By.CSS_SELECTOR, ".doc").is_displayed()
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = base64.b64decode(d.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
    assert pdf.startswith(b"%PDF"), pdf[:20]
    target = OUT / "print-registration-form.pdf"
    target.write_bytes(pdf)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "PHIẾU ĐĂNG KÝ" in text, text[:500]
        assert "Độc lập - Tự do - Hạnh phúc" in text, text[:500]
        assert "Thôn văn hóa kiểu mẫu để in phiếu" in text
        assert "Điều hướng" not in text and "Đăng xuất" not in text, "the menu printed"
    assert page
