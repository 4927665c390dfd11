"""The synthetic proceedings: committees, meetings, attendance, agenda items, decisions and documents."""

import datetime
from dataclasses import dataclass, field

from meetings import models as m

from .register import BATCH, marked, spread, syn_slug


def published_at(is_published, date):
    """The stamp save() would set (bulk_create skips save): noon of the row's day, never later than now."""
    if not is_published:
        return None
    now = datetime.datetime.now(datetime.UTC)
    return now if date is None else min(now, datetime.datetime.combine(date, datetime.time(12), tzinfo=datetime.UTC))


MEETING_SPAN_DAYS = 6 * 365  # from the seed's start day (2016–2018) to 2024 at the latest
CLOSED_SHARE = 0.05

_COMMITTEES = [
    ("Beskæftigelsesudvalget", "BSU"),
    ("Økonomiudvalget", "ØU"),
    ("Social- og Sundhedsudvalget", "SSU"),
    ("Børne- og Ungeudvalget", "BUU"),
    ("Skoleudvalget", "SKU"),
    ("Familie- og Socialudvalget", "FSU"),
    ("Ældre- og Handicapudvalget", "ÆHU"),
    ("Kultur- og Fritidsudvalget", "KFU"),
    ("Teknik- og Miljøudvalget", "TMU"),
    ("Erhvervs- og Arbejdsmarkedsudvalget", "EAU"),
    ("Klima- og Planudvalget", "KPU"),
    ("Integrationsudvalget", "IU"),
]
_CLOSED_TITLES = ["Orientering fra rådmand og direktør", "Eventuelt", "Personalesag", "Klagesag", "Ansættelse"]
_FIRST = ["Anne", "Mette", "Lars", "Søren", "Hanne", "Jens", "Birgitte", "Peter", "Karen", "Morten", "Lone"]
_FIRST += ["Henrik", "Susanne", "Niels", "Camilla", "Rasmus", "Tina", "Kasper", "Pia", "Thomas"]
_LAST = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen"]
_LAST += ["Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen"]


@dataclass
class Items:
    """What later steps need of the agenda items, without holding 100,000 model instances."""

    pks: list = field(default_factory=list)
    meeting: list = field(default_factory=list)  # index into the meetings
    closed: list = field(default_factory=list)


def create_committees(rng, count, municipalities):
    """Committees spread over the municipalities; returns [(committee pk, municipality pk)]."""
    rows, used = [], {}
    for index in range(count):
        municipality = municipalities[index % len(municipalities)]
        taken = used.setdefault(municipality, set())
        free = [c for c in _COMMITTEES if c[0] not in taken] or [(f"Udvalg {len(taken) + 1}", "")]
        name, abbreviation = rng.choice(free)
        taken.add(name)
        rows.append(
            m.Committee(
                name=marked(name),
                abbreviation=abbreviation,
                slug=syn_slug(f"{name}-{index + 1}"),
                municipality_id=municipality,
                council="Byrådet",
            )
        )
    created = m.Committee.objects.bulk_create(rows, batch_size=BATCH)
    return [(row.pk, row.municipality_id) for row in created]


def _member_names(rng, size):
    names = set()
    while len(names) < size:
        names.add(f"{rng.choice(_FIRST)} {rng.choice(_LAST)}")
    return sorted(names)


def create_meetings(rng, words, count, committees, start):
    """Meetings on distinct days per committee, with attendance; returns [(pk, committee index, date)]."""
    per_committee = spread(rng, count, len(committees)) if committees else []
    if per_committee and max(per_committee) > MEETING_SPAN_DAYS:
        raise ValueError(f"Højst {MEETING_SPAN_DAYS} møder pr. udvalg.")
    rows, meta, members = [], [], []
    for index, ((committee, _municipality), number) in enumerate(zip(committees, per_committee, strict=True)):
        members.append(_member_names(rng, rng.randint(5, 9)))
        for offset in sorted(rng.sample(range(MEETING_SPAN_DAYS), number)):
            hour = rng.choice([8, 9, 13, 15])
            date = start + datetime.timedelta(days=offset)
            rows.append(
                m.Meeting(
                    committee_id=committee,
                    date=date,
                    start_time=datetime.time(hour, 30),
                    end_time=datetime.time(hour + 2, 0),
                    place=rng.choice(["Rådssalen", "Mødelokale 1", "Byrådssalen", "Jobhuset"]),
                    state=m.Meeting.State.HELD,
                    is_published=rng.random() >= 0.01,  # a few drafts
                )
            )
            rows[-1].published_at = published_at(rows[-1].is_published, date)
            meta.append(index)
    created = m.Meeting.objects.bulk_create(rows, batch_size=BATCH)
    meetings = [(row.pk, index, row.date) for row, index in zip(created, meta, strict=True)]
    _create_attendances(rng, meetings, members)
    return meetings


def _create_attendances(rng, meetings, members):
    rows = []
    for meeting, committee_index, _date in meetings:
        names = members[committee_index]
        away = set(rng.sample(names, rng.randint(0, 2)))
        for position, name in enumerate(names, 1):
            kind = m.Attendance.Kind.APOLOGIES if name in away else m.Attendance.Kind.PRESENT
            rows.append(m.Attendance(meeting_id=meeting, name=name, kind=kind, position=position))
        if len(rows) >= 10 * BATCH:
            m.Attendance.objects.bulk_create(rows, batch_size=BATCH)
            rows = []
    m.Attendance.objects.bulk_create(rows, batch_size=BATCH)


