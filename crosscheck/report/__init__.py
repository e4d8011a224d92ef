"""Reports of a check: ``json`` (the ``crosscheck/report@1`` contract, claims and dates as data), ``text`` (the
terminal report) and ``formats`` (every ``--format``, the CI formats among them)."""
from crosscheck.report.json import SCHEMA, claim_data, date_data, report_data, write_json
from crosscheck.report.text import render

__all__ = ["SCHEMA", "claim_data", "date_data", "render", "report_data", "write_json"]
