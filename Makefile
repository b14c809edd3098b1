# phaen - Thai national plans from XML to PDF.
#
#   make run      build phaen and render every plan in samples/ into out/, with
#                 each agency's reporting form (out/<plan>/forms/)
#   make test     build and run the whole test suite (TEST_JOBS=N: N binaries
#                 at a time; default: the CPUs)
#   make asan     the same tests under AddressSanitizer + UndefinedBehaviorSanitizer
#   make golden   write every expected file again from the current code
#                 (tests/golden/*.expected, tests/data/bad-refs.expected)
#                 (after a change to the documents that is meant: review git diff)
#   make bench    the benchmark (not part of the tests)
#   make shapes   hundreds of random plans of every shape, rendered and checked
#   make fuzz     build the libFuzzer target (clang) and run it briefly
#   make install  PREFIX=/usr/local DESTDIR=
#
# Missing libraries or tools are installed from Debian's packages first
# (apt-get as root, sudo otherwise): see `deps`.  A node installed from
# elsewhere (NodeSource's nodejs conflicts with Debian's npm) is kept.

VERSION   := 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
BUILD     ?= build
CC        ?= cc
PKGS      := libxml-2.0 cairo pango pangocairo pangoft2 fontconfig xlsxwriter
# export/import (issue 15): libcsv (no pkg-config file: -lcsv, csv.h checked
# below), libxlsxwriter; python3-jsonschema checks the JSON export's schema.
APT_PKGS  := build-essential pkg-config libxml2-dev libcairo2-dev libpango1.0-dev \
             libfontconfig-dev libcmocka-dev poppler-utils qpdf mupdf-tools nodejs npm \
             libcsv-dev libxlsxwriter-dev python3 python3-jsonschema
WARN      := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wformat=2 \
             -Wmissing-prototypes -Wno-unused-parameter
ifneq ($(CI)$(WERROR),)
WARN      += -Werror
endif
OPT       ?= -O2 -g
SAN       ?=
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libxlsxwriter is not linked: exportxlsx.c opens it when a workbook is
# written (it was a fifth of every run's start-up), by the soname of the
# library its header came with
PKG_LIBS   = $(shell pkg-config --libs $(filter-out xlsxwriter,$(PKGS)) 2>/dev/null) -lcsv
XLSX_SONAME = $(shell readelf -d "$$($(CC) -print-file-name=libxlsxwriter.so)" 2>/dev/null | \
                sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(OPT) $(SAN) \
             -DPHAEN_VERSION='"$(VERSION)"' -DPHAEN_DATADIR='"$(PREFIX)/share/phaen"' \
             -I generator -I $(BUILD)/gen $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SAN) $(LDFLAGS)

