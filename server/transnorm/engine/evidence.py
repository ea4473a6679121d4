"""Name decisions in one place: the evidence for reading a spelling as a glossary name, weighed into
a probability, and the contexts in which a name is never rewritten.

Both name checks (``names``: spellings the glossary lists; ``fuzzy``: spellings it does not) ask
this module the same question: how likely is it that this spelling, here, is the glossary entity
written in another spelling? The evidence is a set of facts (``FACTS``): what the string is (a
listed variant, a romanisation of the native form, the same skeleton, a close spelling), how the
word stands in English (a lower-case dictionary word, frequent), and what the document says
(a title or context word of the entry, the entity named elsewhere, a capitalised word after it).
Each fact carries a weight, the log-odds it adds, estimated from the development split of the
real-text corpus by ``bench/fit_names.py`` (a logistic model; the weights are in
``name_weights.json``). The sum with the prior, through the logistic function, is the finding's
confidence: of the findings at confidence p, about p are right on held-out text. The message lists
the facts that weighed most, in words.

Some contexts are not weighed but decided, because no amount of string evidence changes them
(``leave_reason``): a spelling quoted as a spelling (``also spelled "Hizballah"``,
``Tartus / Tartous``), a name that names a ship, class, company, institution, venue, dish or
product (``the Kiev-class``, ``Gaddafi Stadium``, ``chicken Kiev``), and a native-script gloss in
brackets beside its English name. Those are reported, never rewritten.
"""
from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from functools import lru_cache
from importlib import resources
from typing import Callable, Iterable

from .text import trie_pattern

# fact -> how an editor reads it
FACTS: dict[str, str] = {
    "listed": "the glossary lists this spelling",
    "listed_ambiguous": "the glossary lists this spelling, but it is also another name or word",
    "particle": "the glossary name with its particle spelled differently",
    "generated": "a standard romanisation of the native spelling",
    "skeleton": "the same transliteration skeleton as a glossary spelling",
    "close": "a close spelling (similarity 92 or more)",
    "far": "a loose spelling (similarity below 92)",
    "vowels": "the same consonants, other vowels, of a name from a script that writes no short vowels",
    "whole_name": "every word of the name is a close spelling of its counterpart",
    "multiword": "a name of two words or more",
    "dictionary": "an ordinary English word (lower case in the dictionary)",
    "frequent": "English writes this spelling often (Zipf 3 or more)",
    "seen": "English writes this spelling now and then (Zipf 2 to 3)",
    "popular_spelling": "a spelling of the name itself that English writes often (no dictionary word)",
    "title": "one of the entry's titles stands before it",
    "context": "one of the entry's context words is nearby",
    "named": "the document names the entity elsewhere",
    "related": "the document names another entity of the same region",
    "foreign_place": "a place elsewhere (a US state, county or province) is named nearby",
    "capital_follows": "a capitalised word follows (a given name before a surname?)",
    "capital_precedes": "a capitalised word that is no title stands before it (another person's given name?)",
    "sentence_start": "it starts a sentence",
    "single_person": "one word standing for a person",
    "short": "five skeleton letters or fewer (four letters for a listed spelling): many words share them",
    "short_person": "a short single name of a person: many people's names share it",
    "rival": "another glossary name fits as well",
    "quoted": "it stands alone in quotation marks, as a spelling often does",
    "person_clause": "it opens a sentence about a person ('..., who'), and the entry is no person",
    "before_birth": "the sentence is dated before the person was born (another person of the name?)",
}

_WEIGHTS_FILE = "name_weights.json"
SHORT_SKELETON = 5  # a skeleton of this many letters or fewer is "short"
APPLY_AT = 0.85  # a name rewrite is made (rule in apply mode) from this probability on; below, reported
ALIAS_CONFIDENCE = 0.05  # a spelling quoted as a spelling is almost never to be rewritten
# What the text says for an entity beyond the spelling: a single word found by likeness alone,
# or a spelling English also writes, needs one of them to be rewritten.
SUPPORT = frozenset({"title", "context", "named", "related"})
NEEDS_SUPPORT = frozenset({"close", "far", "popular_spelling"})
# What a loose likeness needs: the region, or the entity written right elsewhere, is not enough.
NEAR_SUPPORT = frozenset({"title", "context"})


