"""Spelling closeness shared by the reading of name corrections and the draft review."""

from __future__ import annotations


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
