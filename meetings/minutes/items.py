"""Agenda items: the lines from one "Punkt N." header to the next, fed into a draft and finished."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import _block, _plain, _plain_paragraphs
from .types import AgendaItem, MinutesParseError, TocEntry

# All of these are matched (fullmatch) against the plain form of a line, see text._plain().
_ITEM_HEADER = re.compile(r"Punkt\b\s*(?P<num>[^\s.]*)\s*\.?", re.IGNORECASE)
_CASE_NUMBER = re.compile(r"(?:Sagsnr\.?:?\s*)?(?P<num>\d{4}-\d{6})", re.IGNORECASE)
_DECISION = re.compile(r"Beslutning\s*(?::\s*(?P<rest>.*))?", re.IGNORECASE)
_DESCRIPTION = re.compile(r"Sagsbeskrivelse\s*:?", re.IGNORECASE)
_ATTACHMENTS = re.compile(r"Bilag\s*:\s*(?P<title>.*)", re.IGNORECASE)
_PROPOSAL = re.compile(r"(?P<who>[A-ZÆØÅ][^.:;!?]{0,150}?)\s+(?P<kind>indstiller|fremsender)\b.*", re.DOTALL)


@dataclass
class _Draft:
    number: int
    line: int
    title: str = ""
    case_number: str = ""
    proposal_kind: str = ""
    state: str = "title"  # title -> intro -> decision -> description / attachments
    text: list[str] = field(default_factory=list)
    proposal: list[str] = field(default_factory=list)
    decision: list[str] = field(default_factory=list)
    description: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    inline_attachments: list[str] = field(default_factory=list)


def _is_structural(plain: str) -> bool:
    return bool(
        _ITEM_HEADER.fullmatch(plain)
        or _DECISION.fullmatch(plain)
        or _DESCRIPTION.fullmatch(plain)
        or _ATTACHMENTS.fullmatch(plain)
    )


def _no_title(draft: _Draft) -> MinutesParseError:
    return MinutesParseError(
        "punktet har ingen titel; filen ser ud til at være afkortet", line=draft.line, item=draft.number
    )


def _feed(d: _Draft, raw: str, plain: str) -> None:
    if d.state == "title":
        if not plain:
            return
        if _is_structural(plain) or _CASE_NUMBER.fullmatch(plain):
            raise _no_title(d)
        d.title = plain
        d.state = "intro"
        return

    attachment = _ATTACHMENTS.fullmatch(plain)
    if attachment:
        title = attachment["title"].strip()
        if d.state == "attachments":
            if title:
                d.attachments.append(title)
            return
        if not title:
            d.state = "attachments"
            return
        # An inline "Bilag: <title>" line is part of the author's text (item 6 ends its case
        # description with one): it stays in that text and only counts as an attachment when
        # the "Bilag:" block does not already list it, so each attachment is reported once.
        d.inline_attachments.append(title)
    elif _DESCRIPTION.fullmatch(plain):
        d.state = "description"
        return

    if d.state == "intro":
        decision = _DECISION.fullmatch(plain)
        if decision:
            d.state = "decision"
            if decision["rest"]:
                d.decision.append(decision["rest"])
        elif not plain and not d.proposal:
            d.text.append(raw)
        elif not d.case_number and not d.proposal and not _block(d.text) and _CASE_NUMBER.fullmatch(plain):
            d.case_number = _CASE_NUMBER.fullmatch(plain)["num"]
        elif d.proposal:
            d.proposal.append(raw)
        elif m := _PROPOSAL.fullmatch(plain):
            d.proposal_kind = m["kind"]
            d.proposal.append(raw)
        else:
            d.text.append(raw)
    elif d.state == "decision":
        d.decision.append(raw)
    elif d.state == "description":
        d.description.append(raw)
    elif plain:  # attachments
        d.attachments.append(plain)


def _parse_items(lines: list[str], start: int) -> list[_Draft]:
    drafts: list[_Draft] = []
    seen: dict[int, int] = {}
    for idx in range(start, len(lines)):
        raw = lines[idx]
        plain = _plain(raw)
        header = _ITEM_HEADER.fullmatch(plain)
        if header:
            if not header["num"].isdigit():
                raise MinutesParseError(f"punktoverskriften '{raw.strip()}' mangler et nummer", line=idx + 1)
            number = int(header["num"])
            if number in seen:
                raise MinutesParseError(
                    f"punktet optræder to gange (første gang i linje {seen[number]})", line=idx + 1, item=number
                )
            if drafts and not drafts[-1].title:
                raise _no_title(drafts[-1])
            seen[number] = idx + 1
            drafts.append(_Draft(number=number, line=idx + 1))
        elif drafts:
            _feed(drafts[-1], raw, plain)
    if drafts and not drafts[-1].title:
        raise _no_title(drafts[-1])
    return drafts


def _finish(d: _Draft, position: int, toc: TocEntry | None) -> AgendaItem:
    attachments = list(d.attachments)
    attachments += [t for t in dict.fromkeys(d.inline_attachments) if t not in attachments]
    return AgendaItem(
        number=d.number,
        position=position,
        title=d.title,
        toc_title=toc.title if toc else "",
        page=toc.page if toc else None,
        case_number=d.case_number,
        proposal=_plain_paragraphs(d.proposal),
        proposal_kind=d.proposal_kind,
        text=_block(d.text),
        decision=_plain_paragraphs(d.decision),
        case_description=_block(d.description),
        attachments=attachments,
    )