def held_back(facts: Iterable[str]) -> str | None:
    """Why a spelling the weights would rewrite is only reported, in an editor's words, or None.

    Each is a case the dev split cannot weigh: its texts are about their entities, so a spelling
    alone looks surer there than it is; a word merely like a name ("Krajina", "Grainne"), or a
    name English writes for other things too ("Yisrael"), is as common as a respelling of it.
    """
    facts = frozenset(facts)
    single = "multiword" not in facts
    if "dictionary" in facts and not facts & {"title", "context"}:
        return "it is an ordinary English word and no title or context word of the entry is near"  # Damask
    if "person_clause" in facts:
        return FACTS["person_clause"]  # a place or group never opens "..., who"
    if "before_birth" in facts:
        return FACTS["before_birth"]  # "In December 1941, Timoshenko": the marshal, not Yulia Tymoshenko
    if "foreign_place" in facts:
        return "a place elsewhere (a US state, county or province) is named nearby"  # Odessa, Fla.
    if single and facts & {"seen", "frequent"}:
        # Sharia, Sahara, Chabad (Ashgabat), Bayreuth (Beirut); the cost: a place's own popular
        # spelling that is no skeleton of the house one (Transnistria) is only reported
        return "English writes this word for other things (Zipf 2 or more), and it is no spelling of the name's own"
    if single and "vowels" in facts and "single_person" in facts and not facts & NEAR_SUPPORT:
        return ("only its consonants and the region speak for it, and one word of a person's name is many people's "
                "(no title, context word or other mention of the entry)")  # Galeano is not Golani
    if single and "far" in facts and not facts & NEAR_SUPPORT:
        return ("a loose likeness and at most the region speak for it (no title, context word or other "
                "mention of the entry)")
    if single and facts & NEEDS_SUPPORT and not facts & SUPPORT:
        return "only the spelling speaks for it (no title, context word or other name of the entry or its region)"
    return None


@lru_cache(maxsize=1)
def weights() -> tuple[float, dict[str, float]]:
    """The prior (log-odds) and the weight of each fact, as fitted on the development split."""
    data = json.loads(resources.files("transnorm.engine").joinpath(_WEIGHTS_FILE).read_text(encoding="utf-8"))
    w = {k: float(v) for k, v in data["weights"].items()}
    unknown = set(w) - set(FACTS)
    if unknown:
        raise ValueError(f"{_WEIGHTS_FILE}: unknown facts {sorted(unknown)}")
    return float(data["prior"]), w


# What a finding on a listed spelling means, and its confidence where the development split has
# no figure (the glossary's documented contract): a plain listed variant, an ambiguous one a
# title or context word supports, one held back (ambiguous without support, or vetoed), a
# particle's case, a name in unusual case, a name in its native script, several entries' spelling.
LISTED_CONTRACT = {"listed": 0.99, "listed_supported": 0.9, "held": 0.5, "particle_case": 0.97, "case": 0.86,
                   "native": 0.95, "several": 0.4}


@lru_cache(maxsize=1)
def _listed() -> dict[str, float]:
    data = json.loads(resources.files("transnorm.engine").joinpath(_WEIGHTS_FILE).read_text(encoding="utf-8"))
    measured = {k: float(v) for k, v in data.get("listed", {}).items()}
    unknown = set(measured) - set(LISTED_CONTRACT)
    if unknown:
        raise ValueError(f"{_WEIGHTS_FILE}: unknown listed classes {sorted(unknown)}")
    return {**LISTED_CONTRACT, **measured}


def listed_confidence(kind: str) -> float:
    """The share of findings of this kind that were right on the development split."""
    return _listed()[kind]


def probability(facts: Iterable[str]) -> float:
    """The probability that the spelling is the glossary entity, given these facts."""
    prior, w = weights()
    z = prior + sum(w.get(f, 0.0) for f in set(facts))
    return 1.0 / (1.0 + math.exp(-z))


def explain(facts: Iterable[str], limit: int = 4) -> str:
    """The facts that weighed most, strongest first: ``for: ...; against: ...``."""
    _, w = weights()
    ranked = sorted(set(facts), key=lambda f: -abs(w.get(f, 0.0)))[:limit]
    pro = [FACTS[f] for f in ranked if w.get(f, 0.0) > 0]
    con = [FACTS[f] for f in ranked if w.get(f, 0.0) < 0]
    parts = []
    if pro:
        parts.append("for: " + "; ".join(pro))
    if con:
        parts.append("against: " + "; ".join(con))
    return " | ".join(parts)


def encode(facts: Iterable[str]) -> str:
    """The facts as a details value (sorted, comma-separated), read back by the fitting script."""
    return ",".join(sorted(set(facts)))


# -- how the word stands in English ----------------------------------------------------------

COMMON_ZIPF = 4.0  # "said", "base", "province": about 1 in 10,000 English words or more often
SENTENCE_START_ZIPF = 3.0  # at a sentence start even rarer words ("Turnovers") are capitalised


