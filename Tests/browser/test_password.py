"""Accounts (issue 15, item 4): the admin creates an account with a password it typed; its owner must choose their
own at the first sign-in, sees a mismatch refused, then changes it, signs out and in again with the new one.
A fresh account of its own, so that no other journey's login changes."""
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import ADMIN_PASSWORD
from session import User

FIRST = "mat-khau-admin-dat-2025"
CHOSEN = "cau-de-nho-cua-toi-2025"


def sign_out(u):
    # The sign-out button sits in the account menu (a <details>): open it first when it is closed.
    menu = u.driver.find_elements(By.CSS_SELECTOR, "details.account-menu")
    if menu and not menu[0].get_attribute("open"):
        menu[0].find_element(By.TAG_NAME, "summary").click()
    u.driver.find_element(By.CSS_SELECTOR, "form[action='/dang-xuat'] button").click()
    u.check("đã đăng xuất")


@pytest.mark.parametrize("variant", ["desktop", "phone"])
def test_password_change(user_factory, variant):
    username = f"doimatkhau.{variant}"
    admin = user_factory("doi-mat-khau", variant)
    admin.login("admin", ADMIN_PASSWORD)
    admin.go("/app/users/new", "tạo tài khoản")
    admin.fill("username", username)
    admin.fill("fullName", "Trần Thị Thử")
    admin.choose("role", value="unit-officer")
    unit = Select(admin.driver.find_element(By.ID, "unitID"))
    unit.select_by_value(next(o.get_attribute("value") for o in unit.options if o.text.endswith("Tân Lập")))
    admin.fill("password", FIRST)
    assert admin.driver.find_element(By.ID, "mustChangePassword").is_selected(), "forced change is the default"
    admin.submit("main form.form", "đã tạo tài khoản")
    assert f"Đã tạo tài khoản {username}." in admin.flash(), admin.text()[:300]

    u = user_factory("doi-mat-khau", variant)
    u.go("/dang-nhap", "đăng nhập")
    u.fill("username", username)
    u.fill("password", FIRST)
    u.submit("main form", "buộc đổi mật khẩu")
    assert u.driver.current_url.endswith("/app/tai-khoan/mat-khau"), u.driver.current_url
    assert "do người khác đặt" in u.text()
    # Any other page leads back here until the password is changed.
    u.go("/app/registrations", "vẫn phải đổi mật khẩu")
    assert u.driver.current_url.endswith("/app/tai-khoan/mat-khau")

    # A mismatch: the form comes back with the message by the field, nothing typed is sent back.
    u.fill("currentPassword", FIRST)
    u.fill("newPassword", CHOSEN)
    u.fill("confirmPassword", CHOSEN + "x")
    u.submit("main form.form", "nhập lại không khớp")
    error = u.driver.find_element(By.ID, "confirmPassword-error").text
    assert "không khớp" in error, u.text()[:400]
    assert u.driver.find_element(By.ID, "newPassword").get_attribute("value") == ""
    assert u.driver.find_element(By.ID, "confirmPassword").get_attribute("aria-invalid") == "true"

    u.fill("currentPassword", FIRST)
    u.fill("newPassword", CHOSEN)
    u.fill("confirmPassword", CHOSEN)
    u.submit("main form.form", "đã đổi mật khẩu")
    assert "Đã đổi mật khẩu." in u.flash(), u.text()[:300]
    assert u.driver.current_url.rstrip("/").endswith("/app")

    # The account page lists this session.
    u.go("/app/tai-khoan", "tài khoản của tôi")
    assert "Phiên này" in u.text()
    sign_out(u)

    # The old password no longer works; the new one does.
    u.go("/dang-nhap", "đăng nhập lại")
    u.fill("username", username)
    u.fill("password", FIRST)
    u.submit("main form", "mật khẩu cũ bị từ chối")
    assert "/app" not in u.driver.current_url
    time.sleep(0.2)
    u.login(username, CHOSEN)
    assert u.driver.current_url.rstrip("/").endswith("/app"), u.driver.current_url
