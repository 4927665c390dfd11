"""Trials the minutes name: each open item whose text holds a trial's title is offered as a link."""

from __future__ import annotations

from trials.models import Trial

from ..minutes import Minutes
from ..models import AgendaItem
from .result import TrialSuggestion
from .saving import ImportRun


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


def offer_trials(run: ImportRun, minutes: Minutes, items: dict[int, AgendaItem], link_trials: bool | list[str]) -> None:
    """Suggest the trials the items name, marking those already linked; link the ones link_trials asks for.

    link_trials: True links every suggestion; a list of suggestion keys ("6:12") links those.
    """
    result = run.result
    open_items = {item.pk: item for item in items.values() if item.pk and not item.is_closed}
    links = []
    if not result.meeting_created:
        links = AgendaItem.trials.through.objects.filter(agendaitem__meeting=result.meeting)
        links = links.values_list("agendaitem_id", "trial_id")
    linked_now = {(open_items[item_pk].number, trial_pk) for item_pk, trial_pk in links if item_pk in open_items}
    result.suggestions = [
        TrialSuggestion(number, trial, already_linked=(number, trial.pk) in linked_now)
        for number, trial in suggest_trials(minutes)
    ]
    if not link_trials:
        return
    wanted = None if link_trials is True else set(link_trials)
    for suggestion in result.suggestions:
        if suggestion.already_linked or (wanted is not None and suggestion.key not in wanted):
            continue
        items[suggestion.item_number].trials.add(suggestion.trial)
        result.linked.append(suggestion)