@lru_cache(maxsize=1)
def common_words() -> tuple[frozenset[str], frozenset[str]]:
    """English words at or above ``COMMON_ZIPF`` and ``SENTENCE_START_ZIPF``, from ``wordfreq``."""
    from wordfreq import top_n_list, zipf_frequency

    words = top_n_list("en", 60000)

    def cut(threshold: float) -> int:
        lo, hi = 0, len(words)
        while lo < hi:  # the list is sorted by frequency
            mid = (lo + hi) // 2
            if zipf_frequency(words[mid], "en") >= threshold:
                lo = mid + 1
            else:
                hi = mid
        return lo

    return frozenset(words[: cut(COMMON_ZIPF)]), frozenset(words[: cut(SENTENCE_START_ZIPF)])


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """Lower-case entries of Webster's Second International (public domain, via ``english-words``):
    words English uses as common nouns, verbs or adjectives. Proper nouns are capitalised there,
    so ``damask`` and ``palmyra`` (a palm) are in, ``Gaza`` and ``Qaddafi`` are not."""
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower())


def standing(word: str) -> set[str]:
    """Facts about a single word's standing in English: ``dictionary``, ``frequent``, ``seen``."""
    from .artifacts.data import zipf

    out = set()
    if " " in word or "-" in word:
        return out
    if word.lower() in _dictionary():
        out.add("dictionary")
    z = zipf(word)
    if z >= 3.0:
        out.add("frequent")
    elif z >= 2.0:
        out.add("seen")
    return out


# -- context facts -----------------------------------------------------------------------------

_US_STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|"
    "Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|"
    "Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|"
    "North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|"
    "Tennessee|Texas|Utah|Vermont|Virginia|West Virginia|Wisconsin|Wyoming|Ontario|Quebec|"
    "Alberta|Manitoba|Saskatchewan|Tasmania|Queensland"
)
# The state right after the name, as the post (``Odessa, FL``) or a newspaper (``Odessa, Fla.``)
# abbreviates it; codes that are also words or countries' codes (IN, OR, ME, GA) are left out.
_STATE_CODES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|HI|ID|IL|IA|KS|KY|LA|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|"
    "PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY"
)
_STATE_ABBREVIATIONS = (
    r"Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ill|Ind|Kan|Mass|Mich|Minn|Miss|Mont|Neb|Nev|Okla|Ore|Penn|"
    r"Tenn|Tex|Wash|Wis|Wyo"
)


def _foreign_place_pattern() -> str:
    r"""``\b(?:STATE)\b|\b[A-Z][a-z]+ County\b|\b[A-Z]{3,} COUNTY\b|\bU\.S\. state\b``, written so
    that the regex engine skips to capitals: one branch per capital, which looks back for the word
    boundary after it and tries the states of that letter as a prefix tree, then "X County" (also
    in capitals), then "U.S. state"."""
    states = _US_STATES.split("|")
    branches = []
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        rest = [s[1:] for s in states if s[0] == letter]
        tails = [rf"(?:{trie_pattern(rest)})\b"] if rest else []
        tails.append(r"[a-z]+ County\b")
        tails.append(r"[A-Z]{2,} COUNTY\b")
        if letter == "U":
            tails.append(r"\.S\. state\b")
        branches.append(rf"{letter}(?<!\w.)(?:{'|'.join(tails)})")
    return "(?:" + "|".join(branches) + ")"


_FOREIGN_PLACE = re.compile(_foreign_place_pattern())
# States whose names are also a country or a capital count only right after the name itself
# (Moscow, Georgia) or as "Washington State"; Tbilisi, Georgia and Moscow and Washington do not.
_SHARED_STATE_AFTER = re.compile(rf",\s+(?:(?:Georgia|Washington|New York)\b(?!\s+(?:Post|Times)\b)|(?:{_STATE_CODES})\b(?!\w)|"
                                 rf"(?:{_STATE_ABBREVIATIONS})\.)")
_SHARED_STATE = re.compile(r"\b(?:(?:Washington|New York)\s+State|state\s+of\s+(?:Georgia|Washington|New York))\b")


def foreign_place_positions(text: str, check: Callable[[], None] | None = None) -> list[tuple[int, int]]:
    """Spans of every place-elsewhere mention in ``text`` (``foreign_place``), in order: found in
    one pass, so a document with many names is not searched around each one. ``check`` (a
    document's ``check_deadline``) is called before each of the two searches."""
    spans = []
    for pattern in (_FOREIGN_PLACE, _SHARED_STATE):
        if check is not None:
            check()
        spans += [m.span() for m in pattern.finditer(text)]
    return sorted(spans)


def foreign_place(text: str, start: int, end: int, window: int = 200,
                  places: list[tuple[int, int]] | None = None) -> bool:
    """A US state, a Canadian or Australian province, or an ``X County`` near the name: the
    spelling probably names a place elsewhere (Odessa, Texas; Sebastopol, California).
    ``places``: the document's ``foreign_place_positions``, when already known."""
    lo, hi = max(0, start - window), min(len(text), end + window)
    if _SHARED_STATE_AFTER.match(text, end) is not None:
        return True
    if places is None:
        return _FOREIGN_PLACE.search(text, lo, hi) is not None or (
            text.find("tate", lo, hi) >= 0 and _SHARED_STATE.search(text, lo, hi) is not None)  # State, state
    i = bisect_left(places, (lo, -1))
    # A mention counts when it lies wholly inside the window, as a search of the window finds it.
    while i < len(places) and places[i][0] < hi:
        if places[i][1] <= hi:
            return True
        i += 1
    return False