def _agenda_item(rng, words, meeting, number, closed):
    """An item; a closed one carries text like any other, which the public pages must withhold."""
    title = rng.choice(_CLOSED_TITLES) + " - lukket" if closed else words.item_title()
    return m.AgendaItem(
        meeting_id=meeting,
        number=number,
        position=number,
        title=marked(title),
        case_number=f"{rng.randint(10, 99)}.{rng.randint(0, 99):02d}.{rng.randint(0, 99):02d}-G01-{rng.randint(1, 99)}",
        is_closed=closed,
        proposal_kind=rng.choice(list(m.AgendaItem.ProposalKind)),
        proposal=words.sentence(),
        decision=words.sentence(),
        case_description=words.paragraphs(rng.randint(1, 2), 2, 4),
    )


def create_agenda_items(rng, words, count, meetings, report):
    """`count` items spread over the meetings, 5 % of them closed; inserted a batch at a time."""
    items = Items()
    if not count:
        return items
    closed = set(rng.sample(range(count), round(count * CLOSED_SHARE)))
    per_meeting = spread(rng, count, len(meetings))
    rows, index = [], 0
    for meeting_index, ((meeting, _committee, _date), number_of_items) in enumerate(
        zip(meetings, per_meeting, strict=True)
    ):
        for number in range(1, number_of_items + 1):
            rows.append(_agenda_item(rng, words, meeting, number, index in closed))
            items.meeting.append(meeting_index)
            items.closed.append(index in closed)
            index += 1
        if len(rows) >= 5 * BATCH:
            items.pks += [row.pk for row in m.AgendaItem.objects.bulk_create(rows, batch_size=BATCH)]
            rows = []
            report(f"  punkter: {len(items.pks)}")
    items.pks += [row.pk for row in m.AgendaItem.objects.bulk_create(rows, batch_size=BATCH)]
    return items


def _trials_for(rng, municipality, trials_by_municipality, trials):
    local = trials_by_municipality.get(municipality) or trials
    return sorted(set(rng.sample(local, min(len(local), rng.randint(1, 3)))))


def create_decisions(rng, words, count, items, meetings, committees, trials_by_municipality, trials):
    """Decisions on agenda items, each on the trials of its municipality; links the items to them too."""
    rows, decision_trials, item_trials = [], [], set()
    outcomes = list(m.CommitteeDecision.Outcome)
    for _ in range(count):
        item = rng.randrange(len(items.pks))
        _meeting, committee_index, date = meetings[items.meeting[item]]
        committee, municipality = committees[committee_index]
        rows.append(
            m.CommitteeDecision(
                committee_id=committee,
                agenda_item_id=items.pks[item],
                decided_on=date,
                outcome=rng.choices(outcomes, weights=[50, 30, 5, 5, 10])[0],
                text=words.paragraph(1, 2),
                is_published=rng.random() >= 0.01,
            )
        )
        rows[-1].published_at = published_at(rows[-1].is_published, date)
        linked = _trials_for(rng, municipality, trials_by_municipality, trials)
        decision_trials.append(linked)
        item_trials.update((items.pks[item], trial) for trial in linked)
    created = m.CommitteeDecision.objects.bulk_create(rows, batch_size=BATCH)
    through = m.CommitteeDecision.trials.through
    links = [
        through(committeedecision_id=row.pk, trial_id=trial)
        for row, linked in zip(created, decision_trials, strict=True)
        for trial in linked
    ]
    through.objects.bulk_create(links, batch_size=5 * BATCH)
    item_through = m.AgendaItem.trials.through
    item_links = [item_through(agendaitem_id=item, trial_id=trial) for item, trial in sorted(item_trials)]
    item_through.objects.bulk_create(item_links, batch_size=5 * BATCH)
    return len(links), len(item_links)


def create_documents(rng, words, count, items, meetings, trials):
    """Documents with extracted text: attachments of items, minutes of meetings, evaluation reports of trials."""
    rows, document_trials = [], []
    for number in range(1, count + 1):
        kind = rng.choices(["attachment", "minutes", "evaluation_report"], weights=[70, 15, 15])[0]
        meeting_index = rng.randrange(len(meetings)) if meetings else None
        item = None
        if kind == "attachment" and items.pks:
            item = rng.randrange(len(items.pks))
            meeting_index = items.meeting[item]
        elif kind == "attachment" or (kind == "minutes" and meeting_index is None):
            kind = "evaluation_report"
        if kind == "evaluation_report":
            meeting_index = None
        meeting = meetings[meeting_index] if meeting_index is not None else None
        title = "Referat" if kind == "minutes" else words.document_title()
        rows.append(
            m.Document(
                title=marked(title),
                kind=kind,
                extracted_text=words.paragraphs(rng.randint(3, 12)),
                is_published=rng.random() >= 0.01,
                date=meeting[2] if meeting else None,
                meeting_id=meeting[0] if meeting else None,
                agenda_item_id=items.pks[item] if item is not None else None,
                position=number,
                original_name=f"dokument-{number:05d}.pdf",
                mime_type="application/pdf",
            )
        )
        rows[-1].published_at = published_at(rows[-1].is_published, rows[-1].date)
        linked = rng.sample(trials, min(len(trials), rng.randint(1, 2))) if kind == "evaluation_report" else []
        document_trials.append(sorted(linked))
    created = m.Document.objects.bulk_create(rows, batch_size=BATCH // 4)
    through = m.Document.trials.through
    links = [
        through(document_id=row.pk, trial_id=trial)
        for row, linked in zip(created, document_trials, strict=True)
        for trial in linked
    ]
    through.objects.bulk_create(links, batch_size=5 * BATCH)