LIB_SRC  := $(filter-out generator/main.c,$(wildcard generator/*.c))
LIB_OBJ  := $(LIB_SRC:generator/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/schema_xsd.o \
            $(BUILD)/obj/schema2_xsd.o $(BUILD)/obj/results_xsd.o
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
SAMPLES  := $(sort $(filter-out samples/results/%,$(wildcard samples/*.xml samples/*/*.xml)))
# What agencies reported on the sample plan (issue 14): make run also
# renders its progress report.
SAMPLE_RESULTS := $(sort $(wildcard samples/results/*.xml))
SCHEMA   := generator/schema/plan-1.xsd
SCHEMA2  := generator/schema/plan-2.xsd
SCHEMA_RESULTS := generator/schema/results-1.xsd

.PHONY: all run test asan bench fuzz install clean deps check-deps shapes golden emblem
.DELETE_ON_ERROR:

all: $(BUILD)/phaen

# --- dependencies -----------------------------------------------------------
# A stamp per build folder: pkg-config and the PDF tools are checked once.
$(BUILD)/.deps: Makefile
	@missing=""; \
	pkg-config --exists $(PKGS) cmocka 2>/dev/null || missing="libs"; \
	[ -f /usr/include/csv.h ] || missing="$$missing libcsv"; \
	python3 -c 'import jsonschema' 2>/dev/null || missing="$$missing jsonschema"; \
	for t in pdftotext pdfinfo pdffonts qpdf mutool node npm cc; do command -v $$t >/dev/null 2>&1 || missing="$$missing $$t"; done; \
	if [ -n "$$missing" ]; then \
	  echo "phaen: installing missing build/test packages ($$missing): $(APT_PKGS)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  pkgs="$(APT_PKGS)"; \
	  if command -v node >/dev/null && command -v npm >/dev/null; then pkgs="$(filter-out nodejs npm,$(APT_PKGS))"; fi; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$pkgs >/dev/null || exit 1; \
	fi
	@mkdir -p $(@D) && touch $@

deps: $(BUILD)/.deps

# pdf.js (pdfjs-dist, the version pinned in tests/readers/package-lock.json)
# for tests/readers/readback.mjs: Firefox's PDF reader, run with node.  It
# asks for node >= 20 (these machines have it; Debian 12's own nodejs, which
# deps installs when node is missing, is 18: npm warns; not tried there).
# The optional canvas package is for rendering, which the tests do not do.
READERS_JS := tests/readers/node_modules/pdfjs-dist/package.json
$(READERS_JS): tests/readers/package.json tests/readers/package-lock.json | $(BUILD)/.deps
	npm ci --prefix tests/readers --omit=optional --no-audit --no-fund --loglevel=error
	@touch $@

# --- the program ------------------------------------------------------------
$(BUILD)/tools/embed: generator/tools/embed.c | $(BUILD)/.deps
	@mkdir -p $(@D)
	$(CC) -O2 -o $@ $<

$(BUILD)/gen/schema_xsd.c: $(SCHEMA) $(BUILD)/tools/embed
	@mkdir -p $(@D)
	$(BUILD)/tools/embed phaen_schema_xsd $< $@

$(BUILD)/obj/schema_xsd.o: $(BUILD)/gen/schema_xsd.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Format 2 (plan-2.xsd) beside format 1: load.c picks one by <plan format>.
$(BUILD)/gen/schema2_xsd.c: $(SCHEMA2) $(BUILD)/tools/embed
	@mkdir -p $(@D)
	$(BUILD)/tools/embed phaen_schema2_xsd $< $@

$(BUILD)/obj/schema2_xsd.o: $(BUILD)/gen/schema2_xsd.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# What agencies report (results-1.xsd), for results.c.
$(BUILD)/gen/results_xsd.c: $(SCHEMA_RESULTS) $(BUILD)/tools/embed
	@mkdir -p $(@D)
	$(BUILD)/tools/embed phaen_results_xsd $< $@

$(BUILD)/obj/results_xsd.o: $(BUILD)/gen/results_xsd.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: generator/%.c $(wildcard generator/*.h) $(BUILD)/.deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/exportxlsx.o: ALL_CFLAGS += -DPHAEN_XLSX_SONAME='"$(or $(XLSX_SONAME),libxlsxwriter.so)"'

$(BUILD)/libphaen.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

# fastfmt.o by name: nothing in the program calls it; cairo does (fastfmt.c)
$(BUILD)/phaen: $(BUILD)/obj/main.o $(BUILD)/obj/fastfmt.o $(BUILD)/libphaen.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm -lpthread

# --- render the samples -----------------------------------------------------
run: $(BUILD)/phaen
	@for f in $(SAMPLES); do \
	  name=$$(basename $$f .xml); \
	  echo "phaen render $$f -o out/$$name"; \
	  $(BUILD)/phaen render $$f -o out/$$name || exit $$?; \
	  echo "phaen forms $$f -o out/$$name"; \
	  $(BUILD)/phaen forms $$f -o out/$$name || exit $$?; \
	done
	@echo "phaen report samples/trafficking-2561-2580.xml $(SAMPLE_RESULTS) -o out/trafficking-2561-2580"
	@$(BUILD)/phaen report samples/trafficking-2561-2580.xml $(SAMPLE_RESULTS) -o out/trafficking-2561-2580

# --- tests ------------------------------------------------------------------
# Compiled and linked apart: a change to the library's code relinks the 34
# test binaries (5 s CPU) instead of compiling them all again (23 s).
$(BUILD)/tests/%.o: tests/%.c $(wildcard tests/*.h) $(wildcard generator/*.h) $(BUILD)/.deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -I tests -c -o $@ $<

# fastfmt.o by name, as in phaen: the tests that write PDFs in their own
# process (test_layout, test_split, test_front, ...) format cairo's numbers
# as the program does (the same bytes as glibc: test_fastfmt; test_layout's
# and test_split's PDFs compared), 2 to 4 % less CPU for those two.
$(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/obj/fastfmt.o $(BUILD)/libphaen.a
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/obj/fastfmt.o $(BUILD)/libphaen.a $(PKG_LIBS) $(CMOCKA_LIBS) -lm -lpthread

.SECONDARY: $(TEST_BIN:%=%.o)

# The PDF readers the tests run (qpdf, poppler's tools, mutool) reading
# their input from memory (tests/memopen.c: half of qpdf's CPU was seeking,
# a fifth of pdftotext's reading), preloaded into them by testutil.h and
# readback.mjs; without $(SAN): the readers have no sanitizer runtime.
$(BUILD)/tests/memopen.so: tests/memopen.c | $(BUILD)/.deps
	@mkdir -p $(@D)
	$(CC) -std=c11 $(WARN) -O2 -shared -fPIC -o $@ $< -ldl

# tests/run.sh runs the binaries TEST_JOBS at a time (default: the CPUs),
# each printed whole when it ends, and keeps their wall and CPU seconds in
# $(BUILD)/tests/times (slowest first); the samples' PDFs are rendered once
# per run for the binaries that only read them, and the read-only tools run
# on them once (shared_render, shared_tool in tests/testutil.h).
TEST_JOBS ?=
test: $(BUILD)/phaen $(TEST_BIN) $(READERS_JS) $(BUILD)/tests/memopen.so
	@PHAEN=$(BUILD)/phaen BUILD=$(BUILD) TEST_JOBS=$(TEST_JOBS) sh tests/run.sh $(TEST_BIN)

# Every expected file, written again from the current code: the text dumps
# of tests/test_golden.c (dump.h; every document of every sample, the
# changes between the sample's revisions, small plans) and the diagnostics
# of tests/data/bad-refs.xml (test_resolve, test_e2e).  Review git diff.
golden: $(BUILD)/phaen $(BUILD)/tests/test_golden
	PHAEN_GOLDEN=write BUILD=$(BUILD) $(BUILD)/tests/test_golden
	$(BUILD)/phaen check tests/data/bad-refs.xml >tests/data/bad-refs.expected 2>&1; test $$? = 1

asan:
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	$(MAKE) BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined" \
	  CFLAGS="$(CFLAGS) -DPHAEN_ARENA_DEBUG" test

# --- benchmark --------------------------------------------------------------
# Synthetic plans of 10 to 10,000 projects (tests/bench/gen.c) into
# $(BUILD)/bench, then one table of time per stage, pages/s and peak memory
# (tests/bench/run.sh; BENCH_SIZES, BENCH_JOBS), and phaen's master + action
# plan against the bare pango+cairo floor on the same text (tests/bench/floor.c).  Not part of `make test`;
# tests/test_bench_gen.c keeps the generator honest there.
$(BUILD)/bench/gen: tests/bench/gen.c tests/bench/phrases.h | $(BUILD)/.deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $<

$(BUILD)/bench/bench: tests/bench/bench.c $(wildcard generator/*.h) $(BUILD)/libphaen.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libphaen.a $(PKG_LIBS) -lm -lpthread

$(BUILD)/bench/floor: tests/bench/floor.c generator/fonts.h generator/diag.h $(BUILD)/libphaen.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libphaen.a $(PKG_LIBS) -lm -lpthread

$(BUILD)/tests/test_bench_gen.o: tests/bench/gen.c tests/bench/phrases.h
$(BUILD)/tests/test_shapes.o: tests/bench/phrases.h

# --- random plans of every shape (tests/test_shapes.c, shapes_gen.h) --------
# `make test` runs a dozen small ones; `make shapes` hundreds of larger
# ones (SHAPES_COUNT, SHAPES_SEED to replay one: the failures print theirs).
SHAPES_COUNT ?= 300
shapes: $(BUILD)/phaen $(BUILD)/tests/test_shapes $(BUILD)/tests/test_fastfmt
	@PHAEN=$(BUILD)/phaen BUILD=$(BUILD) SHAPES_LARGE=1 SHAPES_COUNT=$(SHAPES_COUNT) \
	  $(BUILD)/tests/test_shapes
	@FASTFMT_FULL=1 $(BUILD)/tests/test_fastfmt

bench: $(BUILD)/phaen $(BUILD)/bench/gen $(BUILD)/bench/bench $(BUILD)/bench/floor
	@BUILD=$(BUILD) sh tests/bench/run.sh

# --- fuzzing ----------------------------------------------------------------
# libFuzzer over load + resolve + check, and the budget roll-ups and every
# composer of a plan that passes (tests/fuzz/fuzz_load.c), then over the
# template reader (tests/fuzz/fuzz_template.c), built with
# clang into build-fuzz/ (the schema C file comes from the rules above, run
# with BUILD=build-fuzz).  The corpus, build-fuzz/corpus, is seeded from the
# samples and tests/data and kept between runs; crashes land in build-fuzz/.
# FUZZ_SECONDS=0 only builds; FUZZ_ARGS adds options (e.g. -fork=2
# -ignore_crashes=1 to use two cores and go on after a crash).
FUZZ_DIR     := build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_ARGS    ?=
FUZZ_CC      ?= clang
FUZZ_SRC     := tests/fuzz/fuzz_load.c $(addprefix generator/,load.c loadplan.c resolve.c \
                check.c report.c plan.c diag.c arena.c sha256.c thai.c budget.c \
                template.c input.c doc.c compose.c master.c action.c sheet.c \
                schema_msg.c xalloc.c target.c glossary.c aligndoc.c diff.c diffdoc.c \
                diffprint.c revises.c front.c image.c)
# template.h names cairo's types (image.h), so the fuzz targets compile
# with cairo's flags; they link only what the named sources call.
FUZZ_PKGS    := libxml-2.0 cairo
# (clang's -Wformat=2 also flags the vprintf wrappers, which gcc does not.)
FUZZ_CFLAGS  := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
                -Wno-format-nonliteral -g -O1 -fno-omit-frame-pointer -DPHAEN_ARENA_DEBUG \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined

$(FUZZ_DIR)/fuzz_load: $(FUZZ_SRC) $(wildcard generator/*.h) $(FUZZ_DIR)/gen/schema_xsd.c \
                       $(FUZZ_DIR)/gen/schema2_xsd.c
	$(FUZZ_CC) $(FUZZ_CFLAGS) -I generator $(shell pkg-config --cflags $(FUZZ_PKGS)) \
	  -o $@ $(FUZZ_SRC) $(FUZZ_DIR)/gen/schema_xsd.c $(FUZZ_DIR)/gen/schema2_xsd.c \
	  $(shell pkg-config --libs $(FUZZ_PKGS))

# The template reader, over the same seconds (FUZZ_TEMPLATE_SECONDS),
# seeded from templates/ (corpus: build-fuzz/corpus-template).
FUZZ_TEMPLATE_SECONDS ?= $(FUZZ_SECONDS)
FUZZ_TEMPLATE_SRC := tests/fuzz/fuzz_template.c $(addprefix generator/,template.c input.c xalloc.c \
                     diag.c arena.c image.c)
$(FUZZ_DIR)/fuzz_template: $(FUZZ_TEMPLATE_SRC) $(wildcard generator/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -I generator $(shell pkg-config --cflags $(FUZZ_PKGS)) \
	  -o $@ $(FUZZ_TEMPLATE_SRC) $(shell pkg-config --libs $(FUZZ_PKGS))

fuzz:
	@command -v $(FUZZ_CC) >/dev/null || { echo "phaen: make fuzz needs clang"; exit 2; }
	$(MAKE) BUILD=$(FUZZ_DIR) $(FUZZ_DIR)/fuzz_load $(FUZZ_DIR)/fuzz_template
	@mkdir -p $(FUZZ_DIR)/corpus
	@for f in samples/*.xml samples/history/*.xml $$(find tests/data -name '*.xml'); do \
	  cp "$$f" "$(FUZZ_DIR)/corpus/seed-$$(printf '%s' "$$f" | tr / _)"; \
	done
	@if [ "$(FUZZ_SECONDS)" -gt 0 ]; then \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  $(FUZZ_DIR)/fuzz_load -dict=tests/fuzz/plan.dict -max_total_time=$(FUZZ_SECONDS) \
	    -timeout=10 -rss_limit_mb=2048 -artifact_prefix=$(FUZZ_DIR)/ \
	    $(FUZZ_ARGS) $(FUZZ_DIR)/corpus; \
	fi
	@mkdir -p $(FUZZ_DIR)/corpus-template && cp templates/*.conf $(FUZZ_DIR)/corpus-template/
	@if [ "$(FUZZ_TEMPLATE_SECONDS)" -gt 0 ]; then \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  $(FUZZ_DIR)/fuzz_template -max_total_time=$(FUZZ_TEMPLATE_SECONDS) -max_len=16384 \
	    -timeout=10 -rss_limit_mb=2048 -artifact_prefix=$(FUZZ_DIR)/template- \
	    $(FUZZ_ARGS) $(FUZZ_DIR)/corpus-template; \
	fi

# --- the cover's emblem -------------------------------------------------------
# templates/emblem.png, the neutral seal phaen ships, is drawn by a program
# (generator/tools/emblem.c, cairo paths only) and committed; `make emblem`
# draws it again (the same bytes).
emblem: $(BUILD)/tools/emblem
	$(BUILD)/tools/emblem templates/emblem.png 480

$(BUILD)/tools/emblem: generator/tools/emblem.c | $(BUILD)/.deps
	@mkdir -p $(@D)
	$(CC) -std=c11 -D_DEFAULT_SOURCE -O2 -o $@ $< $$(pkg-config --cflags --libs cairo) -lm

# --- install ----------------------------------------------------------------
install: $(BUILD)/phaen
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/phaen/templates \
	  $(DESTDIR)$(PREFIX)/share/phaen/fonts
	install -m 755 $(BUILD)/phaen $(DESTDIR)$(PREFIX)/bin/phaen
	install -m 644 templates/*.conf templates/*.png $(DESTDIR)$(PREFIX)/share/phaen/templates/
	install -m 644 fonts/*.ttf fonts/COPYRIGHT* fonts/README.md fonts/SHA256SUMS $(DESTDIR)$(PREFIX)/share/phaen/fonts/

clean:
	rm -rf build build-asan build-fuzz out
