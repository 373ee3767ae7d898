"""Likely duplicates of a proposed initiative among those already in the portfolio.

Text is normalised before comparing: accents removed (ä → a, ø → o), case folded (ß → ss), punctuation
dropped, English, Dutch, Swedish and German stop words and portfolio-wide noise words ("AI", "KI")
removed, a plural "s" dropped, every word cut to its first five letters, and stems that say how
rather than what ("automated", "tool", "system") dropped. The cut is a crude stemmer that works across
the four languages: "invoice"/"invoices", "factuur"/"facturen", "Rechnung"/"Rechnungen" and
"automated"/"automation" meet on the same stem.

Two texts are compared by the mean of two measures on those stems:
- the Dice coefficient of the stem sets (shared words, order ignored), and
- difflib's ratio of the sorted stems, joined, which credits stems that nearly match (typos such as
  "forcasting" against "forecasting", or "chattbot" against "chatbot") where Dice sees none.

A candidate's score is the better of its title similarity and its problem similarity, because the
issue asks to flag "similar titles or problems". Candidates at or above the threshold come back
best first.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_THRESHOLD = 0.5
DEFAULT_LIMIT = 5
STEM_LENGTH = 5

_WORD = re.compile(r"[a-z0-9]+")

# Kept short and ASCII-folded, because text is folded before the lookup.
_STOP_WORDS_EN = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers him his how i if in into is it its itself just me more most my no nor
not now of off on once only or other our ours out over own same she should so some such than that
the their theirs them then there these they this those through to too under until up very via was
we were what when where which while who whom why will with would you your yours using use used
new our us per etc
"""
_STOP_WORDS_NL = """
aan al alle als alsof ben bij dan dat de deze die dit door een eens en er ge geen had heb hebben
heeft hem het hier hij hoe hun ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na
naar niet niets nog nu of om omdat ons onze ook op over reeds te tegen toch toen tot u uit uw van
veel voor want waren was wat we wel werd wie wij wordt worden zal ze zei zelf zich zij zijn zo zonder
zou
"""
_STOP_WORDS_SV = """
alla allt att av blev bli blir blivit da dar de dem den denna deras dess dessa det detta dig din
dina ditt du efter eller en er era ert ett fran for ha hade han hans har henne hennes hon honom hur
i icke ingen inom inte jag ju kan kunde man med mellan men mig min mina mitt mot mycket ni nagon
nagot nagra nar nu och om oss pa samma sedan sig sin sina sitt sjalv skulle som sa till under upp
ut utan vad var vara varit varje vars vart vem vi vid vilka vilken vilket vara
"""
_STOP_WORDS_DE = """
aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei bin bis
bist da damit dann das dass dein deine dem den der des dich die dies diese diesem diesen dieser
dieses dir doch dort du durch ein eine einem einen einer eines er es etwas fur gegen gewesen hab
habe haben hat hatte ich ihm ihn ihr ihre im in ins ist jede jedem jeden jeder jedes jetzt kann
kein keine man mein meine mich mir mit muss nach nicht nichts noch nun nur ob oder ohne sehr sein
seine sich sie sind so solche soll sondern sonst uber um und uns unser unter vom von vor war waren
warum was weil welche wenn wer werden wie wieder will wir wird wo zu zum zur zwischen
"""
# Every proposal in an AI portfolio mentions AI; the word says nothing about which problem it solves.
_PORTFOLIO_NOISE = """
ai ki ml artificial intelligence kunstmatige kunstliche intelligentie intelligenz artificiell
intelligens
"""

STOP_WORDS: frozenset[str] = frozenset(
    (_STOP_WORDS_EN + _STOP_WORDS_NL + _STOP_WORDS_SV + _STOP_WORDS_DE + _PORTFOLIO_NOISE).split()
)
# Stems that describe how rather than what ("automated", "automatisch", "automatisk", "based on",
# "tool", "system", "solution", "platform"); shared alone, they made unrelated proposals look alike.
NOISE_STEMS: frozenset[str] = frozenset(
    {"autom", "based", "tool", "syste", "solut", "platf", "proje", "initi", "assis", "smart"}
)


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    """An existing initiative that looks like the proposal, with how alike it is (0..1)."""

    id: int
    title: str
    score: float
    title_score: float
    problem_score: float


def fold(text: str) -> str:
    """Lower-case, accent-free version of `text` (ä → a, ß → ss, ø → o)."""
    # NFKD splits most accented letters into letter + mark; ø, æ and ł have no decomposition.
    replacements = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "þ": "th"})
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(replacements))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _stem(word: str) -> str:
    """Five-letter stem of a folded word; a plural "s" goes first so "pumps" meets "pump"."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:STEM_LENGTH]


def stems(text: str | None) -> list[str]:
    """Meaningful word stems of `text`, in order: folded, stop words removed, cut to five letters."""
    if not text:
        return []
    result = []
    for word in _WORD.findall(fold(text)):
        if word in STOP_WORDS or (len(word) == 1 and not word.isdigit()):
            continue
        stem = _stem(word)
        if stem not in NOISE_STEMS:
            result.append(stem)
    return result


def _dice(left: set[str], right: set[str]) -> float:
    """Shared share of two sets: 2|A∩B| / (|A| + |B|)."""
    if not left or not right:
        return 0.0
    return 2 * len(left & right) / (len(left) + len(right))


def text_similarity(left: str | None, right: str | None) -> float:
    """Similarity of two texts from 0 (nothing shared) to 1 (same words after normalising)."""
    left_stems = stems(left)
    right_stems = stems(right)
    if not left_stems or not right_stems:
        return 0.0
    ratio = difflib.SequenceMatcher(
        None, " ".join(sorted(set(left_stems))), " ".join(sorted(set(right_stems))), autojunk=False
    ).ratio()
    return (_dice(set(left_stems), set(right_stems)) + ratio) / 2


def find_duplicates(
    title: str,
    problem: str | None,
    candidates: Iterable[tuple[int, str, str | None]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int | None = DEFAULT_LIMIT,
) -> list[DuplicateCandidate]:
    """Candidates (id, title, problem) whose title or problem resembles the proposal, best first."""
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}.")
    matches = []
    for candidate_id, candidate_title, candidate_problem in candidates:
        title_score = text_similarity(title, candidate_title)
        problem_score = text_similarity(problem, candidate_problem)
        score = max(title_score, problem_score)
        if score >= threshold:
            matches.append(
                DuplicateCandidate(
                    id=candidate_id,
                    title=candidate_title,
                    score=round(score, 3),
                    title_score=round(title_score, 3),
                    problem_score=round(problem_score, 3),
                )
            )
    matches.sort(key=lambda match: (-match.score, match.id))
    return matches if limit is None else matches[:limit]
