# planpress - static report generator for council plans, reports and agendas.
# `make` builds gen/planpress; `make check` runs every test; see README.md.

PREFIX ?= /usr/local
CC ?= cc
PKGS = yaml-0.1 libxml-2.0 pangocairo cairo md4c zlib libzip
# Not asked for by `make deps`, which installs the packages pkg-config reads.
ifneq ($(MAKECMDGOALS),deps)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS := $(shell pkg-config --libs $(PKGS))
endif

CFLAGS ?= -O2 -g
WARNINGS = -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes -Wno-missing-field-initializers
ALL_CFLAGS = $(WARNINGS) $(INCLUDES) $(PKG_CFLAGS) $(CPPFLAGS) $(CFLAGS)
ALL_LDLIBS = $(PKG_LIBS) -lm $(LDLIBS)

# The generator's modules, a folder a stage, in pipeline order (see the
# README's "The code"); main.c is kept apart so that tests and the fuzzer can
# link the library part. Headers are included by name: -I for each stage.
LIB_SRC = gen/base/util.c gen/base/spill.c gen/base/diag.c gen/base/catalog.c \
	  gen/model/values.c gen/model/colour.c gen/model/load.c gen/model/markdown.c gen/model/markdown_read.c gen/model/model.c \
	  gen/model/schema.c gen/model/anchor.c gen/model/derive.c gen/model/facts.c gen/model/content.c gen/model/png.c \
	  gen/model/url.c gen/present/words.c gen/present/pdf_style.c \
	  gen/present/typeset.c gen/present/chart.c \
	  gen/html/view.c gen/html/html_markdown.c gen/html/html_write.c gen/html/template.c \
	  gen/html/html.c gen/csv/csv.c \
	  gen/pdf/flow.c gen/pdf/layout.c gen/pdf/pdf_amend.c gen/pdf/tagtree.c gen/pdf/paint.c gen/pdf/pdf.c \
	  gen/pdf/pack.c \
	  gen/model/schema_json.c \
	  gen/import/table.c gen/import/office.c gen/import/read_csv.c gen/import/read_xlsx.c \
	  gen/import/read_docx.c gen/import/heading.c gen/import/yaml_out.c gen/import/plan.c \
	  gen/import/import_cmd.c \
	  gen/write.c gen/jobs.c gen/record.c gen/build.c gen/watch.c gen/init.c
