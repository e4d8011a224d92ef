"""crosscheck: find where news sources disagree.

    >>> import crosscheck
    >>> report = crosscheck.check(["samples/geneva-2022"])
    >>> [c.label for c in report.conflicts]

``load`` reads articles, ``extract`` turns one article into claims, ``check``
runs the whole pipeline (ingest → extract → group → compare) and returns a
``Report``; ``crosscheck.report`` renders it as text or JSON.
"""
__version__ = "0.1.0"  # before the imports: the cache and the SARIF writer read it

from crosscheck.pipeline import check, extract, load  # noqa: E402
__all__ = ["check", "extract", "load", "__version__"]
