"""The editors' roles (Django groups) and the part of the register each user may edit."""

from .models import MunicipalCoordinator, Trial

NETWORK_COORDINATOR = "Netværkskoordinator"
MUNICIPAL_COORDINATOR = "Kommunekoordinator"
COMMITTEE_SECRETARY = "Udvalgssekretær"

# The names the management command accepts, written without Danish letters for the shell.
ROLE_CHOICES = {
    "netvaerkskoordinator": NETWORK_COORDINATOR,
    "kommunekoordinator": MUNICIPAL_COORDINATOR,
    "udvalgssekretaer": COMMITTEE_SECRETARY,
}


def _cached(user, attribute, compute):
    # The admin asks these questions many times per request about the same user object.
    if not hasattr(user, attribute):
        setattr(user, attribute, compute())
    return getattr(user, attribute)


def group_names(user):
    return _cached(user, "_role_group_names", lambda: set(user.groups.values_list("name", flat=True)))


def is_network_wide(user):
    """Superusers and network coordinators edit the whole network."""
    return user.is_superuser or NETWORK_COORDINATOR in group_names(user)


def coordinated_municipality_ids(user):
    """The municipalities a Kommunekoordinator keeps."""
    return _cached(
        user,
        "_coordinated_municipality_ids",
        lambda: set(MunicipalCoordinator.objects.filter(user=user).values_list("municipality_id", flat=True)),
    )


def coordinated_trial_ids(user):
    """The trials that the municipalities of a Kommunekoordinator take part in."""
    return _cached(
        user,
        "_coordinated_trial_ids",
        lambda: set(
            Trial.objects.filter(participations__municipality__in=coordinated_municipality_ids(user)).values_list(
                "pk", flat=True
            )
        ),
    )


def is_municipal_coordinator(user):
    return MUNICIPAL_COORDINATOR in group_names(user)


def is_committee_secretary(user):
    return COMMITTEE_SECRETARY in group_names(user)
