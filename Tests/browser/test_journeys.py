"""One journey per role, through the UI only, at desktop size, phone size, and phone size without JavaScript."""
import struct
import time
import unicodedata
import zlib
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from selenium.webdriver.common.keys import Keys

from conftest import ADMIN_PASSWORD, DEMO_PASSWORD, OUT
from session import User, nfd

VARIANTS = ["desktop", "phone"]


def tag(variant):
    return {"desktop": "D", "phone": "P"}[variant]


def photo(path: Path):
    """A small real PNG, as a phone camera upload would be (content decides the type, not the name)."""
    w, h = 8, 8
    raw = b"".join(b"\x00" + bytes([200, 60, 60] * w) for _ in range(h))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    path.write_bytes(png)
    return path


def click_label(u, text):
    for label in u.driver.find_elements(By.CSS_SELECTOR, "label.choice"):
        if label.text.strip() == text:
            label.find_element(By.TAG_NAME, "input").click()
            return
    raise AssertionError(f"no choice labelled {text}")


@pytest.mark.parametrize("variant", VARIANTS)
def test_standing_office_sets_up_a_movement(user_factory, variant):
    u = user_factory("thuong-truc", variant)
    u.login("noivu", DEMO_PASSWORD)
    assert "Xin chào" in u.text()
    u.go("/app/movements/new", "thêm phong trào")
    code = f"PT-CDS-{tag(variant)}"
    u.fill("code", code)
    u.fill("fromYear", "2026")
    u.fill("toYear", "2025")
    u.submit(name="phong trào sai")
    assert "Năm kết thúc không được trước năm bắt đầu." in u.text()
    assert "Chọn ít nhất một đơn vị chủ trì." in u.text()
    assert u.driver.find_element(By.ID, "code").get_attribute("value") == code, "typed code kept"
    u.fill("name", f"Thi đua chuyển đổi số {variant}")
    u.fill("toYear", "2027")
    click_label(u, "Phòng Nội vụ")
    u.submit(name="đã thêm phong trào")
    assert "Đã thêm phong trào" in u.flash()
    u.go("/app/movements", "danh sách phong trào")
    assert f"Thi đua chuyển đổi số {variant}" in u.text()
    u.go("/app", "tổng quan thường trực")
    assert "Phong trào, cuộc vận động" in u.text()


