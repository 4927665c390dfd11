"""Small real files for upload tests, built in memory."""

import io
import zipfile
import zlib

from pypdf import PdfWriter


def pdf_with_text(text, *, catalog_extra=b""):
    """A minimal one-page PDF whose page draws `text` (ASCII) in Helvetica."""
    return pdf_with_pages([text], catalog_extra=catalog_extra)


def pdf_with_pages(texts, *, catalog_extra=b""):
    """A PDF with one page per text, each drawing its text (ASCII) in Helvetica."""
    streams = [f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii") for text in texts]
    return _pdf_of_pages(streams, page_contents=range(len(texts)), catalog_extra=catalog_extra)


def attacker_pdf(pages=50, repeat=17_500, *, shared_stream=True):
    """The attacker's PDF: `pages` pages that all draw ONE content stream of `repeat` text shows.

    With the defaults the file is about 8.7 KB; the stream inflates to 280 KB, and pypdf reads
    175,000 characters (8.75 MB in all) from every page, a fifth of a second or more each.
    With shared_stream=False every page has its own copy of the stream, so nothing can be
    read once for all pages: the file that only the time bound stops.
    """
    stream = b"BT /F1 12 Tf 72 720 Td " + b"(Frikommune) Tj " * repeat + b"ET"
    if shared_stream:
        return _pdf_of_pages([stream], page_contents=[0] * pages, compress=True)
    return _pdf_of_pages([stream] * pages, page_contents=range(pages), compress=True)


def _pdf_of_pages(streams, *, page_contents, compress=False, catalog_extra=b""):
    """Raw PDF bytes: the catalog, the page tree, the content streams, the pages, one font.

    page_contents gives, for each page, the index of the stream it draws; pages may share one.
    """
    page_contents = list(page_contents)
    first_stream, first_page = 3, 3 + len(streams)
    font = first_page + len(page_contents)
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(len(page_contents)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_contents),
    ]
    for stream in streams:
        if compress:
            data = zlib.compress(stream, 9)
            objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        else:
            objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    for index in page_contents:
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, first_stream + index)
        )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref_at,
    )
    return bytes(out)


def blank_pdf():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


OOXML_MAIN = {
    "docx": ("word/document.xml", "wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
    "pptx": ("ppt/presentation.xml", "presentationml.presentation.main+xml"),
}


def ooxml(kind, main_content_type=None):
    """A ZIP container with the [Content_Types].xml of a DOCX, XLSX or PPTX."""
    part, suffix = OOXML_MAIN[kind]
    content_type = main_content_type or f"application/vnd.openxmlformats-officedocument.{suffix}"
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{content_type}"/>'
        "</Types>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


def odt():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<x/>")
    return buffer.getvalue()


def plain_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def pdf_with_compressed_catalog(text, catalog_extra):
    """A one-page PDF 1.5 whose catalog sits in a compressed object stream, found by an xref stream.

    What the catalog names (catalog_extra) is then nowhere in the file's bytes as written.
    """
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    catalog = b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>"
    packed = zlib.compress(b"1 0 " + catalog)
    objects = {
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
        ),
        4: b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        6: b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(packed)
        + packed
        + b"\nendstream",
    }
    out = bytearray(b"%PDF-1.5\n")
    offsets = {}
    for number, body in objects.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    # Entries of /W [1 4 2]: type 0 free, 1 at an offset, 2 inside object stream 6 at an index.
    rows = [(0, 0, 65535), (2, 6, 0)] + [(1, offsets[n], 0) for n in range(2, 7)] + [(1, xref_at, 0)]
    table = b"".join(kind.to_bytes(1, "big") + a.to_bytes(4, "big") + b.to_bytes(2, "big") for kind, a, b in rows)
    out += (
        b"7 0 obj\n<< /Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(table)
        + table
        + b"\nendstream\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)
