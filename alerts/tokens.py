"""The signed links in the mails: confirm a subscription, manage an address's subscriptions, unsubscribe.

Each is signed with the SECRET_KEY and its own salt (so one kind of link never passes for another) by
django.core.signing. A confirmation link carries the whole request (address, kind, subject, language),
so nothing is stored until it is followed, and expires after settings.ALERTS_CONFIRM_MAX_AGE. The
manage and unsubscribe links carry the address (and the one subscription to end, if one) and do not
expire: they must work in every mail for as long as the subscription lasts. Signing is not encryption:
whoever sees such a link sees the address in it, as they would in the mail it came in.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "alerts.confirm"
MANAGE_SALT = "alerts.manage"
UNSUBSCRIBE_SALT = "alerts.unsubscribe"


class InvalidToken(Exception):
    """The link was changed, cut short or made with another key."""


class ExpiredToken(InvalidToken):
    """The link was genuine but is too old."""


@dataclass(frozen=True)
class SubscriptionRequest:
    """What a visitor asked to follow, carried in the confirmation link."""

    email: str
    kind: str
    subject: str  # a slug, or the search's words
    language: str


def _sign(payload, salt):
    return signing.TimestampSigner(salt=salt).sign_object(payload, compress=True)


def _unsign(token, salt, max_age=None):
    try:
        return signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvalidToken from error


def confirm_token(request):
    return _sign({"e": request.email, "k": request.kind, "s": request.subject, "l": request.language}, CONFIRM_SALT)


def read_confirm_token(token):
    payload = _unsign(token, CONFIRM_SALT, max_age=settings.ALERTS_CONFIRM_MAX_AGE)
    try:
        return SubscriptionRequest(
            email=str(payload["e"]), kind=str(payload["k"]), subject=str(payload["s"]), language=str(payload["l"])
        )
    except (KeyError, TypeError) as error:
        raise InvalidToken from error


def manage_token(email):
    return _sign({"e": email}, MANAGE_SALT)


def read_manage_token(token):
    payload = _unsign(token, MANAGE_SALT)
    try:
        return str(payload["e"])
    except (KeyError, TypeError) as error:
        raise InvalidToken from error


def unsubscribe_token(email, subscription_id=None):
    """A link that ends one subscription (by its id), or every subscription of the address (None)."""
    return _sign({"e": email, "p": subscription_id}, UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """(email, subscription id or None)."""
    payload = _unsign(token, UNSUBSCRIBE_SALT)
    try:
        subscription_id = payload["p"]
        if subscription_id is not None:
            subscription_id = int(subscription_id)
        return str(payload["e"]), subscription_id
    except (KeyError, TypeError, ValueError) as error:
        raise InvalidToken from error
