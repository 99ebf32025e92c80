"""Representative packaged rules fire through `stripper.strip` on small literal pages, and
article prose that merely mentions "subscribe", "share" or "comments" is left alone."""
from __future__ import annotations

import pytest

from stripper import strip

PROSE = [
    "The city council voted on Tuesday to expand the northern tram line by six stops, a plan that "
    "had been debated for more than a decade and that residents of the outer districts had long demanded.",
    "Officials said construction would begin next spring and that the first trams could run by 2027, "
    "although the budget still has to be approved by the regional government in the autumn session.",
    "Critics of the project argued that the money would be better spent on buses, which they said could "
    "reach more neighbourhoods at a fraction of the cost and with far less disruption to traffic.",
]
# Prose that uses the rules' trigger words; no rule may touch these lines.
MENTIONS = [
    "Readers who subscribe to the council's newsletter were told about the vote a day before the "
    "official announcement, which angered several opposition members who learned of it from the press.",
    "Residents share the cost of the new stops with the city, and many said they would share their "
    "views at the public consultation, where comments will be collected until the end of the month.",
]


def _text_page(*chrome: str) -> str:
    lines = ["Tram line to be extended", "", *chrome[:2], "", PROSE[0], "", MENTIONS[0], "", PROSE[1], "",
             MENTIONS[1], "", PROSE[2], "", *chrome[2:]]
    return "\n".join(lines) + "\n"


def _block(result, text: str):
    found = [b for b in result.blocks if b.text == text]
    assert found, f"no block {text!r}"
    return found[0]


def _assert_rule_dropped(result, text: str, rule_prefix: str) -> None:
    block = _block(result, text)
    assert not block.kept, f"{text!r} kept"
    assert block.stage == "rules", f"{text!r} decided by {block.source} ({block.stage})"
    assert block.source.startswith(rule_prefix), f"{text!r} dropped by {block.source}, not {rule_prefix}*"
    assert block.reason
    assert text not in result.text.splitlines()


def _assert_prose_untouched(result) -> None:
    for line in PROSE + MENTIONS:
        block = _block(result, line)
        assert block.stage != "rules", f"a rule ({block.source}) decided prose {line[:40]!r}"
        assert not any(h["stage"] == "rules" for h in block.history), f"a rule once decided {line[:40]!r}"


CHROME_TEXT = [
    ("Share this article", "share."),
    ("Tweet", "share."),
    ("Send in e-mailSend in e-mail", "share."),
    ("Photo: AP", "captions."),
    ("(AP Photo/Charlie Riedel)", "captions."),
    ("Subscribe today and save 40%", "subscription."),
    ("Already signed up? LOG IN", "subscription."),
    ("Déjà abonné ? Se connecter", "subscription.", "fr"),
    ("Jetzt abonnieren", "subscription.", "de"),
    ("Sign up for our daily newsletter", "newsletter."),
    ("Click the alert icon to follow topics:", "notices."),
    ("Advertisement", "notices."),
    ("Anzeige", "notices."),
    ("Automatic approval of subscriber comments.", "comments."),
    ("Leave a comment", "comments."),
    ("12 Comments", "comments."),
    ("Kommentare", "comments.", "de"),
    ("Related articles", "related."),
    ("Lesen Sie auch", "related.", "de"),
    ("Читайте также", "related.", "ru"),
    ("相关文章", "related.", "zh"),
    ("Skip to main content", "navigation."),
    ("Home » News » World", "navigation."),
    ("© 2024 Example Media Ltd. All rights reserved.", "navigation."),
    ("Terms of use | Privacy policy", "navigation."),
]


CHROME_TEXT = [c if len(c) == 3 else (*c, "en") for c in CHROME_TEXT]


@pytest.mark.parametrize("chrome,prefix,lang", CHROME_TEXT, ids=[c[0] for c in CHROME_TEXT])
def test_text_rule_drops_chrome_line_and_spares_prose(chrome, prefix, lang):
    """Phrases in another language fire on pages in that language (here given, not detected)."""
    result = strip(_text_page(chrome, "Back to top", "Share"), mode="text", lang=lang, use_model=False)
    _assert_rule_dropped(result, chrome, prefix)
    _assert_rule_dropped(result, "Back to top", "navigation.")
    _assert_prose_untouched(result)


