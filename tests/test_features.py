"""Block features on small real-shaped pages: page-relative length, date lines, repeated shapes."""
from __future__ import annotations

import numpy as np

import stripper
from stripper import api
from stripper.classifier import model_from_dict
from stripper.config import default_config
from stripper.features import feature_names

ARTICLE = (
    "The council approved the new library budget on Tuesday, after a debate that ran late into the evening.\n"
    "Opening hours will be extended on weekends from January, the chief librarian said.\n"
)
COMMENTS = (
    "12 Comments\n"
    "Heather on October 23rd, 2012 1:37 pm\n"
    "I have waited years for weekend opening and I am glad the council finally listened to us.\n"
    "Kate on October 23rd, 2012 1:38 pm\n"
    "Same here, although I wonder who will pay for the extra staff that this is going to need.\n"
    "Leave a Reply\n"
)


def _columns(text: str) -> tuple[list[str], dict[str, np.ndarray]]:
    config = default_config()
    doc = api.annotate(api.segment(text, url=None, mode="text", config=config), config)
    names = feature_names("text")
    return [b.text for b in doc.blocks], {n: doc.matrix[:, names.index(n)] for n in names}


def test_bylines_of_like_shape_count_as_repeats_and_as_stamps():
    more = "".join(f"Paragraph {w} of the report went on about the budget and the staff for a while.\n"
                   for w in ("one", "two", "three", "four", "five", "six"))
    texts, cols = _columns(more + ARTICLE + COMMENTS)
    first, second = texts.index("Heather on October 23rd, 2012 1:37 pm"), texts.index("Kate on October 23rd, 2012 1:38 pm")
    assert cols["shape_repeats"][first] == cols["shape_repeats"][second] == np.log(2)
    assert cols["repeats"][first] == 0.0  # the identical-text count does not see them
    assert cols["stamp_like"][first] == cols["stamp_like"][second] == 1.0
    assert cols["stamp_like"][0] == 0.0  # a sentence with no date
    assert cols["stamp_window"][first] > cols["stamp_window"][0]


def test_length_is_also_read_against_the_page():
    texts, cols = _columns("Menu\nHome\n" + ARTICLE)
    longest = max(range(len(texts)), key=lambda i: len(texts[i]))
    assert cols["rel_to_longest"][longest] == 1.0 and cols["length_rank"][longest] == 0.0
    assert cols["rel_to_longest"][texts.index("Home")] < 0.1
    assert len(set(cols["page_prose"].tolist())) == 1  # one value for the whole page


def test_an_ensemble_scores_the_mean_of_its_members():
    rng = np.random.default_rng(0)
    names = feature_names("text")
    k = len(names)

    def member() -> dict:
        return {"weights": [rng.normal(size=(k, 4)).tolist(), rng.normal(size=(4, 1)).tolist()],
                "biases": [rng.normal(size=4).tolist(), rng.normal(size=1).tolist()]}

    a, b = member(), member()
    base = {"features": names, "mean": [0.0] * k, "scale": [1.0] * k}
    matrix = rng.normal(size=(7, k))
    one = model_from_dict({**base, **a}, "text").predict(matrix)  # the single-network file format
    two = model_from_dict({**base, **b}, "text").predict(matrix)
    both = model_from_dict({**base, "members": [a, b]}, "text").predict(matrix)
    assert np.allclose(both, (one + two) / 2)


def test_the_shipped_models_are_ensembles():
    from stripper.classifier import packaged_model
    for mode in ("html", "text"):
        assert len(packaged_model(mode).members) >= 3
    assert stripper.strip(ARTICLE, mode="text").text.startswith("The council approved")


def test_the_article_container_joins_its_like_named_siblings():
    # an editor that wraps every paragraph in its own pair of elements (Naver's se-component >
    # se-module): the best scored element holds two paragraphs, its like-named siblings the rest
    sentence = ("The harbour master said on Tuesday that the new pier would open in the spring, after a winter "
                "of repairs that had cost the town more than it had planned, and that the ferry would return.")
    wrapper = '<div class="se-component se-text"><div class="se-module"><p>{}</p></div></div>'
    body = wrapper.format(sentence + "</p><p>" + sentence) + "".join(wrapper.format(sentence) for _ in range(5))
    sidebar = '<div class="sidebar"><p>About this blog: notes from the harbour, written on Sundays.</p></div>'
    html = f"<html><body>{sidebar}<div class='se-main-container'>{body}</div></body></html>"
    config = default_config()
    doc = api.annotate(api.segment(html, url=None, mode="html", config=config), config)
    in_main = doc.matrix[:, feature_names("html").index("in_main")]
    assert [b.text.startswith("The harbour") for b in doc.blocks] == [False] + [True] * 7
    assert in_main.tolist() == [0.0] + [1.0] * 7
    # three wrappers are too few: the best element alone stays the container
    few = f"<html><body>{sidebar}<div class='se-main-container'>{wrapper.format(sentence + '</p><p>' + sentence)}" \
          f"{wrapper.format(sentence)}{wrapper.format(sentence)}</div></body></html>"
    doc = api.annotate(api.segment(few, url=None, mode="html", config=config), config)
    assert doc.matrix[:, feature_names("html").index("in_main")].tolist() == [0.0, 1.0, 1.0, 0.0, 0.0]


