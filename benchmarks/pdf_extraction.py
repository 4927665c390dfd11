"""Benchmark of meetings.pdftext.extract_text: the attacker's PDF and an ordinary one, default bounds.

Run from the repository root: python benchmarks/pdf_extraction.py
The attacker's file is 8.7 KB: 50 pages that all draw one content stream of 280 KB (17,500 text
shows), which pypdf alone reads into 8.75 MB of text in 11-43 s. The goal is under 5 s. The
baseline is a 30-page PDF of ordinary text written by fpdf2 (requirements-dev.txt).
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from meetings.pdftext import PdfBounds, extract_text  # noqa: E402
from meetings.tests.samples import attacker_pdf  # noqa: E402

GOAL_SECONDS = 5


def ordinary_pdf(pages=30, lines=40):
    import fpdf

    pdf = fpdf.FPDF()
    pdf.set_font("Helvetica", size=10)
    for page in range(1, pages + 1):
        pdf.add_page()
        for line in range(1, lines + 1):
            pdf.cell(
                0, 6, f"Side {page}, linje {line}: Frikommuneforsoeg om beskaeftigelse.", new_x="LMARGIN", new_y="NEXT"
            )
    return bytes(pdf.output())


def measure(label, data, bounds):
    started = time.perf_counter()
    result = extract_text(data, bounds)
    elapsed = time.perf_counter() - started
    chars = sum(len(page) for page in result.pages)
    stop = result.stopped_by or "read in full"
    print(
        f"{label}: {len(data):,} bytes, {result.page_count} pages, {elapsed:.2f} s, "
        f"{chars:,} characters from {len(result.pages)} pages ({stop})"
    )
    return elapsed


def unbounded(label, data):
    """pypdf in this process with no bounds, as before: what the child process costs on top."""
    import io

    from pypdf import PdfReader

    started = time.perf_counter()
    chars = sum(len(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages)
    print(f"{label}: {time.perf_counter() - started:.2f} s, {chars:,} characters")


def main() -> None:
    bounds = PdfBounds()  # the defaults of PDF_MAX_PAGES, PDF_MAX_TEXT_CHARS, PDF_EXTRACT_SECONDS
    print(f"bounds: {bounds.max_pages} pages, {bounds.max_chars:,} characters, {bounds.seconds:g} s")
    ordinary = ordinary_pdf()
    unbounded("ordinary PDF, pypdf in process without bounds (as before)", ordinary)
    measure("ordinary PDF (baseline)", ordinary, bounds)
    attack = measure("attacker PDF, pages share one stream", attacker_pdf(), bounds)
    measure("attacker PDF, every page its own stream", attacker_pdf(shared_stream=False), bounds)
    print(f"attacker PDF under {GOAL_SECONDS} s: {'yes' if attack < GOAL_SECONDS else 'NO'}")


if __name__ == "__main__":
    main()
