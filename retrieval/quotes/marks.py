"""Quoted spans from quotation marks and dialogue dashes. Pure string code, no model.

Handles « » (with or without no-break spaces, and typed the wrong way round: » … «), “ ”, straight " (paired by position), „ “, ‹ ›,
nested ‘ ’ and ' ' inside outer quotes, quotes carried over several paragraphs (the opening mark
repeated at each paragraph start), dialogue dashes, and incises that split one pair of marks
into two quotes (« …, affirme-t-elle, … »). A quote never runs across a paragraph break unless
the next paragraph opens with a quotation mark; an unbalanced mark is dropped, never followed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.quotes.cues import GROUP_NOUNS, PERSON_ROLES, fold
from retrieval.quotes.layout import CLOSERS, SPACE, Paragraph, paragraphs, trim
from retrieval.quotes.lexicon import speech_forms

# opening mark -> the marks that close it
# web copy mixes straight and curly marks ('"We have to stand as one,” said Clinton'): each can close
# the other (`_can_close` says where)
_PAIRS = {"«": "»", "“": "”“\"", "„": "“”", "‹": "›", "‘": "’", "‚": "‘’", '"': '"”', "'": "'",
          "»": "«»"}
_OPENERS = "«“„‹‘‚"
_CONTINUATION_OPENERS = "«“„‹\"»'‘"
_DASHES = "—―"
_EN_DASH = "–"

_LOW = "a-zàâäçéèêëîïôöûùüÿœæ"
# An incise: ", VERB[-t-elle] [SUBJECT]," inside one pair of marks. The verb is any form of the
# speech-verb lexicon (`lexicon.speech_forms`), never a closed list of stems.
_AUX = r"(?:a|ont|avait|avaient|aurait|auraient)"
_INV = r"(?:-t)?-(?:il|elle|ils|elles|on)"
_FR_INCISE = re.compile(
    rf",\s*(?P<cue>(?:{_AUX}(?P<aux_inv>{_INV})\s+)?(?:{_AUX}\s+)?(?P<verb>[{_LOW}’']+?)(?P<inv>{_INV})?"
    rf"(?P<subj>\s+[^,;:!?«»“”\"]{{1,60}}?)?)"
    rf"\s*(?P<tail>,|[.!?…](?=\s)|[.!?…]?\s*$)"
)
_EN_NAME = r"(?:he|she|they|[A-Z][\w’'.-]+(?:\s[A-Z][\w’'.-]+){0,2})"
_EN_INCISE = re.compile(
    rf",\s*(?P<cue>{_EN_NAME}\s+(?P<verb>[a-z]+)|(?P<verb2>[a-z]+)\s+{_EN_NAME})"
    r"\s*(?P<tail>,|[.!?]?\s*$)"
)
# (", explique à Reporterre Romain,", ", confie au Monde le ministre,": the addressee may come first)
_SUBJECT_START = re.compile(r"\s+(?:pour sa part\s+|de son côté\s+|à son tour\s+|encore\s+|ainsi\s+|aussi\s+)?"
                            r"(?:(?:à|au|aux)\s+(?:l['’]|la\s+)?[A-ZÀ-Ý][\w’'.-]*\s+)?"
                            r"(?:le|la|l['’]|les|un|une|son|sa|ses|ce|cette|M\.|Mme|Me|Dr|[A-ZÀ-Ý])")


def _incise(inner: str):
    """The first incise of a quote's words, as (start, end, cue_start, cue_end, tail) or None."""
    # Every comma is tried (a failed reading of ", notre désaccord est total," must not swallow the
    # comma of the real incise that follows it): `match` at each comma, not `finditer`.
    commas = [i for i, c in enumerate(inner) if c == ","]
    for m in (m for i in commas if (m := _FR_INCISE.match(inner, i))):
        if m.group("verb") not in speech_forms("fr"):
            continue
        inverted = m.group("inv") or m.group("aux_inv")
        if not inverted and not (m.group("subj") and _SUBJECT_START.match(m.group("subj"))):
            continue
        end, tail = m.end(), m.group("tail")
        if tail == ",":  # ", répond Karim Benali, directeur des sports[, 31 ans]." : the apposition too
            rest = re.match(r"\s*(?:(?:le|la|l['’]|un|une)\s+)?([^\W\d_][\w’'-]*)[^,;:!?«»“”\".]{0,60}"
                            r"(?P<age>,\s*\d{1,3}\s+ans)?\.(?=\s)", inner[end:])
            name = re.match(r"\s*[A-ZÀ-Ý][\w’'-]+(?:\s+[A-ZÀ-Ý][\w’'-]+){0,3}\.(?=\s)", inner[end:])
            if rest and (fold(rest.group(1)) in PERSON_ROLES or rest.group("age")):
                end, tail = end + rest.end(), "."
            elif name:  # ", a expliqué la maire, Sophie Marchand." : the name in apposition
                end, tail = end + name.end(), "."
            elif (long := _long_apposition(inner[end:])) is not None:
                end, tail = end + long, "."
        return m.start(), end, m.start("cue"), m.end("cue"), tail, inner[end:]
    for m in (m for i in commas if (m := _EN_INCISE.match(inner, i))):
        verb = m.group("verb") or m.group("verb2")
        if verb in speech_forms("en"):
            return m.start(), m.end(), m.start("cue"), m.end("cue"), m.group("tail"), inner[m.end():]
    return None


