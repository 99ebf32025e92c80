"""Input readers of `stripper batch`: folders, JSONL, WARC, gzip; read without stripping anything."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from stripper.sources import (ReadOptions, _read_warc_fastwarc, _read_warc_warcio, charset_of, load_data,
                              page_kind, plan, read_jsonl, read_unit, read_warc)

PAGE = b"<html><head><title>T</title></head><body><p>Hello there, reader.</p></body></html>"


def test_page_kind_knows_suffixes_and_skips_gold():
    assert page_kind("a.html") == ("a", "html")
    assert page_kind("a.HTM.gz") == ("a.HTM"[:-4], "html")
    assert page_kind("a.in.txt") == ("a", "text")
    assert page_kind("a.in.txt.gz") == ("a", "text")
    assert page_kind("a.txt") == ("a", "text")
    assert page_kind("a.gold.txt") is None
    assert page_kind("a.gold.txt.gz") is None
    assert page_kind("index.jsonl") is None
    assert page_kind("a.png") is None


def test_plan_walks_folders_recursively_and_skips_gold(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.html").write_bytes(PAGE)
    (tmp_path / "a.gold.txt").write_text("gold")
    (tmp_path / "sub" / "b.in.txt").write_text("line")
    (tmp_path / "sub" / "c.htm.gz").write_bytes(gzip.compress(PAGE))
    (tmp_path / "index.jsonl").write_text('{"id": "a"}\n')
    units = list(plan([str(tmp_path)]))
    assert [(u.kind, u.doc_id, u.mode) for u in units] == [
        ("file", "a", "html"), ("file", "sub/b", "text"), ("file", "sub/c", "html")]


def test_plan_classifies_named_files(tmp_path: Path):
    names = ["x.jsonl", "y.jsonl.gz", "z.warc.gz", "w.warc", "p.html"]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    kinds = [u.kind for u in plan([str(tmp_path / n) for n in names] + ["-"])]
    assert kinds == ["jsonl", "jsonl", "warc", "warc", "file", "stdin"]


def test_load_data_gunzips_and_stops_past_the_limit(tmp_path: Path):
    path = tmp_path / "p.html.gz"
    path.write_bytes(gzip.compress(PAGE))
    assert load_data(str(path), 0) == PAGE
    assert load_data(str(path), 10) == PAGE[:11]  # one byte too many: the caller sees it is too large


def _jsonl(lines: list[bytes]) -> io.BytesIO:
    return io.BytesIO(b"".join(line + b"\n" for line in lines))


def test_jsonl_default_fields_html_then_text_and_line_numbers():
    stream = _jsonl([json.dumps({"id": "a", "html": "<p>x</p>", "url": "http://e.com/a"}).encode(),
                     json.dumps({"text": "plain line"}).encode(),
                     b"",
                     json.dumps({"id": 7, "html": "<p>y</p>"}).encode()])
    docs = list(read_jsonl(stream, "in.jsonl", ReadOptions()))
    assert [(d.id, d.source, d.url, d.data) for d in docs] == [
        ("a", "in.jsonl:1", "http://e.com/a", "<p>x</p>"),
        ("2", "in.jsonl:2", None, "plain line"),
        ("7", "in.jsonl:4", None, "<p>y</p>")]


def test_jsonl_custom_fields():
    stream = _jsonl([json.dumps({"key": "k1", "body": "<p>z</p>", "link": "http://e.com/z", "id": "no"}).encode()])
    docs = list(read_jsonl(stream, "s", ReadOptions(field="body", id_field="key", url_field="link")))
    assert [(d.id, d.url, d.data) for d in docs] == [("k1", "http://e.com/z", "<p>z</p>")]


def test_jsonl_bad_lines_become_error_docs_and_reading_goes_on():
    stream = _jsonl([b"\xff\xfe not json \x00",
                     b"[1, 2]",
                     json.dumps({"id": "nofield", "body": "x"}).encode(),
                     json.dumps({"id": "ok", "html": "<p>fine</p>"}).encode()])
    docs = list(read_jsonl(stream, "s", ReadOptions()))
    assert [d.id for d in docs] == ["1", "2", "nofield", "ok"]
    assert [d.error is not None for d in docs] == [True, True, True, False]


def test_jsonl_oversized_line_is_an_error_and_the_next_line_is_read():
    big = json.dumps({"id": "big", "html": "x" * 5000}).encode()
    stream = _jsonl([big, json.dumps({"id": "small", "html": "<p>s</p>"}).encode()])
    docs = list(read_jsonl(stream, "s", ReadOptions(max_bytes=1000)))
    assert [d.id for d in docs] == ["1", "small"]
    assert docs[0].error is not None and docs[0].error[0] == "InputTooLarge"


def test_truncated_gzip_jsonl_ends_with_an_error_doc(tmp_path: Path):
    payload = gzip.compress(b"".join(json.dumps({"id": str(i), "html": "<p>%d</p>" % i}).encode() + b"\n"
                                     for i in range(200)))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(payload[: len(payload) // 2])
    unit = next(plan([str(path)]))
    docs = list(read_unit(unit, ReadOptions()))
    assert docs[-1].error is not None
    assert all(d.error is None for d in docs[:-1])


def write_warc(path: Path, pages: list[tuple[str, str, bytes]], *, gz: bool = True) -> None:
    """A real WARC: per page a request and a response record; content type as given."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for url, content_type, body in pages:
            req = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(req)
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=http))