@pytest.mark.parametrize("variant", VARIANTS)
def test_commune_officer_registers_nurtures_and_evaluates(user_factory, variant, tmp_path):
    u = user_factory("can-bo-xa", variant)
    t = tag(variant)
    u.login("dakruong", DEMO_PASSWORD)
    # A specific criterion of the commune.
    u.go("/app/criteria", "tiêu chí cụ thể")
    u.fill("code", f"DR-{t}1")
    u.fill("text", f"Không có con em bỏ học ({variant})")
    u.choose("kind", value="zeroCount")
    u.fill("measure", "con em bỏ học")
    u.submit(name="đã thêm tiêu chí")
    assert "Đã thêm tiêu chí" in u.flash()
    # Two registrations: a household and a collective.
    pages = []
    for kind, name, type_code, title in [("household", f"Hộ ông A Blơi {t}", "MH-15", "Trồng sâm dây dưới tán rừng"),
                                         ("collective", f"Làng Kon Rlong {t}", "MH-03", "Làng văn hóa kiểu mẫu")]:
        u.go("/app/registrations/new", "đăng ký mới")
        u.fill("year", "2024")
        u.choose("subjectKind", value=kind)
        u.fill("subjectName", name)
        u.choose("typeCode", value=type_code)
        u.fill("title", title)
        u.submit(name=f"đã đăng ký {kind}")
        assert "Đã đăng ký" in u.flash(), u.text()[:300]
        pages.append(u.driver.current_url.replace(u.base, ""))
    for page in pages:
        u.go(page, "trang đăng ký")
        # Evidence from the phone's camera roll.
        u.driver.find_element(By.ID, "evidence-file").send_keys(str(photo(tmp_path / "anh-hien-truong.png")))
        u.fill("evidence-description", "Ảnh hiện trường")
        u.driver.find_element(By.CSS_SELECTOR, "form[enctype='multipart/form-data'] button").click()
        u.check("đã tải minh chứng")
        assert "anh-hien-truong.png" in u.text()
        # A nurturing action, then done.
        u.driver.find_element(By.CSS_SELECTOR, ".add-box summary").click()
        u.fill("action-title", "Tập huấn kỹ thuật")
        u.fill("action-responsible", "Hội Nông dân xã")
        u.fill("action-due", "30/06/2024")
        u.driver.find_element(By.CSS_SELECTOR, "form[action$='/actions'] button").click()
        u.check("đã thêm việc bồi dưỡng")
        assert "Quá hạn" in u.text()
        form = u.driver.find_element(By.CSS_SELECTOR, "form.inline-form")
        from selenium.webdriver.support.ui import Select
        Select(form.find_element(By.TAG_NAME, "select")).select_by_value("done")
        form.find_element(By.TAG_NAME, "button").click()
        u.check("việc bồi dưỡng xong")
        assert "Đã hoàn thành" in u.text()
        u.choose("to", value="nurturing")
        u.driver.find_element(By.CSS_SELECTOR, "form[action$='/transitions'] button").click()
        u.check("đang bồi dưỡng")
        assert "Đang bồi dưỡng" in u.text()
        # The periodic evaluation, criterion by criterion.
        u.go(page + "/evaluations/new", "phiếu đánh giá")
        u.fill("period", "9 tháng năm 2024")
        for fs in u.driver.find_elements(By.CSS_SELECTOR, "fieldset.criterion"):
            increasing = "Phải tăng" in fs.text
            # A rank in the locality: the demo district's households are in the same commune, so be the first.
            ranked = "địa phương" in fs.text
            for sel in fs.find_elements(By.CSS_SELECTOR, "select"):
                Select(sel).select_by_value("yes")
            for inp in fs.find_elements(By.CSS_SELECTOR, "input"):
                name = inp.get_attribute("name")
                kind = inp.get_attribute("type")
                if kind == "radio":
                    if inp.get_attribute("value") == "yes":
                        inp.click()
                    continue
                values = {"[numerator]": "95", "[denominator]": "100", "[subNumerator]": "5", "[subDenominator]": "5", "[count]": "0",
                          "[previousValue]": "100" if increasing else "12",
                          "[value]": "1000000" if ranked else "120" if increasing else "8,5"}
                for suffix, v in values.items():
                    if name.endswith(suffix):
                        inp.send_keys(v)
        u.fill("helpGiven", "Giới thiệu vay vốn ưu đãi")
        u.choose("conclusion", value="achieved")
        u.driver.find_element(By.CSS_SELECTOR, "main form.form button[type=submit]").click()
        u.check("đã đánh giá")
        assert "Đã lưu đánh giá" in u.flash(), u.text()[:500]
        u.choose("to", value="achieved")
        u.fill("reason", "Đạt sau đánh giá 9 tháng")
        u.driver.find_element(By.CSS_SELECTOR, "form[action$='/transitions'] button").click()
        u.check("đạt điển hình")
        assert "Đạt điển hình" in u.text()
    u.go("/app", "tổng quan cán bộ xã")


@pytest.mark.parametrize("variant", VARIANTS)
def test_lead_agency_reviews_its_movement(user_factory, variant):
    u = user_factory("don-vi-chu-tri", variant)
    u.login("giaoduc", DEMO_PASSWORD)
    assert "Dạy tốt - Học tốt" in u.text(), "its movement is on its dashboard"
    u.driver.find_element(By.LINK_TEXT, "Dạy tốt - Học tốt").click()
    u.check("phong trào của đơn vị")
    u.driver.find_element(By.LINK_TEXT, "Sửa").click()
    u.check("sửa phong trào")
    u.fill("description", f"Phòng GD&ĐT cập nhật nội dung ({variant})")
    u.submit(name="đã lưu phong trào")
    assert "Đã lưu phong trào" in u.flash()
    assert f"Phòng GD&ĐT cập nhật nội dung ({variant})" in u.text()
    u.go("/app/registrations", "đăng ký thuộc phong trào")