def test_same_text_rules_fire_in_html_mode():
    html = ("<html><body><h1>Tram line to be extended</h1><p>Share this article</p>"
            + "".join(f"<p>{p}</p>" for p in (PROSE[0], MENTIONS[0], PROSE[1], MENTIONS[1], PROSE[2]))
            + "<div>Subscribe today and save 40%</div><div>Already signed up? LOG IN</div></body></html>")
    result = strip(html, mode="html", use_model=False)
    _assert_rule_dropped(result, "Share this article", "share.")
    _assert_rule_dropped(result, "Subscribe today and save 40%", "subscription.")
    _assert_rule_dropped(result, "Already signed up? LOG IN", "subscription.")
    _assert_prose_untouched(result)


def _html_page(extra: str) -> str:
    article = "".join(f"<p>{p}</p>" for p in (PROSE[0], MENTIONS[0], PROSE[1], MENTIONS[1], PROSE[2]))
    return f"<html><body><article><h1>Tram line to be extended</h1>{article}</article>{extra}</body></html>"


MARKUP = [
    ('<nav><ul><li><a href="/">World news today</a></li></ul></nav>', "World news today", "navigation.nav-tag"),
    ('<div class="share-tools"><span>Spread it around please</span></div>', "Spread it around please",
     "navigation.share-tokens"),
    ('<div id="comments"><p>What a great story this is, thanks a lot!</p></div>',
     "What a great story this is, thanks a lot!", "navigation.comments-tokens"),
    ('<div class="breadcrumb">Front page / City / Transport</div>', "Front page / City / Transport",
     "navigation.menu-tokens"),
    ('<div class="ad-slot">Buy cheap flights to Lisbon now</div>', "Buy cheap flights to Lisbon now",
     "navigation.ad-tokens"),
    ('<div class="cookie-banner">This site stores small files on your device.</div>',
     "This site stores small files on your device.", "navigation.cookie-tokens"),
    # the same widgets named in the site's language
    ('<div class="condividi">Facebook WhatsApp Telegram Email</div>', "Facebook WhatsApp Telegram Email",
     "navigation.share-tokens"),
    ('<section id="kommentare"><p>Endlich tut sich etwas an der Haltestelle!</p></section>',
     "Endlich tut sich etwas an der Haltestelle!", "navigation.comments-tokens"),
    ('<div class="noticias-relacionadas"><a href="/x">El metro amplía su horario</a></div>',
     "El metro amplía su horario", "navigation.related-tokens"),
    ('<div class="advertentie">Nu 20% korting op fietsen</div>', "Nu 20% korting op fietsen",
     "navigation.ad-tokens"),
]


@pytest.mark.parametrize("extra,text,rule_id", MARKUP, ids=[m[2] for m in MARKUP])
def test_markup_rule_drops_chrome_element(extra, text, rule_id):
    result = strip(_html_page(extra), mode="html", use_model=False)
    block = _block(result, text)
    assert not block.kept and block.stage == "rules" and block.source == rule_id
    _assert_prose_untouched(result)


def test_markup_rule_on_page_wrapper_is_skipped():
    """`<body class="comments-open">` would drop the whole article: the rule steps aside."""
    html = _html_page("").replace("<body>", '<body class="comments-open">')
    result = strip(html, mode="html", use_model=False)
    assert not any(b.source == "navigation.comments-tokens" for b in result.blocks)
    _assert_prose_untouched(result)


def test_site_rule_needs_its_domain():
    page = _text_page("Prime Minister Netanyahu at the cabinet meeting, Sunday. Credit: Emil Salman")
    caption = "Prime Minister Netanyahu at the cabinet meeting, Sunday. Credit: Emil Salman"
    on_site = strip(page, mode="text", url="https://www.haaretz.com/israel-news/1.2345", use_model=False)
    _assert_rule_dropped(on_site, caption, "site.haaretz.com.")
    elsewhere = strip(page, mode="text", url="https://example.org/news/1", use_model=False)
    assert _block(elsewhere, caption).source != "site.haaretz.com.caption-credit"


