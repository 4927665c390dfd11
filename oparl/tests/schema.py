"""What the OParl 1.1 schema requires of each object, vendored as Python so the tests never fetch it.

From the repository OParl/spec, folder schema/ (System.json, Body.json, Organization.json, Person.json,
Membership.json, Meeting.json, AgendaItem.json, Paper.json, Consultation.json, File.json,
Location.json, LegislativeTerm.json): each file's "required" list and the JSON types of the properties
we serve. Chapter "Änderungen in OParl 1.1" (src/1-09-änderungen-in-oparl-1-1.md) makes `created` and
`modified` required of every object, and adds the Body's lists agendaItem, consultation, file,
locationList, legislativeTermList and membership; chapter "Gelöschte Objekte" says a deleted object
keeps `id`, `type`, `created`, has `deleted: true` and `modified` as the time of deletion, and nothing else.
"""

# JSON types as the schema names them: "url", "date-time" and "date" are strings in a format.
STRING, URL, DATETIME, DATE = "string", "url", "date-time", "date"
BOOLEAN, INTEGER, ARRAY, OBJECT = "boolean", "integer", "array", "object"

ALWAYS = ["id", "type", "created", "modified"]

REQUIRED = {
    "System": ["id", "type", "oparlVersion", "body"],
    "Body": [
        *ALWAYS,
        "name",
        "organization",
        "person",
        "meeting",
        "paper",
        "legislativeTerm",
        "agendaItem",
        "consultation",
        "file",
        "locationList",
        "legislativeTermList",
        "membership",
    ],
    "Organization": ALWAYS,
    "Person": ALWAYS,
    "Membership": [*ALWAYS, "organization"],
    "Meeting": ALWAYS,
    "AgendaItem": ALWAYS,
    "Paper": ALWAYS,
    "Consultation": ALWAYS,
    "File": [*ALWAYS, "accessUrl"],
    "Location": ALWAYS,
    "LegislativeTerm": ALWAYS,
}

COMMON = {"id": URL, "type": URL, "created": DATETIME, "modified": DATETIME, "web": URL, "deleted": BOOLEAN}

TYPES = {
    "System": {
        "oparlVersion": URL,
        "body": URL,
        "name": STRING,
        "website": URL,
        "product": URL,
        "vendor": URL,
        "license": URL,
    },
    "Body": {
        "system": URL,
        "name": STRING,
        "shortName": STRING,
        "website": URL,
        "classification": STRING,
        "organization": URL,
        "person": URL,
        "meeting": URL,
        "paper": URL,
        "agendaItem": URL,
        "consultation": URL,
        "file": URL,
        "locationList": URL,
        "legislativeTermList": URL,
        "membership": URL,
        "legislativeTerm": (ARRAY, "LegislativeTerm"),
    },
    "Organization": {
        "body": URL,
        "name": STRING,
        "shortName": STRING,
        "membership": (ARRAY, URL),
        "meeting": URL,
        "subOrganizationOf": URL,
        "organizationType": STRING,
        "classification": STRING,
    },
    "Person": {"body": URL, "name": STRING, "membership": (ARRAY, "Membership")},
    "Membership": {"person": URL, "organization": URL, "role": STRING, "votingRight": BOOLEAN},
    "Meeting": {
        "name": STRING,
        "meetingState": STRING,
        "cancelled": BOOLEAN,
        "start": DATETIME,
        "end": DATETIME,
        "location": "Location",
        "organization": (ARRAY, URL),
        "participant": (ARRAY, URL),
        "resultsProtocol": "File",
        "auxiliaryFile": (ARRAY, "File"),
        "agendaItem": (ARRAY, "AgendaItem"),
    },
    "AgendaItem": {
        "meeting": URL,
        "number": STRING,
        "order": INTEGER,
        "name": STRING,
        "public": BOOLEAN,
        "consultation": URL,
        "resolutionText": STRING,
        "auxiliaryFile": (ARRAY, "File"),
    },
    "Paper": {
        "body": URL,
        "name": STRING,
        "reference": STRING,
        "consultation": (ARRAY, "Consultation"),
    },
    "Consultation": {
        "paper": URL,
        "agendaItem": URL,
        "meeting": URL,
        "organization": (ARRAY, URL),
    },
    "File": {
        "name": STRING,
        "fileName": STRING,
        "mimeType": STRING,
        "date": DATE,
        "size": INTEGER,
        "sha512Checksum": STRING,
        "accessUrl": URL,
        "downloadUrl": URL,
        "meeting": (ARRAY, URL),
        "agendaItem": (ARRAY, URL),
    },
    "Location": {"description": STRING, "meeting": (ARRAY, URL)},
    "LegislativeTerm": {"body": URL, "name": STRING, "startDate": DATE, "endDate": DATE},
}