LIB_OBJ = $(LIB_SRC:.c=.o)
STAGES = base model present html csv pdf import
HEADERS = $(wildcard gen/*.h $(STAGES:%=gen/%/*.h))
INCLUDES = -Igen $(STAGES:%=-Igen/%)

UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:.c=)
# The fuzz harnesses built as plain programs that replay their corpora.
REPLAY_BIN = tests/fuzz/replay_load tests/fuzz/replay_markdown tests/fuzz/replay_render tests/fuzz/replay_import
# Where each KPI chart is drawn, for the checks that read the drawing back.
CHART_BIN = tests/chart/geometry

.PHONY: deps all check check-unit check-bad check-content check-sanitize check-valgrind \
	fuzz install clean bench regen deb FORCE

all: gen/planpress

# The Debian packages the build and the tests need (uses sudo when not root).
deps:
	sh tools/install-deps

%.o: %.c $(HEADERS)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

gen/libplanpress.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

# The program looks for its templates in DATADIR when none are beside it
# (see find_templates in gen/main.c); main.o is made again when it changes.
DATADIR = $(PREFIX)/share/planpress
gen/.datadir: FORCE
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@
gen/main.o: gen/.datadir
gen/main.o: ALL_CFLAGS += -DPLANPRESS_DATADIR='"$(DATADIR)"'

gen/planpress: gen/main.o gen/libplanpress.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ gen/main.o gen/libplanpress.a $(ALL_LDLIBS)

tests/unit/test_%: tests/unit/test_%.c tests/unit/unit.h gen/libplanpress.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< gen/libplanpress.a $(ALL_LDLIBS)

tests/chart/%: tests/chart/%.c gen/libplanpress.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< gen/libplanpress.a $(ALL_LDLIBS)

tests/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c gen/libplanpress.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c gen/libplanpress.a $(ALL_LDLIBS)

# Every test suite prints its own "N passed, N failed"; tests/run sums them.
check: gen/planpress $(UNIT_BIN) $(REPLAY_BIN) $(CHART_BIN)
	@sh tests/run

# Rewrites the golden documents' expected output (tests/golden/expected) from
# what the program makes now: review it with `git diff`, then commit.
regen: gen/planpress
	sh tests/golden/run --regen

# The same suite against a build with AddressSanitizer and UBSan, in its own
# folder so the normal build is untouched.
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
check-sanitize:
	rm -rf build/sanitize && mkdir -p build/sanitize
	git ls-files -z gen tests templates tools Makefile | xargs -0 cp -P --parents -t build/sanitize
	cp -r content build/sanitize/
	[ ! -d tests/browser/node_modules ] || cp -r tests/browser/node_modules build/sanitize/tests/browser/
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
		$(MAKE) -C build/sanitize CC=$(CC) CFLAGS='$(SAN_FLAGS)' \
		LDFLAGS='-fsanitize=address,undefined' check

# build -j's workers are forked and leave with _exit, holding what they took
# from the build (Pango's font maps and caches, the model): valgrind follows
# the build and every `render` (one process), not the workers
# (--child-silent-after-fork), and says only definite leaks.
check-valgrind: gen/planpress $(REPLAY_BIN) $(CHART_BIN)
	@PLANPRESS_WRAPPER='valgrind -q --num-callers=30 --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --child-silent-after-fork=yes --suppressions=$(CURDIR)/tests/valgrind.supp' \
		sh tests/run bad content fuzz cli import pdf pack

# Coverage-guided fuzzing (clang's libFuzzer) of load + validate, of markdown
# rendering, and differential: what validation passes, build must render.
# A fixed seed makes a run repeatable: CI's run on a clean clone is the start
# of the same run on this machine with an empty build/.
FUZZ_SECONDS ?= 60
FUZZ_SEED ?= 1
fuzz: tests/fuzz/fuzz_load tests/fuzz/fuzz_markdown tests/fuzz/fuzz_render tests/fuzz/fuzz_import
	mkdir -p build/fuzz-corpus build/fuzz-markdown build/fuzz-render build/fuzz-import
	tests/fuzz/fuzz_load -seed=$(FUZZ_SEED) -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
		-artifact_prefix=build/ build/fuzz-corpus tests/fuzz/seeds content
	tests/fuzz/fuzz_markdown -seed=$(FUZZ_SEED) -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
		-artifact_prefix=build/markdown- build/fuzz-markdown tests/fuzz/markdown
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	tests/fuzz/fuzz_render -seed=$(FUZZ_SEED) -max_total_time=$(FUZZ_SECONDS) -max_len=16384 \
		-timeout=60 -rss_limit_mb=3072 -artifact_prefix=build/render- \
		build/fuzz-render tests/fuzz/render
	tests/fuzz/fuzz_import -seed=$(FUZZ_SEED) -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
		-artifact_prefix=build/import- build/fuzz-import tests/fuzz/import

tests/fuzz/fuzz_import: tests/fuzz/fuzz_import.c $(LIB_SRC) $(HEADERS)
	clang -std=c11 -D_DEFAULT_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined $(INCLUDES) \
		$(PKG_CFLAGS) -o $@ tests/fuzz/fuzz_import.c $(LIB_SRC) $(PKG_LIBS) -lm

tests/fuzz/fuzz_load: tests/fuzz/fuzz_load.c $(LIB_SRC) $(HEADERS)
	clang -std=c11 -D_DEFAULT_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined $(INCLUDES) \
		$(PKG_CFLAGS) -o $@ tests/fuzz/fuzz_load.c $(LIB_SRC) $(PKG_LIBS) -lm

# Speed against a bare pango/cairo program and Chromium printing (see
# tools/bench/run.py); never part of `make check`.
bench: gen/planpress
	python3 tools/bench/run.py

tests/fuzz/fuzz_render: tests/fuzz/fuzz_render.c $(LIB_SRC) $(HEADERS)
	clang -std=c11 -D_DEFAULT_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=undefined $(INCLUDES) \
		$(PKG_CFLAGS) -o $@ tests/fuzz/fuzz_render.c $(LIB_SRC) $(PKG_LIBS) -lm

tests/fuzz/fuzz_markdown: tests/fuzz/fuzz_markdown.c $(LIB_SRC) $(HEADERS)
	clang -std=c11 -D_DEFAULT_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined $(INCLUDES) \
		$(PKG_CFLAGS) -o $@ tests/fuzz/fuzz_markdown.c $(LIB_SRC) $(PKG_LIBS) -lm

# The program, its manual, and its templates in PREFIX/share/planpress.
install: gen/planpress
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 gen/planpress $(DESTDIR)$(PREFIX)/bin/planpress
	install -m 644 docs/planpress.1 $(DESTDIR)$(PREFIX)/share/man/man1/planpress.1
	cd templates && find . -type d | while read -r d; do \
		install -d "$(DESTDIR)$(DATADIR)/$$d" || exit 1; done && \
	find . -type f | while read -r f; do \
		install -m 644 "$$f" "$(DESTDIR)$(DATADIR)/$$f" || exit 1; done

# A Debian package (debhelper) of the same, built from a copy of the tracked
# files in build/deb and checked with lintian: build/deb/planpress_*.deb.
deb:
	rm -rf build/deb && mkdir -p build/deb/planpress
	git ls-files -z | xargs -0 cp -P --parents -t build/deb/planpress
	cd build/deb/planpress && dpkg-buildpackage -us -uc -b
	lintian --fail-on error,warning build/deb/planpress_*.deb

clean:
	rm -f gen/*.o gen/*/*.o gen/*.a gen/.datadir gen/planpress $(UNIT_BIN) $(REPLAY_BIN) $(CHART_BIN) \
		tests/fuzz/fuzz_load tests/fuzz/fuzz_markdown tests/fuzz/fuzz_render tests/fuzz/fuzz_import
	rm -rf build
