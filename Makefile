# bmrs: `make demo` builds and runs the main job on a real sample; `make test` runs every test.
SWIFT ?= swift
BMRS_RELEASE = .build/release/bmrs
DEMO_STORE ?= demo.sqlite

.PHONY: all deps build release demo demo-ingest test test-asan bench bench-startup schema migrations clean format lint dist dist-test \
	install

all: build

# Installs the system libraries and tools bmrs needs when they are missing (Debian; needs root or sudo).
deps:
	@Tools/install-deps.sh

build: deps
	$(SWIFT) build

# The commit and `git describe` are linked in (see Tools/release-build.sh); a plain `swift build` says "unknown".
release: deps
	Tools/release-build.sh .build

# Loads a year of real FUELHH data (Elexon BMRS, 2018) shipped in Tests/Fixtures, seals it, lists
# partitions and answers a query.
demo: release
	rm -f $(DEMO_STORE) $(DEMO_STORE)-wal $(DEMO_STORE)-shm $(DEMO_STORE).lock
	$(BMRS_RELEASE) load --store $(DEMO_STORE) --dataset FUELHH Tests/Fixtures/FUELHH_2018.json.zst
	$(BMRS_RELEASE) load --store $(DEMO_STORE) --dataset FUELINST Tests/Fixtures/FUELINST_20230507-20230514.json.zst Tests/Fixtures/FUELINST_20230513-20230515.json.zst
	$(BMRS_RELEASE) compact --store $(DEMO_STORE)
	$(BMRS_RELEASE) partitions --store $(DEMO_STORE) --table bmrs_fuelhh | head -8
	$(BMRS_RELEASE) query --store $(DEMO_STORE) --stats \
	  "SELECT settlementDate, count(DISTINCT settlementPeriod) AS periods, round(avg(generation)) AS avg_mw FROM bmrs_fuelhh WHERE settlementDate IN ('2018-03-25', '2018-06-21', '2018-10-28') GROUP BY 1"
	$(BMRS_RELEASE) query --store $(DEMO_STORE) \
	  "SELECT fuelType, sum(generation) / 2 AS mwh FROM bmrs_fuelhh GROUP BY 1 ORDER BY 2 DESC LIMIT 5"
	$(BMRS_RELEASE) verify --store $(DEMO_STORE)

# bmrs ingest against the loopback Insights API test server (real 2018 data), with faults, then resumed.
demo-ingest: release
	Tools/demo-ingest.sh

test: deps
	$(SWIFT) build
	$(SWIFT) test
	python3 -m unittest Tools/test_insights_server.py

# The store and parser tests under AddressSanitizer (own build directory); LeakSanitizer stays on, with only
# the leaks of XCTest and Foundation.Process suppressed (Tools/lsan.supp).
test-asan: deps
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tools/lsan.supp:print_suppressions=0 \
	  $(SWIFT) test --sanitize=address --scratch-path .build-asan --filter 'StoreTests|SQLiteTests'

bench: release
	Benchmarks/bench.sh

# Only the start-up figures of `make bench` (also appended to Benchmarks/RESULTS.md).
bench-startup: release
	Benchmarks/bench.sh startup

# Regenerates Schema/*.json from the migrations (a test fails when they disagree).
schema: build
	for t in $$(.build/debug/bmrs schema --list); do .build/debug/bmrs schema --table $$t > Schema/$$t.json; done

# Regenerates the migrations compiled into the binary from Migrations/*.sql.
migrations:
	python3 Tools/embed_migrations.py

# The portable release tarball in dist/ (static Swift runtime, no ICU), with man pages, completions and a demo.
dist: deps
	Tools/dist.sh

# Unpacks the tarball in a temporary directory, checks with ldd that nothing resolves into the Swift toolchain,
# and runs its demo with that binary.
dist-test: dist
	Tools/dist-test.sh

# Installs the binary, man pages and shell completions under PREFIX (default /usr/local), from the tarball's tree.
PREFIX ?= /usr/local
install: dist
	dist/bmrs-$$(tr -d '[:space:]' < VERSION)-linux-$$(uname -m)/install.sh "$(PREFIX)"

# Formats every Swift file with the checked-in .swift-format configuration; lint reports what differs.
format:
	$(SWIFT) format format --in-place --recursive --parallel Package.swift Sources Tests

lint:
	$(SWIFT) format lint --strict --recursive --parallel Package.swift Sources Tests

clean:
	rm -rf .build .build-asan .build-dist dist $(DEMO_STORE) $(DEMO_STORE)-wal $(DEMO_STORE)-shm $(DEMO_STORE).lock \
	  demo-ingest.sqlite*
