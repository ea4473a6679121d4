"""Word lists and character tables used by the artifact rules, compiled once at import.

Closed-class lists are small and hand-kept on purpose: they decide grammar (what may follow a
country name, what counts as a bare verb), where a frequency lexicon alone cannot. Open-class
questions (is this token an English word?) go to ``wordfreq``.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import wordfreq
from wordfreq import zipf_frequency

# wordfreq remembers every (word, language) it is asked about, up to 100,000 pairs (about 20 MiB
# at ~200 bytes a pair, bench/bench_soak.py --caches), and then forgets them all at once: a server
# fed new words grows by that much before the drop. The engine's own bounded caches (``zipf``
# below, ``language._known``) stand in front of it and keep the recurring words, so wordfreq's
# memory is held to a few MiB.
WORDFREQ_CACHE = 16384
wordfreq.CACHE_SIZE = min(wordfreq.CACHE_SIZE, WORDFREQ_CACHE)

# -- closed-class English words ---------------------------------------------------------------
# Prepositions (without "of": "the Russia of the 1990s" is good English).
PREPOSITIONS = frozenset("""
about above across after against along amid among around as at before behind below beneath beside
besides between beyond by despite down during except for from in inside into like near off on onto
out outside over past since through throughout till to toward towards under until up upon via with
within without
""".split())
CONJUNCTIONS = frozenset("and or but nor yet so because although though while whereas if unless".split())
# Auxiliaries, modals and the reporting verbs news text puts right after a subject.
VERBS = frozenset("""
is was are were be been being has have had having do does did will would shall should can could may
might must said says say told tells added adds noted notes stressed stresses announced announces
reported reports claimed claims confirmed confirms denied denies accused accuses warned warns
remains remained became becomes seems seemed continues continued wants wanted needs needed
""".split())
# Words that are never possessed nouns: a "Xs" token followed by one of these is not "X's".
FUNCTION_WORDS = PREPOSITIONS | CONJUNCTIONS | VERBS | frozenset("""
of the a an this that these those which who whom whose what where when why how not no it its he
she they we you i me him her them us our their his my your there here than then also only just even
""".split())
# Words after which a plural reading of "Xs" is likely ("the two Koreas", "both Congos").
PLURAL_CUES = frozenset("two three four five six several many both all these those some".split())
# Bare verbs that follow "let's" in news quotes; "lets" + one of these at a clause start is "let's".
BARE_VERBS = frozenset("""
be do go see make talk take get look try start keep work hope say ask move wait think give put
stop begin face use show build find turn bring remember consider imagine agree discuss act help
continue return focus pray celebrate welcome call not all
""".split())
# Verbs that introduce direct speech when they follow a quotation.
SPEECH_VERBS = frozenset("""
said says added adds noted notes stressed stresses told explained explains continued continues
emphasized emphasised stated states declared declares warned warns insisted insists remarked
concluded concludes recalled recalls asked asks replied replies wrote writes
""".split())
FIRST_SECOND_PERSON = frozenset("i we me us our ours my mine you your yours let's".split())
# Legitimate doubled words: never findings ("had had", "Bora Bora").
LEGIT_REPEATS = frozenset("""
had that is do bye ha no so now well there yeah bora walla pago sing tom dum mahi can chop knock
hush tut cha aye yes mm hmm
""".split())
# Doubled for emphasis: reported, not changed.
EMPHASIS_REPEATS = frozenset("very really many much more far long again over".split())
# Words that, doubled, are always a slip ("the the").
SLIP_REPEATS = FUNCTION_WORDS - LEGIT_REPEATS

# Heads a plural possessive usually owns in news text: "the two countries' defense ministries".
POSSESSED_HEADS = frozenset("""
leaders ministers ministries officials forces governments armies militaries presidents delegations
representatives citizens interests economies positions borders territories troops relations
defense defence foreign interior military armed security intelligence
""".split())
NUMBER_CUES = frozenset("two three four five six seven eight nine ten both several".split())

# Magnitudes and units after which "2,5" is a decimal number, never a list.
NUMBER_UNITS = frozenset("""
million millions billion billions trillion thousand thousands percent per % km kilometers
kilometres miles meters metres tons tonnes times degrees hectares rubles roubles dollars euros
hryvnias points kg kilograms liters litres barrels people troops years months days hours
""".split())
MONTHS = frozenset("""
january february march april may june july august september october november december jan feb
mar apr jun jul aug sep sept oct nov dec
""".split())

# Abbreviations after which a no-break space is deliberate typography, not a sentence gap.
ABBREVIATIONS = frozenset("""
mr mrs ms dr st gen lt col maj capt sgt adm gov sen rep prof no nos p pp vol fig art ch sec para
jr sr inc ltd co corp vs etc approx
""".split())

# WordPress and page-builder shortcodes seen in scraped news.
SHORTCODES = frozenset("""
caption wp_caption embed gallery video audio playlist youtube tweet twitter instagram facebook
soundcloud vimeo googlemaps contact-form contact-form-7 button quote pullquote blockquote dropcap
highlight related ad ads adsense column row toggle tabs tab accordion slider spoiler
""".split())
HTML_TAGS = (
    "p br strong b i em u s span div a h1 h2 h3 h4 h5 h6 ul ol li blockquote sup sub font small big "
    "center section article figure figcaption img hr table thead tbody tr td th iframe".split()
)
BLOCK_TAGS = frozenset("p br div li h1 h2 h3 h4 h5 h6 ul ol blockquote section article figure figcaption hr table tr td th".split())


@lru_cache(maxsize=16384)  # ~100 bytes an entry (bench/bench_soak.py --caches): at most ~1.6 MiB
def zipf(word: str) -> float:
    """English word frequency on the Zipf scale (0 = unknown, 7 = "the")."""
    return zipf_frequency(word, "en")


# -- homoglyphs -------------------------------------------------------------------------------
def _build_homoglyphs() -> dict[str, str]:
    """Cyrillic and Greek letters that look like one Latin letter, from Unicode's confusables.txt.

    The data come from ``confusable_homoglyphs`` (a packaged copy of Unicode TR39's
    confusables). Unicode maps capital I-like letters to lower-case ``l`` (their skeleton); in
    words we want the same case, so those become ``I`` and other case mismatches are dropped.
    """
    import json
    from pathlib import Path

    import confusable_homoglyphs

    raw = json.loads((Path(confusable_homoglyphs.__file__).parent / "confusables.json").read_text("utf-8"))
    table: dict[str, str] = {}
    for ch, glyphs in raw.items():
        if len(ch) != 1 or unicodedata.category(ch) not in ("Lu", "Ll"):
            continue
        name = unicodedata.name(ch, "")
        if not (name.startswith("CYRILLIC") or name.startswith("GREEK")):
            continue
        latin = [g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalpha()]
        if not latin:
            continue
        target = latin[0]
        if ch.isupper() and target == "l":
            target = "I"
        if ch.isupper() != target.isupper():
            continue
        table[ch] = target
    return table


HOMOGLYPHS = _build_homoglyphs()

# Lines that are only a website's interface (compared lower case, without a trailing colon or
# full stop), in the languages scraped pages leave them in.
UI_LINES = frozenset("""
skip to main content|skip to content|skip to navigation|jump to: navigation, search|jump to navigation
spread the love|must read|go to source|read more|read more »|continue reading|share this|share this article
share on facebook|share on twitter|share via email|click to share on twitter (opens in new window)
click to share on facebook (opens in new window)|like this|like loading...|loading...|related posts
related articles|related stories|you may also like|you might also like|more from this author|advertisement
advertisements|scroll to continue|advertisement - scroll to continue|sponsored content|leave a comment
leave a reply|cancel reply|post a comment|no comments|0 comments|show comments|view comments|comments
editor choice|editor's choice|editors' picks|page not found|back to top|scroll to top|listen to this article
watch video|photo gallery|print|pdf|email|tweet|subscribe|subscribe now|follow us|sign up for our newsletter
más información|leer más|ver más|ver mais|leia mais|saiba mais|źródło|czytaj więcej|czytaj także
поделиться|читать далее|читать также|читайте также|добавить комментарий|комментарии|подписаться
weiterlesen|mehr zum thema|lesen sie auch|teilen|kommentare|lire la suite|partager|en savoir plus
à lire aussi|devamını oku|paylaş|ilgili haberler|leggi anche|condividi|continua a leggere
notícias relacionadas|noticias relacionadas|artículos relacionados|похожие новости|другие новости
обычный вид|основной поток|go to source|source link
please enter your comment!|please enter your name here|you have entered an incorrect email address!
please enter your email address here|save my name, email, and website in this browser for the next time i comment
this slideshow requires javascript|click here to view the article|fbpx|latest news|last news today
oxumağa davam et|davamını oxu|ссылка на основную публикацию
""".replace("\n", "|").strip("|").split("|"))
# Section labels before a page's timestamp with its time zone: "Politics Materials 28 February
# 2023 13:26 (UTC +04:00)" (tried only on a line that names the zone).
ZONED_TIMESTAMP_LINE = re.compile(
    r"(?:[^\W\d_][\w&]*\s+){0,3}(?:\d{1,2}\s+[^\W\d_]+\s+\d{4}|[^\W\d_]+\s+\d{1,2},?\s+\d{4}|\d{1,2}[./]\d{1,2}[./]\d{4})"
    r",?\s+\d{1,2}:\d\d\s*\((?:UTC|GMT)\s*[-+−]\d{1,2}(?::?\d\d)?\)")
# A timestamp alone: "11 декабря 2025 в 18:14", "09/30/2025 10:15".
TIMESTAMP_LINE = (r"(?:\d{1,2}[ ./-](?:[^\W\d_]+|\d{1,2})[ ./-]\d{4}|\d{4}-\d\d-\d\d)[ ,]*(?:(?:в|at|um|à|a las)\s+)?"
                  r"\d{1,2}:\d\d(?::\d\d)?")
UI_LINE_PATTERNS = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"\(\d+ votes?, average [\d.]+ out of \d+\)",
    r"(?:you are on|sie sind auf|você está na|vous êtes sur la|está en la) (?:page|seite|página|pagina) ?\d+ ?(?:of|von|de|sur) \d+",
    r"(?:güncelleme tarihi|yayınlanma tarihi|опубликовано|обновлено|aktualisiert am|veröffentlicht am|mis à jour le|publicado el|atualizado em)\s*:?\s*[\d./:, -]{6,30}",
    r"\d+\s+(?:views|просмотр(?:ов|а)?|aufrufe|vues|visualizaciones)",
    TIMESTAMP_LINE,
    r"(?:logo|лого(?:тип)?)\s+[^\n]{1,40}",
    # a page's own date line: "Created 15 November 2018", "Last updated: 09/30/2025"
    r"(?:created|published|posted|updated|last updated|last modified)(?: on)?:?\s+"
    r"(?:\d{1,2}\s+[^\W\d_]+\s+\d{4}|[^\W\d_]+\s+\d{1,2},?\s+\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d\d-\d\d)",
    # one date twice, as a page's date widget writes it: "09/30/2025September 30, 2025"
    r"\d{1,2}/\d{1,2}/\d{4}[ \t]*[^\W\d_]{3,9}\.?[ \t]+\d{1,2},?[ \t]+\d{4}",
    # a page's comment link with its count: "Write comment (93 Comments)"
    r"(?:write|post|add|leave|read|view)(?: a)? comments?\s*\(\d+\s+comments?\)",
    # a related article's link with its headline: "Also Read - Apple Music could soon ...: Report"
    r"(?:also read|read also|related)\s*[-–—:|]\s*[^\n]{5,200}",
    # a plugin's credit line: "WordPress Image Lightbox Plugin"
    r"wordpress(?:\s+[\w-]+){1,4}\s+plugin",
    # a wiki's maintenance notice copied with its page: "Warning: Page using Template:Infobox ..."
    r"warning:\s+page using template:[^\n]{1,200}",
    # a page's link past a section, with the headline it points to: "Skip next section Court jails ..."
    r"skip (?:next|previous|to next) section\b[^\n]{0,200}",
    # the message of a page that is gone: "The content you requested does not exist or is not available anymore."
    r"(?:sorry,?\s+)?(?:the\s+)?(?:page|content|article|file)\s+you\s+(?:requested|are looking for|were looking for)\s+"
    r"(?:does not|doesn't|could not|cannot|can't|can not|no longer)\s+(?:exist|be found|exists)(?:\s+(?:or|and)\s+[^\n,.;]{1,50})?[.!]?",
))

# Words of a site's interface in other languages than English (as word beginnings, lower case).
# Nouns a comment box or a link to the source is labelled with stand in a longer line as well
# ("Τα σχόλια είναι κλειστά.", "Ссылка на основную публикацию"); news, publishing, updating,
# sharing and reading on are words of any text, and count only as a bare label ("Новости",
# "YAYINLAMA"). A short line of another language holding one, in an English text, is the site's
# widget left in the copy.
FOREIGN_UI_NOUNS = tuple("""
коммент комментар σχόλι yorum kommentar komentar commentaire comentario commenti
ссылк посилан публикац публікац
""".split())
FOREIGN_UI_STEMS = FOREIGN_UI_NOUNS + tuple("""
новост новини haberler nachrichten noticias notícias wiadomości bağlantı
опубликов yayınla yayinla veröffentlicht publicado δημοσιε
обновл оновлен güncelle aktualisiert actualizado
поделит поділит paylaş teilen compartir partager κοινοποι
читать devamı davam weiterlesen
""".split())
