"""The part of the register a Kommunekoordinator keeps."""

from editors.roles import cached

from .models import MunicipalCoordinator, Trial


def coordinated_municipality_ids(user):
    """The municipalities a Kommunekoordinator keeps."""
    return cached(
        user,
        "_coordinated_municipality_ids",
        lambda: set(MunicipalCoordinator.objects.filter(user=user).values_list("municipality_id", flat=True)),
    )


def coordinated_trial_ids(user):
    """The trials that the municipalities of a Kommunekoordinator take part in."""
    return cached(
        user,
        "_coordinated_trial_ids",
        lambda: set(
            Trial.objects.filter(participations__municipality__in=coordinated_municipality_ids(user)).values_list(
                "pk", flat=True
            )
        ),
    )
