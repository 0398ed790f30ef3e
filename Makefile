# Set-up, build, demo and tests. `make demo` and `make test` each do the whole set-up on a fresh
# Debian machine (as root): missing system packages via apt-get, Python packages in .venv.

PYTHON   ?= python3
VENV     := .venv
VPY      := $(CURDIR)/$(VENV)/bin/python
JOBS     ?= 2
CPP_BUILD := build/cpp
APT_PACKAGES := g++ pkg-config libicu-dev libutf8proc-dev libgtest-dev unicode-data bzip2 fonts-noto-core \
                default-jre-headless
PY_TOOLS := "scikit-build-core>=0.10" "pybind11>=3.0" "cmake>=3.20" ninja build
PY_TEST  := "pytest>=7" "hypothesis>=6" "nbclient>=0.9" "nbformat>=5" "ipykernel>=6" \
            pandas matplotlib arabic-reshaper python-bidi mypy pybind11-stubgen \
            "dask[distributed,dataframe]" pyarrow pyspark

.PHONY: demo test system venv install cpp-test sanitize-test py-test notebooks package-test bench clean

demo: install
	@echo "== normalized =="
	@$(VENV)/bin/sokhan normalize tests/data/news_fa.txt
	@echo "== sentences =="
	@$(VENV)/bin/sokhan sentences tests/data/news_fa.txt
	@echo "== dates (document date 2015-11-25) =="
	@$(VENV)/bin/sokhan dates --reference 2015-11-25 tests/data/news_fa.txt

test: cpp-test sanitize-test py-test notebooks package-test fuzz-smoke

# System libraries: install only what is missing (apt-get needs root, as on CI).
system:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if ! $(PYTHON) -c "import venv, ensurepip" >/dev/null 2>&1; then missing="$$missing python3-venv"; fi; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

venv: system $(VENV)/.ready

$(VENV)/.ready: Makefile
	$(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install -q --upgrade pip
	$(VPY) -m pip install -q $(PY_TOOLS) $(PY_TEST)
	touch $@

# Builds the wheel in the persistent build/<wheel tag>/ directory, so rebuilds are incremental.
install: venv
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH CMAKE_BUILD_PARALLEL_LEVEL=$(JOBS) \
	  $(VPY) -m pip install -q --no-build-isolation --no-deps .

cpp-test: venv
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH cmake -S . -B $(CPP_BUILD) -G Ninja \
	  -DSOKHAN_BUILD_TESTS=ON -DCMAKE_BUILD_TYPE=Release
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH cmake --build $(CPP_BUILD) -j $(JOBS)
	cd $(CPP_BUILD) && PATH=$(CURDIR)/$(VENV)/bin:$$PATH ctest --output-on-failure -j $(JOBS)

# The C++ tests again, built with AddressSanitizer and UndefinedBehaviorSanitizer (LeakSanitizer
# included): memory errors, undefined behaviour and leaks fail the run.
sanitize-test: venv
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH cmake -S . -B build/asan -G Ninja -DSOKHAN_BUILD_TESTS=ON \
	  -DSOKHAN_BUILD_PYTHON=OFF -DSOKHAN_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH cmake --build build/asan -j $(JOBS)
	cd build/asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  PATH=$(CURDIR)/$(VENV)/bin:$$PATH ctest --output-on-failure -j $(JOBS)

# The installed package is tested from a temporary directory, never from the source tree.
py-test: install
	cd $$(mktemp -d) && $(VPY) -m pytest -c $(CURDIR)/pyproject.toml --rootdir $(CURDIR) \
	  $(CURDIR)/tests/python

notebooks: install
	$(VPY) tests/run_notebooks.py notebooks/*.ipynb

# sdist → wheel → fresh venv → the Python tests from a temporary directory: a file missing from
# the package fails here (about 1.5 minutes on 2 cores).
package-test: venv
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH JOBS=$(JOBS) bash tests/packaging/check_wheel.sh

# The competitors (hazm pins an old numpy and pulls ~400 MB) live in their own venv; the
# scripts run each of them there in a subprocess.
bench: install
	test -x build/bench-venv/bin/python || $(PYTHON) -m venv build/bench-venv
	build/bench-venv/bin/python -m pip install -q hazm PyICU blingfire pysbd dateparser
	$(VPY) benchmarks/bench_normalize.py
	$(VPY) benchmarks/bench_sentences.py
	$(VPY) benchmarks/bench_dates.py
	$(VPY) benchmarks/eval_dates.py

clean:
	rm -rf build $(VENV)

# libFuzzer harnesses (tests/fuzz), built with clang, ASan and UBSan in build/fuzz: `fuzz` runs
# each harness for 10 minutes, `fuzz-smoke` for 30 s on its seed corpus with a fixed seed (CI:
# the same inputs on every run, every fixed finding replayed first). clang and its
# sanitizer/libFuzzer runtimes are installed when missing, as `system` does.
FUZZ_APT_PACKAGES := clang libclang-rt-14-dev

.PHONY: fuzz fuzz-smoke fuzz-system

fuzz-system:
	@missing=$$(for p in $(FUZZ_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

fuzz: venv fuzz-system
	JOBS=$(JOBS) bash tests/fuzz/run.sh 600

fuzz-smoke: venv fuzz-system
	FUZZ_SEED=1 JOBS=$(JOBS) bash tests/fuzz/run.sh 30

# ---- The benchmark suite (issue 8): benchmarks/run.py and the C++ micro-benchmarks.
# `make bench-suite` prints the one table and writes benchmarks/results/ (SUITE_ARGS=--quick for
# a smoke run, --no-1gb to leave out the 1 GB CLI run); `make bench-cpp` runs every
# micro-benchmark on the suite's corpus (BENCH_ARGS=--benchmark_filter=split for a subset).
BENCH_CPP := build/bench-cpp
BENCH_COMPETITORS := hazm PyICU blingfire pysbd dateparser parsivar

.PHONY: bench-suite bench-cpp bench-cpp-build bench-venv

# The competitors' venv of `make bench`, plus Parsivar.
bench-venv:
	test -x build/bench-venv/bin/python || $(PYTHON) -m venv build/bench-venv
	build/bench-venv/bin/python -m pip install -q $(BENCH_COMPETITORS)

bench-cpp-build: venv
	@dpkg -s libbenchmark-dev >/dev/null 2>&1 || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libbenchmark-dev; }
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH cmake -S . -B $(BENCH_CPP) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DSOKHAN_BUILD_TESTS=OFF -DSOKHAN_BUILD_PYTHON=OFF -DSOKHAN_BUILD_BENCHMARKS=ON
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH cmake --build $(BENCH_CPP) -j $(JOBS)

bench-cpp: bench-cpp-build
	$(VPY) benchmarks/run.py --write-corpus $(BENCH_CPP)/corpus
	$(BENCH_CPP)/benchmarks/cpp/sokhan_bench --corpus=$(BENCH_CPP)/corpus $(BENCH_ARGS)

bench-suite: install bench-venv bench-cpp-build
	$(VPY) benchmarks/run.py $(SUITE_ARGS)
