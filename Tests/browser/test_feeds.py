"""The public Atom feeds of the demo district read by Python's feedparser: no bozo error, the required elements
(issue 10 "Also"). The checks themselves live in Tests/public/feed_check.py, which also runs by hand against any
server."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "public"))

import feed_check  # noqa: E402


def test_every_feed_parses_without_bozo(server):
    urls = [server + "/feed.atom"] + [f"{server}/chuyen-muc/{c}/feed.atom" for c in feed_check.COLUMNS]
    counts = {url: feed_check.check(url) for url in urls}
    # The demo district publishes stories: the overall feed has entries.
    assert counts[server + "/feed.atom"] > 0, counts
