# Two entry points: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
CONFIG ?= configs/default.yaml
OUT ?= outputs

.PHONY: run test lint format install clean bench quality

$(PY):
	$(PYTHON) -m venv $(VENV)

# torch goes first and pinned, so nothing else can pull a CUDA build.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	sh scripts/install-browser.sh
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PY) -m pipeline run --config $(CONFIG) --output $(OUT)/corpus.jsonl
	$(PY) -m pipeline link --pred $(OUT)/corpus.jsonl --output $(OUT)/entities.jsonl
	$(PY) -m pipeline report --gold annotations/gold.jsonl --pred $(OUT)/corpus.jsonl --config $(CONFIG) --out $(OUT)/report
	$(PY) -m pipeline evaluate --gold annotations/gold.jsonl --pred $(OUT)/corpus.jsonl --entities $(OUT)/entities.jsonl --report $(OUT)/report
	$(PY) -m pipeline export --pred $(OUT)/corpus.jsonl --texts corpus --entities $(OUT)/entities.jsonl --out $(OUT)/export

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: lint
	$(PY) -m pytest -q

quality: $(STAMP)
	$(PY) benchmarks/quality.py --config $(CONFIG)

bench: $(STAMP)
	$(PY) benchmarks/throughput.py
	$(PY) benchmarks/startup.py

clean:
	rm -rf $(OUT) .pytest_cache
