"""The seed minutes and helpers shared by the minutes parser's test modules."""

import re

from conftest import SEEDS_DIR

WHOLE = SEEDS_DIR / "004_0476763c89c3f9a7.txt"
ITEM_6 = SEEDS_DIR / "000_43ed0633f447e672.txt"
ABSENT = "Anne Honoré Østergaard og Kristoffer Hjort Storm var fraværende."


def seeds_present() -> bool:
    return WHOLE.exists() and ITEM_6.exists()


def line_of(text: str, line: str) -> int:
    return text.split("\n").index(line) + 1


def without_markdown(text: str) -> str:
    """The seed as a PDF shows it: no asterisks, no heading hashes, no bullet before the meeting labels."""
    out = []
    for line in text.split("\n"):
        line = re.sub(r"^#{1,6}\s*", "", line.replace("*", "")).replace("\t", "  ")
        out.append(re.sub(r"^- (?=(Tid|Sted|Afbud|Til stede|Øvrige)\b)", "", line))
    return "\n".join(out)
