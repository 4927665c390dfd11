"""Danish text for the synthetic data: the minutes' own sentences and titles, recombined by a seeded RNG.

The words come from the fixtures (transcribed from the minutes), which are always in the repository,
so the same seed gives the same text on every machine, with or without ../shared/seeds.
"""

import re
from functools import cache
from pathlib import Path

import yaml

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures"

# Fields that hold names and keys rather than prose.
_NOT_PROSE = {"slug", "locator", "document_title", "name", "title", "original_name", "sha512", "file"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")
_LIST_MARK = re.compile(r"^(?:[-*•]|\d+\.)\s+")
_CLOSED_SUFFIX = " - lukket"


def _fixture_objects():
    for path in sorted(FIXTURES_DIR.glob("*.yaml")):
        yield from yaml.safe_load(path.read_text(encoding="utf-8")) or []


def _clean(text):
    text = text.replace("**", "")
    lines = [_LIST_MARK.sub("", line.strip()) for line in text.splitlines() if not line.startswith("#")]
    return " ".join(line for line in lines if line)


def _sentences_of(text):
    for sentence in _SENTENCE_END.split(_clean(text)):
        sentence = sentence.strip()
        if 30 <= len(sentence) <= 400 and sentence[0].isupper():
            yield sentence if sentence[-1] in ".!?" else sentence + "."


@cache
def fixture_words():
    """(sentences, trial titles, agenda item titles, document titles) from the fixtures, sorted."""
    sentences, trial_titles, item_titles, document_titles = set(), set(), set(), set()
    for obj in _fixture_objects():
        fields = obj.get("fields", {})
        for name, value in fields.items():
            if isinstance(value, str) and name not in _NOT_PROSE and " " in value:
                sentences.update(_sentences_of(value))
        title = fields.get("title") or ""
        if obj["model"] == "trials.trial" and title:
            trial_titles.add(title)
        elif obj["model"] == "meetings.agendaitem" and title and not title.endswith(_CLOSED_SUFFIX):
            item_titles.add(title)
        elif obj["model"] == "meetings.document" and title:
            document_titles.add(re.sub(r"\.(docx?|pdf)$", "", title))
    return sorted(sentences), sorted(trial_titles), sorted(item_titles), sorted(document_titles)


def _splice(rng, first, second):
    """The first words of one text and the last words of another, at a random word boundary each."""
    head, tail = first.split(), second.split()
    if len(head) < 2 or len(tail) < 2:
        return first
    cut_head = rng.randrange(1, len(head))
    cut_tail = rng.randrange(1, len(tail))
    return " ".join(head[:cut_head] + tail[cut_tail:])


class Words:
    """Draws recombined Danish text with one seeded RNG."""

    def __init__(self, rng):
        self.rng = rng
        self.sentences, self.trial_titles, self.item_titles, self.document_titles = fixture_words()

    def sentence(self):
        """A sentence from the minutes, or (one in three) the start of one and the end of another."""
        first = self.rng.choice(self.sentences)
        if self.rng.random() < 2 / 3:
            return first
        spliced = _splice(self.rng, first, self.rng.choice(self.sentences))
        return spliced if spliced[-1] in ".!?" else spliced + "."

    def paragraph(self, low, high):
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def paragraphs(self, count, low=3, high=6):
        return "\n\n".join(self.paragraph(low, high) for _ in range(count))

    def _title(self, titles, limit):
        title = _splice(self.rng, self.rng.choice(titles), self.rng.choice(titles))
        return title[:limit].rstrip()

    def trial_title(self):
        return self._title(self.trial_titles, 250)

    def item_title(self):
        """An agenda item's title: a recombined item title, or one about a trial."""
        if self.rng.random() < 0.3:
            title = self.trial_title()
            return "Orientering om " + title[0].lower() + title[1:]
        return self._title(self.item_titles, 350)

    def document_title(self):
        return self._title(self.document_titles + self.item_titles, 250)