def test_site_rule_wins_over_common_rule():
    page = _text_page("Automatic approval of subscriber comments.")
    result = strip(page, mode="text", url="https://haaretz.com/a", use_model=False)
    assert _block(result, "Automatic approval of subscriber comments.").source == "site.haaretz.com.comment-notice"


@pytest.mark.parametrize("line", [
    "Subscribe today and save 40% on your energy bill, the advert promised, but the small print said otherwise.",
    "Share prices fell sharply on Monday after the company warned of lower profits for the third quarter.",
    "Comments made by the minister on Friday were condemned by opposition parties and by union leaders alike.",
    "Related articles in the same journal had reached the opposite conclusion only two years earlier.",
    "Photo: the archive holds more than ten thousand images of the harbour taken between 1890 and 1950, "
    "and historians say it is the largest collection of its kind in the country.",
])
def test_prose_starting_with_a_trigger_phrase_is_not_a_rule_match(line):
    result = strip(_text_page(line), mode="text", use_model=False)
    assert _block(result, line).stage != "rules"


def test_phrase_rules_of_another_language_stay_silent():
    """A German phrase rule does not fire on an English page: rule languages follow the page's."""
    result = strip(_text_page("Lesen Sie auch"), mode="text", use_model=False)
    block = next(b for b in result.blocks if b.text == "Lesen Sie auch")
    assert not block.source.startswith("related.")


def test_wrapper_tokens_of_the_article_container_do_not_drop_the_article():
    """A blog template wraps the post in class="share-wrap": the share rule must not take the post,
    even when the sidebar holds more prose than the post (so no page-wide guard saves it), while a
    real share widget inside the post is still dropped."""
    post = "".join(f"<p>{p}</p>" for p in (PROSE[0], PROSE[1]))
    widgets = "".join(f"<div class=\"widget\"><p>{p}</p></div>" for p in (PROSE[2], MENTIONS[0], MENTIONS[1]))
    html = (f'<html><body><div class="share-wrap"><div class="post">{post}'
            f'<div class="sharing"><span>Tweet this now</span></div></div></div>'
            f'<div class="sidebar">{widgets}</div></body></html>')
    result = strip(html, mode="html", use_model=False)
    for paragraph in (PROSE[0], PROSE[1]):
        block = next(b for b in result.blocks if b.text == paragraph)
        assert not block.source.startswith("navigation."), block
    tweet = next(b for b in result.blocks if b.text == "Tweet this now")
    assert not tweet.kept


def test_a_wrapper_token_is_judged_by_all_the_prose_it_would_take():
    """dragnet R403 wraps its whole body in `div.container.menu`. The menu rule, spared inside
    the teaser list (the detected main container), would still have dropped the article beside
    it as navigation: the wrapper must be judged by everything it would take."""
    from conftest import shared_dir

    page = shared_dir() / "corpora" / "dragnet" / "R403.html"
    result = strip(page.read_bytes(), mode="html")
    assert "This is a fun activity that I put together to review basic Trick-or-Treating Safety Rules." in result.text
    dropped_as_menu = [b for b in result.blocks if b.source == "navigation.menu-tokens" and "Halloween Safety" in b.text]
    assert dropped_as_menu == []



def test_a_token_on_every_block_names_the_page_not_a_block():
    """dragnet R342 (Drupal) puts its layout on <body class="one-sidebar sidebar-right">, so
    every block carries "sidebar": the sidebar rule must not take the story."""
    from conftest import shared_dir

    page = shared_dir() / "corpora" / "dragnet" / "R342.html"
    result = strip(page.read_bytes(), mode="html")
    story = [b for b in result.blocks if b.text.startswith(("Hmmmmm. HTC and Verizon", "Set your alarms"))]
    assert len(story) == 2
    assert all(b.source != "navigation.sidebar-tokens" for b in story), story