# ", estime Veronika Kovacova, de Beta film, chargée des ventes internationales et qui vise un lancement
# vers février. Je ne dirais pas…": a longer apposition, commas and all, up to the end of its sentence,
# when a new sentence of the quote follows; it opens with a role ("professeur à…", "enseignant-chercheur
# en…") or an affiliation ("de Beta film", "chez Renault", "du collectif …") and holds nobody's first person
_LONG_APPOSITION = re.compile(r"\s*(?:(?:le|la|l['’]|un|une)\s+)?(?P<head>[^\W\d_][\w’'-]*)(?P<next>\s+\S+)?"
                              r"[^;:!?«»“”\".]{0,200}?\.(?=\s+[A-ZÀ-Ý])")
_FIRST_PERSON = re.compile(r"\b(?:je|j['’]|nous|me|m['’]|moi|mon|ma|mes|notre|nos)\b", re.I)


def _long_apposition(after: str) -> int | None:
    m = _LONG_APPOSITION.match(after)
    if m is None or _FIRST_PERSON.search(m.group(0)):
        return None
    head = fold(m.group("head"))
    role = head in PERSON_ROLES or any(part in PERSON_ROLES for part in head.split("-"))
    nxt = (m.group("next") or "").strip()
    # "de Beta film", "chez Renault", "du collectif Projections Covid-19"
    affiliation = head in ("de", "du", "d", "chez") and (nxt[:1].isupper() or fold(nxt) in GROUP_NOUNS)
    return m.end() if role or affiliation else None


@dataclass(frozen=True)
class Span:
    """One quote: `start`/`end` bound the words (marks and outer spaces excluded)."""

    start: int
    end: int
    open_at: int  # index of the opening mark or dash
    close_at: int  # index of the closing mark, -1 when the quote runs on or has no closing mark
    mark: str
    paragraph: int
    continues: bool = False  # runs on into the next paragraph
    continued: bool = False  # carries on a quote from the previous paragraph
    incise: tuple[int, int] | None = None  # the incise right after this piece ("affirme-t-elle")
    after_incise: bool = False  # the piece after an incise: same speaker as the piece before


def _is_word(c: str) -> bool:
    return c.isalnum()


def _closing_context(p: str, i: int) -> bool:
    """True when the mark at i sits at the end of a word (followed by space, punctuation or end)."""
    nxt = p[i + 1] if i + 1 < len(p) else ""
    prev = p[i - 1] if i > 0 else ""
    return prev not in SPACE and prev != "" and not _is_word(nxt)


