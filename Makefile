# gonghui — the two commands a newcomer needs:
#   make demo   install what is missing, build, create demo data, serve on http://127.0.0.1:8080
#   make test   install what is missing, build (with sanitizers) and run every test
# and, for the developers: make build-fuzz, make fuzz (FUZZ_SECONDS per target, FUZZ_TARGETS),
# make bench, make lint, make unit.
SHELL := /bin/bash
JOBS ?= 2
DEMO_DB ?= var/demo.db
LISTEN ?= 127.0.0.1:8080
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=

.PHONY: all deps build build-asan build-fuzz fuzz web demo test unit lint bench clean

all: build web

deps:
	@scripts/deps.sh build

build: deps
	cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DGONGHUI_TESTS=OFF >/dev/null
	cmake --build build -j$(JOBS)

build-asan:
	@scripts/deps.sh test
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DGONGHUI_SANITIZE=ON >/dev/null
	cmake --build build-asan -j$(JOBS)

# The libFuzzer targets of fuzz/, with Debian's clang.
build-fuzz:
	@scripts/deps.sh fuzz
	CC=clang CXX=clang++ cmake -S fuzz -B build-fuzz >/dev/null
	cmake --build build-fuzz -j$(JOBS)

fuzz: build-fuzz
	scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

web: deps
	cd web && npm run build

demo: build web
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	build/gonghui demo --db sqlite:$(DEMO_DB) --scale small
	build/gonghui serve --listen $(LISTEN) --db sqlite:$(DEMO_DB) --web web/dist

# The benchmarks' packages too, so the dependency check can vouch for bench/ as well.
test: build-asan build-fuzz
	@scripts/deps.sh test fuzz bench
	cd web && npm run build
	scripts/test.sh

unit: build-asan
	cd build-asan && ctest --output-on-failure -j$(JOBS)

lint: build-asan
	scripts/lint.sh

bench: build
	@scripts/deps.sh bench
	bench/api.sh
	bench/search.sh
	bench/export.sh
	bench/stats.sh
	bench/labour.sh
	bench/dashboard.sh
	bench/import.sh
	bench/members.sh

clean:
	rm -rf build build-asan build-fuzz web/dist