WARC_PAGES = [
    ("http://e.com/1", "text/html; charset=windows-1251", "<p>Привет, мир</p>".encode("cp1251")),
    ("http://e.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
    ("http://e.com/2", "application/xhtml+xml", PAGE),
]


@pytest.mark.parametrize("reader", [_read_warc_fastwarc, _read_warc_warcio], ids=["fastwarc", "warcio"])
def test_warc_yields_html_responses_with_uri_id_and_charset(tmp_path: Path, reader):
    path = tmp_path / "x.warc.gz"
    write_warc(path, WARC_PAGES)
    docs = list(reader(str(path), "x.warc.gz", ReadOptions()))
    assert [d.url for d in docs] == ["http://e.com/1", "http://e.com/2"]
    assert all(d.id.startswith("<urn:uuid:") for d in docs)
    assert docs[0].encoding.lower() == "windows-1251"
    assert docs[0].data == WARC_PAGES[0][2]
    assert docs[1].data == PAGE
    assert len({d.source for d in docs}) == 2 and all(d.source.startswith("x.warc.gz:") for d in docs)


def test_fastwarc_and_warcio_agree_on_ids_and_offsets(tmp_path: Path):
    path = tmp_path / "x.warc"
    write_warc(path, WARC_PAGES, gz=False)
    fast = [(d.id, d.source) for d in _read_warc_fastwarc(str(path), "x", ReadOptions())]
    slow = [(d.id, d.source) for d in _read_warc_warcio(str(path), "x", ReadOptions())]
    assert fast == slow


def test_warc_record_over_the_limit_is_an_error_without_reading_it(tmp_path: Path):
    path = tmp_path / "x.warc.gz"
    write_warc(path, [("http://e.com/big", "text/html", b"<p>" + b"a" * 5000 + b"</p>"),
                      ("http://e.com/small", "text/html", PAGE)])
    docs = list(read_warc(str(path), "x", ReadOptions(max_bytes=1000)))
    assert [d.url for d in docs] == ["http://e.com/big", "http://e.com/small"]
    assert docs[0].error[0] == "InputTooLarge" and docs[1].error is None


def test_charset_of_content_type():
    assert charset_of('text/html; Charset="UTF-8"') == "UTF-8"
    assert charset_of("text/html") is None


def test_unreadable_jsonl_and_warc_become_one_error_doc_each(tmp_path: Path):
    for name in ("gone.jsonl", "gone.warc.gz"):
        unit = next(plan([str(tmp_path / name)]))
        (doc,) = list(read_unit(unit, ReadOptions()))
        assert doc.error is not None and doc.error[0] in ("FileNotFoundError", "CorruptArchive")
