"""Spelling: closeness of two words (name corrections, names in a draft) and the slips in a pasted draft."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Tuple

from pydantic import validator

from .checked_yaml import Strict, load_checked

SPELLING_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "spelling.yml"
VOWELS = frozenset("aeiouy")
# Shorter words are too often a different real word one letter away ("grid", "grind").
MIN_CHECKED_LETTERS = 5
# From this length a letter left out or added inside a word is taken as a slip ("intrest", "recruitter").
GAP_SLIP_LETTERS = 7
# From this length one vowel written for another is taken as a slip ("definately", "experiance").
VOWEL_SLIP_LETTERS = 7
# Endings of a listed word that make another real word ("interviews", "confirmed", "planning").
_ENDINGS = ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "est", "ment", "ments", "ness", "ful", "al", "ally")
_WORD = re.compile(r"(?<![\w'@./-])[a-z]+(?![\w'@/-]|\.[a-z])")
# A capitalised word opening the text, a line or a sentence: where "Im" or "Dont" is a contraction, not a name.
_OPENING_CAPITAL = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))\s*([A-Z][a-z]+)(?![\w'@/-])")


class SpellingTables(Strict):
    """The coach-editable spelling lists of actions/knowledge/spelling.yml."""

    misspellings: Dict[str, str]
    missing_apostrophe: Dict[str, str]
    words: FrozenSet[str]

    @validator("words", pre=True)
    def _split(cls, value: object) -> object:
        """The words are one block of text, separated by spaces and line breaks."""
        return frozenset(value.split()) if isinstance(value, str) else value


@lru_cache(maxsize=2)
def spelling_tables(path: Path = SPELLING_FILE) -> SpellingTables:
    """Read and validate the spelling lists once."""
    return load_checked(SpellingTables, path)


def within_two_edits(a: str, b: str) -> bool:
    """Whether two words differ by at most two letters, case ignored ("Kate" and "Cate", "intrest" and "interest")."""
    a, b = a.lower(), b.lower()
    if abs(len(a) - len(b)) > 2:
        return False
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        previous = current
    return previous[-1] <= 2


def one_letter_apart(a: str, b: str) -> bool:
    """Whether two words are one letter apart, case ignored: one changed, added or dropped, or neighbours swapped."""
    a, b = a.lower(), b.lower()
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]])
    short, long_ = sorted((a, b), key=len)
    return len(long_) - len(short) == 1 and any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _skeleton(word: str) -> str:
    """The word with each doubled letter written once ("dissapointed" and "disappointed" are both "disapointed")."""
    return re.sub(r"(\w)\1+", r"\1", word)


def _one_slip(word: str, right: str) -> bool:
    """Whether a word is a typical slip of a listed one: a doubled letter, inner neighbours swapped, a letter or vowel.

    A doubled letter written once (or a single one doubled), two inner neighbours swapped, an inner letter left
    out or added (longer words), or one vowel for another (long words). The first and last letters are never the
    slip: changed there, a word is often another real word.
    """
    if word[0] != right[0] or word[-1] != right[-1]:
        return False
    if _skeleton(word) == _skeleton(right):
        return True
    if len(word) == len(right):
        diff = [i for i, (a, b) in enumerate(zip(word, right)) if a != b]
        if len(diff) == 2 and diff[1] == diff[0] + 1:
            return word[diff[0]] == right[diff[1]] and word[diff[1]] == right[diff[0]]
        vowels = VOWELS - {"y"}
        return len(diff) == 1 and len(word) >= VOWEL_SLIP_LETTERS and {word[diff[0]], right[diff[0]]} <= vowels
    short, long_ = (word, right) if len(word) < len(right) else (right, word)
    if len(long_) - len(short) != 1 or len(short) < GAP_SLIP_LETTERS:
        return False
    return any(long_[:i] + long_[i + 1 :] == short for i in range(1, len(long_) - 1))


def _listed(word: str, words: FrozenSet[str]) -> bool:
    """Whether the word, or the word without a common ending, is on the list ("interviews", "planning")."""
    if word in words:
        return True
    for ending in _ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3:
            if stem in words or stem + "e" in words or (len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in words):
                return True
            if stem.endswith("i") and stem[:-1] + "y" in words:  # "replied", "tries"
                return True
    return False


@lru_cache(maxsize=2)
def _by_ends(words: FrozenSet[str]) -> Dict[str, List[str]]:
    """The listed words by their first and last letter, the two letters a slip never changes."""
    ends: Dict[str, List[str]] = {}
    for word in sorted(words):
        ends.setdefault(word[0] + word[-1], []).append(word)
    return ends


def _guess(word: str, tables: SpellingTables) -> str | None:
    """The one listed word a lower-case word not on the list is a slip of; None when none or several fit."""
    if len(word) < MIN_CHECKED_LETTERS or _listed(word, tables.words):
        return None
    if any(word + ending in tables.words for ending in ("s", "es", "d", "ed", "ing", "e")):
        return None  # "sentence" while only "sentences" is listed
    near = [w for w in _by_ends(tables.words).get(word[0] + word[-1], ()) if _one_slip(word, w)]
    return near[0] if len(near) == 1 else None


def spelling_slips(text: str, extra: Dict[str, str] | None = None, keep: Iterable[str] = ()) -> List[Tuple[str, str]]:
    """The slips in a text, as written, with their correction; the words in `keep` (names, company) are left alone.

    Known misspellings, missing apostrophes, a lower-case "I", and lower-case words one slip away from a listed word.
    """
    tables = spelling_tables()
    known = {**(extra or {}), **tables.misspellings}
    kept = {w.lower() for phrase in keep for w in re.findall(r"[A-Za-z]+", phrase)}
    slips: List[Tuple[str, str]] = []
    taken: List[Tuple[int, int]] = []
    pattern = re.compile(r"(?i)\b(" + "|".join(re.escape(t) for t in sorted(known, key=len, reverse=True)) + r")\b")
    for match in pattern.finditer(text):
        slips.append((match.group(0), _cased(known[match.group(0).lower()], match.group(0))))
        taken.append(match.span())
    for match in _WORD.finditer(text):
        word = match.group(0)
        if any(start <= match.start() < end for start, end in taken) or word in kept:
            continue
        right = tables.missing_apostrophe.get(word) or ("I" if word == "i" else None) or _guess(word, tables)
        if right:
            slips.append((word, right))
    for match in _OPENING_CAPITAL.finditer(text):  # "Im looking forward", "Dont worry": a sentence's first word
        word = match.group(1)
        right = tables.missing_apostrophe.get(word.lower())
        if right and word.lower() not in kept and not any(start <= match.start(1) < end for start, end in taken):
            slips.append((word, _cased(right, word)))
    return list(dict.fromkeys(slips))


def _cased(right: str, wrong: str) -> str:
    """The correction with the capital letter of the word it replaces ("Realy" -> "Really")."""
    return right[:1].upper() + right[1:] if wrong[:1].isupper() else right