@pytest.mark.parametrize("variant", VARIANTS)
def test_council_member_reads_without_changing(user_factory, variant):
    u = user_factory("thanh-vien-hoi-dong", variant)
    u.login("hoidong", DEMO_PASSWORD)
    u.go("/app/registrations", "danh sách đăng ký")
    links = u.driver.find_elements(By.CSS_SELECTOR, "table.table tbody a")
    if links:
        links[0].click()
        u.check("xem đăng ký")
        assert not u.driver.find_elements(By.LINK_TEXT, "Sửa"), "a council member sees no edit button"
    u.go("/app/catalogue", "danh mục")
    assert "MH-18" in u.text()


@pytest.mark.parametrize("variant", VARIANTS)
def test_anyone_finds_an_exemplar_typing_without_diacritics(user_factory, variant):
    u = user_factory("tim-khong-dau", variant)
    u.login("noivu", DEMO_PASSWORD)
    u.go("/app/units", "đơn vị")
    u.fill("q", "dak ruong")
    u.driver.find_element(By.CSS_SELECTOR, "form.filters button").click()
    u.check("tìm đơn vị không dấu")
    assert "Đăk Ruồng" in u.text()
    u.go("/app/registrations", "đăng ký")
    u.fill("q", "a blo")
    u.driver.find_element(By.CSS_SELECTOR, "form.filters button").click()
    u.check("tìm đăng ký không dấu")
    assert "A Blơi" in u.text()


@pytest.mark.parametrize("variant", ["desktop", "phone"])
def test_editor_and_admin(user_factory, variant):
    e = user_factory("bien-tap-vien", variant)
    e.login("bientap", DEMO_PASSWORD)
    e.go("/app/movements", "phong trào (biên tập)")
    assert "Thêm phong trào" not in e.text()
    a = user_factory("quan-tri", variant)
    a.login("admin", ADMIN_PASSWORD)
    a.go("/app/users/new", "tạo tài khoản")
    a.fill("username", f"canbo-{tag(variant).lower()}")
    a.fill("fullName", "Y Hoa")
    a.choose("role", value="unit-officer")
    a.fill("password", "ngan")
    a.submit(name="tài khoản sai")
    assert "phải thuộc một đơn vị" in a.text() and "ít nhất 10 ký tự" in a.text()
    assert a.driver.find_element(By.ID, "fullName").get_attribute("value") == "Y Hoa"
    a.choose("unitID", visible_text="— — Xã Đăk Ruồng")
    a.fill("password", "mot-mat-khau-dai")
    a.submit(name="đã tạo tài khoản")
    assert "Đã tạo tài khoản" in a.flash()


def test_vietnamese_typed_as_nfd_or_composed_is_stored_and_found_the_same(user_factory):
    u = user_factory("go-tieng-viet", "desktop")
    u.login("dakruong", DEMO_PASSWORD)
    # Names the demo district does not hold (its people would also be found).
    for typed, search in [(nfd("Nguyễn Thị Ánh Đào Khuê"), "Đào Khuê"), ("Trần Văn Khiếu Hưởng", nfd("Khiếu Hưởng"))]:
        u.go("/app/registrations/new", "đăng ký cá nhân")
        u.fill("year", "2025")
        u.choose("subjectKind", value="individual")
        u.fill("subjectName", typed)
        u.choose("typeCode", value="CN-03")
        u.fill("title", "Người tốt việc tốt")
        u.submit(name="đã đăng ký cá nhân")
        heading = u.driver.find_element(By.TAG_NAME, "h1").text
        assert unicodedata.is_normalized("NFC", heading), "stored and shown as NFC"
        for q in [search, unicodedata.normalize("NFC", search), "".join(c for c in unicodedata.normalize("NFD", search) if not unicodedata.combining(c)).replace("Đ", "D")]:
            u.go("/app/registrations?year=2025", "tìm")
            u.fill("q", q)
            u.driver.find_element(By.CSS_SELECTOR, "form.filters button").click()
            u.check("kết quả tìm")
            rows = u.driver.find_elements(By.CSS_SELECTOR, "table.table tbody tr")
            assert len(rows) == 1 and unicodedata.normalize("NFC", typed) in rows[0].text, f"search {q!r}"


