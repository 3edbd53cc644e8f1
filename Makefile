# Two entry points (README): `make demo` and `make test`. Everything else is set-up.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   := demo-out

.PHONY: setup system demo test lint bench clean

setup: $(STAMP)

# The tests start real servers, a real browser and Spark: Virtuoso 7, Chromium and Java 17
# from Debian. (The Oxigraph server and pyspark come from PyPI, in requirements/.)
SYSTEM_PACKAGES := virtuoso-opensource-7-bin chromium openjdk-17-jre-headless
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
system:
	@command -v virtuoso-t >/dev/null && command -v chromium >/dev/null && \
		command -v java >/dev/null || { \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive \
		$(SUDO) apt-get install -y -q $(SYSTEM_PACKAGES); }

# Dependencies are pinned and hash-checked; kg itself installs editable on top, without deps.
$(STAMP): requirements/pip.txt requirements/main.txt requirements/dev.txt requirements/spark.txt \
		pyproject.toml
	python3 -m venv $(VENV)
	# A known pip first: older ones refuse hashed extras ("smart-open[http]") that newer accept.
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/pip.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes \
		-r requirements/main.txt -r requirements/dev.txt -r requirements/spark.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: setup
	rm -rf $(DEMO)
	$(BIN)/kg build examples/articles --store $(DEMO)/store -o $(DEMO)/graph.trig \
		--invalid-dir $(DEMO)/invalid
	$(BIN)/kg stats --store $(DEMO)/store
	$(BIN)/kg query --store $(DEMO)/store --file examples/queries/people-and-positions.rq

# The linters first (ruff with the configured line length, mypy strict, the import contracts
# of pyproject.toml), then every test.
test: setup system lint
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check kg tests bench scripts
	$(BIN)/mypy kg
	$(BIN)/lint-imports

bench: setup
	$(BIN)/python bench/bench_build.py

clean:
	rm -rf $(DEMO) kg-store kg-invalid
