"""`parse_minutes`: the header and the items of minutes text, checked against each other."""

from __future__ import annotations

from .header import _parse_header
from .items import _ITEM_HEADER, _finish, _parse_items
from .text import _block, _join_da, _plain, _same_words
from .types import AgendaItem, Minutes, MinutesParseError


def parse_minutes(text: str) -> Minutes:
    """Parse whole minutes, or a fragment holding item(s) only (then `is_fragment` is True).

    Raises MinutesParseError for text that is not minutes, truncated files, item headers
    without a number or title, unreadable dates and duplicate item numbers.
    """
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first_item = next((i for i, line in enumerate(lines) if _ITEM_HEADER.fullmatch(_plain(line))), len(lines))
    header = _parse_header(lines, first_item)
    drafts = _parse_items(lines, first_item)
    if not header.is_minutes and not drafts:
        raise MinutesParseError(
            "teksten ligner ikke et referat: der er hverken en overskrift 'Referat' eller punkter ('Punkt 1.')"
        )
    if header.is_minutes and not drafts and not header.toc:
        raise MinutesParseError("referatet indeholder ingen punkter; filen ser ud til at være afkortet")

    warnings = list(header.warnings)
    toc_by_number = {entry.number: entry for entry in header.toc}
    body_numbers = {d.number for d in drafts}
    missing = [str(e.number) for e in header.toc if not e.is_closed and e.number not in body_numbers]
    if missing:
        raise MinutesParseError(
            f"referatet er afkortet eller ufuldstændigt: punkt {_join_da(missing)} fra "
            f"indholdsfortegnelsen mangler i teksten (teksten slutter i linje {len(lines)})"
        )

    items: list[AgendaItem] = []
    closed_text_left_out: list[int] = []
    for d in drafts:
        entry = toc_by_number.get(d.number)
        if entry and entry.is_closed:
            # Closed items show their title only; content found for one is left out, not published.
            warnings.append(f"Punkt {d.number} er lukket i indholdsfortegnelsen; teksten i referatet er udeladt")
            if d.case_number or any(
                "".join(part).strip()
                for part in (d.text, d.proposal, d.decision, d.description, d.attachments, d.inline_attachments)
            ):
                closed_text_left_out.append(d.number)
            continue
        if header.has_toc and entry is None:
            warnings.append(f"Punkt {d.number} ('{d.title}') står ikke i indholdsfortegnelsen")
        elif entry and not _same_words(entry.title, d.title):
            warnings.append(
                f"Punkt {d.number}: titlen i indholdsfortegnelsen ('{entry.title}') "
                f"afviger fra titlen i teksten ('{d.title}')"
            )
        if not _block(d.decision):
            warnings.append(f"Punkt {d.number} ('{d.title}') har ingen beslutning")
        items.append(_finish(d, len(items) + 1, entry))

    held = [item.number for item in items if item.number in toc_by_number]
    listed = [e.number for e in header.toc if not e.is_closed and e.number in body_numbers]
    if held != listed:
        warnings.append(
            f"Rækkefølgen i indholdsfortegnelsen ({', '.join(map(str, listed))}) afviger fra "
            f"rækkefølgen i teksten ({', '.join(map(str, held))})"
        )
    for entry in header.toc:
        if entry.is_closed:
            items.append(
                AgendaItem(
                    number=entry.number,
                    position=len(items) + 1,
                    title=entry.title,
                    toc_title=entry.title,
                    is_closed=True,
                )
            )

    return Minutes(
        council=header.council,
        committee=header.committee,
        date=header.date,
        start_time=header.start_time,
        end_time=header.end_time,
        place=header.place,
        weekday_line=header.weekday_line,
        present=header.present,
        apologies=header.apologies,
        others=header.others,
        others_text=header.others_text,
        other_information=header.other_information,
        toc=header.toc,
        items=items,
        warnings=warnings,
        is_fragment=not header.is_minutes,
        closed_text_left_out=closed_text_left_out,
    )
