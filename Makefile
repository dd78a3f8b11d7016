# The README's two commands are `make run` and `make test`; both set up a fresh Debian machine.
SHELL := /bin/bash
.DEFAULT_GOAL := run
export CARGO_TERM_QUIET ?= true

WORKSPACE ?= posts

.PHONY: setup ui run test test-ui test-rust test-e2e test-fuzz bench fuzz app

setup:
	@scripts/setup.sh

# ui/dist is rebuilt from ui/ sources when any of them is newer; the shell embeds it at compile time.
ui: setup
	@if [ ! -f ui/dist/index.html ] || [ -n "$$(find ui/src ui/build ui/index.html ui/package-lock.json ui/vite.config.ts -newer ui/dist/index.html -print -quit)" ]; then \
		cd ui && npm run --silent build -- --logLevel warn; \
	fi

app: ui
	@cargo build --bin draftsmith

run: app
	@scripts/run-app.sh "$${CARGO_TARGET_DIR:-target}/debug/draftsmith" "$(WORKSPACE)"

test-ui: setup
	@cd ui && npm test --silent

test-rust: ui
	@cargo test --workspace --no-fail-fast

test-e2e: app
	@tests/e2e/run.sh

# A short run of each fuzz target (and a replay of every kept regression input).
test-fuzz: setup
	@scripts/fuzz.sh 10

test: test-ui test-rust test-e2e test-fuzz

fuzz: setup
	@scripts/fuzz.sh 600

bench: setup
	@bench/run.sh
