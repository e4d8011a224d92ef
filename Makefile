# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED := ../shared

.PHONY: demo test fuzz bench bench-large eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# the report shows conflicts (the samples have four): --exit-zero, so that the demo itself ends with exit 0
demo: $(STAMP)
	$(BIN)/crosscheck check samples/ --exit-zero

test: $(STAMP)
	$(BIN)/python -m pytest -q

# the property fuzz suites at length (make test runs them bounded, a fixed set of examples): random each run
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_fuzz.py tests/test_determinism.py

# bench.py and hostile.py need nothing else; scale.py builds its filler from ../shared/ecbplus
bench: $(STAMP)
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/hostile.py
	@if [ -d $(SHARED)/ecbplus ]; then $(BIN)/python bench/scale.py; \
	else echo "bench/scale.py skipped: it needs $(SHARED)/ecbplus (not found)"; fi

# the check at 10,000, 100,000 and 300,000 articles, stage by stage (slow: not part of make bench)
bench-large: $(STAMP)
	@if [ -d $(SHARED)/ecbplus ]; then $(BIN)/python bench/scale.py --large; \
	else echo "bench/scale.py skipped: it needs $(SHARED)/ecbplus (not found)"; fi

# the scorers and their gold corpora live in ../shared, beside this folder
eval: $(STAMP)
	@if [ ! -d $(SHARED)/eval ]; then echo "make eval skipped: the scorers are in $(SHARED)/eval (not found)"; else \
	$(BIN)/python $(SHARED)/eval/score.py $(SHARED)/corpora $(SHARED)/newscluster $(SHARED)/ecbplus -v && \
	$(BIN)/python $(SHARED)/eval/score_timex.py $(SHARED)/timex/timebank -v | tail -n 1 && \
	$(BIN)/python $(SHARED)/eval/score_ecb.py $(SHARED)/ecbplus | tail -n 1; fi

clean:
	rm -rf $(VENV) .pytest_cache
