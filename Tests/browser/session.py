"""A user at a browser: visits pages the way a person does and checks every page it sees."""
import re
import time
import unicodedata
from pathlib import Path

from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import OUT, VARIANTS, make_driver

# Elements a finger must hit: at least 44 × 44 CSS px (WCAG 2.5.5), inline links in running text excepted.
TOUCH_JS = """
const out = [];
const sel = 'button, input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file]), select, textarea, .main-nav a, a.button, summary, label.choice, .pager a, .table a, .list a';
for (const el of document.querySelectorAll(sel)) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) continue;
  if (el.closest('[aria-hidden="true"]')) continue;  // out of reach on purpose (the proposal form's honeypot)
  const cs = getComputedStyle(el);
  if (cs.visibility === 'hidden' || cs.display === 'none') continue;
  if (r.height < 43.5) out.push((el.tagName + ' ' + (el.id || el.getAttribute('name') || el.textContent.trim().slice(0, 30))) + ' h=' + Math.round(r.height));
}
return out;
"""


class User:
    def __init__(self, base, variant, journey, report):
        self.base, self.variant, self.journey, self.report = base, variant, journey, report
        self.width, self.height, self.js, self.axe = VARIANTS[variant]
        self.driver = make_driver(variant)
        self.step = 0
        self.dir = OUT / journey / variant
        self.dir.mkdir(parents=True, exist_ok=True)
        self.problems = []

    def close(self):
        self.driver.quit()

    # --- navigation -------------------------------------------------------------------------
    def go(self, path, name=None):
        self.driver.get(self.base + path)
        self.check(name or path)

    def check(self, name):
        """Every page: Vietnamese declared, no horizontal scrolling, touch targets, axe, a screenshot."""
        d = self.driver
        self.step += 1
        folded = "".join(c for c in unicodedata.normalize("NFD", name.lower().replace("đ", "d")) if not unicodedata.combining(c))
        safe = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:50]
        d.save_screenshot(str(self.dir / f"{self.step:02d}-{safe}.png"))
        html = d.find_element(By.TAG_NAME, "html")
        assert html.get_attribute("lang") == "vi", f"{name}: lang is not vi"
        assert d.find_element(By.TAG_NAME, "main").is_displayed(), f"{name}: no main content"
        url = d.current_url.replace(self.base, "")
        entry = self.report["pages"].setdefault(re.sub(r"/\d+", "/{id}", url.split("?")[0]), {"variants": [], "axe": {}})
        if self.variant not in entry["variants"]:
            entry["variants"].append(self.variant)
        scroll = d.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll[0] <= scroll[1] + 1, f"{name} ({self.variant}): horizontal scrolling {scroll[0]} > {scroll[1]}"
        if self.width < 600:
            small = d.execute_script(TOUCH_JS)
            assert not small, f"{name} ({self.variant}): touch targets under 44 px: {small[:8]}"
        if self.axe:
            axe = Axe(d)
            axe.inject()
            results = axe.run(options={"resultTypes": ["violations"]})
            bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
            entry["axe"][self.variant] = {"violations": len(results["violations"]), "serious_or_critical": len(bad)}
            assert not bad, f"{name} ({self.variant}): axe " + "; ".join(
                f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in bad)

    # --- forms ------------------------------------------------------------------------------
    def fill(self, field_id, text):
        el = self.driver.find_element(By.ID, field_id)
        el.clear()
        el.send_keys(text)

    def choose(self, field_id, visible_text=None, value=None):
        s = Select(self.driver.find_element(By.ID, field_id))
        if value is not None:
            s.select_by_value(value)
        else:
            s.select_by_visible_text(visible_text)

    def tick(self, name, value):
        self.driver.find_element(By.CSS_SELECTOR, f"input[name='{name}'][value='{value}']").click()

    def submit(self, form_selector="main form.form", name="sau khi gửi"):
        form = self.driver.find_element(By.CSS_SELECTOR, form_selector)
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        self.check(name)

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "main").text

    def flash(self):
        found = self.driver.find_elements(By.CSS_SELECTOR, ".flash")
        return found[0].text if found else ""

    def login(self, username, password):
        self.go("/dang-nhap", "đăng nhập")
        self.fill("username", username)
        self.fill("password", password)
        self.submit("main form", "sau đăng nhập")
        assert "/app" in self.driver.current_url, f"login of {username} failed: {self.text()[:200]}"

    def keyboard_reaches(self, element_id, max_tabs=60):
        """Tabbing from the top reaches the element, and it shows a visible focus outline."""
        from selenium.webdriver.common.keys import Keys
        body = self.driver.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        for _ in range(max_tabs):
            active = self.driver.switch_to.active_element
            if active.get_attribute("id") == element_id:
                outline = self.driver.execute_script("const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth];")
                assert outline[0] != "none" and outline[1] not in ("0px", ""), f"no visible focus on #{element_id}: {outline}"
                return True
            active.send_keys(Keys.TAB)
        raise AssertionError(f"#{element_id} not reachable with the keyboard")


def nfd(s):
    return unicodedata.normalize("NFD", s)
