# The README's commands. `make demo` and `make test` install missing Debian packages first
# (scripts/install-deps.sh), configure with CMake and build; nothing is downloaded at build time.
BUILD_DIR ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo
AG := $(BUILD_DIR)/actorgraph
DEMO_DB := graph_exports/demo.db

.PHONY: all deps build demo test asan bench clean

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD_DIR)/CMakeCache.txt:
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	@mkdir -p graph_exports
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(AG) ingest --db $(DEMO_DB) data/samples data/samples-jsonl
	$(AG) query --db $(DEMO_DB) queries/demo.kgq
	$(AG) export --db $(DEMO_DB) --format graphml -o graph_exports/demo.graphml

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
asan: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DAG_SANITIZE=ON
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure -j $(JOBS)

bench: deps
	cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DAG_BUILD_BENCH=ON
	cmake --build build-bench -j $(JOBS)

clean:
	rm -rf $(BUILD_DIR) build-asan build-bench
