"""Importing parsed minutes into a committee's meeting: one transaction, re-import updates in place.

`import_minutes` writes the Meeting, its Attendance rows, AgendaItems, attachment Documents and a
trials.Source per item. `preview_minutes` runs exactly the same code with every write left out, so
what the secretary previews is what the import will do, and a large file previews in a few queries.

Two imports into one committee at once are serialised: the import locks the committee's row first
(on SQLite the IMMEDIATE transaction mode does the same), so the second waits, then finds the
meeting the first created and updates it. A collision that still reaches the database surfaces as
IntegrityError or OperationalError; the admin page and the command turn it into
CONCURRENT_IMPORT_MESSAGE.

A file may hold at most settings.MINUTES_MAX_ITEMS items; `check_item_limit` refuses a larger one
right after parsing, before anything is compared or written.

Re-import rule (nothing a secretary added by hand is lost):
* objects are matched, never duplicated: the meeting by (committee, date), items by number,
  attendances by name, attachments by (item, title);
* an object that is no longer in the minutes is removed only when it provably came from an earlier
  import and nobody has changed it since. For an item that means: its first and latest history
  records carry IMPORT_REASON and nothing hangs on it (no decision, no linked trial, no file, no
  source other than its own "Punkt N" source). Attendances and attachments carry no history of their
  own, so they are removed only when their meeting (attendances) or item (attachments) was last
  saved by an import, and an attachment only if it has no file and no links. Everything else is
  kept and reported as a warning, so the secretary decides.
* fields of existing objects are overwritten with what the minutes say; the change is recorded in
  simple-history with IMPORT_REASON and the importing user, so it can be reverted.
* closed items: only number, title and position (and is_closed) are written, whatever the text says.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import count

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trials.models import Source, Trial

from .files import pdf_bounds
from .minutes import AgendaItem as ParsedItem
from .minutes import Minutes, MinutesParseError, extract_pdf_text, parse_minutes
from .models import AgendaItem, Attendance, Committee, Document, Meeting

IMPORT_REASON = "Importeret fra referat"
MEETING_LOCATOR = "Forside og mødeoplysninger"

CREATED, UPDATED, UNCHANGED, REMOVED, KEPT = "created", "updated", "unchanged", "removed", "kept"
ACTION_LABELS = {
    CREATED: "oprettes",
    UPDATED: "opdateres",
    UNCHANGED: "uændret",
    REMOVED: "fjernes",
    KEPT: "bevares",
}

CONCURRENT_IMPORT_MESSAGE = gettext_lazy(
    "Referatet blev indlæst samtidig af en anden, eller databasen var optaget. Denne import er ikke gemt; prøv igen."
)

_ITEM_FIELDS = ("title", "case_number", "proposal_kind", "proposal", "text", "decision", "case_description", "page")
_MAIL_LINK = re.compile(r"\[(?P<text>[^\]\n]+)\]\((?:mailto:)?(?P<target>[^)\s]+)\)")


@dataclass(frozen=True)
class Change:
    """One object the import creates, updates, leaves, removes or keeps."""

    model: str  # "meeting", "item", "attendance", "attachment"
    label: str
    action: str
    fields: tuple[str, ...] = ()
    is_closed: bool = False  # a closed agenda item
    number: int | None = None  # the agenda item's number, for items

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]


@dataclass(frozen=True)
class TrialSuggestion:
    """An item whose text names a trial by its title: offered as a link."""

    item_number: int
    trial: Trial
    already_linked: bool = False

    @property
    def key(self) -> str:
        return f"{self.item_number}:{self.trial.pk}"


@dataclass
class ImportResult:
    meeting: Meeting
    meeting_created: bool
    changes: list[Change] = field(default_factory=list)
    suggestions: list[TrialSuggestion] = field(default_factory=list)
    linked: list[TrialSuggestion] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    is_preview: bool = False

    def count(self, model: str, action: str) -> int:
        return sum(1 for c in self.changes if c.model == model and c.action == action)

    def changes_for(self, model: str) -> list[Change]:
        return [c for c in self.changes if c.model == model]


def read_minutes(data: bytes) -> Minutes:
    """Parse an uploaded or read file: a PDF (recognised by its magic bytes) or UTF-8 text."""
    return parse_minutes(read_minutes_text(data))


def read_minutes_text(data: bytes) -> str:
    """The text of a minutes file: extracted from a PDF (magic bytes), else decoded as UTF-8."""
    if data.lstrip()[:5] == b"%PDF-":
        text = extract_pdf_text(data, pdf_bounds())
        if not text.strip():
            raise MinutesParseError("PDF-filen indeholder ingen tekst (er den scannet som billede?)")
        return text
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise MinutesParseError(
            f"filen er hverken en PDF eller UTF-8-tekst (ugyldig byte ved position {error.start})"
        ) from None
    if "\x00" in text:
        raise MinutesParseError("filen er hverken en PDF eller en tekstfil")
    return text


def check_item_limit(minutes: Minutes) -> None:
    """Refuse minutes with more items than settings.MINUTES_MAX_ITEMS (a Danish MinutesParseError)."""
    limit = settings.MINUTES_MAX_ITEMS
    if len(minutes.items) > limit:
        raise MinutesParseError(
            _("referatet har %(count)s punkter, men højst %(limit)s kan indlæses fra én fil")
            % {"count": len(minutes.items), "limit": limit}
        )


def minutes_source_title(committee: Committee, minutes: Minutes) -> str:
    return f"Referat, {committee.name}, {committee.municipality.name} Kommune, {minutes.date:%d.%m.%Y}"


def normalise_title(text: str) -> str:
    """Title form for matching: case-folded, Markdown stars dropped, spaces collapsed, x as ks.

    The minutes spell some trials "Flexibilitet"/"Flexible" where the register says
    "Fleksibilitet"/"Fleksible"; writing x as ks on both sides lets either spelling match.
    """
    text = text.replace("*", "").casefold().replace("x", "ks")
    return " ".join(text.split())


def suggest_trials(minutes: Minutes, trials=None) -> list[tuple[int, Trial]]:
    """(item number, trial) for each open item whose text names a trial by its title."""
    trials = list(trials if trials is not None else Trial.objects.all())
    titles = [(normalise_title(t.title), t) for t in trials if t.title.strip()]
    out = []
    for item in minutes.items:
        if item.is_closed:
            continue
        haystack = normalise_title(
            " ".join([item.title, item.proposal, item.text, item.decision, item.case_description])
        )
        out += [(item.number, trial) for title, trial in titles if title in haystack]
    return out


def _plain_text(text: str) -> str:
    """A plain field (proposal, decision) without Markdown links: "[a@b.dk](mailto:a@b.dk)" -> "a@b.dk"."""
    return _MAIL_LINK.sub(lambda m: m["text"], text)


def _case_description(item: ParsedItem) -> str:
    # The parser keeps an inline "Bilag: <title>" closing line in the text; the attachment is stored
    # as a Document, so a closing line that only repeats a listed attachment is dropped here.
    text = item.case_description
    lines = text.rstrip().split("\n")
    last = lines[-1].strip() if lines else ""
    m = re.fullmatch(r"\**Bilag\**\s*:\s*\**(?P<title>.+?)\**", last)
    if m and m["title"].strip() in item.attachments:
        text = "\n".join(lines[:-1]).rstrip()
    return text


def _item_values(item: ParsedItem) -> dict:
    if item.is_closed:
        return {"title": item.title}
    return {
        "title": item.title,
        "case_number": item.case_number,
        "proposal_kind": item.proposal_kind,
        "proposal": _plain_text(item.proposal),
        "text": item.text,
        "decision": _plain_text(item.decision),
        "case_description": _case_description(item),
        "page": item.page,
    }


def _attendance_rows(minutes: Minutes) -> list[dict]:
    rows = []
    for kind, names in ((Attendance.Kind.PRESENT, minutes.present), (Attendance.Kind.APOLOGIES, minutes.apologies)):
        rows += [
            {"name": n, "kind": kind, "role": "", "only_item": None, "position": i} for i, n in enumerate(names, 1)
        ]
    rows += [
        {"name": a.name, "kind": Attendance.Kind.OTHER, "role": a.role, "only_item": a.only_item, "position": i}
        for i, a in enumerate(minutes.others, 1)
    ]
    return rows


def _validation_message(error: ValidationError) -> str:
    return "; ".join(error.messages)


def _clean(obj, where: str, **kwargs) -> None:
    try:
        obj.full_clean(**kwargs)
    except ValidationError as error:
        raise MinutesParseError(f"{where}: {_validation_message(error)}") from None


def _save(obj, user) -> None:
    obj._change_reason = IMPORT_REASON
    if user is not None and getattr(user, "pk", None):
        obj._history_user = user
    obj.save()


def _set(obj, values: dict) -> tuple[str, ...]:
    changed = tuple(name for name, value in values.items() if getattr(obj, name) != value)
    for name in changed:
        setattr(obj, name, values[name])
    return changed


def _last_saved_by_import(obj) -> bool:
    latest = obj.history.order_by("-history_date", "-history_id").first()
    return latest is not None and latest.history_change_reason == IMPORT_REASON


def _created_by_import(obj) -> bool:
    first = obj.history.order_by("history_date", "history_id").first()
    return first is not None and first.history_change_reason == IMPORT_REASON


def _item_is_removable(item: AgendaItem, own_source: Source | None) -> bool:
    if not (_created_by_import(item) and _last_saved_by_import(item)):
        return False
    if item.decisions.exists() or item.trials.exists():
        return False
    if item.attachments.exclude(file="").exists():
        return False
    cited = item.cited_as.all()
    if own_source is not None:
        cited = cited.exclude(pk=own_source.pk)
    return not cited.exists()


def import_minutes(
    *,
    minutes: Minutes,
    committee: Committee,
    user=None,
    source_title: str | None = None,
    link_trials: bool | list[str] = False,
    publish: bool = False,
) -> ImportResult:
    """Create or update the committee's meeting from parsed minutes, in one transaction.

    link_trials: True links every suggested trial; a list of suggestion keys ("6:12") links those.
    Raises MinutesParseError (Danish message) for minutes that cannot become a meeting; nothing
    is saved then. A write that collides with another import raises IntegrityError or
    OperationalError, also with nothing saved.
    """
    check_item_limit(minutes)
    with transaction.atomic():
        # Imports into one committee take turns: a second import of the same new minutes waits
        # here until the first commits, then finds its meeting and updates it.
        Committee.objects.select_for_update().only("pk").get(pk=committee.pk)
        return _import(minutes, committee, user, source_title, link_trials, publish, write=True)


def preview_minutes(
    *, minutes: Minutes, committee: Committee, user=None, source_title: str | None = None, publish: bool = False
) -> ImportResult:
    """What `import_minutes` would do, computed by the same code with every write left out.

    It only reads, in a number of queries that does not grow with the items (items that would be
    removed are checked one by one), so the admin page previews even a long file quickly.
    """
    check_item_limit(minutes)
    result = _import(minutes, committee, user, source_title, False, publish, write=False)
    result.is_preview = True
    return result


def _import(minutes, committee, user, source_title, link_trials, publish, *, write: bool) -> ImportResult:
    # write=False is the preview: every branch below runs, and each save, create, update and
    # delete is skipped, so the changes reported are the ones the import would make.
    if minutes.is_fragment or minutes.date is None:
        raise MinutesParseError(
            "teksten har ingen mødedato (er det kun et enkelt punkt?); et møde kan ikke oprettes uden"
        )
    warnings = list(minutes.warnings)
    if minutes.committee and minutes.committee.casefold() != committee.name.casefold():
        warnings.append(f"Referatet er fra '{minutes.committee}', men importeres til udvalget '{committee.name}'")
    title = source_title or minutes_source_title(committee, minutes)

    # --- meeting
    meetings = Meeting.objects.filter(committee=committee, date=minutes.date)
    meeting = (meetings.select_for_update() if write else meetings).first()
    created = meeting is None
    previously_imported = not created and _last_saved_by_import(meeting)
    if created:
        meeting = Meeting(committee=committee, date=minutes.date)
    values = {
        "start_time": minutes.start_time,
        "end_time": minutes.end_time,
        "place": minutes.place,
        "state": Meeting.State.HELD,
        "other_participants": minutes.others_text,
        "other_information": minutes.other_information,
    }
    if publish:
        values["is_published"] = True
    changed = _set(meeting, values)
    if meeting.source_id is None:
        if write:
            meeting.source = Source.objects.create(document_title=title, locator=MEETING_LOCATOR)
        changed += ("source",)
    _clean(meeting, _("Mødet"), validate_unique=False)
    if write and (created or changed):
        _save(meeting, user)
    result = ImportResult(meeting=meeting, meeting_created=created, warnings=warnings)
    result.changes.append(
        Change("meeting", str(meeting), CREATED if created else UPDATED if changed else UNCHANGED, changed)
    )

    # --- items
    existing = {item.number: item for item in meeting.agenda_items.all()} if not created else {}
    attachments = defaultdict(dict)  # the existing attachments, by item pk and title
    if not created:
        docs = Document.objects.filter(agenda_item__meeting=meeting, kind=Document.Kind.ATTACHMENT)
        for doc in docs.select_related("meeting"):
            attachments[doc.agenda_item_id][doc.title] = doc
    parsed_numbers = {item.number for item in minutes.items}
    stale = [
        item for number, item in sorted(existing.items(), key=lambda p: p[1].position) if number not in parsed_numbers
    ]
    kept_stale, removed_stale = [], []
    for item in stale:
        own = item.cited_as.filter(document_title=title, locator=f"Punkt {item.number}").first()
        (removed_stale if _item_is_removable(item, own) else kept_stale).append((item, own))

    final_position = {p.number: p.position for p in minutes.items}
    next_position = count(len(minutes.items) + 1)
    for item, _own in kept_stale:
        final_position[item.number] = next(next_position)
    moving = [
        item
        for number, item in existing.items()
        if number in final_position and item.position != final_position[number]
    ]
    # Positions are unique per meeting: park the moving items out of the way first.
    for offset, item in enumerate(moving if write else []):
        AgendaItem.objects.filter(pk=item.pk).update(position=32767 - offset)
    for item, own in removed_stale:
        label = str(item)
        if write:
            item.delete()
            if own is not None:
                own.delete()
        result.changes.append(Change("item", label, REMOVED))
    for item, _own in kept_stale:
        if write:
            # A plain update: moving a kept item must not make it look hand-edited or imported.
            AgendaItem.objects.filter(pk=item.pk).update(position=final_position[item.number])
        warnings.append(
            f"Punkt {item.number} ('{item.title}') står ikke i referatet, men er bevaret, fordi det ikke "
            "blev oprettet af en import eller er ændret siden; slet det i administrationen, hvis det skal væk"
        )
        result.changes.append(Change("item", str(item), KEPT))

    items_by_number: dict[int, AgendaItem] = {}
    new_sources: list[Source] = []  # of the new items: made together after the loop
    for parsed in minutes.items:
        item = existing.get(parsed.number)
        is_new = item is None
        if is_new:
            item = AgendaItem(meeting=meeting, number=parsed.number)
        values = {"position": parsed.position, "is_closed": parsed.is_closed, **_item_values(parsed)}
        changed = _set(item, values)
        item_attachments = {} if is_new else attachments[item.pk]
        # Whether the item was last saved by an import decides if a dropped attachment may go; the
        # history is read (before this save) only for an item that drops one.
        drops_attachment = not parsed.is_closed and any(t not in parsed.attachments for t in item_attachments)
        was_imported = drops_attachment and _last_saved_by_import(item)
        # The meeting and source are set here, not typed in: checking them would cost a query per item.
        _clean(
            item,
            _("Punkt %(number)s") % {"number": parsed.number},
            exclude=["meeting", "source"],
            validate_unique=False,
            validate_constraints=False,
        )
        if write:
            if is_new or changed:
                _save(item, user)
            if is_new:
                new_sources.append(_item_source(item, parsed, title))
            else:
                _cite_item(item, parsed, title)
        items_by_number[parsed.number] = item
        action = CREATED if is_new else UPDATED if changed else UNCHANGED
        label = f"Punkt {parsed.number}. {parsed.title}"
        result.changes.append(Change("item", label, action, () if is_new else changed, parsed.is_closed, parsed.number))

        # --- attachments of this item
        if not parsed.is_closed:
            _import_attachments(result, meeting, item, parsed, item_attachments, was_imported, publish, write)

    if new_sources:
        Source.objects.bulk_create(new_sources)
        for source in new_sources:
            source.agenda_item.source = source
        # A plain update, as for an existing item: the history keeps the import's own record.
        AgendaItem.objects.bulk_update([source.agenda_item for source in new_sources], ["source"], batch_size=500)

    # --- attendance
    rows = _attendance_rows(minutes)
    existing_people = {a.name: a for a in meeting.attendances.all()} if not created else {}
    seen = set()
    for row in rows:
        if row["name"] in seen:
            warnings.append(f"{row['name']} står flere gange i mødeblokken; kun første forekomst gemmes")
            continue
        seen.add(row["name"])
        only = row["only_item"]
        agenda_item = items_by_number.get(only) if only else None
        if only and agenda_item is None:
            warnings.append(f"{row['name']} deltager under punkt {only}, som ikke står i referatet")
        person = existing_people.get(row["name"])
        is_new = person is None
        if is_new:
            person = Attendance(meeting=meeting, name=row["name"])
        changed = _set(
            person,
            {
                "kind": row["kind"],
                "role": row["role"],
                "position": row["position"],
                "agenda_item_id": agenda_item.pk if agenda_item else None,
            },
        )
        if not is_new and agenda_item is not None and agenda_item.pk is None and "agenda_item_id" not in changed:
            changed += ("agenda_item_id",)  # a preview: the item is new, so the link will change
        _clean(
            person, row["name"], exclude=["meeting", "agenda_item"], validate_unique=False, validate_constraints=False
        )
        if write and (is_new or changed):
            person.save()
        label = f"{row['name']} ({person.get_kind_display()})"
        result.changes.append(
            Change(
                "attendance", label, CREATED if is_new else UPDATED if changed else UNCHANGED, () if is_new else changed
            )
        )
    for name, person in existing_people.items():
        if name in seen:
            continue
        if previously_imported:
            if write:
                person.delete()
            result.changes.append(Change("attendance", str(person), REMOVED))
        else:
            warnings.append(f"{name} står ikke i referatets mødeblok, men er bevaret (tilføjet eller ændret i hånden)")
            result.changes.append(Change("attendance", str(person), KEPT))

    # --- trial suggestions
    open_items = {item.pk: item for item in items_by_number.values() if item.pk and not item.is_closed}
    links = (
        AgendaItem.trials.through.objects.filter(agendaitem__meeting=meeting).values_list("agendaitem_id", "trial_id")
        if not created
        else []
    )
    linked_now = {(open_items[item_pk].number, trial_pk) for item_pk, trial_pk in links if item_pk in open_items}
    result.suggestions = [
        TrialSuggestion(number, trial, already_linked=(number, trial.pk) in linked_now)
        for number, trial in suggest_trials(minutes)
    ]
    if link_trials:
        wanted = None if link_trials is True else set(link_trials)
        for suggestion in result.suggestions:
            if suggestion.already_linked or (wanted is not None and suggestion.key not in wanted):
                continue
            items_by_number[suggestion.item_number].trials.add(suggestion.trial)
            result.linked.append(suggestion)
    return result


def _item_source(item: AgendaItem, parsed: ParsedItem, title: str) -> Source:
    """The item's "Punkt N" source in these minutes (not saved)."""
    return Source(document_title=title, locator=f"Punkt {parsed.number}", excerpt=parsed.title, agenda_item=item)


