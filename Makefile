# lantian -- build, test and install.
#
#   make              build lantian (installing missing Debian packages first)
#                     and build the publication in plans/ into output/
#   make check        every test: Check unit tests (plain and ASan/UBSan),
#                     truth and golden tests, fuzz corpus replay, the manual
#                     (tests/docs.sh), the quick list of the mutation suite
#   make mutants      the mutation suite: plants each bug of
#                     tests/mutants/mutants.tsv and runs the suites that
#                     should catch it; prints the score (>= 90% required)
#   make bench        print measured figures
#   make fuzz         run the libFuzzer targets for FUZZ_SECONDS each (clang;
#                     FUZZ_TARGETS=fuzz_plan for one)
#   make install      PREFIX=/usr/local DESTDIR= (the binary and the manual)
#
# Sources are found by wildcard: generator/ and its folders (one folder per
# layer of the pipeline, checked by tests/layers.py) are the program
# (cli/main.c holds only the command line), tests/unit/test_*.c are Check
# suites, one executable each, tests/fuzz/fuzz_*.c are fuzz targets.

VERSION     = 0.1.0
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
# The installed binary finds its data at ../share/lantian (datadir.c).
DATADIR     = $(PREFIX)/share/lantian
DESTDIR    ?=
CC         ?= cc
CLANG      ?= clang
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_SECONDS ?= 60

PKGS        = libxml-2.0 libxslt libcmark glib-2.0 jansson zlib libzip fontconfig \
              xlsxwriter freexl \
              cairo cairo-pdf cairo-svg pangocairo pangoft2 poppler-glib opencc
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null)

WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wpointer-arith -Wformat=2 -Wno-unused-parameter
CFLAGS  ?= -O2 -g
CPPFLAGS_ALL = -D_GNU_SOURCE -DLANTIAN_VERSION='"$(VERSION)"' $(addprefix -I,$(SRCDIRS)) -I$(B)/gen
ALL_CFLAGS = -std=c11 $(WARN) $(CPPFLAGS_ALL) $(PKG_CFLAGS) $(CFLAGS) $(EXTRA_CFLAGS)
LIBS     = $(PKG_LIBS) -lpthread -lm

SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=undefined

# B is the build directory of the current variant (release or asan).
B       ?= build/release

# Every folder of generator/ holding sources is on the include path
# (#include "name.h" wherever name.h lives) and on vpath; objects are flat
# ($(B)/obj/NAME.o), so a file name is unique across the folders
# (tests/layers.py checks it).
SRCDIRS   := $(patsubst %/,%,$(sort $(dir $(wildcard generator/*.[ch] generator/*/*.[ch] generator/*/*/*.[ch]))))
SRCS      := $(sort $(foreach d,$(SRCDIRS),$(wildcard $(d)/*.c)))
LIB_SRCS  := $(filter-out %/main.c,$(SRCS))
HDRS      := $(sort $(foreach d,$(SRCDIRS),$(wildcard $(d)/*.h)))
EMBED     := $(sort $(wildcard generator/*.rng generator/*/*.rng generator/*/*/*.rng))
LIB_OBJS  := $(patsubst %.c,$(B)/obj/%.o,$(notdir $(LIB_SRCS))) \
             $(patsubst %.rng,$(B)/obj/embed_%.o,$(notdir $(EMBED)))
vpath %.c $(SRCDIRS)
vpath %.rng $(sort $(dir $(EMBED)))
TEST_SRCS := $(sort $(wildcard tests/unit/test_*.c))
TEST_BINS := $(patsubst tests/unit/%.c,$(B)/tests/%,$(TEST_SRCS))
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))

.PHONY: all lantian deps publish check unit-tests unit-tests-asan truth-tests \
        golden-tests cli-tests site-tests docs-tests deps-test fuzz-replay fuzz bench install uninstall clean \
        regen-golden fixtures mutants mutants-quick leak-tests layers-test

all: lantian publish

# ---- dependencies -----------------------------------------------------
# When pkg-config cannot find a library, install Debian's packages (as
# root), or say which command to run.
DEB_PKGS = build-essential pkg-config libxml2-dev libxml2-utils libcmark-dev \
           libglib2.0-dev libjansson-dev zlib1g-dev libzip-dev libfontconfig-dev \
           libxslt1-dev libcairo2-dev libpango1.0-dev libpoppler-glib-dev libopencc-dev \
           libxlsxwriter-dev libfreexl-dev fonts-noto-cjk fonts-arphic-ukai
