# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	-$(BIN)/crosscheck check samples/

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/scale.py

eval: $(STAMP)
	$(BIN)/python ../shared/eval/score.py ../shared/corpora ../shared/newscluster ../shared/ecbplus -v
	$(BIN)/python ../shared/eval/score_timex.py ../shared/timex/timebank -v | tail -n 1
	$(BIN)/python ../shared/eval/score_ecb.py ../shared/ecbplus | tail -n 1

clean:
	rm -rf $(VENV) .pytest_cache