def _cite_item(item: AgendaItem, parsed: ParsedItem, title: str) -> None:
    """Give an existing item its "Punkt N" source in these minutes, made once."""
    source = item.cited_as.filter(document_title=title, locator=f"Punkt {parsed.number}").first()
    if source is None:
        source = _item_source(item, parsed, title)
        source.save()
    if item.source_id is None:
        AgendaItem.objects.filter(pk=item.pk).update(source=source)
        item.source = source


def _import_attachments(result, meeting, item, parsed, existing, item_was_imported, publish, write) -> None:
    for position, title in enumerate(parsed.attachments, 1):
        doc = existing.get(title)
        is_new = doc is None
        if is_new:
            doc = Document(kind=Document.Kind.ATTACHMENT, title=title, agenda_item=item)
        values = {"meeting": meeting, "position": position, "date": meeting.date}
        if publish:
            values["is_published"] = True
        changed = _set(doc, values)
        # The import sets no checksum, the one field with a constraint; the relations are its own.
        _clean(
            doc,
            _("Punkt %(number)s, bilag") % {"number": parsed.number},
            exclude=["meeting", "agenda_item"],
            validate_constraints=False,
        )
        if write and (is_new or changed):
            doc.save()
        result.changes.append(
            Change(
                "attachment",
                f"Punkt {parsed.number}: {title}",
                CREATED if is_new else UPDATED if changed else UNCHANGED,
                () if is_new else tuple(c for c in changed if c != "meeting"),
            )
        )
    for title, doc in existing.items():
        if title in parsed.attachments:
            continue
        removable = item_was_imported and not doc.file and not doc.trials.exists() and not doc.news_items.exists()
        if removable:
            if write:
                doc.delete()
            result.changes.append(Change("attachment", f"Punkt {parsed.number}: {title}", REMOVED))
        else:
            result.warnings.append(f"Bilaget '{title}' til punkt {parsed.number} står ikke i referatet, men er bevaret")
            result.changes.append(Change("attachment", f"Punkt {parsed.number}: {title}", KEPT))
