"""`mode="auto"`: flattened texts that quote markup stay text; HTML without a doctype stays HTML."""
from __future__ import annotations

import json

from conftest import shared_dir

import stripper
from stripper import decode
from stripper.sniff import detect_mode, is_page_source

BLOG_TEXT = "\n".join([
    "Binomial coefficient trick",
    "by John on July 21, 2012",
    "Binomial coefficients are simplest to work with when the arguments are non-negative integers.",
    "Leave a Reply",
    'You can use these HTML tags and attributes: <a href="" title=""> <abbr title=""> <b> <blockquote cite="">',
    "Name (required)",
    "Email (will not be published)",
] * 3)


def test_a_flattened_blog_quoting_its_comment_form_tags_is_text():
    assert detect_mode(BLOG_TEXT) == "text"


def test_a_flattened_paper_with_one_xml_example_is_text():
    prose = ["Metadata interoperability is a fundamental requirement for access to information."] * 12
    example = ['<dc:title>MetaNet</dc:title>', '<dc:creator>Jane Hunter</dc:creator>']
    assert detect_mode("\n".join(prose[:6] + example + prose[6:])) == "text"


def test_an_old_page_of_hard_wrapped_prose_opening_with_a_heading_is_html():
    page = "\r\n\r\n<h1>Competition Game Reviews</h1>\r\n(in the order I played them)\r\n<hr>\r\n" + \
        "For a rookie outing, Screen really isn't too bad. That is, of course, if\r\n" * 30
    assert detect_mode(page) == "html"


def test_a_byte_order_mark_after_a_blank_line_still_opens_markup():
    assert detect_mode("\n\ufeff<html>\n<head>\n<title>Curi's translations</title></head>\n" + "words\n" * 50) == "html"


def test_a_fragment_with_tags_on_its_lines_is_html():
    assert detect_mode("Intro line\n<p>First paragraph.</p>\n<p>Second <b>paragraph</b>.</p>") == "html"


def test_empty_input_is_text():
    assert detect_mode("") == "text"
    assert detect_mode("\n\n   \n") == "text"


def test_every_development_input_is_recognised_as_its_kind():
    """Text-mode inputs whose flattening kept the raw page (tags on every line) count as HTML."""
    corpora = shared_dir() / "corpora"
    wrong = []
    for name in ("dragnet", "l3s-gn1", "cleaneval", "dragnet-text", "l3s-gn1-text", "cleaneval-text"):
        folder = corpora / name
        for line in (folder / "index.jsonl").read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            path = folder / (f"{entry['id']}.html" if entry["mode"] == "html" else f"{entry['id']}.in.txt")
            text, _ = decode.to_text(path.read_bytes(), None)
            if detect_mode(text) != entry["mode"] and not _raw_page(text):
                wrong.append(f"{name}/{entry['id']}")
    assert wrong == []


def _raw_page(text: str) -> bool:
    lines = [line for line in text.splitlines()[:200] if line.strip()]
    return sum(1 for line in lines if "<" in line and ">" in line) >= 0.9 * len(lines)


def test_text_that_is_a_page_source_on_one_line_is_read_as_html():
    """A scraper that choked on an unclosed <title> passed the page source on as the 'text'."""
    article = ("The harbour authority said on Monday that the old ferry pier will close for repairs in May,"
               " and that the crossing will move to the north quay until the work is finished.")
    source = ('Harbour news<!-- title never closed --> <script src="/js/site.js"></script> <div id="nav">'
              + "".join(f'<a href="/s{i}">Section {i}</a> ' for i in range(12))
              + f'</div> <div id="story"><h1>Ferry pier to close</h1><p>{article}</p><p>{article}</p></div>'
              + '<div id="footer"><a href="/about">About us</a> <a href="/contact">Contact</a></div>')
    assert is_page_source(source)
    result = stripper.strip(source, mode="text")
    assert result.mode == "html"
    assert article in result.text and "<div" not in result.text and "Section 3" not in result.text


def test_text_quoting_a_few_tags_stays_text_when_given_as_text():
    assert not is_page_source(BLOG_TEXT)
    assert stripper.strip(BLOG_TEXT, mode="text").mode == "text"


def test_a_replacement_text_model_leaves_a_page_source_to_the_html_model():
    """`strip(model=...)` replaces the model of its own mode; the page source is read as HTML."""
    from stripper.classifier import packaged_model

    source = ('Harbour news<!-- title never closed --> <div id="nav">'
              + "".join(f'<a href="/s{i}">Section {i}</a> ' for i in range(20))
              + "</div><div id='story'><p>" + "The ferry pier will close for repairs in May, the harbour"
              " authority said on Monday, and the crossing will move to the north quay. " * 3 + "</p></div>")
    with_text_model = stripper.strip(source, mode="text", model=packaged_model("text"))
    assert with_text_model.mode == "html"
    assert with_text_model.text == stripper.strip(source, mode="text").text
