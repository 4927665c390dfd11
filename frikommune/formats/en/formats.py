"""English dates in the same order as the Danish ones: "23 January 2018", "08:30"."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
