# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test fuzz bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	-$(BIN)/crosscheck check samples/

test: $(STAMP)
	$(BIN)/python -m pytest -q

# the property fuzz suites at length (make test runs them bounded, a fixed set of examples): random each run
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_fuzz.py tests/test_determinism.py

bench: $(STAMP)
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/hostile.py
	$(BIN)/python bench/scale.py

eval: $(STAMP)
	$(BIN)/python ../shared/eval/score.py ../shared/corpora ../shared/newscluster ../shared/ecbplus -v
	$(BIN)/python ../shared/eval/score_timex.py ../shared/timex/timebank -v | tail -n 1
	$(BIN)/python ../shared/eval/score_ecb.py ../shared/ecbplus | tail -n 1

clean:
	rm -rf $(VENV) .pytest_cache
