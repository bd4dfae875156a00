"""Browser journeys against the real server: a release build on loopback, with the demo data.

Environment:
  DIENHINH_BIN   the server binary (default: .build/release/dienhinh)
  BROWSER_OUT    where screenshots and the report go (default: Tests/browser/out)
"""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(os.environ.get("BROWSER_OUT", ROOT / "Tests" / "browser" / "out"))
DEMO_PASSWORD = "mat-khau-demo-trinh-duyet"
ADMIN_PASSWORD = "mat-khau-quan-tri-trinh-duyet"

VARIANTS = {
    # name: (width, height, javascript, run axe)
    "desktop": (1280, 900, True, True),
    "phone": (390, 844, True, True),
    "phone-nojs": (390, 844, False, False),
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server():
    """One server per test session, on a fresh SQLite file with the demo data."""
    binary = Path(os.environ.get("DIENHINH_BIN", ROOT / ".build" / "release" / "dienhinh"))
    if not binary.exists():
        pytest.fail(f"server binary not found: {binary} (build it with: swift build -c release)")
    workdir = Path(tempfile.mkdtemp(prefix="dienhinh-browser-"))
    port = free_port()
    env = dict(os.environ, DATABASE_PATH=str(workdir / "dienhinh.sqlite"), DIENHINH_ADMIN_PASSWORD=ADMIN_PASSWORD,
               DIENHINH_DEMO_PASSWORD=DEMO_PASSWORD, DIENHINH_BCRYPT_COST="8", DIENHINH_DEMO="1")
    log = open(workdir / "server.log", "w")
    proc = subprocess.Popen([str(binary), "serve", "--hostname", "127.0.0.1", "--port", str(port), "--env", "production"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(3600):  # the demo district loads at the first start (about 20 s release, 70 s debug, more in CI)
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as r:
                if r.status == 200:
                    break
        except Exception:
            time.sleep(0.25)
    else:
        proc.kill()
        pytest.fail("server did not start: " + (workdir / "server.log").read_text())
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()
    OUT.mkdir(parents=True, exist_ok=True)
    shutil.copy(workdir / "server.log", OUT / "server.log")
    shutil.rmtree(workdir, ignore_errors=True)


def make_driver(variant):
    width, height, javascript, _ = VARIANTS[variant]
    opts = Options()
    opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=vi-VN",
                f"--window-size={width},{height}", "--force-device-scale-factor=1", "--hide-scrollbars"]:
        opts.add_argument(arg)
    opts.add_experimental_option("prefs", {"intl.accept_languages": "vi-VN,vi"})
    if width < 600:
        opts.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 2.0, "touch": True},
                                                         "userAgent": "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Mobile Safari/537.36"})
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=opts)
    driver.set_page_load_timeout(60)
    if not javascript:
        # The page's own scripts are off (as in a browser with JavaScript disabled); WebDriver still works.
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    return driver


@pytest.fixture(scope="session")
def report():
    """Collects pages checked, axe results and slow-3G timings; written to out/report.json at the end."""
    data = {"pages": {}, "slow3g": [], "journeys": []}
    yield data
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "report.json").write_text(json.dumps(data, ensure_ascii=False, indent=2))


@pytest.fixture
def user_factory(server, report):
    """A signed-out browser a journey drives (desktop or phone), closed at the end of the test."""
    from session import User  # session imports this module

    users = []

    def make(journey, variant):
        u = User(server, variant, journey, report)
        users.append(u)
        report["journeys"].append(f"{journey} [{variant}]")
        return u

    yield make
    for u in users:
        u.close()
