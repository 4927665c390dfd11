"""The editors' roles (Django groups), asked about once per request and user.

Which rows each role may edit is a question for the models' QuerySets (`editable_by(user)`);
this module knows only the groups, so the register and the meetings can both build on it.
"""

NETWORK_COORDINATOR = "Netværkskoordinator"
MUNICIPAL_COORDINATOR = "Kommunekoordinator"
COMMITTEE_SECRETARY = "Udvalgssekretær"

# The names the management command accepts, written without Danish letters for the shell.
ROLE_CHOICES = {
    "netvaerkskoordinator": NETWORK_COORDINATOR,
    "kommunekoordinator": MUNICIPAL_COORDINATOR,
    "udvalgssekretaer": COMMITTEE_SECRETARY,
}


def cached(user, attribute, compute):
    """compute(), kept on the user object: the admin asks the same question many times per request."""
    if not hasattr(user, attribute):
        setattr(user, attribute, compute())
    return getattr(user, attribute)


def group_names(user):
    return cached(user, "_role_group_names", lambda: set(user.groups.values_list("name", flat=True)))


def is_network_wide(user):
    """Superusers and network coordinators edit the whole network."""
    return user.is_superuser or NETWORK_COORDINATOR in group_names(user)


def is_municipal_coordinator(user):
    return MUNICIPAL_COORDINATOR in group_names(user)


def is_committee_secretary(user):
    return COMMITTEE_SECRETARY in group_names(user)
