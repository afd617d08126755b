# newsdesk: `make run` starts everything on SQLite; `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install bench fuzz clean pgvector

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/newsdesk run

# The browser tests drive Debian's chromium; install it when it is missing and apt-get can
# (they skip with a reason otherwise).
test: $(STAMP) pgvector
	@command -v chromium >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1 || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) || \
		echo "chromium could not be installed: browser tests will skip"
	$(BIN)/python -m pytest -n 2 --dist loadfile

bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/ingest.py

# the property tests with many more examples, then a minute of coverage-guided fuzzing
FUZZ_TESTS := tests/sources/test_feed_fuzz.py tests/extract/test_extract_fuzz.py \
	tests/enrich/test_timex_fuzz.py tests/enrich/test_quotes_fuzz.py tests/sources/test_robustness.py
FUZZ_SECONDS ?= 60
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -n 2 --dist loadfile -o timeout=3600 $(FUZZ_TESTS)
	@if $(BIN)/pip install --quiet -e '.[test,fuzz]'; then \
		$(BIN)/python fuzz/atheris_harness.py -max_total_time=$(FUZZ_SECONDS); \
	else echo "atheris did not install: hypothesis only"; fi

clean:
	rm -rf $(VENV) .pytest_cache

# pgvector for the PostgreSQL vector tests: installed only when the local server lacks it,
# apt-get exists, we are root and apt knows the package. Otherwise nothing happens: vectors
# are ranked in numpy, and the pgvector tests start a private PostgreSQL + pgvector from the
# pgserver wheel (tests/pgvector_server.py).
PSQL := psql -h 127.0.0.1 -U postgres -d test -Atc
pgvector:
	@if command -v apt-get >/dev/null 2>&1 && command -v psql >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] \
	  && $(PSQL) "select 1" >/dev/null 2>&1 \
	  && [ -z "$$($(PSQL) "select 1 from pg_available_extensions where name = 'vector'")" ]; then \
	  pkg="postgresql-$$($(PSQL) "show server_version_num" | cut -c1-2)-pgvector"; \
	  if apt-cache show "$$pkg" >/dev/null 2>&1; then apt-get install -y -q "$$pkg" || true; \
	  else echo "pgvector: $$pkg is not in the apt lists; the pgvector tests start a private server from the pgserver wheel"; fi; \
	fi
