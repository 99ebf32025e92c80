"""Readers' comments after the article's thread heading, or from the first of its signed comments
when it has no heading, are dropped, with the heading or signature named; "Comments" links above
the story, front pages with a thread per post, and poll tables headed "Response" are left to the model."""
from __future__ import annotations

import pytest

import stripper
from conftest import model_decided
from stripper import heuristics
from stripper.config import default_config

STORY = [
    "Library hours to grow on weekends",
    "By Jane Porter, October 23, 2012",
    "The council approved the new library budget on Tuesday, after a debate that ran late into the evening"
    " and drew more residents than any meeting this year.",
    "Opening hours will be extended on weekends from January, the chief librarian said, and the reading room"
    " will stay open until nine on Thursdays.",
    "The extra hours will be paid for by a small rise in the parking charges at the town hall, which the"
    " council says will bring in enough to hire two more librarians.",
    "Residents who spoke at the meeting said that students and working parents had asked for longer hours"
    " for many years, and that the change was long overdue.",
]
THREAD = [
    "Heather says:",
    "October 23, 2012 at 1:37 pm",
    "I have waited years for weekend opening and I am glad that the council finally listened to all of us who"
    " wrote to them about it.",
    "Kate says:",
    "October 23, 2012 at 1:38 pm",
    "Same here, although I wonder who will pay for the extra staff that this is going to need in the long run,"
    " because the parking money will not be enough.",
]


def _kept(lines: list[str]) -> list[str]:
    return [b.text for b in stripper.strip("\n".join(lines), mode="text").blocks if b.kept]


def _reasons(lines: list[str]) -> dict[str, str]:
    return {b.text: b.reason for b in stripper.strip("\n".join(lines), mode="text").blocks}


def test_comments_after_a_counted_thread_heading_are_dropped_and_say_why():
    lines = STORY + ["2 Responses to “Library hours to grow on weekends”"] + THREAD
    kept = _kept(lines)
    assert STORY[2] in kept and STORY[5] in kept
    assert THREAD[2] not in kept and THREAD[5] not in kept
    assert "comment-thread heading" in _reasons(lines)["2 Responses to “Library hours to grow on weekends”"]


STORY_DE = [
    "Bibliothek öffnet künftig auch am Wochenende",
    "Von Jana Pfeiffer, 23. Oktober 2012",
    "Der Gemeinderat hat am Dienstag den neuen Haushalt der Stadtbibliothek beschlossen, nach einer Debatte,"
    " die bis in den späten Abend dauerte und mehr Bürger anzog als jede andere Sitzung in diesem Jahr.",
    "Ab Januar wird die Bibliothek auch am Samstag und am Sonntag geöffnet sein, sagte die Leiterin, und der"
    " Lesesaal bleibt donnerstags bis neun Uhr am Abend offen.",
    "Bezahlt werden die längeren Öffnungszeiten mit einer kleinen Erhöhung der Parkgebühren am Rathaus, die"
    " nach Angaben der Stadt für zwei zusätzliche Stellen reichen soll.",
    "Bürger, die in der Sitzung sprachen, sagten, dass Studenten und berufstätige Eltern sich die längeren"
    " Öffnungszeiten seit vielen Jahren gewünscht hätten und dass die Änderung längst überfällig sei.",
]
THREAD_DE = [
    "Heike schreibt:",
    "23. Oktober 2012 um 13:37 Uhr",
    "Ich habe jahrelang auf die Öffnung am Wochenende gewartet und bin froh, dass der Rat endlich auf uns alle"
    " gehört hat, die ihm deswegen geschrieben haben.",
    "Katja schreibt:",
    "23. Oktober 2012 um 13:38 Uhr",
    "Ich auch, aber ich frage mich, wer auf Dauer das zusätzliche Personal bezahlen soll, denn das Geld aus"
    " den Parkgebühren wird dafür nicht reichen.",
]


def test_a_bare_comments_heading_in_another_language_opens_the_zone_too():
    """A German page's bare "Kommentare" (rule comments.thread-start-intl, for pages in those languages)."""
    lines = STORY_DE + ["Kommentare"] + THREAD_DE
    kept, reasons = _kept(lines), _reasons(lines)
    assert STORY_DE[2] in kept and STORY_DE[5] in kept
    assert "comment-thread heading" in reasons["Kommentare"]
    assert THREAD_DE[2] not in kept and THREAD_DE[5] not in kept