def test_a_lead_opening_with_a_dateline_stays_under_the_chrome_above_it():
    # a Chinese news page flattened: headline, source line, font-size control, share row,
    # then the lead, which opens with the paper's dateline formula
    lead = ("本报讯（记者 陈晓）10月14日上午，随着城南街道桂花苑小区3栋2单元的电梯正式投入使用，"
            "青澜县今年计划加装的32部电梯中已有12部运行。")
    body = ["青澜县城区共有2000年以前建成的老旧小区120余个，其中多数为六层以下无电梯住宅，老年居民上下楼十分不便。"
            "县住建局从今年初开始逐个小区征求意见，已有32个小区的业主同意加装电梯。"] * 2
    page = "\n".join(["青澜县32个老旧小区今年加装电梯", "来源：青澜日报 发布时间：2024-10-15 08:32",
                      "字号：大 中 小", "分享到：微信 微博 QQ空间", lead, *body]) + "\n"
    block = _block(strip(page, mode="text"), lead)
    assert block.kept and block.source == "datelines.cjk-lead"


def test_a_teaser_of_another_story_with_a_dateline_is_left_to_the_model():
    teaser = ("ZURICH, Oct 31 (Reuters) - The world governing soccer body FIFA will confirm next week "
              "whether all six … Full Story »")
    result = strip(_text_page("Share this article", "Tweet", "More news", teaser), mode="text")
    assert _block(result, teaser).source != "datelines.agency-lead"
    lead = ("NEW YORK (Reuters) - The Portland Trail Blazers rolled to their 13th consecutive victory "
            "on Sunday with a crushing 97-72 win over the Philadelphia 76ers.")
    assert _block(strip(_text_page("Share this article", "Tweet", lead), mode="text"), lead).source == "datelines.agency-lead"


def test_a_block_spared_from_its_wrappers_class_rule_still_meets_the_text_rules():
    # the whole page sits in a "sidebar" wrapper (a blog theme's layout), so the
    # sidebar-token rule is spared on every block; the share prompt is still a share prompt
    paragraphs = "".join(f"<p>{p}</p>" for p in PROSE)
    page = (f'<html><head><title>Tram line to be extended</title></head><body><div class="sidebar-right">'
            f"<h1>Tram line to be extended</h1>{paragraphs}<p>Share this article</p></div></body></html>")
    result = strip(page, mode="html")
    _assert_rule_dropped(result, "Share this article", "share.")
    for line in PROSE:
        assert _block(result, line).kept


