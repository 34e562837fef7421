"""Who said it: the claimed speaker against the speaker of one source quotation. Pure: no I/O.

The wording and the speaker are two findings (CONTRACT.md, `verify`). `speaker_finding` tells, for
one candidate quotation, whether the source confirms the claimed speaker:

  same      the quotation is attributed, confidently, to the claimed speaker (exact or fuzzy match)
  other     it is attributed, confidently, to someone the claimed name cannot designate
  unknown   the source does not say (no speaker, a title or scare quote), says it only as a guess
            (confidence below CONFIRM_MIN_CONFIDENCE), the claimed name fits several speakers, or
            the claimed speaker is a role ("the mayor") that the source gives nobody; but a guess
            is "other" when the claimed speaker is not among the named speakers the extractor found
            plausible for the quotation (`Quote.speaker_candidates`) nor mentioned in the passage
  unclaimed no speaker was claimed

`match_name` compares two names: "exact" when their significant words are the same (titles, articles
and role words aside: "M. Jensen Huang" / "Jensen Huang"), "fuzzy" when the claimed one is close
enough to be meant for the stored one: the surname alone or after a title ("Boudreau", "Coach
Boudreau"), initials, an acronym ("IDF" / "Israel Defense Forces"), dropped accents ("Hamacek"), a
typo ("Bruce Boudrau"), the first name alone ("Maria"), or a role the article gives that speaker
("council president"). A fuzzy match confirms
only when the claimed name fits no other speaker of the same article; it is never an accusation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from retrieval.names import acronym_of, name_words, same_speaker, speaker_key
from retrieval.normalize import fold, strip_accents, words
from retrieval.quotes.scorer import confirm_threshold
from retrieval.types import Quote

__all__ = ["CONFIRM_MIN_CONFIDENCE", "UNLINKED_MIN_CONFIDENCE", "NameMatch", "SpeakerFinding", "match_name", "speaker_finding",
           "distinct_speakers", "mentions", "named_anywhere", "confident", "may_be"]

# The extractor's attribution confidence (`Quote.confidence`, calibrated: about the share of such
# attributions that are right) from which a speaker is confirmed; below it the attribution is shown
# as a guess and the verdict is `unattributed`. The training script picks it on out-of-fold
# predictions over the annotated real articles (lowest threshold with precision >= 0.965) and stores
# it beside the ranker's weights (`retrieval/quotes/speaker_weights.json`).
CONFIRM_MIN_CONFIDENCE = confirm_threshold()

# A guess from which a claimed speaker the extractor does not find plausible is "other": a guess more likely
# right than not. Out of fold (`evals/speaker_oof.py`, "plausible speakers"), the right speaker is not
# plausible for 9% of the quotes with such a guess and another speaker of the article for 83%; the guesses
# below it do about as well there (12%, 81%) but worse on the real sealed articles, where "other" without the
# floor wronged 24 right claimed speakers (3 with it) for 29 wrong ones flagged (17 with it).
UNLINKED_MIN_CONFIDENCE = 0.5

_ARTICLES = {"le", "la", "les", "l'", "l", "the", "un", "une", "a", "an"}
_CONNECTORS = {"de", "du", "des", "d'", "d", "of", "la", "le", "les", "l'", "the"}
_SPLIT = re.compile(r"[^\w']+")
_NAME_GAP = re.compile(r"[ \u00a0\u202f-]+")  # between the words of one name
ROLE_WINDOW = 3  # words allowed between a role and the name it describes ("council president Maria Lopez")


@dataclass(frozen=True)
class NameMatch:
    kind: str | None  # "exact" | "fuzzy" | None
    how: str = ""  # for fuzzy: "surname", "first name", "typo", "accents", "initials", "role", "alias"


@dataclass(frozen=True)
class SpeakerFinding:
    relation: str  # same | other | unknown | unclaimed
    match: NameMatch  # the claimed name against the quotation's speaker (the guess, if one)
    guess: bool = False  # the quotation's speaker is a low-confidence guess
    ambiguous: tuple[str, ...] = ()  # other speakers of the article the claimed name also fits
    named: bool = False  # no confident speaker, but the passage names the claimed one
    unverifiable: bool = False  # the claimed speaker is a role the source gives nobody
    absent: bool = False  # the source's article never names the claimed speaker
    unlinked: bool = False  # a guess, and the claimed speaker none of those the source may give the words to


def confident(quote: Quote) -> bool:
    """Whether the quotation's speaker is a solid attribution (a person's statement, named with
    enough confidence to confirm a claimed speaker or to say someone else spoke)."""
    return bool(quote.speaker) and quote.kind != "term" and quote.confidence >= CONFIRM_MIN_CONFIDENCE


def mentions(passage: str | None, claimed: str | None) -> bool:
    """Whether the passage mentions the claimed speaker: their surname, alone or after a title or
    their own first name ("M. Durand", "Paul Durand"), not after another first name ("Marc Durand")."""
    key = strip_accents(speaker_key(claimed))
    if not passage or not key:
        return False
    own = {strip_accents(w) for w in name_words(claimed)[0]}
    toks = words(passage)
    for i, tok in enumerate(toks):
        if strip_accents(tok.text) != key:
            continue
        if i == 0 or not _NAME_GAP.fullmatch(passage[toks[i - 1].end : tok.start]):
            return True  # the surname opens a sentence or a clause
        before = passage[toks[i - 1].start : toks[i - 1].end]
        given = name_words(before)[0]
        if not before[:1].isupper() or not given or strip_accents(given[-1]) in own:
            return True  # "le ministre Durand", "M. Durand", "Paul Durand"
    return False


def _proper_name(name: str | None) -> bool:
    """A name, not a description: capitalised, and no role word in it."""
    ws, is_role = name_words(name)
    return bool(name) and name[:1].isupper() and bool(ws) and not is_role


def named_anywhere(text: str | None, claimed: str | None) -> bool:
    """Whether any significant word of the claimed name (a surname, a first name) occurs in the text
    at all, accents and case aside. Unknown (True) without a text or a name word."""
    own = {strip_accents(w) for w in name_words(claimed)[0] if len(w) >= 3}
    if not text or not own:
        return True
    folded = _folded(text)
    return any(re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", folded) for w in own)


@lru_cache(maxsize=1024)  # one article's folded text, looked up once per claimed name and candidate
def _folded(text: str) -> str:
    return strip_accents(fold(text))


def may_be(claimed: str, stored: str, texts) -> bool:
    """Whether the claimed name may designate the stored speaker: it matches, or they share a name word
    ("Mokitimi Tšosane" / "Adv Tšosane", a title the name rules do not know)."""
    return bool(match_name(claimed, stored, texts).kind or set(name_words(claimed)[0]) & set(name_words(stored)[0]))


def _accented(name: str) -> list[str]:
    """The name's significant words with their accents (name_words drops them)."""
    keep = name_words(name)[0]
    out = []
    for w in _SPLIT.split(fold(name).replace(".", " ")):
        w = w.strip("'-")
        if strip_accents(w) in keep:
            out.append(w)
    return out


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent transpositions (optimal string alignment), capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _typo(a: str, b: str) -> bool:
    """One slip in a word of 4-7 letters, two in a longer one; short words must be equal."""
    if a == b:
        return True
    n = min(len(a), len(b))
    limit = 0 if n < 4 else 1 if n < 8 else 2
    return limit > 0 and _distance(a, b, limit) <= limit


