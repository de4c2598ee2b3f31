# Everything a fresh Debian machine needs is installed by the targets below.
# `make serve` and `make test` are the two commands a newcomer runs.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs
STAMP := $(VENV)/.installed
# Debian packages, each named with the command or file that shows it is there.
SYSTEM_NEEDS := chromium:/usr/bin/chromium chromium-headless-shell:/usr/bin/chromium-headless-shell fonts-noto-cjk:/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
	fonts-wqy-microhei:/usr/share/fonts/truetype/wqy/wqy-microhei.ttc fonts-dejavu-core:/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf \
	poppler-utils:/usr/bin/pdftotext nodejs:/usr/bin/node npm:/usr/bin/npm
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install system serve build check test site offline pdf pdf-bench bench anki clean

$(STAMP): requirements.txt package.json package-lock.json
	@$(MAKE) --no-print-directory system
	@echo "==> Python virtual environment and pinned packages (requirements.txt)"
	@test -x $(PY) || python3 -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@echo "==> Node packages (package-lock.json): KaTeX for formulas, MiniSearch for search, Noto Sans SC for PDFs, iframe-worker for the offline copy, ts-fsrs for review scheduling, axe-core and Lighthouse for tests and make bench"
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(STAMP)

# Chromium runs the browser tests and its headless shell prints the PDFs; the PDFs print Chinese with Noto Sans SC
# from npm (TrueType outlines and a real bold, embedded as fonts), the Debian CJK fonts are the
# fallback for Ctrl+P (WenQuanYi has no bold, Noto CJK's CFF outlines become nameless Type 3
# glyphs); poppler's pdftotext/pdffonts check the PDFs. Installed from Debian when missing.
system:
	@missing=""; for need in $(SYSTEM_NEEDS); do [ -e "$${need#*:}" ] || missing="$$missing $${need%%:*}"; done; \
	if [ -n "$$missing" ]; then \
	  echo "==> Debian packages:$$missing"; \
	  { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; } \
	  || { echo "error: could not install$$missing; install them with: apt-get install$$missing" >&2; exit 1; }; \
	fi

check: $(STAMP)
	@PYTHONPATH=hooks $(PY) -m studybank.check content

serve: $(STAMP)
	@$(MKDOCS) serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	@$(MKDOCS) build --strict

# Everything a reader gets, ready to publish: the pages, the PDF study sheets and the Anki deck,
# in site/. `make serve` serves the PDFs and deck the last `make site` left there.
site: $(STAMP)
	@$(MAKE) --no-print-directory system
	@echo "==> Pages: mkdocs build --strict into site/"
	@$(MKDOCS) build --strict --quiet
	@echo "==> PDF study sheets into site/pdf/"
	@PYTHONPATH=hooks $(PY) -m studybank.pdf site
	@echo "==> Anki deck into site/"
	@PYTHONPATH=hooks $(PY) -m studybank.anki content site/llm-interview-bank.apkg

# The whole site as a zip that works unzipped and opened from disk (file://): the pages built
# again with Material's offline plugin (no directory URLs, the search index inlined), with the
# PDFs and deck of `make site`.
OFFLINE_ZIP := llm-interview-bank-offline.zip
offline: site
	@echo "==> Offline pages (Material's offline plugin) into .cache/offline/"
	@rm -rf .cache/offline
	@OFFLINE=true $(MKDOCS) build --strict --quiet -d .cache/offline/llm-interview-bank
	@cp -r site/pdf site/llm-interview-bank.apkg .cache/offline/llm-interview-bank/
	@echo "==> $(OFFLINE_ZIP): unzip it and open llm-interview-bank/index.html"
	@rm -f $(OFFLINE_ZIP)
	@cd .cache/offline && ../../$(PY) -m zipfile -c ../../$(OFFLINE_ZIP) llm-interview-bank

# PDF study sheets into site/pdf/: per topic a full sheet and a quiz, and the whole bank.
# Builds the site first (strict); Chromium and the CJK font come from `make system`.
pdf: $(STAMP)
	@$(MAKE) --no-print-directory system
	@$(MKDOCS) build --strict
	@PYTHONPATH=hooks $(PY) -m studybank.pdf site

# Time to print every PDF of the real bank, per sheet, from a build in a scratch folder
# (site/ is left alone). `make bench` can call studybank.pdf.write_pdfs() the same way.
pdf-bench: $(STAMP)
	@$(MAKE) --no-print-directory system
	@out=$$(mktemp -d); trap 'rm -rf "$$out"' EXIT; \
	$(MKDOCS) build --quiet -d "$$out/site" && PYTHONPATH=hooks $(PY) -m studybank.pdf "$$out/site" --times

test: $(STAMP)
	@$(PY) -m pytest -q tests

# Build times for synthetic banks of 200–5,000 questions and for the real bank.
bench: $(STAMP)
	@$(PY) tests/bench.py

# Anki deck of the bank (a note per question, a subdeck per topic) into site/, where the home
# page and the guide link it. Run it after `make build` / `make pdf`: a build empties site/.
anki: $(STAMP)
	@PYTHONPATH=hooks $(PY) -m studybank.anki content site/llm-interview-bank.apkg

clean:
	rm -rf site .cache/offline $(OFFLINE_ZIP) .pytest_cache