def _opening_context(p: str, i: int) -> bool:
    nxt = p[i + 1] if i + 1 < len(p) else ""
    prev = p[i - 1] if i > 0 else ""
    return (prev == "" or prev in SPACE or prev in "([{«“„‹—–-/:;") and nxt.isalpha()


def _reversed_opener(p: str, i: int) -> bool:
    """A » that opens, closed by a « ("» Pourquoi maintenant ? «, s'est interrogé X": guillemets typed
    the wrong way round, or the German way): nothing open, a word right after it, and further on a «
    that can only close (a space before it, punctuation or the end of the paragraph after it)."""
    nxt = p[i + 1:i + 3].lstrip(SPACE)[:1]
    if not (i == 0 or p[i - 1] in SPACE or p[i - 1] in "([:") or not nxt.isalpha():
        return False
    j = p.find("«", i + 2)
    if j < 0 or p.find("»", i + 1, j) >= 0:
        return False
    after = p[j + 1:j + 4].lstrip(SPACE)[:1]
    return p[j - 1] in SPACE and (after == "" or after in ",.;:!?)")


def _has_single_closer(p: str, i: int, closers: str) -> bool:
    return any(p[j] in closers and _closing_context(p, j) for j in range(i + 2, min(len(p), i + 400)))


def _scan(p: str, continue_next: bool) -> list[tuple[int, int, str, bool]]:
    """(open, close, mark, runs_on) at depth 0 in one paragraph; close == len(p) when it runs on."""
    found: list[tuple[int, int, str, bool]] = []
    i = 0
    while True:
        stack: list[tuple[str, int]] = []
        restart = None
        while i < len(p):
            c = p[i]
            if stack:
                # a closer of any open mark (innermost first); a lost inner mark is dropped
                depth = next((k for k in range(len(stack) - 1, -1, -1)
                              if c in _PAIRS[stack[k][0]] and _can_close(p, i, stack[k][0])), None)
                if depth is not None:
                    mark, at = stack[depth]
                    del stack[depth:]
                    if not stack:
                        found.append((at, i, mark, False))
                    i += 1
                    continue
            if c in _OPENERS or (c == "»" and not stack and (i == 0 or _reversed_opener(p, i))):
                if c == "‘" and i > 0 and _is_word(p[i - 1]):
                    i += 1  # ‘ used as an apostrophe
                    continue
                stack.append((c, i))
            elif c == '"' and i > 0 and p[i - 1] == "=":
                close = p.find('"', i + 1)  # a markup attribute's value (<tweet author="@x">): not a quote
                i = close + 1 if close > 0 else i + 1
                continue
            elif c == '"':
                stack.append((c, i))
            elif c == "'" and _opening_context(p, i) and _has_single_closer(p, i, "'"):
                stack.append((c, i))
            i += 1
        if not stack:
            return found
        mark, at = stack[0]
        if continue_next and mark != "'":
            found.append((at, len(p), mark, True))
            return found
        restart = at + 1  # a stray mark: forget it and read on after it
        i = restart


def _can_close(p: str, i: int, opener: str) -> bool:
    c = p[i]
    if c in "’'":
        return _closing_context(p, i)
    if c == '"' and opener == '"':
        return True
    if c == "”" and opener == '"':
        # '"We stand as one,” said Clinton. “Roads crumble," she said': a mixed pair where the next
        # straight mark is missing or comes after a new opening mark; not '"…'faux drapeau'” menée par
        # X", "…"' (a stray curly mark inside straight pairs)
        nxt = p.find('"', i + 1)
        return _closing_context(p, i) and (nxt < 0 or "“" in p[i + 1:nxt])
    if c == '"' and opener == "“":
        return _closing_context(p, i) and "”" not in p[i + 1:]  # not “He said "no," twice”
    if c == "“" and opener == "“":
        return _closing_context(p, i)  # “ … “ typed with the wrong closer
    return True