@pytest.mark.parametrize("doc_id, chrome", [
    ("pl-news-01", {
        "Szanujemy Twoją prywatność.": "notices.cookies", "Zaloguj się Kup prenumeratę": "subscription.",
        "Marta Kowalczyk 12 marca 2024": "bylines.reading-time", "Udostępnij Facebook": "share.",
        "Ulica Szeroka w Toruniu.": "captions.", "Czytaj także:": "related.", "Reklama": "notices.advertisement",
        "Tagi:": "navigation.tags", "Zapisz się do naszego newslettera": "newsletter.",
        "Komentarze (12)": "comments.thread-start", "Odpowiedz": "comments.", "Najczęściej czytane": "related.",
        "© 2024 Gazeta Nadwiślańska": "navigation.copyright"}),
    ("ko-news-01", {
        "로그인": "subscription.", "김서연 기자 입력": "bylines.", "공유하기 페이스북": "share.", "글씨 크게": "notices.",
        "남대천 하구 생태공원 조감도.": "captions.", "광고": "notices.advertisement", "김서연 기자 seoyeon": "bylines.",
        "저작권자 ©": "navigation.copyright", "댓글 3": "comments.thread-start", "댓글 더보기": "comments."}),
    ("tr-news-01", {
        "Sitemizde deneyiminizi": "notices.cookies", "Giriş Yap Üye Ol": "subscription.", "Elif Yıldırım": "bylines.",
        "Paylaş Facebook": "share.", "Porsuk Çayı kıyısındaki": "captions.", "İlgili Haber:": "related.",
        "Reklam": "notices.advertisement", "Etiketler:": "navigation.tags", "Günün önemli haberleri": "newsletter.",
        "Yorumlar (4)": "comments.thread-start", "Yanıtla": "comments.", "En Çok Okunanlar": "related.",
        "© 2024 Anadolu Postası": "navigation.copyright"}),
    ("uk-news-01", {
        "Ми використовуємо файли cookie": "notices.cookies", "Увійти Реєстрація": "subscription.",
        "Поділитися Facebook": "share.", "Відновлений пішохідний міст.": "captions.", "Читайте також:": "related.",
        "Реклама": "notices.advertisement", "Підписуйтеся на наш": "subscription.", "Коментарі (2)": "comments.thread-start",
        "Відповісти": "comments.", "Найпопулярніше": "related.", "© 2024 «Подільський вісник»": "navigation.copyright"}),
    ("sv-news-01", {
        "Vi använder kakor": "notices.cookies", "Logga in Prenumerera": "subscription.", "Anna Lindqvist Publicerad": "bylines.",
        "Dela Facebook": "share.", "Arbetet med cykelbanan": "captions.", "Läs också:": "related.",
        "Annons": "notices.advertisement", "Ämnen:": "navigation.tags", "Få de viktigaste nyheterna": "newsletter.",
        "Kommentarer (3)": "comments.thread-start", "Svara": "comments.", "Mest läst": "related.",
        "© 2024 Upplandsbladet": "navigation.copyright"}),
    ("cs-news-01", {
        "Tento web používá soubory cookies": "notices.cookies", "Přihlásit se Předplatné": "subscription.",
        "Jana Dvořáková Publikováno": "bylines.", "Sdílet Facebook": "share.", "Dolní náměstí v Olomouci": "captions.",
        "Čtěte také:": "related.", "Reklama": "notices.advertisement", "Štítky:": "navigation.tags",
        "Přihlaste se k odběru": "newsletter.", "Diskuse (5)": "comments.thread-start", "Odpovědět": "comments.",
        "Nejčtenější": "related.", "© 2024 Hanácký deník": "navigation.copyright"}),
    ("fi-news-01", {
        "Käytämme evästeitä": "notices.cookies", "Kirjaudu Tilaa": "subscription.", "Mikko Virtanen Julkaistu": "bylines.",
        "Jaa Facebook": "share.", "Ratikka Hämeenkadulla.": "captions.", "Lue myös:": "related.",
        "Mainos": "notices.advertisement", "Aiheet:": "navigation.tags", "Kommentit (7)": "comments.thread-start",
        "Vastaa": "comments.", "Luetuimmat": "related.", "© 2024 Pirkanmaan Sanomat": "navigation.copyright"}),
    ("da-news-01", {
        "Vi bruger cookies": "notices.cookies", "Log ind Bliv abonnent": "subscription.", "Mette Kristensen Publiceret": "bylines.",
        "Del Facebook": "share.", "Sådan skal den nye bro": "captions.", "Læs også:": "related.",
        "Annonce": "notices.advertisement", "Emner:": "navigation.tags", "Kommentarer (6)": "comments.thread-start",
        "Mest læste": "related.", "© 2024 Østjysk Tidende": "navigation.copyright"}),
    ("no-news-01", {
        "Vi bruker informasjonskapsler": "notices.cookies", "Ingrid Solberg Publisert": "bylines.",
        "Del Facebook": "share.", "Testkjøring gjennom": "captions.", "Les også:": "related.",
        "Annonse": "notices.advertisement", "Emner:": "navigation.tags", "Kommentarer (9)": "comments.thread-start",
        "Mest lest": "related.", "© 2024 Vestlandsposten": "navigation.copyright"}),
    ("pt-news-02", {
        "Utilizamos cookies": "notices.cookies", "Assine Entrar": "subscription.", "Por Mariana Albuquerque": "bylines.by-outlet",
        "21/05/2024 às 18h42": "bylines.numeric-date-time", "Compartilhe: Facebook": "share.runs-other",
        "Leia mais:": "related.", "Publicidade": "notices.advertisement", "Continua após a publicidade": "notices.continues-other",
        "Projeto da estação": "captions.", "📲 Receba as notícias": "newsletter.messenger-channel",
        "Participar do canal": "newsletter.messenger-channel", "Veja também": "related.", "Mais lidas": "related."}),
    ("it-news-02", {
        "Questo sito utilizza cookie": "notices.cookies", "di Giulia Ferraresi": "bylines.name-only-other",
        "12 maggio 2024 | Ultimo aggiornamento": "bylines.updated-it", "Ascolta l'articolo": "share.article-tools-other",
        "Condividi Salva": "share.runs-other", "Leggi anche:": "related.", "Riproduzione riservata": "navigation.copyright",
        "Iscriviti alla newsletter": "newsletter.", "Potrebbe interessarti": "related."}),
])
def test_chrome_of_pages_in_newly_covered_languages_meets_its_rules_and_the_body_stays(doc_id, chrome):
    _assert_page_chrome_and_body(doc_id, chrome, lost_allowed=1 if doc_id == "fi-news-01" else 0)


