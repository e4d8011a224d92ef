"""Extract: each article read once (``document``: sentences, clauses, words), annotated by one reader per slot
(``dates`` and ``tense``, ``entities`` for people and organisations, ``places``, ``measures``), then assembled
into claims (``claims``)."""
from crosscheck.extract.claims import extract

__all__ = ["extract"]
