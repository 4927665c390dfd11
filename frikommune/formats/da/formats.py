"""Danish dates as the minutes write them: "23. januar 2018", "kl. 08.30"."""

DATE_FORMAT = "j. F Y"
TIME_FORMAT = "H.i"
