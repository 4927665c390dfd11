"""What an import reports: each object it creates, updates, leaves, removes or keeps, the trials it suggests."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

from trials.models import Trial

from ..models import Meeting

CREATED, UPDATED, UNCHANGED, REMOVED, KEPT = "created", "updated", "unchanged", "removed", "kept"
NOT_KEPT = "not_kept"  # a minutes file that is not kept as the meeting's source document (not a PDF)
ACTION_LABELS = {
    CREATED: "oprettes",
    UPDATED: "opdateres",
    UNCHANGED: "uændret",
    REMOVED: "fjernes",
    KEPT: "bevares",
    NOT_KEPT: "gemmes ikke (kun en PDF gemmes som mødets referat)",
}

CONCURRENT_IMPORT_MESSAGE = gettext_lazy(
    "Referatet blev indlæst samtidig af en anden, eller databasen var optaget. Denne import er ikke gemt; prøv igen."
)


def action(is_new: bool, changed: tuple[str, ...]) -> str:
    """CREATED, UPDATED or UNCHANGED: what the import does to an object the minutes list."""
    return CREATED if is_new else UPDATED if changed else UNCHANGED


@dataclass(frozen=True)
class Change:
    """One object the import creates, updates, leaves, removes or keeps."""

    model: str  # "meeting", "item", "attendance", "attachment", "source_file"
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