# -- contexts in which a name is never rewritten -----------------------------------------------

_QUOTES = "\"'“”‘’«»„"
# Words that announce a spelling or an alias: "also spelled", "transliterated", "a.k.a.".
_ALIAS_TRIGGER = re.compile(
    r"(?:\b(?:spell(?:ed|t|ing|ings|s\s+it)?|written|writes?|transliterat\w*|transcribed|romani[sz]\w*|rendered|"
    r"known(?:\s+[\w-]+){0,6}?\s+as|(?:(?:also|sometimes|often|locally|formerly|once|previously)\s+|so-)called|a\.?k\.?a\.?|ala-lc|iso\s*9|bgn/pcgn|formerly|alias|styles\s+it|goes\s+with|favou?rs?|"
    r"prefers?|chose|derived\s+from)"
    rf"(?:\s+(?:as|or|also|of|in\s+English))?|\((?:also|or|aka|a\.k\.a\.|alternatively)|\bor\s+(?=[{_QUOTES}]))"
    rf"[\s:,{_QUOTES}]*$",
    re.IGNORECASE,
)
# What may stand between two spellings of one name in an alias list.
_ALIAS_GAP = re.compile(
    rf"[\s,;/=()\[\]{_QUOTES}:?|-]*(?:(?:or|and|also|aka|a\.k\.a\.|also\s+known\s+as|alternatively|etc\.?|"
    rf"instead\s+of|rather\s+than|not|vs\.?|versus|\(\w{{1,15}}\))[\s,;/=()\[\]{_QUOTES}:.?|-]*)*$",
    re.IGNORECASE,
)  # a bracketed word between two spellings is one more spelling: "Qum (Kum) (Ghom)"
# A name used as the modifier of a thing it names: a ship class, a dish, a venue.
_SHIP = (r"(?:cruiser|carrier|frigate|destroyer|warship|submarine|icebreaker|corvette|tanker|flagship|yacht|liner|"
         r"ferry|ship|vessel|boat)s?")  # "artillery boats «Berdyansk», «Nikopol»"
_HEAD_LOWER = rf"(?:class|{_SHIP}|tobacco|mixture|cutlet|cake|torte|brand)"
_HEAD_CAPITAL = (
    r"(?:Stadium|Airport|University|Hospital|Group|Company|Corporation|Corp\.?|Inc\.?|Ltd\.?|"
    r"Foundation|Institute|Centre|Center|Ballet|Opera|Theatre|Theater|Museum|Library|Street|Avenue|Road|"
    r"Boulevard|Square|Bridge|Prize|Award|Medal|Cup|Trophy|Hotel|Mall|Academy|School|College|Conservatory|"
    r"Orchestra|Philharmonic|Symphony|Club|FC|Mosque|Park|Tower|Gardens?|Studios?|Records|Press|Publishing|"
    r"Mixture|Tobacco|Fund|Bank|Trust|Prospect|Steps|Light|Medium|Heavy|Blend|Crude|Arena|Festival|"
    r"Post|Times|Herald|Radio|TV|Television|Channel)"
)
# A ship word that names a ship, not a place's trade ("a ferry port", "a tanker terminal").
_SHIP_NOUN = rf"(?:{_SHIP})\b(?!\s+(?:port|terminal|base|hub|route|services?|company|line|link|crossing|station)\b)"
_MODIFIER_AFTER = re.compile(
    rf"(?:['’]s|[\"”’»])?(?:[\s-]+{_HEAD_LOWER}\b|"
    # "Kharkov was one of six Leningrad-class destroyer leaders": the name is a ship's
    rf"\s+(?:was|is)\s+(?:one\s+of\s+(?:the\s+)?(?:\w+\s+)?|an?\s+|the\s+)(?:[\w-]+\s+){{0,3}}?{_SHIP_NOUN}|"
    rf"\s+\d{{1,3}}(?:\s+TV)?\s+(?:channel|broadcaster)\b|(?:\s+[a-z]+){{1,3}}?\s+{_SHIP_NOUN}|(?:[\s-]+(?:[A-Z][\w'’.-]*|of|and|al|el|bin))*?[\s-]+{_HEAD_CAPITAL}\b)"
)
_MODIFIER_BEFORE = re.compile(
    rf"(?:\b(?:(?i:{_SHIP})(?:,?\s+the)?|HMS|USS|RFS|chicken|Chicken|Dynamo|FC|cutlet|[Cc]ake)\s+"
    rf"[{_QUOTES}]?"
    r"(?:[A-Z][\w-]*\s+)?)$"
)


