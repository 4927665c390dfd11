"""URL path converters shared by the apps."""

import datetime


class IsoDateConverter:
    """Matches 2018-01-23 and hands the view a date; an impossible date does not match (404)."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError as error:
            raise ValueError(value) from error

    def to_url(self, value):
        return value.isoformat() if isinstance(value, datetime.date) else str(value)
