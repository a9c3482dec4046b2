# Two commands do everything on a fresh machine:
#   make demo   relais on a copy of the sample site, with a local Apertium server
#   make test   the whole test suite, with a local Apertium server
# Both install Apertium when it is missing and stop the server they start;
# make test also installs headless Chromium (for the browser test of serve).

CARGO ?= cargo

.PHONY: demo test build bench fmt lint site crash-test fuzz chromium axe hugo

build:
	$(CARGO) build --locked

demo: build
	.ci/with-apy .ci/demo

# Build everything first, then run: the APy server is only up while tests run.
# Property tests draw the same cases on every run (a gate must not fail by
# chance); `make fuzz` draws new ones.
PROPTEST_SEED ?= 20261129
test: chromium axe hugo
	$(CARGO) test --locked --features fault-injection --no-run
	PROPTEST_RNG_SEED=$(PROPTEST_SEED) .ci/with-apy $(CARGO) test --locked --features fault-injection

# Headless Chromium and chromedriver, for the end-to-end test of serve.
chromium:
	.ci/need-chromium

# Debian's Hugo, for the real Hugo build of the export.
hugo:
	.ci/need-hugo

# axe-core from npm, which the browser test injects into each page.
axe:
	.ci/need-axe

# The sample site's approved translations, exported for Hugo and built by
# Hugo (the sample site's Hugo configuration and templates are those of the
# Hugo build test, tests/fixtures/hugo): open target/site/public/fr/index.html.
site: build hugo
	rm -rf target/site
	./target/debug/relais export --out target/site --layout hugo
	cp -R tests/fixtures/hugo/. target/site/
	cat target/site/hugo-languages.toml >> target/site/hugo.toml
	hugo --quiet --source target/site
	@echo "open target/site/public/fr/index.html"

# Not tests; figures in BENCHMARKS.md. sync_deepl: 1,000 generated posts ×
# 2 locales against a fake DeepL answering in 100 ms. sync_offline: dry run
# and no-op sync of 1,000 and 10,000 posts (two corpora: every post its own
# text, and a repetitive series) beside md2po and po4a (installed
# here when missing: translate-toolkit into a venv under target/, po4a from
# Debian). export: 10,000 approved posts × 2 locales. review_page: the
# fuzzy memory on 1,000 posts. serve_load: relais serve of 1,000 posts (a
# git repository) under 50 reviewers, then 100,000 requests without pause.
BENCH_VENV = target/bench-tools/venv
TRANSLATE_TOOLKIT = translate-toolkit[markdown]==3.20.4

bench: $(BENCH_VENV)/bin/md2po
	command -v po4a-gettextize >/dev/null || apt-get install -y po4a || (apt-get update && apt-get install -y po4a)
	$(CARGO) bench --locked --bench sync_deepl
	$(CARGO) bench --locked --bench sync_offline
	$(CARGO) bench --locked --bench export
	$(CARGO) bench --locked --bench review_page
	$(CARGO) bench --locked --bench serve_load

# 100 syncs killed with SIGKILL at random moments (make test runs 4).
crash-test:
	RELAIS_CRASH_TRIALS=100 $(CARGO) test --locked --test crash -- --nocapture

# New random cases for the property tests (PROPTEST_CASES of each, fresh
# seed), then ten minutes of each fuzz target, on stable Rust (no
# sanitizer; needs `cargo install cargo-fuzz`). Not part of make test.
FUZZ_SECONDS ?= 600
FUZZ_CASES ?= 100000
fuzz:
	PROPTEST_CASES=$(FUZZ_CASES) $(CARGO) test --locked --release \
		--test commonmark_roundtrip --test ftl_roundtrip --test protect_props
	cd fuzz && for t in segment_roundtrip ftl_text_roundtrip; do \
		cargo fuzz run -s none $$t -- -max_total_time=$(FUZZ_SECONDS) || exit 1; done

$(BENCH_VENV)/bin/md2po:
	python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet '$(TRANSLATE_TOOLKIT)'

fmt:
	$(CARGO) fmt --all

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets --locked -- -D warnings