@pytest.mark.parametrize("doc_id, chrome", [
    ("de-review-01", {
        "Dieser Artikel enthält Affiliate-Links": "notices.affiliate-disclosure-other",
        "Testnote 1,8 gut": "notices.review-score-other", "ab 139,00 €": "notices.price-widget-other",
        "Preis prüfen bei Amazon": "notices.price-widget-other", "*Affiliate-Link.": "notices.affiliate-disclosure-other",
        "Artikel teilen:": "share.", "Das könnte Sie auch interessieren": "related."}),
])
def test_a_german_product_tests_furniture_meets_its_rules(doc_id, chrome):
    # in text mode the model drops the pros, cons and verdict after the price box (0.04 to 0.09):
    # only the chrome is checked here; corpus/README lists the page as a weak one
    _assert_page_chrome_and_body(doc_id, chrome, lost_allowed=None)


def _assert_page_chrome_and_body(doc_id: str, chrome: dict[str, str], lost_allowed: int | None) -> None:
    """Each chrome line (by its start) is dropped by a rule of its family; at most `lost_allowed`
    gold body lines are lost (None: the body is not checked). The pages' languages had stop
    words (pl, tr), were read as Russian (uk) or by their script (ko), but had no rule
    phrases until session 16; pt, it and de furniture came in session 17."""
    from pathlib import Path
    folder = Path(__file__).resolve().parent.parent / "corpus" / "handmade-text"
    result = strip((folder / f"{doc_id}.in.txt").read_bytes(), mode="text")
    for start, family in chrome.items():
        block = next(b for b in result.blocks if b.text.startswith(start))
        assert not block.kept and block.source.startswith(family), (start, block.source)
    body = [line for line in (folder / f"{doc_id}.gold.txt").read_text("utf-8").splitlines()[2:] if line]
    if lost_allowed is None:
        return
    kept = set(result.text.splitlines())
    lost = [line for line in body if line not in kept]
    # fi-news-01 loses its last paragraph after "Mainos" (the model: 0.12; too few Finnish stop
    # words for prose); its quote after the "Lue myös:" box stays since session 17
    assert len(lost) <= lost_allowed, lost


