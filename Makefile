# The two commands of the README: `make run` and `make test`. Everything else is a step of those.
SHELL := /bin/bash
JOBS ?= 2
NATIVE := build/native
WASM := build/wasm
PORT ?= 8080
# Debian's emcc needs Debian's node modules (acorn); see ../shared/TOOLCHAIN.md.
export NODE_PATH := /usr/share/nodejs

.PHONY: install build native wasm run demo deploy-local test bench eval clean

install:
	bash scripts/install.sh

native: install
	cmake -S . -B $(NATIVE) -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build $(NATIVE) -j$(JOBS)

wasm: install
	emcmake cmake -S . -B $(WASM) -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build $(WASM) -j$(JOBS)

build: native wasm

run: build
	@echo "Northwind Bank is at http://127.0.0.1:$(PORT)/  (demo logins in README.md; Ctrl-C stops it)"
	$(NATIVE)/proxy/bank-proxy --host 127.0.0.1 --port $(PORT) --app $(WASM)/app

# Past one machine, tried on one: PostgreSQL, two proxy replicas and the nginx edge (README.md).
deploy-local: build
	bash scripts/deploy_local.sh

# The static demo (no proxy, synthetic data, offline AI) served by a plain file server.
demo: build
	bash scripts/make_demo_site.sh build/demo-site
	@echo "Northwind Bank demo is at http://127.0.0.1:$(PORT)/  (Ctrl-C stops it)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory build/demo-site

# Every test, then the unit and proxy tests again under ASan + UBSan (tests/sanitize/run.sh).
test: build
	ctest --test-dir $(NATIVE) --output-on-failure -j$(JOBS)
	JOBS=$(JOBS) bash tests/sanitize/run.sh

# EVALUATION.md's table on the bundled data.
eval: native
	$(NATIVE)/tests/eval/bank-eval --project-data data --weights config/ranking.json

# Every benchmark of BENCHMARKS.md, one after the other; each prints its table (minutes each; not
# part of `make test`).
bench: build
	bash tests/tokenizer/bench.sh
	bash tests/eval/bench.sh
	bash tests/eval/bench_device.sh
	bash tests/eval/bench_train.sh
	BANK_TEST_MODELS=$(NATIVE)/inference-models node tests/inference/bench.mjs
	bash tests/proxy/bench.sh
	node tests/e2e/bench_ui.mjs $(NATIVE)/proxy/bank-proxy $(WASM)/app
	node tests/e2e/bench_book.mjs $(NATIVE)/proxy/bank-proxy $(WASM)/app
	node tests/e2e/bench_mirror.mjs $(NATIVE)/proxy/bank-proxy $(WASM)/app
	node tests/e2e/bench_idle.mjs $(NATIVE)/proxy/bank-proxy $(WASM)/app
	node tests/e2e/bench_first_paint.mjs $(NATIVE)/proxy/bank-proxy $(WASM)/app

clean:
	rm -rf build