def _typo_match(claimed: list[str], stored: list[str]) -> bool:
    """The claimed words are the stored name with a typo: the surnames are close and each other
    claimed word is a stored word (or its initial) in order, one of the two words being misspelt."""
    if not claimed or len(claimed) > len(stored) or not _typo(claimed[-1], stored[-1]):
        return False
    j = 0
    for w in claimed[:-1]:
        while j < len(stored) - 1 and not (_typo(w, stored[j]) or (len(w) == 1 and stored[j].startswith(w))):
            j += 1
        if j >= len(stored) - 1:
            return False
        j += 1
    return True


def _is_role(claimed: str) -> bool:
    """Whether the claimed "name" reads as a description ("council president", "la maire", "le
    ministre de la Santé"): no capitalised word but the first, and words after "de"/"of" aside."""
    raw = [w for w in _SPLIT.split(claimed.strip()) if w]
    if not raw:
        return False
    if len(raw) == 1:
        return raw[0].islower()
    after_connector = False
    for w in raw[1:]:
        if w[:1].isupper() and not after_connector:
            return False
        after_connector = w.lower() in _CONNECTORS or (after_connector and w.lower() in _ARTICLES)
    return True


def _role_words(claimed: str) -> list[str]:
    toks = [strip_accents(t.text) for t in words(claimed)]
    while toks and toks[0] in _ARTICLES:
        toks = toks[1:]
    return toks


def _described_as(role: list[str], speaker: str, texts: list[str]) -> bool:
    """Whether one of `texts` gives `speaker` this role: the role's words next to a mention of the
    speaker's name ("Council president Maria Lopez", "Karim Benali, directeur des sports")."""
    if not role:
        return False
    name = name_words(speaker)[0]
    if not name:
        return False
    surname = name[-1]  # not a first name: "council president Maria Lopez" does not describe Maria Dupont
    n = len(role)
    for text in texts:
        toks = [strip_accents(t.text) for t in words(text)]
        for i in range(len(toks) - n + 1):
            if toks[i : i + n] != role:
                continue
            after = toks[i + n : i + n + ROLE_WINDOW + 1]
            before = toks[max(0, i - ROLE_WINDOW - 2) : i]
            if surname in after or surname in before:
                return True
    return False


