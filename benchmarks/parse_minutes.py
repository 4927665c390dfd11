"""Benchmark of the minutes parser on synthetic minutes with 500 agenda items, in every layout.

Run from the repository root: python benchmarks/parse_minutes.py
The Aalborg text follows the seed minutes (title block, table of contents, meeting block,
"**Punkt N.**" items) and is timed through parse_minutes; then a 500-item text in each layout of
meetings.minutes.layouts is timed through parse_any, which first asks every layout whether the text
fits. Each must stay under BUDGET_MS. All texts are built in memory.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

OPEN_ITEMS = 500
CLOSED_ITEMS = 2
RUNS = 7
BUDGET_MS = 2000

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


# --- the other layouts: a head and an item, repeated ----------------------------------------------

BODY = "Forvaltningen har undersøgt sagen og beskriver her baggrunden i et par sætninger. " * 3
LAYOUT_TEXTS = {
    "bronderslev": (
        "Byrådet - Referat\n\nDato: 29. januar 2020\nLokale: Byrådssalen\nTidspunkt: Kl. 19:00\n\n"
        "Indholdsfortegnelse\n\n",
        "{n}. Sag nummer {n}\n\nResume\n\nSagsforløb: ØK/BY\n\nKort resume.\n\nSagsfremstilling\n\n"
        + BODY
        + "\n\nØkonomi\n\nIngen.\n\nBeslutning\n\nGodkendt.\n\nBilag\n\nOversigt {n}\n\nTil toppen\n\n",
    ),
    "hjoerring": (
        "Referat - Åben dagsorden\nØkonomiudvalget\nMødedato: 12-03-2020\nMødet påbegyndt: kl. 14:30\n"
        "Mødet afsluttet: kl. 16:00\nMødested: Rådhuset\nFraværende: Anna Holm\nFølgende sager behandles:\n"
        "Pkt. Tekst Side\n",
        "Hjørring Kommune 12-03-2020 Side {n}.\n00.01.00-A00-{n}-20\n{n}. Sag nummer {n}\nResumé\nKort resume.\n"
        "Sagsfremstilling\n" + BODY + "\nIndstilling\nDirektionen indstiller, at sagen godkendes.\n"
        "Beslutning\nGodkendt.\n",
    ),
    "oneline": (
        "Referat Sundhedsudvalget onsdag den 8. maj 2024 kl. 15.00 - 17.00\nSundhedshuset\n\n",
        "{n}. Sag nummer {n}\nSagsnr. 24/{n}\nSagsfremstilling\n" + BODY + "\nIndstilling\nDirektøren indstiller.\n"
        "Beslutningskompetence\nSundhedsudvalget\nBeslutning\nGodkendt.\nBilag\nPlan {n}\n\n",
    ),
    "facts": (
        "Referat\nMødedato: 05-03-2024\nMødested: Jobcentret\nUdvalg: Socialudvalget\n"
        "Mødedeltagere: Hanne Dall og Erik Kvist\nFraværende: Mads Holt\n\n",
        "{n}. Sag nummer {n}\nSagsid.: 24/{n}\nSagsfremstilling\n" + BODY + "\n"
        "Beslutning i Socialudvalget den 05-03-2024\nGodkendt.\n\n",
    ),
    "generic": (
        "Referat fra møde i Ældrerådet\n\nDato: 3. april 2024\nTid: kl. 10.00 - 12.00\nSted: Frivillighuset\n\n",
        "Punkt {n}: Sag nummer {n}\nResumé\nKort resume.\nIndstilling\nFormanden foreslår.\nSagsbeskrivelse\n"
        + BODY
        + "\nSide {n} af 600\nBeslutning\nGodkendt.\nBilag\n- Oversigt {n}\n\n",
    ),
}


def build_layout_text(name: str, items: int = OPEN_ITEMS) -> str:
    head, item = LAYOUT_TEXTS[name]
    return head + "".join(item.format(n=n) for n in range(1, items + 1))


def _time(parse, text):
    timings, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = parse(text)
        timings.append((time.perf_counter() - start) * 1000)
    return result, timings


def main() -> None:
    # after the sys.path change above
    from meetings.minutes import parse_minutes
    from meetings.minutes.layouts import parse_any

    text = build_text()
    minutes, timings = _time(parse_minutes, text)
    print(f"text: {len(text):,} characters, {text.count(chr(10)) + 1:,} lines")
    print(f"items: {len(minutes.items)} ({OPEN_ITEMS} open, {CLOSED_ITEMS} closed), warnings: {len(minutes.warnings)}")
    print(f"runs: {RUNS}, best: {min(timings):.1f} ms, median: {statistics.median(timings):.1f} ms")

    print(f"\nparse_any, {OPEN_ITEMS} items per layout (budget {BUDGET_MS} ms):")
    over = []
    for name, text in [("aalborg", build_text()), *((n, build_layout_text(n)) for n in LAYOUT_TEXTS)]:
        minutes, timings = _time(parse_any, text)
        decisions = sum(1 for item in minutes.items if item.decision)
        print(
            f"  {name:12} {len(text):>9,} chars  items {len(minutes.items):>4}  decisions {decisions:>4}  "
            f"best {min(timings):7.1f} ms  median {statistics.median(timings):7.1f} ms  [{minutes.layout[:40]}]"
        )
        if statistics.median(timings) > BUDGET_MS:
            over.append(name)
    if over:
        print(f"over budget: {', '.join(over)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
