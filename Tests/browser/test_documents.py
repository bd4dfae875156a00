"""The generated commendation documents, read back as an office would: python-docx opens them and finds the
nominees and the tally; LibreOffice converts each one to PDF (the check the issue asks for)."""
import http.cookiejar
import json
import re
import shutil
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm

from conftest import DEMO_PASSWORD, OUT


class Client:
    """A signed-in HTTP client with cookies: the same forms a browser posts."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path):
        with self.opener.open(self.base + path, timeout=30) as r:
            return r.status, r.headers, r.read()

    def login(self, username, password):
        _, _, html = self.get("/dang-nhap")
        token = re.search(rb'name="_csrf" value="([^"]+)"', html).group(1).decode()
        data = urllib.parse.urlencode({"_csrf": token, "username": username, "password": password, "next": "/app"}).encode()
        with self.opener.open(self.base + "/dang-nhap", data=data, timeout=30) as r:
            assert "/app" in r.url, f"login of {username} failed"

    def api_token(self, username, password):
        req = urllib.request.Request(self.base + "/api/v1/auth/token", data=json.dumps({"username": username, "password": password}).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read())["token"]

    def api(self, path, token):
        req = urllib.request.Request(self.base + path, headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read())


def text_of(doc):
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def decided(server):
    c = Client(server)
    token = c.api_token("noivu", DEMO_PASSWORD)
    dossiers = c.api("/api/v1/dossiers?status=decided", token)["items"]
    assert dossiers, "the demo holds a decided dossier"
    d = c.api(f"/api/v1/dossiers/{dossiers[0]['id']}", token)
    c.login("noivu", DEMO_PASSWORD)
    return c, d


KINDS = ["to-trinh", "danh-sach", "bao-cao-thanh-tich", "quyet-dinh", "danh-sach-in"]


@pytest.fixture(scope="module")
def documents(decided):
    """Downloads the dossier's five documents and the council minutes, as the office would."""
    c, d = decided
    out = OUT / "documents"
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for kind in KINDS:
        status, headers, body = c.get(f"/app/dossiers/{d['id']}/docx/{kind}")
        assert status == 200 and "wordprocessingml" in headers["Content-Type"], kind
        paths[kind] = out / f"{kind}.docx"
        paths[kind].write_bytes(body)
    status, headers, body = c.get(f"/app/council/meetings/{d['meetingID']}/bien-ban.docx")
    assert status == 200 and "wordprocessingml" in headers["Content-Type"]
    paths["bien-ban"] = out / "bien-ban.docx"
    paths["bien-ban"].write_bytes(body)
    return paths


def test_documents_open_in_python_docx_and_name_the_nominees(decided, documents):
    c, d = decided
    awarded = [n["subjectName"] for n in d["nominees"] if n.get("awardID")]
    assert awarded
    for kind in KINDS:
        path = documents[kind]
        doc = Document(str(path))
        text = text_of(doc)
        for name in awarded:
            assert name in text, f"{kind} names {name}"
        # Nghị định 30/2020: Times New Roman, A4, left margin 30 mm.
        fonts = doc.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:rFonts/@w:ascii")
        assert fonts == ["Times New Roman"], f"{kind}: default font {fonts}"
        sizes = doc.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val")
        assert sizes and 26 <= int(sizes[0]) <= 28, f"{kind}: body size {sizes} half-points, 13–14 pt"
        section = doc.sections[0]
        if kind != "danh-sach-in":
            assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.left_margin - Mm(30)) < Mm(1), kind
        if kind in ("to-trinh", "quyet-dinh", "danh-sach"):
            assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text, kind
            assert re.search(r"ngày \d{2} tháng \d{1,2} năm \d{4}", text), f"{kind}: place-and-date line"
    qd = text_of(Document(str(documents["quyet-dinh"])))
    assert d["decision"]["number"] in qd and "QUYẾT ĐỊNH" in qd


def test_minutes_hold_the_tally(decided, documents):
    c, d = decided
    text = text_of(Document(str(documents["bien-ban"])))
    assert "BIÊN BẢN" in text and "KẾT QUẢ KIỂM PHIẾU" in text
    for n in d["nominees"]:
        v = n["vote"]
        assert n["subjectName"] in text
        assert str(v["yes"]) in text and f"{v['threshold']}%" in text
    assert "tổng số thành viên" in text


def test_libreoffice_converts_every_document(documents, tmp_path):
    assert shutil.which("soffice"), "LibreOffice (soffice) is needed: .ci/run installs libreoffice-writer-nogui"
    docs = sorted(documents.values())
    result = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf", "--outdir", str(tmp_path)]
                            + [str(p) for p in docs], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for p in docs:
        pdf = tmp_path / (p.stem + ".pdf")
        assert pdf.exists() and pdf.stat().st_size > 1000, f"{p.name} did not convert: {result.stdout} {result.stderr}"
        assert pdf.read_bytes().startswith(b"%PDF")
