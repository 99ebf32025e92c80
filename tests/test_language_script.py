"""Pages whose words are not stop words are told apart by their script: kana make Japanese."""
from __future__ import annotations

from pathlib import Path

import pytest

import stripper

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.mark.parametrize("path, mode, lang", [
    ("handmade-html/ja-news-01.html", "html", "ja"),    # more kanji than a quarter of the text, and kana
    ("handmade-text/ja-news-01.in.txt", "text", "ja"),
    ("handmade-html/zh-news-01.html", "html", "zh"),    # Han only
    ("handmade-html/ar-news-01.html", "html", "ar"),
])
def test_the_page_language_follows_its_script(path: str, mode: str, lang: str) -> None:
    assert stripper.strip((CORPUS / path).read_bytes(), mode=mode).lang == lang


def test_a_japanese_page_keeps_its_article_and_drops_its_caption_and_share_rows() -> None:
    result = stripper.strip((CORPUS / "handmade-html" / "ja-news-01.html").read_bytes(), mode="html")
    assert result.text.startswith("市立図書館、駅前に返却ポストを新設")
    assert "＝北浜市提供" not in result.text and "LINEで送る" not in result.text
    assert "関連記事" not in result.text


def test_numbers_are_no_stop_words_so_a_results_table_stays_english() -> None:
    from stripper.config import default_config
    from stripper.features import text_language

    stopwords = default_config().stopwords
    assert not any(w.isdigit() for words in stopwords.values() for w in words)
    # a race card: many numbers, few words (stopwords-iso's Spanish list held "0" to "9")
    card = "\n".join(f"{n} Successor 5 1 2 3 (4) 56 5 {n} 3 2 1" for n in range(1, 16))
    story = ("The favourite, who is in great heart as evidenced by his track work, should not find it "
             "difficult to win the main event of the day. Of the others, the two from the same stable "
             "are the ones to watch, and the trainer said that he was happy with both of them.\n")
    assert text_language(story + card, stopwords) == "en"