def test_keyboard_only_login_with_visible_focus(user_factory):
    u = user_factory("ban-phim", "desktop")
    u.go("/dang-nhap", "đăng nhập bằng bàn phím")
    u.keyboard_reaches("username")
    u.driver.switch_to.active_element.send_keys("noivu")
    u.driver.switch_to.active_element.send_keys(Keys.TAB)
    u.driver.switch_to.active_element.send_keys(DEMO_PASSWORD + Keys.ENTER)
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(u.driver, 30).until(lambda d: "/app" in d.current_url)
    u.check("sau đăng nhập bàn phím")
    assert "/app" in u.driver.current_url


# Chrome DevTools' "Slow 3G": 500 kbit/s × 0.8 each way, 400 ms × 5 latency.
SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": int(500 * 1000 / 8 * 0.8), "uploadThroughput": int(500 * 1000 / 8 * 0.8)}


def test_pages_stay_usable_on_slow_3g(user_factory, report):
    u = user_factory("slow-3g", "phone")
    u.login("dakruong", DEMO_PASSWORD)
    d = u.driver
    d.execute_cdp_cmd("Network.enable", {})
    d.execute_cdp_cmd("Network.emulateNetworkConditions", SLOW_3G)
    for path in ["/dang-nhap", "/app", "/app/registrations", "/app/registrations/new", "/app/catalogue"]:
        started = time.monotonic()
        d.get(u.base + path)
        wall = time.monotonic() - started
        nav = d.execute_script("const n = performance.getEntriesByType('navigation')[0]; return [n.domContentLoadedEventEnd, n.loadEventEnd, n.transferSize];")
        report["slow3g"].append({"path": path, "usable_ms": round(nav[0]), "load_ms": round(nav[1]), "bytes": nav[2], "wall_s": round(wall, 2)})
        assert d.find_element(By.TAG_NAME, "main").is_displayed()
    d.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    lines = [f"{r['path']}: usable after {r['usable_ms']} ms, {r['bytes']} bytes" for r in report["slow3g"]]
    (OUT / "slow3g.txt").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def test_every_page_works_without_javascript(user_factory, report):
    """Pages carry no script at all; with the page's JavaScript off every page still renders its content and
    its forms are plain HTML posts (the HTTP tests drive those posts)."""
    u = user_factory("khong-javascript", "phone-nojs")
    u.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    u.login("noivu", DEMO_PASSWORD)
    u.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    paths = ["/", "/dang-nhap", "/app", "/app/units", "/app/registrations", "/app/registrations/new", "/app/movements", "/app/movements/new",
             "/app/catalogue", "/app/criteria", "/app/users", "/app/users/new", "/app/audit", "/app/audit/1", "/app/groups", "/app/imports", "/app/units/new"]
    u.go("/app/registrations", "danh sách")
    first = u.driver.find_elements(By.CSS_SELECTOR, "table.table tbody a")
    if first:
        reg = first[0].get_attribute("href").replace(u.base, "")
        paths += [reg, reg + "/evaluations/new", reg + "/edit"]
    paths += ["/app/dossiers", "/app/council", "/app/awards"]
    u.go("/app/dossiers", "hồ sơ")
    dossier = u.driver.find_elements(By.CSS_SELECTOR, "table.table tbody a")
    if dossier:
        paths.append(dossier[0].get_attribute("href").replace(u.base, ""))
    u.go("/app/council", "hội đồng")
    meeting = u.driver.find_elements(By.CSS_SELECTOR, "table.table tbody a[href*='/meetings/']")
    if meeting:
        paths.append(meeting[0].get_attribute("href").replace(u.base, ""))
    u.go("/app/awards", "khen thưởng")
    subject = u.driver.find_elements(By.CSS_SELECTOR, "table.table tbody a")
    if subject:
        href = subject[0].get_attribute("href").replace(u.base, "")
        paths += [href, href + "/eligibility?year=2024"]
    for path in paths:
        u.go(path, "khong-js " + path)
        source = u.driver.page_source
        assert "<script" not in source.lower(), f"{path} carries a script"
        for form in u.driver.find_elements(By.CSS_SELECTOR, "main form"):
            assert form.get_attribute("action"), f"{path}: a form without an action"
        report["pages"].setdefault("no-js", []).append(path)


