"""No app below alerts imports it: the register, the meetings, the news and the rest never know of subscribers."""

import re
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]


def test_no_other_app_imports_alerts():
    importing = [
        str(path.relative_to(PROJECT_DIR))
        for app in ("editors", "trials", "news", "meetings", "search", "pagecache", "api")
        for path in (PROJECT_DIR / app).rglob("*.py")
        if re.search(r"^\s*(from alerts\b|import alerts\b)", path.read_text(), re.MULTILINE)
    ]
    assert importing == []
