#!/usr/bin/env python3
"""Checks the public Atom feeds with Python's feedparser (issue 10 "Also": no bozo error).

Usage: pip install feedparser; python3 Tests/public/feed_check.py http://127.0.0.1:8080
Checks /feed.atom and every column feed linked from the home page's <link rel="alternate"> and column pages.
"""
import re
import sys
import urllib.request

import feedparser

COLUMNS = ["nguoi-tot-viec-tot", "hoc-tap-va-lam-theo-bac", "song-dep", "chuyen-thuong-ngay", "cuoc-song-muon-mau"]


def check(url):
    with urllib.request.urlopen(url) as res:
        ctype = res.headers.get("Content-Type", "")
        body = res.read()
    assert ctype.startswith("application/atom+xml"), f"{url}: Content-Type {ctype}"
    feed = feedparser.parse(body)
    assert feed.bozo == 0, f"{url}: bozo {feed.get('bozo_exception')}"
    assert feed.version == "atom10", f"{url}: version {feed.version}"
    assert feed.feed.get("id") and feed.feed.get("title") and feed.feed.get("updated"), url
    assert len(feed.entries) <= 30, url
    for e in feed.entries:
        for key in ("id", "title", "updated", "published", "link", "summary", "author"):
            assert e.get(key), f"{url}: an entry lacks {key}"
    return len(feed.entries)


def main():
    base = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080").rstrip("/")
    urls = [base + "/feed.atom"] + [f"{base}/chuyen-muc/{c}/feed.atom" for c in COLUMNS]
    with urllib.request.urlopen(base + "/") as res:
        home = res.read().decode("utf-8")
    for href in re.findall(r'type="application/atom\+xml"[^>]*href="([^"]+)"', home):
        if href not in urls:
            urls.append(href)
    for url in urls:
        print(f"{url}: {check(url)} entries, bozo 0")


if __name__ == "__main__":
    main()