# What the tests need on top: Check, libFuzzer and its runtime, the PDF
# inspection tools, the truth scripts, opencc (traditional-script variants)
# and a real browser for the site.
TEST_DEB_PKGS = check clang libclang-rt-14-dev poppler-utils python3 chromium opencc \
                groff-base mandoc python3-openpyxl python3-xlwt fonts-dejavu-core
# Node.js and npm for the browser tests: Debian's nodejs and npm, only when
# there is no npm yet (a Node.js from elsewhere bundles its own npm, and
# Debian's npm conflicts with it). .ci/run does the same.
NODE_DEB_PKGS = $(shell command -v npm >/dev/null 2>&1 || echo nodejs npm)
FANDOL_DIR = /usr/share/fonts/opentype/fandol
deps:
	@if pkg-config --exists $(PKGS); then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "lantian: installing Debian packages: $(DEB_PKGS)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEB_PKGS); \
	else \
	  echo "lantian: missing libraries; run: sudo apt-get install $(DEB_PKGS)"; exit 1; \
	fi
	@# The Fandol faces (仿宋/宋/黑/楷) out of texlive-lang-chinese's .deb,
	@# without TeX Live (fonts/fandol.sh; pinned by fonts/fonts.lock).
	@if [ -f $(FANDOL_DIR)/FandolFang-Regular.otf ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "lantian: installing the Fandol faces into $(FANDOL_DIR)"; \
	  sh fonts/fandol.sh $(FANDOL_DIR); \
	else \
	  echo "lantian: missing the Fandol faces; run: sudo sh fonts/fandol.sh"; exit 1; \
	fi

deps-test: deps
	@if pkg-config --exists check && command -v python3 >/dev/null && \
	    command -v pdftotext >/dev/null && command -v pdffonts >/dev/null && \
	    command -v chromium >/dev/null && command -v node >/dev/null && \
	    command -v npm >/dev/null && command -v clang >/dev/null && \
	    command -v opencc >/dev/null && command -v groff >/dev/null && \
	    command -v mandoc >/dev/null && \
	    [ -e /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] && \
	    /usr/bin/python3 -c "import openpyxl, xlwt" 2>/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "lantian: installing Debian packages for the tests: $(TEST_DEB_PKGS) $(NODE_DEB_PKGS)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(TEST_DEB_PKGS) $(NODE_DEB_PKGS); \
	else \
	  echo "lantian: missing test tools; run: sudo apt-get install $(TEST_DEB_PKGS) $(NODE_DEB_PKGS)"; exit 1; \
	fi

lantian: deps
	@$(MAKE) --no-print-directory B=build/release build/release/lantian
	@ln -sf build/release/lantian lantian

publish: lantian
	./lantian build -j $(JOBS)

# ---- compiling --------------------------------------------------------
# generator_id.h: a hash of every generator source, so outputs built by an
# older generator are rebuilt. Rewritten only when it changes.
$(B)/gen/generator_id.h: $(SRCS) $(HDRS) $(EMBED) Makefile
	@mkdir -p $(@D)
	@id=$$(cat $(SRCS) $(HDRS) $(EMBED) | sha256sum | cut -c1-16); \
	 printf '#define LANTIAN_GENERATOR_ID "%s-%s"\n' '$(VERSION)' "$$id" > $@.tmp; \
	 if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

# Keep generated intermediates (the embedded schemas' C files): make check
# and make fuzz compile them too.
.SECONDARY:

# Schemas are embedded in the binary: lantian never depends on where it is
# installed. Symbol: embed_<name>, embed_<name>_len.
$(B)/gen/embed_%.c: %.rng
	@mkdir -p $(@D)
	@{ echo '/* generated from $< -- do not edit */'; \
	   echo 'const unsigned char embed_$*[] = {'; \
	   od -An -v -tx1 $< | sed -e 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	   echo '0x00};'; \
	   echo 'const unsigned long embed_$*_len = sizeof embed_$* - 1;'; } > $@.tmp && mv $@.tmp $@

$(B)/obj/embed_%.o: $(B)/gen/embed_%.c
	@mkdir -p $(@D)
	$(CC) -std=c11 $(CFLAGS) $(EXTRA_CFLAGS) -c -o $@ $<

# GENERATOR_ID_DEP: the mutation suite (tests/mutants/run.py) empties it so
# that one mutated source recompiles one object, not all of them.
GENERATOR_ID_DEP ?= $(B)/gen/generator_id.h
$(B)/obj/%.o: %.c $(HDRS) $(GENERATOR_ID_DEP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/liblantian.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(B)/lantian: $(B)/obj/main.o $(B)/liblantian.a
	$(CC) $(CFLAGS) $(EXTRA_CFLAGS) -o $@ $^ $(LIBS)

# Fixtures shared between suites (tests/unit/fixtures_*.c) are linked into
# every suite.
TEST_FIXTURES := $(sort $(wildcard tests/unit/fixtures_*.c))
$(B)/tests/%: tests/unit/%.c tests/unit/lt_test.h $(TEST_FIXTURES) $(wildcard tests/unit/fixtures_*.h) $(B)/liblantian.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -Itests/unit -o $@ $< $(TEST_FIXTURES) $(B)/liblantian.a $(CHECK_LIBS) $(LIBS)

$(B)/bench/%: tests/bench/%.c $(B)/liblantian.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/liblantian.a $(LIBS)

$(B)/fuzz/replay_%: tests/fuzz/%.c tests/fuzz/replay.c $(B)/liblantian.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< tests/fuzz/replay.c $(B)/liblantian.a $(LIBS)

# ---- tests --------------------------------------------------------------
ASAN_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
           LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0

unit-tests: deps-test
	@$(MAKE) --no-print-directory B=build/release build/release/lantian $(patsubst tests/unit/%.c,build/release/tests/%,$(TEST_SRCS))
	@for t in $(patsubst tests/unit/%.c,build/release/tests/%,$(TEST_SRCS)); do \
	  echo "== $$t"; LANTIAN_SRCDIR=$(CURDIR) $$t || exit 1; done

unit-tests-asan: deps-test
	@$(MAKE) --no-print-directory B=build/asan CFLAGS="$(SAN_FLAGS)" build/asan/lantian $(patsubst tests/unit/%.c,build/asan/tests/%,$(TEST_SRCS))
	@for t in $(patsubst tests/unit/%.c,build/asan/tests/%,$(TEST_SRCS)); do \
	  echo "== $$t (ASan/UBSan)"; $(ASAN_ENV) CK_FORK=no LANTIAN_SRCDIR=$(CURDIR) $$t || exit 1; done

# The whole program against the truth files and the golden outputs, run with
# the sanitizer build so every document is also checked for memory errors.
truth-tests golden-tests cli-tests: unit-tests-asan
truth-tests:
	@$(MAKE) --no-print-directory B=build/release build/release/prep/make_pdf
	@$(ASAN_ENV) LANTIAN=build/asan/lantian MAKE_PDF=build/release/prep/make_pdf sh tests/truth.sh
golden-tests:
	@$(ASAN_ENV) LANTIAN=build/asan/lantian REGEN= sh tests/golden.sh
cli-tests:
	@$(MAKE) --no-print-directory B=build/release build/release/lantian build/release/prep/make_pdf build/release/prep/layout_dump
	@$(ASAN_ENV) LANTIAN=build/asan/lantian LANTIAN_RELEASE=$(CURDIR)/build/release/lantian \
	  MAKE_PDF=$(CURDIR)/build/release/prep/make_pdf sh tests/cli.sh

fuzz-replay: deps-test
	@$(MAKE) --no-print-directory B=build/asan CFLAGS="$(SAN_FLAGS)" $(patsubst tests/fuzz/%.c,build/asan/fuzz/replay_%,$(FUZZ_SRCS))
	@for f in $(patsubst tests/fuzz/%.c,%,$(FUZZ_SRCS)); do \
	  echo "== replaying corpus of $$f"; \
	  $(ASAN_ENV) build/asan/fuzz/replay_$$f tests/fuzz/corpus/$${f#fuzz_} || exit 1; done

# The site as a person uses it: links, HTML validation, a real browser
# (tests/site.sh; npm packages pinned in tests/site/package-lock.json).
site-tests: deps-test lantian
	@./lantian build -j $(JOBS) -q
	@bash tests/site.sh output/site

# The mutation suite (tests/mutants/README.md): every mutant of the list is
# planted in a scratch copy (build/mutants/tree, built -O0) and must make
# one of its suites fail. make check runs the quick list, all of which must
# be killed.
mutants: deps-test
	@python3 tests/mutants/run.py --min-score 90
mutants-quick: deps-test
	@python3 tests/mutants/run.py --quick

# The manual pages render without a warning, and no file cites a path
# outside the repository (tests/docs.sh).
docs-tests: deps-test
	@sh tests/docs.sh

# Program language in published text (issue 12): every bulletin's text
# layer and the site's pages (tests/leaks.py says what it looks for).
leak-tests: deps-test lantian
	@./lantian build -j $(JOBS) -q
	@python3 tests/leaks.py output

check: layers-test unit-tests unit-tests-asan truth-tests golden-tests cli-tests fuzz-replay site-tests docs-tests mutants-quick leak-tests
	@echo "make check: all tests passed"

# The include graph of generator/ points one way (tests/layers.py: no
# cycle, no include up or sideways, every file in a layer's folder), and
# the checker fails on planted faults. Python only, under a second.
layers-test:
	@sh tests/layers.sh

regen-golden: lantian
	@LANTIAN=./lantian sh tests/golden.sh --regen

# libFuzzer with clang; FUZZ_SECONDS per target. The library is compiled
# once (build/fuzz/obj, instrumented for coverage and the sanitizers), each
# target only linked against it. tests/fuzz/<target>.options, when present,
# adds libFuzzer flags for that target (a later flag wins: -max_len=4096).
# New corpus entries go to build/fuzz/corpus-<target>, reproducers of
# crashes to tests/fuzz/.
FUZZ_TARGETS ?= $(patsubst tests/fuzz/%.c,%,$(FUZZ_SRCS))
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
fuzz: lantian
	@$(MAKE) --no-print-directory B=build/fuzz CC=$(CLANG) CFLAGS="$(FUZZ_CFLAGS)" WARN= build/fuzz/liblantian.a
	@for f in $(FUZZ_TARGETS); do \
	  echo "== $$f for $(FUZZ_SECONDS) s"; \
	  $(CLANG) -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    $(CPPFLAGS_ALL:$(B)/gen=build/fuzz/gen) $(PKG_CFLAGS) \
	    -o build/fuzz/$$f tests/fuzz/$$f.c build/fuzz/liblantian.a $(LIBS) || exit 1; \
	  mkdir -p build/fuzz/corpus-$$f; \
	  build/fuzz/$$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 -max_len=65536 \
	    $$(cat tests/fuzz/$$f.options 2>/dev/null) \
	    -artifact_prefix=tests/fuzz/ build/fuzz/corpus-$$f tests/fuzz/corpus/$${f#fuzz_} || exit 1; \
	done

# Test fixtures derived from the shipped plans: each plan as a Word .docx
# with automatic numbering (tests/prep/make_docx.py; committed in
# tests/data/docx/, rebuild them after a plan text changes). The PDF of each
# .docx is printed at test time by tests/prep/make_pdf.c (Pango on the Noto
# CJK faces the bulletins use; each PDF embeds ~0.7 MB of font subset, too
# much to commit).
$(B)/prep/%: tests/prep/%.c $(B)/liblantian.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/liblantian.a $(LIBS)

fixtures:
	python3 tests/prep/make_docx.py plans tests/data/docx

BENCH_SRCS := $(sort $(wildcard tests/bench/bench_*.c))
bench: lantian
	@$(MAKE) --no-print-directory B=build/release $(patsubst tests/bench/%.c,build/release/bench/%,$(BENCH_SRCS))
	@sh tests/bench.sh

# ---- install ----------------------------------------------------------
# The manual: lantian.1, and the file formats (section 5) and the rules
# (section 7) in man/.
MAN5 := $(sort $(wildcard man/*.5))
MAN7 := $(sort $(wildcard man/*.7))
install: lantian
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	  $(DESTDIR)$(MANDIR)/man7
	install -m 755 build/release/lantian $(DESTDIR)$(BINDIR)/lantian
	install -m 644 lantian.1 $(DESTDIR)$(MANDIR)/man1/lantian.1
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	install -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7/
	install -D -m 644 contrib/lantian.bash \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/lantian
	# The data `lantian init` copies into a new publication.
	for f in $$(find templates fonts -type f | LC_ALL=C sort); do \
	  install -D -m 644 "$$f" "$(DESTDIR)$(DATADIR)/$$f" || exit 1; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/lantian $(DESTDIR)$(MANDIR)/man1/lantian.1 \
	  $(addprefix $(DESTDIR)$(MANDIR)/man5/,$(notdir $(MAN5))) \
	  $(addprefix $(DESTDIR)$(MANDIR)/man7/,$(notdir $(MAN7)))
	rm -rf $(DESTDIR)$(DATADIR)
	rm -f $(DESTDIR)$(PREFIX)/share/bash-completion/completions/lantian

clean:
	rm -rf build lantian
