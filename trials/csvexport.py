"""CSV files as Danish Excel opens them: UTF-8 with a BOM, semicolons (?sep=, for commas).

A cell that a spreadsheet would read as a formula (it begins with = + - @, a tab or a carriage
return) gets a leading apostrophe, so that text from the register is never run as a formula.
"""

import csv
import datetime

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """The text of one cell: dates as ISO 8601, None as empty, a formula-like text defused."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_response(request, filename, header, rows):
    """A CSV download of ``rows`` (iterables of values) under ``header``."""
    separator = "," if request.GET.get("sep") == "," else ";"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=separator)
    writer.writerow([cell(title) for title in header])
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return response
