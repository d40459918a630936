# Two commands on a fresh machine (Python 3.11):
#   make demo   installs everything into .venv and runs the main job on the bundled examples
#   make test   installs everything into .venv and runs the tests
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
DB ?= demo.db

.PHONY: install demo test bench eval clean

$(BIN)/claimledger: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,multilingual,ru]'
	touch $(BIN)/claimledger

install: $(BIN)/claimledger

demo: install
	rm -f $(DB)
	$(BIN)/claimledger analyze examples/kursk.txt
	$(BIN)/claimledger ingest examples/wikinews examples/ru examples/kursk-followups/1-kremlin-saturday.txt --db $(DB)
	$(BIN)/claimledger follow examples/feeds/kursk.xml --db $(DB) --once
	$(BIN)/claimledger claims --db $(DB) --status disputed
	$(BIN)/claimledger timeline --db $(DB) --about Kursk
	$(BIN)/claimledger changes --db $(DB) --about Kursk

test: install
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/claimledger eval all

bench: install
	$(BIN)/python benchmarks/bench_ingest.py

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