SMALL_PAGES = {
    # language: (headline, two paragraphs, share row, related heading, comment heading, ad label)
    "hu": ("Villamos épül a belvárosban",
           ["A városi közgyűlés kedden elfogadta az új villamosvonal építéséről szóló határozatot. A munkálatok "
            "jövő tavasszal kezdődnek, és várhatóan két évig tartanak.",
            "A polgármester szerint az új vonal a belváros forgalmát is csökkenti majd, mert sokan hagyják otthon "
            "az autójukat."], "Megosztás Facebook X", "Kapcsolódó cikkek", "Hozzászólások (3)", "Hirdetés"),
    "ro": ("Linie nouă de tramvai spre aeroport",
           ["Consiliul local a aprobat marți construcția unei noi linii de tramvai care va lega centrul orașului "
            "de aeroport. Lucrările vor începe la primăvară.",
            "Primarul a declarat că noua linie va reduce traficul din centrul orașului și va scurta drumul spre "
            "aeroport la douăzeci de minute."], "Distribuie Facebook WhatsApp", "Citește și:", "12 comentarii",
           "Publicitate"),
    "id": ("Jalur trem baru menuju bandara",
           ["Pemerintah kota mengumumkan pembangunan jalur trem baru yang akan menghubungkan pusat kota dengan "
            "bandara. Proyek ini ditargetkan selesai pada tahun 2026.",
            "Wali kota mengatakan bahwa jalur baru ini akan mengurangi kemacetan di pusat kota secara signifikan "
            "dan mempersingkat waktu perjalanan."], "Bagikan Facebook Twitter WhatsApp", "Baca juga", "Komentar",
           "Iklan"),
    "el": ("Νέα γραμμή τραμ προς το αεροδρόμιο",
           ["Το δημοτικό συμβούλιο ενέκρινε την Τρίτη την κατασκευή νέας γραμμής τραμ που θα συνδέει το κέντρο "
            "με το αεροδρόμιο. Οι εργασίες θα ξεκινήσουν την άνοιξη.",
            "Ο δήμαρχος δήλωσε ότι η νέα γραμμή θα μειώσει την κίνηση στο κέντρο και ότι το ταξίδι θα διαρκεί "
            "είκοσι λεπτά."], "Κοινοποίηση Facebook X", "Διαβάστε επίσης", "Σχόλια", "Διαφήμιση"),
    "vi": ("Tuyến xe điện mới nối trung tâm với sân bay",
           ["Thành phố vừa công bố kế hoạch xây dựng tuyến xe điện mới nối trung tâm với sân bay. Dự án dự kiến "
            "hoàn thành vào năm 2026.",
            "Ông thị trưởng cho biết tuyến mới sẽ giúp giảm ùn tắc giao thông ở trung tâm thành phố và rút ngắn "
            "thời gian đi lại."], "Chia sẻ Facebook Zalo", "Tin liên quan", "5 bình luận", "Quảng cáo"),
}


@pytest.mark.parametrize("lang", sorted(SMALL_PAGES))
def test_languages_read_by_their_stop_words_meet_their_own_rule_phrases(lang):
    # until session 16 Hungarian and Romanian pages were read as English (by "a", "de", "is" ...)
    # and Indonesian, Greek and Vietnamese ones as of no language; none had rule phrases
    headline, (first, second), share, related, comments, ad = SMALL_PAGES[lang]
    page = "\n\n".join([headline, first, share, ad, related, second, comments]) + "\n"
    result = strip(page, mode="text")
    assert result.lang == lang
    for text, family in ((share, "share."), (related, "related."), (comments, "comments.thread-start"),
                         (ad, "notices.advertisement")):
        _assert_rule_dropped(result, text, family)
    assert _block(result, first).kept


def test_a_layout_wrapper_token_spares_the_article_header_but_not_the_aside_inside_it():
    """Blind page nl-review-01: `div.layout.layout--sidebar` holds the review's header, its pros
    and cons, its body and the `aside.sidebar` alike. The header and the pros and cons lie outside
    the article container, and the sidebar rule took them; a token that only names elements which
    hold the container too is a wrapper's, while the aside's own "sidebar" still drops the aside."""
    from pathlib import Path

    page = Path(__file__).resolve().parent.parent / "corpus" / "handmade-html" / "nl-review-01.html"
    result = strip(page.read_bytes(), mode="html")
    by_text = {b.text: b for b in result.blocks}
    headline = "Kovalt Stratos 7 review: sterke zuiger met een accu die je moet leren kennen"
    for text in (headline, "Pluspunten", "Minpunten", "Geen muurbeugel met laadpunt meegeleverd"):
        assert by_text[text].source != "navigation.sidebar-tokens", text
    assert by_text[headline].kept and result.title == headline
    aside = [b for b in result.blocks if ">aside.sidebar>" in b.path]
    assert aside and all(b.source == "navigation.sidebar-tokens" and not b.kept for b in aside)