def test_a_comments_link_above_the_story_opens_nothing():
    lines = ["Home", "Comments"] + STORY
    kept = _kept(lines)
    assert all(line in kept for line in STORY[2:])


def test_a_jump_list_ending_in_comments_opens_nothing():
    # corpus/ en-recipe-04: an intro paragraph, then a "Jump to:" list whose last link is "Comments",
    # then the rest of the post; the real thread heading comes after it
    intro = STORY[2:5]  # some 90 words: enough for a heading to open the zone (comment_zone_min_article_words)
    html = ("<body>" + "".join(f"<p>{s}</p>" for s in intro) + "<ul class='jump'><li><a href='#recipe'>Recipe</a></li>"
            "<li><a href='#comments'>Comments</a></li></ul>" + "".join(f"<p>{s}</p>" for s in STORY[5:]) +
            "<h3>Comments</h3>" + "".join(f"<p>{s}</p>" for s in THREAD) + "</body>")
    revised = heuristics.revise_comment_zone(model_decided(html, "html", ruled=True), default_config().thresholds)
    kept = [b.text for b in revised.blocks if b.kept]
    assert all(s in kept for s in STORY[2:])  # the jump list's link opened nothing ...
    assert not any(s in kept for s in THREAD)  # ... the heading over the thread did


def test_a_comment_link_under_kept_teasers_opens_nothing():
    # teasers of other stories (kept, as models have) above an "Add a Comment" link, the story below it
    teasers = ["1 day ago Meet the new phone that everyone in the office has been waiting for since the spring",
               "2 days ago Ready for nanotech brains? A new breakthrough in the lab gets us closer to them",
               "4 days ago The city council is definitely in like with the new plan for the river and the park"]
    lines = ["News", *teasers, "Add a Comment", *STORY]
    thresholds = default_config().thresholds
    scores = {"News": 0.1, **{t[:20]: 0.8 for t in teasers}}
    revised = heuristics.revise_comment_zone(model_decided("\n".join(lines), "text", ruled=True, scores=scores),
                                             thresholds)
    heading = next(b for b in revised.blocks if b.text == "Add a Comment")
    assert heading.decision.source == "comments.thread-start-en"
    assert all(b.kept for b in revised.blocks if b.text in STORY)
    # with a kept paragraph of prose above it, the same link opens the zone
    prose = ("The museum reopened on Monday after a year of repairs, and more than two thousand people came in to"
             " see the new rooms, the garden and the old clock that the volunteers had mended.")
    opened = heuristics.revise_comment_zone(
        model_decided("\n".join(["News", *teasers, prose, "Add a Comment", *STORY]), "text", ruled=True, scores=scores),
        thresholds)
    assert not any(b.kept for b in opened.blocks if b.text in STORY[2:])


def test_a_front_page_with_one_thread_per_post_is_left_alone():
    second = [s.replace("library", "swimming pool").replace("librarian", "pool manager") for s in STORY]
    lines = STORY + ["Comments (1)"] + second + ["Comments (7)"]
    kept = _kept(lines)
    assert second[2] in kept and second[5] in kept


def test_a_poll_table_headed_response_is_no_thread():
    lines = STORY + ["Response", "Votes", "%", "He should be closing.", "30", "15%"]
    assert "comment-thread" not in (_reasons(lines)["Response"] or "")


def test_html_comments_after_the_thread_heading_are_dropped():
    story = "".join(f"<p>{s}</p>" for s in STORY[2:])
    thread = "".join(f"<div class='c'><p>{s}</p></div>" for s in THREAD)
    page = (f"<html><body><div><h1>{STORY[0]}</h1>{story}</div>"
            f"<div><h3>2 Comments</h3>{thread}</div></body></html>")
    result = stripper.strip(page, mode="html")
    assert STORY[3] in result.text
    assert THREAD[2] not in result.text
    dropped = [b for b in result.blocks if b.text == THREAD[2]][0]
    assert not dropped.kept


