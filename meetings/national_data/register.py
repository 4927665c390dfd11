"""The synthetic register: a programme, municipalities, organisations, networks, rounds and trials."""

import datetime

from django.utils.text import slugify

from trials import models as t

from .markers import NAME_SUFFIX, SLUG_PREFIX

BATCH = 2000

_PREFIXES = ["", "", "Nørre ", "Sønder ", "Øster ", "Vester ", "Store ", "Lille ", "Ny "]
_STEMS = ["Birke", "Ege", "Aske", "Hvide", "Sande", "Strand", "Lyng", "Mølle", "Skov", "Bro", "Fjord", "Hede"]
_STEMS += ["Klint", "Lund", "Rønne", "Vinde", "Kilde", "Hav", "Dal", "Mose", "Ravn", "Tue", "Ulf", "Vang"]
_SUFFIXES = ["by", "rup", "sted", "lev", "holm", "bjerg", "købing", "løse", "inge", "strup", "bæk", "høj"]
_ORGANISATION_KINDS = [kind for kind, _label in t.Organisation.Kind.choices]
_LAWS = ["lov om en aktiv beskæftigelsesindsats", "lov om aktiv socialpolitik", "lov om sygedagpenge"]
_LAWS += ["lov om retssikkerhed og administration på det sociale område", "integrationsloven"]


def syn_slug(text):
    """A slug with the synthetic prefix; Danish letters spelled as the fixtures' slugs spell them."""
    for letter, spelling in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.lower().replace(letter, spelling)
    return SLUG_PREFIX + slugify(text)


def marked(name):
    return name + NAME_SUFFIX


def base_date(rng):
    """The day the synthetic history starts: from the seed, never from the clock."""
    return datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randrange(3 * 365))


def create_programme(start):
    return t.Programme.objects.create(
        name=marked("Frikommuneforsøg III"),
        slug=syn_slug("frikommuneforsoeg-iii"),
        start_year=start.year,
        end_year=start.year + 6,
    )


def municipality_names(rng, count):
    names, attempts = [], 0
    seen = set()
    while len(names) < count:
        attempts += 1
        name = rng.choice(_PREFIXES) + rng.choice(_STEMS) + rng.choice(_SUFFIXES)
        if attempts > 20 * count:
            name = f"{name} {len(names) + 1}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def create_municipalities(rng, count):
    rows = [t.Municipality(name=marked(name), slug=syn_slug(name)) for name in municipality_names(rng, count)]
    return [row.pk for row in t.Municipality.objects.bulk_create(rows, batch_size=BATCH)]


def create_organisations(rng, words, count=12):
    rows = []
    for number in range(1, count + 1):
        kind = rng.choice(_ORGANISATION_KINDS)
        name = f"Evaluator {number}"
        rows.append(
            t.Organisation(name=marked(name), slug=syn_slug(name), kind=kind, involvement=words.paragraph(1, 2))
        )
    return [row.pk for row in t.Organisation.objects.bulk_create(rows, batch_size=BATCH)]


def create_networks(rng, words, count, programme, municipalities, start):
    """Networks, each with its members; every municipality is a member of at least one network.

    Returns [(network pk, [member pks])].
    """
    members = [set() for _ in range(count)]
    for index, municipality in enumerate(municipalities):
        members[index % count].add(municipality)
    for group in members:
        group.update(rng.sample(municipalities, min(len(municipalities), rng.randint(0, 4))))
    rows = []
    for number, group in enumerate(members, 1):
        name = f"Frikommunenetværk {number}"
        rows.append(
            t.Network(
                programme=programme,
                name=marked(name),
                slug=syn_slug(name),
                theme=words.sentence(),
                start_year=start.year,
                approved_until=start.replace(day=1) + datetime.timedelta(days=6 * 365),
                approval=words.sentence(),
                lead_municipality_id=rng.choice(sorted(group)),
                lead_role=words.paragraph(1, 2),
            )
        )
    networks = [row.pk for row in t.Network.objects.bulk_create(rows, batch_size=BATCH)]
    memberships = [
        t.NetworkMembership(network_id=network, municipality_id=municipality)
        for network, group in zip(networks, members, strict=True)
        for municipality in sorted(group)
    ]
    t.NetworkMembership.objects.bulk_create(memberships, batch_size=BATCH)
    return [(network, sorted(group)) for network, group in zip(networks, members, strict=True)]


