"""drf-spectacular postprocessing: what the generated schema cannot know by itself."""

from .serializers import AgendaItemSerializer

# The bounds the filters check (api/filters.py) and the pagination's (page from 1, page_size 1 to 200).
INTEGER_BOUNDS = {
    "moede": (1, 2**63 - 1),
    "aar": (1, 9999),
    "runde": (1, 32767),
    "page": (1, None),
    "page_size": (1, None),
}

# The query parameters that take a slug (api.filters.SlugFilter); empty means "not given".
SLUG_PARAMETERS = {"netvaerk", "kommune", "evaluator", "udvalg", "forsoeg"}
SLUG_PATTERN = "^[-a-zA-Z0-9_]*$"

ERROR = {
    "type": "object",
    "description": "What was wrong: {parameter: [messages]}, or {detail: message}.",
    "additionalProperties": True,
}


def _error(description):
    return {"description": description, "content": {"application/json": {"schema": ERROR}}}


def _local_times(node):
    """A meeting's times are local (Europe/Copenhagen) and carry no offset, which format "time" demands."""
    if isinstance(node, dict):
        if node.get("format") == "time":
            del node["format"]
            node["pattern"] = "^[0-2][0-9]:[0-5][0-9]:[0-5][0-9]$"
            node["description"] = "Local time in Denmark (Europe/Copenhagen), HH:MM:SS."
        for value in node.values():
            _local_times(value)
    elif isinstance(node, list):
        for value in node:
            _local_times(value)


def postprocess(result, generator, request, public):
    """Integer bounds of the query parameters; the 400, 404 and 429 answers; a closed item's few fields."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                bounds = INTEGER_BOUNDS.get(parameter["name"])
                if parameter["in"] == "query" and parameter["name"] in SLUG_PARAMETERS:
                    parameter["schema"] = {"type": "string", "pattern": SLUG_PATTERN}
                if bounds and parameter["in"] == "query":
                    low, high = bounds
                    parameter["schema"] = {"type": "integer", "minimum": low}
                    if high is not None:
                        parameter["schema"]["maximum"] = high
            responses = operation.setdefault("responses", {})
            if any(parameter["in"] == "query" for parameter in operation.get("parameters", [])):
                responses.setdefault("400", _error("A malformed query parameter."))
            responses.setdefault("404", _error("No such public record, or no such page."))
            responses.setdefault("429", _error("Too many requests from this client; try again later."))
    _local_times(result.get("components", {}))
    schema = result.get("components", {}).get("schemas", {}).get("AgendaItem")
    if schema:
        closed = AgendaItemSerializer.CLOSED_FIELDS
        schema["required"] = [name for name in schema.get("required", []) if name in closed]
        schema["description"] = AgendaItemSerializer.__doc__
    return result