def test_the_article_container_joins_sibling_sections_holding_prose():
    # corpus/ en-howto-01: a how-to's intro, three methods, tips and warnings each in its own
    # section; the best scored element is one method's step list. Four sections beside it hold
    # a fifth of its prose or more, so their parent is the article.
    from pathlib import Path
    page = (Path(__file__).resolve().parents[1] / "corpus" / "handmade-html" / "en-howto-01.html").read_bytes()
    config = default_config()
    doc = api.annotate(api.segment(page.decode("utf-8"), url=None, mode="html", config=config), config)
    in_main = dict(zip((b.text for b in doc.blocks), doc.matrix[:, feature_names("html").index("in_main")]))
    steps = [t for t in in_main if t.startswith(("Check how deep", "Preheat your oven", "Clean the pan while"))]
    assert len(steps) == 3 and all(in_main[t] == 1.0 for t in steps)  # one step of each method
    assert in_main["Always use oven mitts. The handle of a cast iron skillet gets just as hot as the pan itself."] == 1.0
    assert not any(in_main[t] for t in in_main if t.startswith("Learn how to do anything"))  # the footer's tagline
    assert stripper.strip(page, mode="html").text.count("\n") > 30


def test_numbered_page_builder_modules_are_siblings_of_one_kind():
    # corpus/ en-blog-14 (Squarespace): the article's four text modules, galleries and an image
    # between them, are each `div.sqs-block.html-block#block-<hash>`; their ids no longer make
    # them different kinds, so their column is the article and the last day's text stays
    from pathlib import Path
    page = (Path(__file__).resolve().parents[1] / "corpus" / "handmade-html" / "en-blog-14.html").read_bytes()
    config = default_config()
    doc = api.annotate(api.segment(page.decode("utf-8"), url=None, mode="html", config=config), config)
    in_main = dict(zip((b.text[:30] for b in doc.blocks), doc.matrix[:, feature_names("html").index("in_main")]))
    assert in_main["We almost skipped Ghent. It wa"] == 1.0 and in_main["On our last morning we took a "] == 1.0
    assert in_main["More from the Journal"] == 0.0  # the summary block below the post
    assert "On our last morning we took a boat" in stripper.strip(page, mode="html").text


def test_characters_of_dense_scripts_weigh_as_latin_ones():
    from stripper.features import latin_equivalent
    chars, script = np.array([120.0, 40.0]), np.array([1.0, 0.5])  # a line wholly, a line half in the script
    assert latin_equivalent(chars, script, "ja").tolist() == [240.0, 60.0]
    assert latin_equivalent(chars, script, "ko").tolist() == [240.0, 60.0]
    assert latin_equivalent(chars, script, "en").tolist() == [120.0, 40.0]


def test_a_korean_blog_line_of_nine_words_is_prose():
    # ko-blog-05 (Naver-like): one sentence a line; counted plainly, 9 words fell under min_prose_words
    from pathlib import Path
    text = (Path(__file__).resolve().parent.parent / "corpus" / "handmade-text" / "ko-blog-05.in.txt").read_text(encoding="utf-8")
    config = default_config()
    doc = api.annotate(api.segment(text, url=None, mode="text", config=config), config)
    line = next(b for b in doc.blocks if b.text.startswith("지난 주말에 남편이랑"))
    assert doc.lang == "ko" and len(line.text.split()) == 9 and line.features["prose"] == 1.0


def test_a_japanese_storys_first_paragraphs_stay_in_the_prose_span_past_a_table():
    # ja-tech-01 (text): two paragraphs, a related box and a 17-cell table, then three paragraphs;
    # counted plainly the span held only the last three
    from pathlib import Path
    text = (Path(__file__).resolve().parent.parent / "corpus" / "handmade-text" / "ja-tech-01.in.txt").read_text(encoding="utf-8")
    config = default_config()
    doc = api.annotate(api.segment(text, url=None, mode="text", config=config), config)
    first = next(b for b in doc.blocks if b.text.startswith("アオバクラウド（札幌市）は"))
    assert doc.lang == "ja" and first.features["in_span"] == 1.0


def _corpus_page(doc_id: str) -> bytes:
    from pathlib import Path
    return (Path(__file__).resolve().parents[1] / "corpus" / "handmade-html" / f"{doc_id}.html").read_bytes()


def test_a_page_builders_row_and_column_wrappers_are_no_levels():
    # corpus/ en-museum-01 (Squarespace): each paragraph in section > layout > row > column >
    # block > content; the wrappers around one paragraph no longer use up the levels, so the
    # sections holding the other rows make the article's container
    page = _corpus_page("en-museum-01")
    config = default_config()
    doc = api.annotate(api.segment(page.decode("utf-8"), url=None, mode="html", config=config), config)
    in_main = dict(zip((b.text[:30] for b in doc.blocks), doc.matrix[:, feature_names("html").index("in_main")]))
    assert in_main["In the autumn of 2021, a desce"] == 1.0 and in_main["The final room of the exhibiti"] == 1.0
    assert "The final room of the exhibition looks at the end" in stripper.strip(page, mode="html").text


def test_chinese_and_japanese_commas_count_and_words_are_read_as_latin_ones():
    # corpus/ ja-news-11: its paragraphs' "、" made no commas and a \w+ run a 20-character word;
    # the model dropped the first five paragraphs of the story
    page = _corpus_page("ja-news-11")
    config = default_config()
    doc = api.annotate(api.segment(page.decode("utf-8"), url=None, mode="html", config=config), config)
    names = feature_names("html")
    row = next(r for b, r in zip(doc.blocks, doc.matrix) if b.text.startswith("北陽交通によりますと"))
    assert row[names.index("comma_ratio")] > 0.03 and 3.0 < row[names.index("mean_word_len")] < 6.0
    assert "北陽交通によりますと" in stripper.strip(page, mode="html").text


def test_old_reddits_side_column_is_a_sidebar():
    # corpus/ en-reddit-01: the subreddit's rules sit in div.side before the post
    result = stripper.strip(_corpus_page("en-reddit-01"), mode="html")
    assert "Be kind. Everyone started somewhere. No mocking beginners." not in result.text
    assert any(b.text == "Rules" and b.reason.startswith("sidebar") for b in result.blocks)