def create_rounds(rng, networks, trials_per_round, start, per_network=3):
    """`per_network` rounds per network; returns [(round pk, deadline, network members)], as trials_per_round."""
    rows, members = [], []
    for index, (network, group) in enumerate(networks):
        for number in range(1, per_network + 1):
            approved = trials_per_round[index * per_network + number - 1]
            deadline = start + datetime.timedelta(days=200 * number + rng.randrange(60))
            rows.append(
                t.ApplicationRound(
                    network_id=network,
                    number=number,
                    deadline=deadline,
                    applications_sent=approved + rng.randint(0, 5),
                    applications_approved=approved,
                    earliest_start=deadline + datetime.timedelta(days=180),
                )
            )
            members.append(group)
    created = t.ApplicationRound.objects.bulk_create(rows, batch_size=BATCH)
    return [(row.pk, row.deadline, group) for row, group in zip(created, members, strict=True)]


def spread(rng, total, bins):
    """`total` split over `bins` as evenly as the seed allows (each bin within one of the mean)."""
    counts = [total // bins] * bins
    for index in rng.sample(range(bins), total % bins):
        counts[index] += 1
    return counts


def _trial(rng, words, index, round_pk, number):
    status = rng.choices(list(t.Trial.Status), weights=[30, 50, 5, 15])[0]
    return t.Trial(
        application_round_id=round_pk,
        number_in_round=number,
        title=marked(words.trial_title()),
        slug=f"{SLUG_PREFIX}forsoeg-{index + 1:05d}",
        summary=words.paragraph(1, 3),
        status=status,
        status_reason=words.sentence() if status == t.Trial.Status.NOT_STARTED else "",
        exemption_scope=rng.choice(list(t.Trial.Scope)),
        is_published=rng.random() >= 0.01,  # a few drafts
    )


def create_trials(rng, words, rounds, trials_per_round):
    """Trials in their rounds; returns [(trial pk, round deadline, network members)]."""
    rows, context = [], []
    for (round_pk, deadline, group), count in zip(rounds, trials_per_round, strict=True):
        for number in range(1, count + 1):
            rows.append(_trial(rng, words, len(rows), round_pk, number))
            context.append((deadline, group))
    created = t.Trial.objects.bulk_create(rows, batch_size=BATCH)
    return [(row.pk, deadline, group) for row, (deadline, group) in zip(created, context, strict=True)]


def _participations(rng, words, trial, deadline, group):
    chosen = rng.sample(group, min(len(group), rng.randint(1, 6)))
    applicants = chosen[: max(1, len(chosen) - rng.randint(0, 2))]
    for position, municipality in enumerate(chosen, 1):
        applicant = municipality in applicants
        yield t.Participation(
            trial_id=trial,
            municipality_id=municipality,
            kind=t.Participation.Kind.APPLICANT if applicant else t.Participation.Kind.JOINED_LATER,
            listed_position=position if applicant else None,
            joined_on=None if applicant else deadline + datetime.timedelta(days=rng.randint(200, 700)),
            local_start=deadline + datetime.timedelta(days=rng.randint(150, 400)),
            target_group=words.sentence() if rng.random() < 0.5 else "",
            local_description=words.paragraph(1, 3) if rng.random() < 0.5 else "",
        )


def _exemptions(rng, words, trial):
    for number in range(1, rng.randint(0, 4) + 1):
        yield t.Exemption(
            trial_id=trial,
            number=number,
            title=words.sentence()[:300],
            provision=f"§ {rng.randint(2, 120)}, stk. {rng.randint(1, 6)} i {rng.choice(_LAWS)}",
            outcome=rng.choice(list(t.Exemption.Outcome)),
        )


def _evaluations(rng, words, trial, organisations):
    for kind in rng.sample(list(t.Evaluation.Kind), rng.randint(1, 3)):
        yield t.Evaluation(
            trial_id=trial,
            kind=kind,
            evaluator_id=rng.choice(organisations) if rng.random() < 0.7 else None,
            is_cross_municipal=rng.random() < 0.4,
            description=words.paragraph(1, 2),
        )


def create_trial_details(rng, words, trials, organisations):
    """Participations, exemptions and evaluations; returns {municipality pk: [trial pks]}."""
    by_municipality = {}
    rows = {t.Participation: [], t.Exemption: [], t.Evaluation: []}
    for trial, deadline, group in trials:
        for participation in _participations(rng, words, trial, deadline, group):
            rows[t.Participation].append(participation)
            by_municipality.setdefault(participation.municipality_id, []).append(trial)
        rows[t.Exemption] += _exemptions(rng, words, trial)
        rows[t.Evaluation] += _evaluations(rng, words, trial, organisations)
    for model, objects in rows.items():
        model.objects.bulk_create(objects, batch_size=BATCH)
    return by_municipality
