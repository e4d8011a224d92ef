"""Ingest: files, folders, JSONL and HTML into articles (``files``), with their publication dates
(``pubdate``) and the discrepancies their metadata accepts (``accepts``)."""
from crosscheck.ingest.files import (JSONL_SUFFIXES, count_inputs, input_files, iter_inputs, load, parse_date,
                                     read_file)

__all__ = ["JSONL_SUFFIXES", "count_inputs", "input_files", "iter_inputs", "load", "parse_date", "read_file"]