def left_alone(text: str, start: int, end: int, english: bool = True) -> bool:
    """Whether the spelling at ``[start, end)`` is written so on purpose and is never a name
    finding: part of the name of something else (``names_a_thing``), a gloss in another language
    (``in_language_gloss``) or a scholarly romanisation (``scholarly``). ``english`` says the text
    is English: only then does an article before the name read as one (``a`` is a preposition
    in Spanish: ``leales a Bashar al-Assad.``).

    Each of them reads at most ``_REACH_BEFORE`` characters before the spelling and
    ``_REACH_AFTER`` after it, so the answer is a function of that window, remembered: a text that
    repeats one name (a hostile input, or a list) is read once per distinct window."""
    lo = max(0, start - _REACH_BEFORE)
    return _left_alone_window(text[lo:end + _REACH_AFTER], start - lo, end - lo, english)


_REACH_BEFORE = 121  # characters: in_language_gloss looks 120 back, one more for a look-behind
_REACH_AFTER = 241  # the work pattern reads 240 on, one more for a look-ahead


@lru_cache(maxsize=4096)  # a window of up to 362 characters: under 1 KiB an entry, at most ~4 MiB
def _left_alone_window(window: str, start: int, end: int, english: bool) -> bool:
    return names_a_thing(window, start, end, english) or in_language_gloss(window, start, end) \
        or scholarly(window, start, end)


# Letters of scholarly romanisation (dots below, macrons, ayn and hamza): a spelling that has
# them (Muḥāfaẓat Al-Qunayṭrah, Ḥizbu ʾllāh) was written letter by letter on purpose.
_SCHOLARLY = re.compile("[\u1e0c\u1e0d\u1e24\u1e25\u1e32\u1e33\u1e62\u1e63\u1e6c\u1e6d\u1e92\u1e93"
                        "\u0100\u0101\u012a\u012b\u016a\u016b\u02be\u02bf\u1e0e\u1e0f\u1e6e\u1e6f\u1e2a\u1e2b]")


def scholarly(text: str, start: int, end: int) -> bool:
    """Whether the spelling carries letters of a scholarly romanisation (``_SCHOLARLY``)."""
    return _SCHOLARLY.search(text, start, end) is not None


def names_a_thing(text: str, start: int, end: int, english: bool = True) -> bool:
    """Whether the name at ``[start, end)`` is part of the name of something else: the head of a
    ship class, venue, company, dish... after it (``Kiev-class``, ``Gaddafi Stadium``,
    ``Bassel Al-Assad International Airport``), a ship or dish word before it (``the cruiser
    Kiev``, ``chicken Kiev``, ``the ex-Kiev``), a father's name in another person's name
    (``bin Mohamed bin Zayed``), a thing after an indefinite article (``a Kiev would stand``),
    the title of a work (``the game Six Days in Fallujah``, ``Teheran 43 is a 1981 film``), or
    a title in quotation marks or brackets around it (``"The Great Gate of Kiev"``), an
    encyclopedia's pointer to another article (``For the Turkish town, see Taşkent``). The article
    is read only in English text (``english``)."""
    if _MODIFIER_AFTER.match(text, end, min(len(text), end + 80)) is not None:
        return True
    if _MODIFIER_BEFORE.search(text, max(0, start - 40), start) is not None:
        return True
    if start >= 3 and text[start - 3:start].lower() == "ex-":
        return True
    if _PATRONYM_BEFORE.search(text, max(0, start - 8), start) is not None:
        return True  # "Khaled bin Mohamed bin Zayed": the father's name inside the son's
    if start >= 4 and text[start - 4:start].lower() == "see " \
            and _SEE_BEFORE.search(text, max(0, start - 120), start) is not None:
        return True  # "For the Turkish town and district, see Taşkent.": a pointer to another article
    # The work patterns run only where their verb or kind of work is near: on a text of one name
    # repeated (a hostile input) they would otherwise read 240 characters around every mention.
    after = min(len(text), end + 240)
    if (_WORK_WORD.search(text, max(0, start - 80), start) is not None
            and _WORK_BEFORE.search(text, max(0, start - 80), start) is not None) \
            or (_IS_WAS.search(text, end, after) is not None and _WORK_AFTER.match(text, end, after) is not None) \
            or (_WORK_WORD.search(text, end, min(len(text), end + 120)) is not None
                and _WORK_APPOSITION.match(text, end, min(len(text), end + 120)) is not None
                and _TITLE_WORD_BEFORE.search(text, max(0, start - 40), start) is not None):
        return True  # the title of a film, book or game
    if english and _ARTICLE_BEFORE.search(text, max(0, start - 4), start) is not None \
            and _THING_VERB_AFTER.match(text, end, min(len(text), end + 12)) is not None:
        return True
    limit = min(len(text), end + 80)
    title = _TITLE_IN_QUOTES.search(text, max(0, start - 80), limit)
    while title is not None and title.start() < start:
        if end <= title.end() - 1:
            return True
        title = _TITLE_IN_QUOTES.search(text, title.end(), limit)
    return False


