# Trạm Kỹ năng số — developer and commune-IT entry points.
#
#   make run          install what is missing, then start the kiosk
#   make test         install what is missing (plus test tools), then pytest, ruff, lint-imports
#   make lint         ruff + import contracts only
#   make screenshots  render every screen to screenshots/
#   make bench        start-up benchmark (reports; never fails the build)
#   make bundle       build the one-folder bundle dist/tram-ky-nang-so/ (PyInstaller)
#   make bundle-check build it if a source changed, then start and check it (CI runs this)
#   make bundle-archive  the bundle as one .tar.gz file to carry to a commune's PC
#   make translations update resources/translations from the source, then compile it
#   make lock         regenerate requirements.lock from pyproject.toml (lock-upgrade: newest)
#   make clean        remove .venv and everything generated
#
# Debian packages: packaging/debian-deps.sh checks with dpkg-query and installs only what is
# missing (through sudo when not root). Python packages: .venv, from requirements.lock with
# hashes, then the project itself in editable mode. A stamp file in .venv records that the
# venv matches requirements.lock and pyproject.toml, so a second run installs nothing.

PYTHON ?= python3
VENV ?= .venv
VPY := $(VENV)/bin/python
PIP := $(VPY) -m pip --disable-pip-version-check --no-input
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
BENCH_ARGS ?=

# Resolution target of the lock: CPython 3.11 on Debian 12 (glibc 2.36), x86_64.
LOCK_PYTHON := 3.11
LOCK_PLATFORM := x86_64-manylinux_2_36
UV_VENV ?= /tmp/kiosk-uv
LOCK_ARGS ?=

export PYTHON

.PHONY: run test lint screenshots bench translations lock lock-upgrade clean deps-run deps-test \
	install help bundle bundle-check bundle-archive deps-bundle
.DEFAULT_GOAL := help

help:
	@sed -n '3,14p' Makefile | sed 's/^# *//'

# --- system packages (idempotent: nothing happens when all are installed) -----------------

deps-run:
	@bash packaging/debian-deps.sh run

deps-test:
	@bash packaging/debian-deps.sh test

deps-bundle:
	@bash packaging/debian-deps.sh bundle

# --- the virtual environment --------------------------------------------------------------

# pyvenv.cfg is a plain file written once by `python -m venv`: a safe target to test for.
$(VENV)/pyvenv.cfg:
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; \
	  (v == (3, 11)) or print(f"warning: requirements.lock is made for Python 3.11, " \
	  f"{sys.executable} is {v[0]}.{v[1]}", file=sys.stderr)'
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }

# Everything comes from requirements.lock, hash-checked (setuptools included: the project is
# then installed without build isolation, so pip downloads nothing that is not pinned).
# pip cannot hash an editable install, hence the second call with --no-deps.
$(STAMP): requirements.lock pyproject.toml | $(VENV)/pyvenv.cfg
	$(PIP) install --progress-bar off --require-hashes -r requirements.lock
	$(PIP) install --progress-bar off --no-deps --no-build-isolation -e .
	@$(PIP) check || { echo "requirements.lock does not match pyproject.toml: run 'make lock'" >&2; exit 1; }
	@touch $@

install: deps-run
	@$(MAKE) --no-print-directory $(STAMP)

# --- what people run ----------------------------------------------------------------------

run: deps-run
	@$(MAKE) --no-print-directory $(STAMP)
	$(VENV)/bin/kiosk

# pytest, ruff and lint-imports all run, so one report shows every problem; the target
# fails when any of them failed.
test: deps-test
	@$(MAKE) --no-print-directory $(STAMP)
	@status=0; \
	QT_QPA_PLATFORM=offscreen $(VPY) -m pytest $(PYTEST_ARGS) || status=$$?; \
	echo "--- ruff check ."; $(VENV)/bin/ruff check . || status=1; \
	echo "--- lint-imports"; $(VENV)/bin/lint-imports --no-cache || status=1; \
	exit $$status

lint: deps-run
	@$(MAKE) --no-print-directory $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache

