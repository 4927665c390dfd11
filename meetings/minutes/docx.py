"""The text of minutes written in Word (.docx), read with python-docx within bounds.

A .docx file is a zip archive: its unpacked size is checked before python-docx opens it, so a
small file that unpacks to gigabytes (a zip bomb) is refused. python-docx's XML parser does not
resolve entities. Paragraphs and table rows become lines in document order, table cells separated
by tabs; the text then goes through the same layouts as a text file.
"""

from __future__ import annotations

import io
import zipfile

from .types import MinutesParseError

MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_CHARS = 2_000_000


def looks_like_docx(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def docx_to_text(data: bytes, *, max_unpacked: int = MAX_UNPACKED_BYTES, max_chars: int = MAX_CHARS) -> str:
    """Lines of the document's paragraphs and table rows; MinutesParseError for anything else."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise MinutesParseError("filen ligner en Word-fil (.docx), men kan ikke åbnes") from None
    if "word/document.xml" not in {entry.filename for entry in entries}:
        raise MinutesParseError("filen er en zip-fil, men ikke et Word-dokument (.docx)")
    if sum(entry.file_size for entry in entries) > max_unpacked:
        raise MinutesParseError(f"Word-filen fylder over {max_unpacked // (1024 * 1024)} MB udpakket og læses ikke")

    import docx  # python-docx, imported only when a Word file comes
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        size = 0
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                rows = ["\t".join(" ".join(cell.text.split()) for cell in row.cells) for row in block.rows]
            else:
                rows = [block.text]
            for row in rows:
                lines.append(row)
                size += len(row) + 1
                if size > max_chars:
                    raise MinutesParseError(f"Word-filens tekst er længere end {max_chars} tegn og læses ikke")
    except MinutesParseError:
        raise
    except Exception:  # noqa: BLE001 — python-docx and lxml raise many types on a damaged file
        raise MinutesParseError("Word-filen (.docx) kan ikke læses; er den beskadiget?") from None
    return "\n".join(lines) + "\n"