def match_name(claimed: str | None, stored: str | None, texts: tuple[str, ...] | list[str] = ()) -> NameMatch:
    """How the claimed speaker's name matches a stored speaker's name. `texts` (the speaker mention,
    the passage, the article) are where a claimed role ("council president") is looked up."""
    if not claimed or not stored:
        return NameMatch(None)
    wa, wb = name_words(claimed)[0], name_words(stored)[0]
    if wa and wa == wb:
        if _accented(claimed) == _accented(stored):
            return NameMatch("exact")
        return NameMatch("fuzzy", "accents")
    if same_speaker(claimed, stored):
        if len(wa) == 1 and len(wb) > 1:
            return NameMatch("fuzzy", "surname")
        if len(wa) == len(wb):
            return NameMatch("fuzzy", "initials")
        return NameMatch("fuzzy", "alias")
    if acronym_of(claimed, stored) or acronym_of(stored, claimed):
        return NameMatch("fuzzy", "acronym")  # "IDF" / "Israel Defense Forces"
    if wa and wb and _typo_match(wa, wb):
        return NameMatch("fuzzy", "typo")
    if len(wa) == 1 and len(wb) > 1 and (wa[0] == wb[0] or _typo(wa[0], wb[0])):
        return NameMatch("fuzzy", "first name")
    if _is_role(claimed) and _described_as(_role_words(claimed), stored, list(texts)):
        return NameMatch("fuzzy", "role")
    return NameMatch(None)


_LOOSE = {"typo", "first name", "role"}


def _strength(m: NameMatch) -> int:
    """3 the same name, 2 an alias the name rules accept (surname, initials, accents), 1 a looser fit."""
    if m.kind == "exact":
        return 3
    if m.kind == "fuzzy":
        return 1 if m.how in _LOOSE else 2
    return 0


def distinct_speakers(names) -> list[str]:
    """Speaker names without aliases of one another, in order, the fullest form kept."""
    out: list[str] = []
    for name in names:
        if not name:
            continue
        for i, seen in enumerate(out):
            if same_speaker(name, seen):
                if len(name_words(name)[0]) > len(name_words(seen)[0]):
                    out[i] = name
                break
        else:
            out.append(name)
    return out


def speaker_finding(claimed: str | None, quote: Quote, texts: tuple[str, ...] = (),
                    article_speakers: tuple[str, ...] = (), named: bool = False,
                    article_text: str | None = None) -> SpeakerFinding:
    """What the source says about who spoke `quote`, against the claimed speaker.

    `texts`: where a role is looked up (mention, passage, article); `article_speakers`: the other
    speakers of the quotation's article, against which a fuzzy match must be unambiguous; `named`:
    the passage mentions the claimed speaker (only said, never a confirmation); `article_text`: the
    quotation's whole article, where a claimed speaker it never names makes even a guessed
    attribution to someone in it say the words are someone else's."""
    guess = bool(quote.speaker) and quote.confidence < CONFIRM_MIN_CONFIDENCE
    if not claimed:
        return SpeakerFinding("unclaimed", NameMatch(None), guess=guess)
    if quote.kind == "term" or quote.speaker is None:
        return SpeakerFinding("unknown", NameMatch(None), named=named)  # nobody's statement, or unsaid
    texts = tuple(t for t in (quote.speaker_mention, *texts) if t)
    m = match_name(claimed, quote.speaker, texts)
    role = _is_role(claimed)
    ambiguous: tuple[str, ...] = ()
    rivals: list[tuple[str, int]] = []
    if m.kind == "fuzzy" or (m.kind is None and role):
        names = [s for s in distinct_speakers(article_speakers) if not same_speaker(s, quote.speaker)]
        rivals = [(s, _strength(match_name(claimed, s, texts))) for s in names]
        if any(st > _strength(m) for _, st in rivals):
            m = NameMatch(None)  # the claimed name designates another speaker of the article better
        elif m.kind:
            ambiguous = tuple(s for s, st in rivals if st == _strength(m))
    # A person's title or role the source gives nobody ("the mayor", "the company spokesperson")
    # neither confirms nor contradicts a named speaker. (An institution, "ministère du Travail", can.)
    words_left, is_role = name_words(claimed)
    unverifiable = m.kind is None and role and (not words_left or is_role) and not any(st for _, st in rivals)
    # (the guess must be someone the article names: « le président » may be the claimed "Macron"; and the
    # claimed name no typo of anyone the article quotes)
    if guess and m.kind is None and not role and _proper_name(quote.speaker) and article_text is not None \
            and not any(match_name(claimed, s, texts).kind for s in article_speakers) \
            and not named_anywhere(article_text, claimed):
        return SpeakerFinding("other", m, guess=True, absent=True)
    # (nor is it the claimed speaker when the extractor, unsure between some named speakers, finds the claimed
    # one none of them and the passage does not mention them: the source gives the words to someone else)
    plausible = quote.speaker_candidates
    if guess and quote.confidence >= UNLINKED_MIN_CONFIDENCE and m.kind is None and not role and not named \
            and plausible and all(map(_proper_name, plausible)) \
            and not any(may_be(claimed, s, texts) for s in plausible):
        return SpeakerFinding("other", m, guess=True, unlinked=True)
    if guess:
        return SpeakerFinding("unknown", m, guess=True, ambiguous=ambiguous, named=named or bool(m.kind))
    if unverifiable:
        return SpeakerFinding("unknown", m, unverifiable=True)
    if m.kind is None:
        return SpeakerFinding("other", m)
    if ambiguous:
        return SpeakerFinding("unknown", m, ambiguous=ambiguous)
    return SpeakerFinding("same", m)