def _html_page(thread_class: str, comments: int, signed: bool = True) -> str:
    """A short story in div.entry, then a "Comments" heading and a long thread in div.<thread_class>,
    each comment under its signature ("Reader 3 says:") when `signed`."""
    story = "".join(f"<p>{line}</p>" for line in STORY[2:])
    replies = "".join(
        f'<div class="{thread_class}"><p class="author">Reader {n}{" says:" if signed else ""}</p>'
        f"<p>{THREAD[2]} {THREAD[5]} I hope that the council will also look at the opening hours of the"
        f" other libraries in the county, number {n}.</p></div>" for n in range(comments))
    return (f"<html><head><title>{STORY[0]}</title></head><body><div class='entry'><h1>{STORY[0]}</h1>"
            f"{story}</div><h3>Comments</h3>{replies}</body></html>")


def test_a_thread_much_longer_than_the_story_goes_when_its_markup_names_it():
    page = stripper.strip(_html_page("comment", comments=12), mode="html")
    kept = [b.text for b in page.blocks if b.kept]
    assert STORY[2] in kept and STORY[5] in kept
    thread = [b for b in page.blocks if "the other libraries" in b.text]
    assert len(thread) == 12 and not any(b.kept for b in thread)
    # the pass itself, where a model kept every block the rules left: the markup opens the zone
    revised = heuristics.revise_comment_zone(model_decided(_html_page("comment", comments=12), "html", ruled=True),
                                           default_config().thresholds)
    thread = [b for b in revised.blocks if "the other libraries" in b.text]
    assert [b.decision.source for b in thread] == ["comment_zone"] * 12
    assert all(b.kept for b in revised.blocks if b.text in STORY[2:])


def test_a_long_thread_in_plain_markup_is_left_to_the_model():
    # no "comment" class, no signatures: the kept words before the heading are too few a share
    page = stripper.strip(_html_page("note", comments=12, signed=False), mode="html")
    assert not any(b.source == "comment_zone" for b in page.blocks)


def test_signatures_after_a_bare_heading_open_the_zone_in_plain_markup():
    page = stripper.strip(_html_page("note", comments=12, signed=True), mode="html")
    thread = [b for b in page.blocks if "the other libraries" in b.text]
    assert not any(b.kept for b in thread)
    assert sum(b.source == "comment_zone" for b in thread) >= 6


# sixteen comments, five times the story's words: the share test alone would not open the zone
LONG_THREAD = [
    f"I think {what} at {where} will matter more than anything else in this plan, and I hope the council keeps"
    " listening to the people who use the library every week, because we are the ones who pay for it."
    for what in ("the parking charges", "the reading room", "the children's corner", "the evening classes")
    for where in ("the town hall", "the old school", "the station", "the market square")]


def test_a_counted_heading_opens_the_zone_before_a_thread_far_longer_than_the_story():
    lines = STORY + ["16 Responses to “Library hours to grow on weekends”"] + LONG_THREAD
    reasons = {b.text: (b.kept, b.source) for b in stripper.strip("\n".join(lines), mode="text").blocks}
    assert reasons[STORY[2]][0] and reasons[STORY[5]][0]
    assert all(reasons[line] == (False, "comment_zone") for line in LONG_THREAD)


def test_a_bare_comments_line_before_a_long_thread_is_not_enough():
    # "Comments" alone is also the toolbar link under a headline: the share test still applies
    lines = STORY + ["Comments"] + LONG_THREAD
    assert not any(b.source == "comment_zone" for b in stripper.strip("\n".join(lines), mode="text").blocks)



def test_a_number_in_the_posts_title_is_not_a_second_count():
    # "16 Responses to “... 1,400 ...”" and "16 Comments": one thread of 16, not two threads
    lines = STORY + ["16 Comments", "16 Responses to “Library hours for 1,400 students”"] + LONG_THREAD
    blocks = stripper.strip("\n".join(lines), mode="text").blocks
    assert all(b.source == "comment_zone" for b in blocks if b.text in LONG_THREAD)


SIGNED_THREAD = [
    "Progress Trap said,",
    "I have waited years for weekend opening and I am glad that the council finally listened to us.",
    "Jacob said,",
    "Same here, although I wonder who will pay for the extra staff in the long run.",
    "http://twitter.com/danamac Dana McMahan",
    "The parking money will not be enough, and everybody at the meeting knew it.",
]