screenshots: deps-run
	@$(MAKE) --no-print-directory $(STAMP)
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(VENV)/bin/kiosk screenshots screenshots/

bench: deps-run
	@$(MAKE) --no-print-directory $(STAMP)
	$(VPY) -m benchmarks $(BENCH_ARGS)

# --- the one-folder bundle (packaging/kiosk.spec, packaging/README.md) -------------------
# Rebuilt only when something it carries changed: the code, lessons, resources, the spec or
# the files it copies, or the installed packages (the venv's stamp). About a minute on two
# cores; PyInstaller's work files stay in build/pyinstaller.

BUNDLE := dist/tram-ky-nang-so
BUNDLE_PROGRAM := $(BUNDLE)/tram-ky-nang-so
BUNDLE_INPUTS := $(filter-out packaging/check_bundle.py packaging/README.md packaging/windows/%, \
	$(shell find kiosk ui lessons resources packaging -type f \
	-not -path '*/__pycache__/*' -not -name '*.pyc' -not -name '*.ts' 2>/dev/null))
BUNDLE_CHECK_ARGS ?=
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)

$(BUNDLE_PROGRAM): $(STAMP) $(BUNDLE_INPUTS)
	@echo "bundle: building $(BUNDLE) with PyInstaller"
	@start=$$(date +%s); \
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist \
	  --workpath build/pyinstaller packaging/kiosk.spec || exit 1; \
	echo "bundle: built in $$(( $$(date +%s) - start )) s; $$(du -sh $(BUNDLE) | cut -f1) unpacked"

bundle: deps-run
	@$(MAKE) --no-print-directory $(STAMP)
	@$(MAKE) --no-print-directory $(BUNDLE_PROGRAM)

# Starts the bundle offscreen with fresh settings and data: first screen, database,
# lessons, a certificate PDF, the speech service, screenshots (packaging/check_bundle.py).
# BUNDLE_CHECK_ARGS=--quick leaves out the staff console's screenshots.
bundle-check: bundle deps-bundle
	$(VPY) packaging/check_bundle.py $(BUNDLE) $(BUNDLE_CHECK_ARGS)

bundle-archive: bundle
	tar -C dist -czf dist/tram-ky-nang-so-$(VERSION)-linux-x86_64.tar.gz tram-ky-nang-so
	@ls -lh dist/tram-ky-nang-so-$(VERSION)-linux-x86_64.tar.gz

# Finds every self.tr() string under ui/ (new ones come out "unfinished": translate them in
# Qt Linguist, `.venv/bin/pyside6-linguist`, or in the .ts file), then compiles the .qm the
# kiosk loads. tests/gui/test_translation.py fails while anything is left untranslated.
TS := resources/translations/kiosk_vi.ts
translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate $$(find ui -name '*.py' | sort) -ts $(TS) -no-obsolete \
	  -target-language vi_VN -locations none
	$(VENV)/bin/pyside6-lrelease $(TS) -qm $(TS:.ts=.qm)

# uv resolves for Linux x86_64 / Python 3.11 from PyPI, whatever machine runs this.
# `make lock` keeps the current pins that still fit pyproject.toml; `make lock-upgrade`
# moves every package to its newest allowed release.
lock-upgrade: LOCK_ARGS += --upgrade
lock-upgrade: lock

lock:
	@test -x $(UV_VENV)/bin/uv || { $(PYTHON) -m venv $(UV_VENV) && \
	  $(UV_VENV)/bin/pip install --disable-pip-version-check -q 'uv>=0.5'; }
	$(UV_VENV)/bin/uv pip compile pyproject.toml requirements-build.in --extra test \
	  --generate-hashes --python-version $(LOCK_PYTHON) --python-platform $(LOCK_PLATFORM) \
	  --custom-compile-command "make lock" \
	  $(LOCK_ARGS) -o requirements.lock

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .import_linter_cache screenshots
	find . -name __pycache__ -type d -prune -not -path './.git/*' -exec rm -rf {} +
