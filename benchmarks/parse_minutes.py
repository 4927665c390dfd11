"""Benchmark of meetings.minutes.parse_minutes on synthetic minutes with 500 agenda items.

Run from the repository root: python benchmarks/parse_minutes.py
The text follows the layout of the Aalborg seed minutes (title block, table of contents,
meeting block, "**Punkt N.**" items) and is built in memory.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

OPEN_ITEMS = 500
CLOSED_ITEMS = 2
RUNS = 7

HEADER = """# Referat

AALBORG BYRÅD

Aalborg Byråd

**Beskæftigelsesudvalget**

Mødet den 23.01.2018 kl. 08.30 - 11.30

Rådssalen, Jobhuset, Vestre Havnepromenade 15, Aalborg

## Indholdsfortegnelse

### Åben

{open_toc}

### Lukket

{closed_toc}

## Beskæftigelsesudvalget

- Tid** Tirsdag 23. januar 2018, kl. 08.30
- Sted** Rådssalen, Jobhuset, Vestre Havnepromenade 15, Aalborg
- Afbud** Kristoffer Hjort Storm, Anne Honoré Østergaard
- Til stede** Daniel Borup, Mai-Britt Iversen, Christina Halkjær, Tobias Bøgeskov, Bjarne Sørensen
- Øvrige deltagere** Udover udvalgets medlemmer deltager Arne Lund Kristensen, Jesper Dahlgaard, \
Arne Bilgram og Birgitte Welling (ref.) Under punkt 7 deltager leder af Jobhuset Tinna Kjær Poulsen.
- Øvrige oplysninger**

"""

# Three item shapes from the seed: a full case (like item 6), a programme (item 1), a short one (item 9).
FULL = """**Punkt {n}.**

**{title}**

2017-{n:06d}

**Familie- og Beskæftigelsesforvaltningen fremsender** til Beskæftigelsesudvalgets orientering status på sag {n}.

*Beslutning:*

*Til orientering.*

*Anne Honoré Østergaard og Kristoffer Hjort Storm var fraværende.*



## Sagsbeskrivelse

I perioden 2012-2015 blev i alt 9 kommuner udvalgt af daværende Social og Indenrigsministeriet til \
Frikommuneforsøg I. Som noget nyt skulle kommunerne gå sammen i netværk og ansøge inden for et fælles tema.

### Runde 1

1. Mikrolån til forskellige målgrupper - **Aalborg**
2. Iværksætterier blandt dimittender – **Aalborg** og Frederikshavn
3. Fleksibilitet i forhold til forholdstalskrav - Jammerbugt, Thisted, Vesthimmerland og Frederikshavn/Læsø

### Evaluering

Alle deltagende kommuner er forpligtigede til at evaluere de konkrete forsøg i forsøgsperioden.

Bilag: Kort oversigt over sag {n}



Bilag:

Kort oversigt over sag {n}

Bilag nummer to til sag {n}.docx



"""
PROGRAMME = """**Punkt {n}.**

**{title}**

Mødet holdes i Rådssalen, Jobhuset, Vestre Havnepromenade 15, 9000 Aalborg.

**Program for mødet**

kl. 8:30 - 9:15

- Ordinære punkter

*Beslutning:*

*Godkendt.*



"""
SHORT = """**Punkt {n}.**

**{title}**

*Beslutning:*

*Intet.*



"""
SHAPES = [(FULL, "Orientering om sag"), (PROGRAMME, "Godkendelse af dagsorden"), (SHORT, "Eventuelt")]


def build_text(open_items: int = OPEN_ITEMS, closed_items: int = CLOSED_ITEMS) -> str:
    titles = {n: f"{SHAPES[n % 3][1]} {n}" for n in range(1, open_items + 1)}
    open_toc = "\n".join(f"{n}\t{title}\t{n * 2}" for n, title in titles.items())
    closed = range(open_items + 1, open_items + closed_items + 1)
    closed_toc = "\n".join(f"{n}\tEventuelt - lukket {n}" for n in closed)
    body = "".join(SHAPES[n % 3][0].format(n=n, title=title) for n, title in titles.items())
    return HEADER.format(open_toc=open_toc, closed_toc=closed_toc) + body


def main() -> None:
    from meetings.minutes import parse_minutes  # after the sys.path change above

    text = build_text()
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        minutes = parse_minutes(text)
        timings.append((time.perf_counter() - start) * 1000)
    print(f"text: {len(text):,} characters, {text.count(chr(10)) + 1:,} lines")
    print(f"items: {len(minutes.items)} ({OPEN_ITEMS} open, {CLOSED_ITEMS} closed), warnings: {len(minutes.warnings)}")
    print(f"runs: {RUNS}, best: {min(timings):.1f} ms, median: {statistics.median(timings):.1f} ms")


if __name__ == "__main__":
    main()