# An encyclopedia's pointer to another article of that name: "For the Turkish town, see Taşkent."
_SEE_BEFORE = re.compile(r"\b[Ff]or (?:the|a|an|other)\b[^.;:\n]{1,100},\s+see\s+$")
# "bin", "ibn", "bint", "ould" before a name: it is a father's name inside another person's.
_PATRONYM_BEFORE = re.compile(r"\b(?:[Bb]in|[Ii]bn|[Bb]int|[Oo]uld)\s+$")


# A title in quotation marks: three words or more in title case ("The Great Gate of Kiev").
# Words may be numbers, and a comma may part them ("Teheran 43, Spy Ring"); a title that opens
# with an article may stand in brackets instead ("(The Great Gate of Kiev)").
_TITLE_WORD = r"(?:of|the|in|and|a|to|for|on|[A-Z0-9][\w'’-]*)"
_TITLE_IN_QUOTES = re.compile(
    rf"[\"“«]((?:The|A|An)\s+)?[A-Z][\w'’-]*(?:,?\s+{_TITLE_WORD}){{2,8}}[,.!?]?[\"”»]"
    rf"|\((?:The|A|An)\s+[A-Z][\w'’-]*(?:\s+{_TITLE_WORD}){{1,8}}\)"
)
# A kind of work before a title in capitals ("the game Six Days in Fallujah"), or after the
# name and its title's other words, as what the sentence says it is ("Teheran 43 is a 1981
# Soviet-French-Swiss political thriller film", with a bracketed aside between).
# A day or month is no word of a title: "the game Sunday in Kharkiv" is a match played there.
_WORK = (r"(?:film|movie|documentary|novel|novella|book|memoir|poem|play|musical|opera|ballet|album|song|"
         r"game|series|painting|sculpture|symphony|suite|short\s+stor(?:y|ies)|sketches|thriller|shooter|sitcom|"
         r"miniseries)")  # genres stand for the work: "a first-person shooter developed by"
_WORK_WORD = re.compile(rf"\b{_WORK}\b")
_IS_WAS = re.compile(r" (?:is|was) ")
_NO_TITLE_WORD = (r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
                  r"May|June|July|August|September|October|November|December)\b)")
_WORK_BEFORE = re.compile(
    rf"\b{_WORK}\s+(?:{_NO_TITLE_WORD}[A-Z0-9][\w'’-]*\s+(?:(?:of|the|in|and|a|to|for|on|at)\s+)*)*$")
# After "is a": a few describing words (no clause of their own), the kind of work, then the end
# of the clause or what a description of a work goes on with ("made by", "directed by").
_WORK_AFTER = re.compile(
    rf"(?:,?\s+[A-Z0-9][\w'’-]*)*(?:\s+\([^()]{{0,120}}\))?\s+(?:is|was)\s+(?:a|an|the)\s+"
    r"(?:(?!(?:that|which|who|where|whose|with|of|in|for|from|to|and|but|on|at|by)\b)[\w'’-]+\s+){0,6}"
    rf"{_WORK}(?:\s*[,.;:]|\s+(?:by|made|directed|written|about|set|based|released|produced|starring|"
    r"published|developed|adapted|composed)\b)"
)
# Or named, then described in apposition ("Six Days in Fallujah, the “hot topic” game of 2009"):
# the title's other capitalised words, a comma, an article, a few words, the kind of work.
_WORK_APPOSITION = re.compile(
    r"(?:\s+[A-Z0-9][\w'’-]*)*,\s+(?:a|an|the)\s+"
    r"(?:(?!(?:that|which|who|where|whose|with|of|in|for|from|to|and|but|on|at|by)\b)[\w'’“”\"-]+\s+){0,4}"
    rf"{_WORK}(?:\s*[,.;:)]|\s+(?:of|by|from|released|developed|published|directed|written|made|that|which)\b)"
)
# A work's title names its subject among other capitalised words: "Six Days in Fallujah".
_TITLE_WORD_BEFORE = re.compile(r"(?:^|[^\w\s,.;:])?\s*[A-Z0-9][\w'’-]*\s+(?:(?:of|the|in|and|a|to|for|on|at)\s+)?$")
# An indefinite article before a place makes it a thing of that name ("a Kiev would stand little
# chance against a carrier"): what follows is a verb or the end of the clause, not a noun the
# place qualifies ("a Kyiv court").
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|A|An)\s+$")
_THING_VERB_AFTER = re.compile(
    r"\s*(?:[.,;:!?)]|\s(?:would|could|was|is|has|had|will|can|might|must|should|did|does|sank|sailed|carried)\b)")