def _split_incises(text: str, span: Span) -> list[Span]:
    """« Je pense, affirme-t-elle, que … » -> two spans; a trailing incise is cut off."""
    inner = text[span.start:span.end]
    found = _incise(inner)
    while found is not None and found[0] < 3:
        later = _incise(inner[found[1]:])
        found = None if later is None else (later[0] + found[1], later[1] + found[1], later[2] + found[1],
                                            later[3] + found[1], later[4], later[5])
    if found is not None:
        m_start, m_end, c_start, c_end, tail, after = found
        a_end = span.start + m_start
        cue = (span.start + c_start, span.start + c_end)
        first_a, first_b = trim(text, span.start, a_end)
        first = Span(first_a, first_b, span.open_at, -1, span.mark, span.paragraph,
                     continued=span.continued, incise=cue, after_incise=span.after_incise)
        rest_a, rest_b = trim(text, span.start + m_end, span.end)
        if tail.strip() == "" or rest_b - rest_a < 2:
            return [first]
        rest = Span(rest_a, rest_b, span.open_at, span.close_at, span.mark, span.paragraph,
                    continues=span.continues, after_incise=True)
        return [first, *_split_incises(text, rest)]
    return [span]


def _starts_with_opener(text: str, par: Paragraph) -> bool:
    return par.start < par.end and text[par.start] in _CONTINUATION_OPENERS


def _dash_line(text: str, par: Paragraph, dashes: str) -> bool:
    head = text[par.start:par.start + 2]
    return len(head) == 2 and head[0] in dashes and head[1] in SPACE


def _dialogue_line(text: str, pars: list[Paragraph], k: int, lang: str | None) -> bool:
    """An em-dash line is a line of dialogue, except in English, which writes dialogue in quotation
    marks: there, as everywhere for en-dash lines, dash lines are also bullet lists and signatures
    ("— White House Correspondent Julie Pace."), and are dialogue only in a block of full sentences
    where someone asks a question (an interview)."""
    if _dash_line(text, pars[k], _DASHES) and lang != "en":
        return True
    dashes = _EN_DASH + (_DASHES if lang == "en" else "")
    if not _dash_line(text, pars[k], dashes):
        return False
    a = b = k
    while a > 0 and _dash_line(text, pars[a - 1], dashes):
        a -= 1
    while b + 1 < len(pars) and _dash_line(text, pars[b + 1], dashes):
        b += 1
    block = [text[p.start:p.end].rstrip(CLOSERS + SPACE) for p in pars[a:b + 1]]
    return len(block) >= 2 and any(x.endswith("?") for x in block) \
        and all(x[-1:] in ".?!…" and len(x.split()) >= 3 for x in block)


def find_spans(text: str, pars: list[Paragraph] | None = None, lang: str | None = None) -> list[Span]:
    """All quoted spans of `text`, in text order, with exact offsets (`lang`: the article's
    language, when known, for its dialogue dashes)."""
    pars = pars if pars is not None else paragraphs(text)
    spans: list[Span] = []
    carrying = False
    for k, par in enumerate(pars):
        p = text[par.start:par.end]
        if _dialogue_line(text, pars, k, lang):
            a, b = trim(text, par.start + 1, par.end)
            if b > a:
                spans.extend(_split_incises(text, Span(a, b, par.start, -1, "—", par.index)))
            carrying = False
            continue
        nxt = pars[k + 1] if k + 1 < len(pars) else None
        continue_next = nxt is not None and _starts_with_opener(text, nxt)
        pieces = _scan(p, continue_next)
        was_carrying = carrying
        carrying = False
        for n, (o, c, mark, runs_on) in enumerate(pieces):
            a, b = trim(text, par.start + o + 1, par.start + c)
            if b <= a:
                continue
            span = Span(a, b, par.start + o, -1 if runs_on else par.start + c, mark, par.index,
                        continues=runs_on, continued=was_carrying and n == 0 and o == 0)
            spans.extend(_split_incises(text, span))
            carrying = runs_on
    return spans