# Each run takes one of the demo's two 2025 dossiers waiting for appraisal: (commune, decision number, awardee search).
APPRAISALS = {
    "desktop": ("Xã Đăk Ruồng", "dakruong", "hd.dakruong", "135/QĐ-UBND", "y thuong"),
    "phone": ("Xã Tân Lập", "tanlap", None, "136/QĐ-UBND", "nguyen van son"),
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_commune_council_appraises_votes_and_decides(user_factory, variant):
    """Since 01/07/2025 a commune's chairman confers the base-level titles: the commune's own council works the
    commune's 2025 dossier. Its officer (the council's standing office) appraises it and opens the meeting, a member
    votes on line, the officer enters the paper ballots, closes the vote and records the decision; the award is
    then found. The district's office no longer sees the dossier as its work."""
    commune, officer, member_name, number, search = APPRAISALS[variant]
    office = user_factory("hoi-dong-xa", variant)
    office.login(officer, DEMO_PASSWORD)
    office.go("/app", "tổng quan")
    assert "Thẩm định" in office.text(), "the dashboard lists the dossiers waiting for the commune council"
    office.go("/app/dossiers?status=submitted", "hồ sơ chờ thẩm định")
    office.driver.find_element(By.XPATH, f"//tr[td[contains(., '{commune}')]]//a").click()
    office.check("hồ sơ 2025")
    dossier_url = office.driver.current_url
    council = "Hội đồng Thi đua - Khen thưởng " + commune.replace("Xã", "xã")
    assert "Đã gửi, chờ thẩm định" in office.text() and council in office.text()
    count = len(office.driver.find_elements(By.CSS_SELECTOR, "form[action$='/appraisal']"))
    assert count >= 2
    for i in range(count):
        form = office.driver.find_elements(By.CSS_SELECTOR, "form[action$='/appraisal']")[i]
        form.find_element(By.CSS_SELECTOR, "input[name='result'][value='passed']").click()
        form.find_element(By.CSS_SELECTOR, "textarea[name='note']").send_keys("Đủ hồ sơ theo quy định.")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        office.check(f"thẩm định {i + 1}")
        assert "Đã ghi kết quả thẩm định." in office.flash()
    office.submit("form[action$='/appraisal/finish']", "kết thúc thẩm định")
    assert "chờ Hội đồng" in office.flash()

    office.go("/app/council", "hội đồng xã")
    assert council in office.text(), "the officer's own council opens first"
    office.driver.find_element(By.CSS_SELECTOR, "details.add-box summary").click()
    for box in office.driver.find_elements(By.CSS_SELECTOR, "input[name='dossierIDs[]']"):
        label = box.find_element(By.XPATH, "./ancestor::label").text
        if (commune in label) != box.is_selected():
            box.click()
    office.fill("m-loc", "Hội trường UBND " + commune.replace("Xã", "xã"))
    office.fill("m-chair", "Chủ tịch UBND xã")
    office.fill("m-sec", "Công chức Văn hóa - Xã hội")
    office.submit("form[action='/app/council/meetings']", "lập cuộc họp")
    assert "Đã lập cuộc họp" in office.flash()
    meeting_url = office.driver.current_url
    for select in office.driver.find_elements(By.CSS_SELECTOR, "select[name^='attendance_']"):
        Select(select).select_by_value("co-mat")
    office.submit("form[action$='/attendance']", "điểm danh")
    assert "đủ điều kiện họp" in office.flash()
    office.submit("form[action$='/open']", "mở bỏ phiếu")
    assert "Đã mở bỏ phiếu kín." in office.flash()

    # The district's council member has no part in the commune's meeting.
    outsider = user_factory("hoi-dong-huyen", variant)
    outsider.login("hoidong", DEMO_PASSWORD)
    outsider.driver.get(meeting_url)
    assert "Không tìm thấy" in outsider.text()

    if member_name:
        member = user_factory("thanh-vien-hoi-dong-xa", variant)
        member.login(member_name, DEMO_PASSWORD)
        member.go("/app", "tổng quan thành viên")
        member.driver.find_element(By.PARTIAL_LINK_TEXT, "Bỏ phiếu:").click()
        member.check("cuộc họp")
        for fieldset in member.driver.find_elements(By.CSS_SELECTOR, "#bo-phieu fieldset"):
            fieldset.find_element(By.CSS_SELECTOR, "input[value='agree']").click()
        member.submit("#bo-phieu form", "gửi phiếu")
        assert "Đã ghi nhận phiếu" in member.flash()
        assert "Phiếu bầu của" not in member.text(), "one ballot per member"

    # The officer votes on line for its own seat, then enters the paper ballots of the others.
    office.go(meeting_url.replace(office.base, ""), "cuộc họp")
    for fieldset in office.driver.find_elements(By.CSS_SELECTOR, "#bo-phieu fieldset"):
        fieldset.find_element(By.CSS_SELECTOR, "input[value='agree']").click()
    office.submit("#bo-phieu form", "phiếu của thường trực")
    while office.driver.find_elements(By.ID, "proxy"):
        form = office.driver.find_element(By.ID, "proxy").find_element(By.XPATH, "./ancestor::form")
        for fieldset in form.find_elements(By.CSS_SELECTOR, "fieldset"):
            fieldset.find_element(By.CSS_SELECTOR, "input[value='agree']").click()
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        office.check("nhập phiếu giấy")
        assert "Đã ghi nhận phiếu" in office.flash()
    office.fill("notes", "Hội đồng thống nhất với kết quả thẩm định.")
    office.submit("form[action$='/close']", "kết thúc bỏ phiếu")
    assert "kiểm phiếu" in office.flash()
    assert "(100%) — Đạt" in office.text()

    office.go(dossier_url.replace(office.base, ""), "hồ sơ sau khi Hội đồng xét")
    office.fill("qd-number", number)
    # Today in Việt Nam (UTC+7), as the server dates the meeting: after 17:00 UTC it is already tomorrow there.
    office.fill("qd-date", time.strftime("%d/%m/%Y", time.gmtime(time.time() + 7 * 3600)))
    office.fill("qd-auth", "Ủy ban nhân dân " + commune.replace("Xã", "xã"))
    office.fill("qd-signer", "Chủ tịch UBND xã")
    office.choose("qd-level", value="xa")
    office.submit("form[action$='/decision']", "ghi quyết định")
    assert "Đã ghi quyết định" in office.flash()
    assert "Đã có quyết định khen thưởng" in office.text()
    office.go(f"/app/awards?q={search.replace(' ', '+')}", "tra cứu khen thưởng")
    assert number in office.text()