def quoted(text: str, start: int, end: int) -> bool:
    """Whether the name stands alone in quotation marks (\u201cKiev\u201d, 'Zelenskiy')."""
    if start == 0 or end >= len(text) or text[start - 1] not in _QUOTES:
        return False
    after = text[end:end + 2]
    return after[:1] in _QUOTES or (after[:1] in ".,?" and after[1:2] in _QUOTES and after[1:2] != "")


_ALIAS_AFTER = re.compile(
    rf"[\s{_QUOTES}]*(?:is|was|are)\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}"
    r"(?:spelling|transliteration|romani[sz]ation|rendering|form)\b"
)


# Earlier items of a list before a name: one or two words each, then a comma or "and"/"or".
_LIST_BEFORE = re.compile(r"(?:[\w'’ʼ-]+(?:\s[\w'’ʼ-]+)?(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+)){1,6}"
                          r"(?:[a-zA-Z]{1,2}[-\s])?$")  # the name's own particle, if the match starts after it


_LIST_JOINT = re.compile(r"(?:,|\band|\bor)\s+(?:[a-zA-Z]{1,2}[-\s])?$")


# ``alias_trigger`` reads at most this many characters before a name (a list of 120, the trigger
# words before its first item, and the character before them) and 60 after it.
TRIGGER_REACH = 181
TRIGGER_MEMO = 4096  # distinct surroundings remembered per call of ``alias_groups``


def alias_trigger(text: str, start: int, end: int) -> bool:
    """Whether words around the name announce it as a spelling or an alias (``also spelled X``,
    ``X is a spelling that...``)."""
    lo = max(0, start - 60)
    if _ALIAS_TRIGGER.search(text, lo, start) is not None or _ALIAS_AFTER.match(text, end, min(len(text), end + 60)):
        return True
    # A later item of a list the words announce: "also called Raqa, Rakka, al-Raqqah, and ar-Raqqah".
    if _LIST_JOINT.search(text, max(0, start - 10), start) is None:
        return False  # no comma, "and" or "or" just before it: no list (checked cheaply first)
    items = _LIST_BEFORE.search(text, max(0, start - 120), start)
    if items is None:
        return False
    # The list may have swallowed the trigger's last word ("called"): try it before each item.
    heads = [items.start()] + [items.start() + m.end() for m in re.finditer(r"\s+", items.group(0))]
    return any(_ALIAS_TRIGGER.search(text, max(0, h - 60), h) is not None for h in heads)


# Words that make a sentence about the spelling of a name: every respelling in it is quoted.
_SPELLING_TALK = re.compile(
    r"\b(?:spell(?:s|ed|t|ing|ings)?|mis-?spel\w*|transliterat\w*|romani[sz]ations?|renamed|name\s+change[sd]?|"
    r"name\s+was\s+(?:\w+\s+)?changed)\b",
    re.IGNORECASE,
)


