"""What the minutes parser returns: frozen dataclasses, and the error it raises."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time


class MinutesParseError(ValueError):
    """Minutes that cannot be read. `message` is Danish; `line` and `item` locate the problem."""

    def __init__(self, message: str, line: int | None = None, item: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.item = item

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"Linje {self.line}")
        if self.item is not None:
            where.append(f"punkt {self.item}" if where else f"Punkt {self.item}")
        if where:
            return f"{', '.join(where)}: {self.message}"
        return self.message[:1].upper() + self.message[1:]


@dataclass(frozen=True)
class Attendee:
    name: str
    role: str = ""
    only_item: int | None = None  # attends only under this agenda item


@dataclass(frozen=True)
class TocEntry:
    number: int
    title: str
    page: int | None
    is_closed: bool


@dataclass(frozen=True)
class AgendaItem:
    number: int
    position: int  # 1-based order in which the items were held
    title: str
    toc_title: str = ""
    page: int | None = None
    case_number: str = ""
    is_closed: bool = False
    proposal: str = ""
    proposal_kind: str = ""  # "indstiller", "fremsender" or ""
    text: str = ""  # unlabelled Markdown text before the decision
    decision: str = ""
    case_description: str = ""  # Markdown
    attachments: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Minutes:
    council: str = ""
    committee: str = ""
    date: date | None = None
    start_time: time | None = None
    end_time: time | None = None
    place: str = ""
    weekday_line: str = ""
    present: list[str] = field(default_factory=list)
    apologies: list[str] = field(default_factory=list)
    others: list[Attendee] = field(default_factory=list)
    others_text: str = ""
    other_information: str = ""
    toc: list[TocEntry] = field(default_factory=list)
    items: list[AgendaItem] = field(default_factory=list)  # open items as held, then closed ones
    warnings: list[str] = field(default_factory=list)
    is_fragment: bool = False
    layout: str = ""  # the label of the layout that read the text, see meetings.minutes.layouts
    unplaced: list[str] = field(default_factory=list)  # lines the layout read but could not place
    # Closed items for which the file prints more than the title (left out of the items, but in the file).
    closed_text_left_out: list[int] = field(default_factory=list)

    def item(self, number: int) -> AgendaItem:
        for agenda_item in self.items:
            if agenda_item.number == number:
                return agenda_item
        raise KeyError(number)
