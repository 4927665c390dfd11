"""Admin for committees and meetings, with each secretary limited to their own committee.

Django's admin autodiscovery imports this package; importing the modules registers their screens.
"""

from .documents import DocumentAdmin
from .meetings import AgendaItemAdmin, CommitteeAdmin, CommitteeDecisionAdmin, MeetingAdmin
from .secretaries import CommitteeSecretaryAdmin

__all__ = [
    "AgendaItemAdmin",
    "CommitteeAdmin",
    "CommitteeDecisionAdmin",
    "CommitteeSecretaryAdmin",
    "DocumentAdmin",
    "MeetingAdmin",
]