def alias_groups(text: str, mentions: list[tuple[int, int, str, str, bool, str]],
                 sentence: Callable[[int], tuple[int, int]] | None = None,
                 tick: Callable[[], None] = lambda: None) -> set[tuple[int, int]]:
    """Spans of mentions that are spellings quoted as spellings.

    ``mentions`` are ``(start, end, entry_id, folded surface, respelled, folded target)`` of every
    mention of a glossary entity, in any spelling; ``respelled`` marks those a check would change
    (only they are tested against the words around them), ``target`` is the house spelling the
    mention stands for. Mentions of one entity in two or more different spellings, joined
    only by list punctuation (``/``, ``=``, ``or``, brackets, quotes, commas) form an alias list
    (``Gaddafi = Gadhafi = Qaddafi``, ``Hezbollah (also Hizbollah, Hizballah)``); a single mention
    after words that announce a spelling (``also spelled "Hizballah"``) is one too, and so is
    every respelling in a sentence about spelling (``the Ukrainian transliteration Kyiv, and not
    the Russian Kiev``) or in a sentence that also writes the very house spelling it would become
    (``Sebastopol`` beside ``Sevastopol``; ``Asad`` beside ``Bashar al-Assad`` is no contrast), when
    ``sentence`` gives the span of the sentence at a position.
    ``tick`` is called once per mention (``Document.tick``: a call past its deadline stops).
    """
    out: set[tuple[int, int]] = set()
    ordered = sorted(mentions)
    group: list[tuple[int, int, str, str, bool]] = []

    def close() -> None:
        # Distinct spellings only: a group of thousands of mentions has a handful of them.
        spellings = {m[3] for m in group}
        if len(spellings) >= 2 and not any(a in b for a in spellings for b in spellings if a is not b):
            out.update((m[0], m[1]) for m in group)

    for m in ordered:
        tick()
        if group and m[2] == group[-1][2] and m[0] - group[-1][1] <= 40 and _ALIAS_GAP.match(text, group[-1][1], m[0]):
            group.append(m)
            continue
        if group:
            close()
        group = [m]
    if group:
        close()
    talk: dict[tuple[int, int], bool] = {}  # per sentence: whether it speaks of spelling
    # Per sentence and entity, the house spellings written there and where (built only when a
    # sentence can be read; a handful of spellings each, so a long sentence costs no more).
    house: dict[tuple[tuple[int, int], str], dict[str, list[tuple[int, int]]]] = {}
    if sentence is not None:
        for m in ordered:
            if not m[4]:
                tick()
                house.setdefault((sentence(m[0]), m[2]), {}).setdefault(m[3], []).append((m[0], m[1]))
    triggered: dict[tuple[str, str], bool] = {}  # by the words around a mention (a long text repeats them)
    for m in ordered:
        tick()
        if m[4] and (m[0], m[1]) not in out:
            around = (text[max(0, m[0] - TRIGGER_REACH):m[0]], text[m[1]:m[1] + 60])
            hit = triggered.get(around)
            if hit is None:
                hit = alias_trigger(text, m[0], m[1])
                if len(triggered) < TRIGGER_MEMO:
                    triggered[around] = hit
            if hit:
                out.add((m[0], m[1]))
            elif sentence is not None:
                span = sentence(m[0])
                if span not in talk:
                    talk[span] = _SPELLING_TALK.search(text, *span) is not None
                # A sentence that writes the entity in the house spelling too sets the other
                # spelling beside it on purpose: a gloss, a former name, a namesake ("the siege
                # of the Russian seaport of Sevastopol" in a sentence about Sebastopol).
                if talk[span] or _beside_house_spelling(m, house.get((span, m[2]), {})):
                    out.add((m[0], m[1]))
    return out


def _beside_house_spelling(m: tuple[int, int, str, str, bool, str], house: dict[str, list[tuple[int, int]]]) -> bool:
    """Whether ``m``'s sentence writes the house spelling ``m`` would become (``house``: spelling
    -> spans of the sentence's house mentions of ``m``'s entity) apart from ``m``. Mentions of one
    spelling do not overlap one another, so three or more always hold one apart from ``m``."""
    spans = house.get(m[5], ())
    return len(spans) > 2 or any(end <= m[0] or m[1] <= start for start, end in spans)


# Labels that open a gloss of a name in other languages or scripts: "(Arabic: ..., romanized: ...)".
_GLOSS_LABEL = re.compile(
    r"\b(?:Arabic|Persian|Farsi|Dari|Pashto|Urdu|Kurdish|Sorani|Kurmanji|Turkish|Ottoman|Hebrew|Aramaic|Syriac|"
    r"Armenian|Azerbaijani|Azeri|Georgian|Russian|Ukrainian|Belarusian|Polish|Romanian|Moldovan|Uzbek|Kazakh|"
    r"Kyrgyz|Tajik|Turkmen|Chechen|Tatar|Berber|Tamazight|French|German|Spanish|Italian|Greek|Latin|DMG|ALA-LC|"
    r"ISO|BGN|romani[sz]ed|transliterated|translit|pronounced|lit|literally)\b"
)


def in_language_gloss(text: str, start: int, end: int) -> bool:
    """Whether a name stands in brackets that give the place or person in other languages or
    scripts (``Tashkent (Uzbek: Toshkent, Тошкент)``, ``Raqqa (Arabic: الرقة ar-Raqqah)``):
    a spelling of that language, not an English variant."""
    open_at = text.rfind("(", max(0, start - 120), start)
    if open_at < 0 or text.find(")", open_at, start) >= 0:
        return False
    return _GLOSS_LABEL.search(text, open_at, start) is not None


# After a native-script name, the language it is written in: ``"Երևան" in Armenian``.
_IN_LANGUAGE_AFTER = re.compile(r"[\"”»’']?\s+in\s+" + _GLOSS_LABEL.pattern[2:])


def in_bracketed_gloss(text: str, start: int, end: int) -> bool:
    """Whether a native-script name sits in brackets beside its English name, as a gloss
    (``Latakia tobacco (تبغ اللاذقية)``, ``Kyiv (Київ)``), or is followed by the language it
    is written in (``Yerevan ("Երևան" in Armenian; ...)``)."""
    if _IN_LANGUAGE_AFTER.match(text, end, min(len(text), end + 40)) is not None:
        return True
    open_at = max(text.rfind("(", max(0, start - 60), start), text.rfind("[", max(0, start - 60), start))
    if open_at < 0 or text.find(")", open_at, start) >= 0:
        return False
    return text.find(")", end, end + 120) >= 0 or text.find("]", end, end + 120) >= 0