def _zone_pass(lines: list[str], **scores: float):
    """revise_comment_zone alone, where a model kept every block the rules left (or `scores` says)."""
    doc = model_decided("\n".join(lines), "text", ruled=True, scores=scores or None)
    return heuristics.revise_comment_zone(doc, default_config().thresholds)


def test_a_thread_of_signed_comments_without_a_heading_goes_from_its_first_signature():
    # a blog that prints no "Comments" heading, or prints it above the story ("99 COMMENTS")
    for lines in (STORY + SIGNED_THREAD, ["99 COMMENTS"] + STORY + SIGNED_THREAD):
        revised = _zone_pass(lines)
        kept = [b.text for b in revised.blocks if b.kept]
        assert all(line in kept for line in STORY[2:])
        assert not any(line in kept for line in SIGNED_THREAD)
        first = next(b for b in revised.blocks if b.text == SIGNED_THREAD[1])
        assert first.decision.source == "comment_zone" and "Progress Trap said," in first.decision.reason


@pytest.mark.parametrize("first, second", [
    ("TonyZ (6 days ago)", "Stig (5 days ago)"),
    ("by TaxJoke July 24, 2012 10:44 PM EDT", "by Luckyseven July 25, 2012 9:02 AM EDT"),
    ("Marta Lindqvist says: March 4, 2024 at 8:12 am", "Dev Patel says: March 4, 2024 at 9:40 am"),
])
def test_other_signature_shapes_open_the_thread_too(first, second):
    lines = STORY + [first, SIGNED_THREAD[1], second, SIGNED_THREAD[3]]
    revised = _zone_pass(lines)
    assert all(b.kept for b in revised.blocks if b.text in STORY[2:])
    assert not any(b.kept for b in revised.blocks if b.text in (SIGNED_THREAD[1], SIGNED_THREAD[3]))


def test_one_signature_alone_or_a_posts_own_footer_opens_nothing():
    # "Jacob said," once may introduce a quote; "Posted by Jon at 11:16 AM" (no colon) signs a post
    quote = STORY[:4] + ["Jacob said,", SIGNED_THREAD[1]] + STORY[4:]
    footers = STORY + ["Posted by Jon at 11:16 AM"] + STORY[2:4] + ["Posted by Jon at 9:02 AM"] + STORY[4:]
    for lines in (quote, footers):
        assert not any(b.decision.source == "comment_zone" for b in _zone_pass(lines).blocks)


def test_signatures_need_the_article_above_them():
    # a forum page: the first post is signed before any kept words; its replies are the thread
    lines = ["Anna wrote:", STORY[2], STORY[3], "Ben wrote:", STORY[4], "Cleo wrote:", STORY[5]]
    revised = _zone_pass(lines)
    assert all(next(b for b in revised.blocks if b.text == line).kept for line in STORY[2:4])
    assert not any(next(b for b in revised.blocks if b.text == line).kept for line in STORY[4:])


def test_a_signed_thread_above_a_later_heading_starts_at_its_signature():
    lines = STORY + SIGNED_THREAD + ["Leave a Reply"] + ["Name (required)"]
    revised = _zone_pass(lines)
    assert not next(b for b in revised.blocks if b.text == SIGNED_THREAD[1]).kept


def test_a_bare_heading_after_a_long_story_opens_the_zone_whatever_the_threads_length():
    # 250 kept words before "Comments are now closed for this story" are no toolbar above a headline,
    # though a thread of 64 comments makes them less than a fifth of the kept words
    long_story = STORY + [line.replace("council", "city board") for line in STORY[2:]] * 2
    lines = long_story + ["Comments are now closed for this story"] + LONG_THREAD * 4
    revised = _zone_pass(lines)
    kept_story = sum(len(b.text.split()) for b in revised.blocks[:len(long_story)] if b.kept)
    assert 250 <= kept_story < 0.2 * sum(len(line.split()) for line in lines)
    assert all(b.decision.source == "comment_zone" for b in revised.blocks if b.text in LONG_THREAD)
    assert all(b.kept for b in revised.blocks if b.text in STORY[2:])
