# Build, test and benchmark the 창업지원센터 kiosk.
#
#   make deps        install the Debian packages needed to build and run
#   make test-deps   deps, plus what the tests need (Xvfb, ImageMagick, xdotool)
#   make build       bin/kiosk, bin/kioskctl (when cmd/kioskctl exists), bin/barewindow
#   make run         deps + build, then run the kiosk; e.g. make run ARGS=-windowed
#                    or make run ARGS='-windowed -data /tmp/kiosk-data'
#   make test        test-deps, gofmt check, go vet, staticcheck, go test -race, fuzz, build, smoke, restart, session
#   make lint        staticcheck (pinned, installed into bin/ on first use)
#   make fuzz        every Fuzz target in the repo for FUZZTIME each
#   make smoke       .ci/smoke.sh: the real kiosk under Xvfb (needs make build first)
#   make restart     .ci/restart.sh: the kiosk killed 5 times under daemontools'
#                    supervise comes back each time, its store intact
#   make session     .ci/session.sh: the installed X session under xinit (Xvfb
#                    for Xorg), stopped by the unit's ExecStop: its store closed
#   make bench       test-deps + build, go benchmarks, then .ci/bench.sh
#                    (startup time and memory of the kiosk against bin/barewindow)
#                    and .ci/soak.sh (memory over 1,800 screen changes, ~15 min)
#   make install     install what make build made as an appliance (as root: the
#                    programs, the systemd unit of its X session on tty7, the
#                    startup-kiosk user; an update backs the data up first)
#   make uninstall   remove what make install installed (the data stays)
#   make clean       remove bin/
#
# Variables: GOTAGS (no_emoji: leaves Fyne's emoji font out), FUZZTIME (50000x),
# ARGS (for run), GO (go), DESTDIR and PREFIX (/usr/local) for install. The scripts in .ci/ read more from the environment
# (KIOSK_BIN, SMOKE_OUT, BENCH_RUNS, BENCH_OUT...): see their headers.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build
# The targets run in the order given even under make -j: test's steps must.
.NOTPARALLEL:

GO       ?= go
GOTAGS   ?= no_emoji
# A count, not a duration: with a duration, Go 1.26's fuzz coordinator can
# fail a target with "context deadline exceeded" as time runs out while a
# worker is busy (golang/go#75804, fixed in Go 1.27); a count has no deadline.
FUZZTIME ?= 50000x
ARGS     ?=
# make install's staging root (empty: the system itself) and prefix.
DESTDIR  ?=
PREFIX   ?= /usr/local
# staticcheck, pinned; go install builds it from the module proxy into bin/.
STATICCHECK_VERSION := v0.8.2
STATICCHECK         := bin/staticcheck-$(STATICCHECK_VERSION)

# Debian packages. To build: cgo and the OpenGL/X11 headers GLFW needs; they
# also bring the GL/X11 runtime libraries (Mesa's software renderer included,
# which Xvfb uses). No font: the kiosk embeds its Hangul font
# (assets/fonts). For the tests: Xvfb, ImageMagick (import, convert), xdotool.
DEPS_PKGS      := gcc libgl1-mesa-dev xorg-dev
# What the installed kiosk runs on: the X server (with libinput for the
# touchscreen), xinit and xset; xinput to calibrate the touchscreen; kbd's
# chvt and procps' pkill, which the unit runs; libpam-systemd, which gives
# the unit its logind session (--no-install-recommends would leave it out).
APPLIANCE_PKGS := xserver-xorg xinit x11-xserver-utils xinput kbd procps libpam-systemd
# systemd, xinit, kbd: systemd-analyze verify checks the kiosk's unit, whose
# ExecStart is xinit and ExecStartPre chvt; procps: the stop script's pkill,
# which .ci/restart.sh runs.
# daemontools: .ci/restart.sh supervises the kiosk with its supervise, as
# systemd's Restart=always would, without systemd as PID 1.
TEST_DEPS_PKGS := xvfb imagemagick xdotool systemd xinit daemontools kbd procps

# The module cache, when it lies inside the repo (GOMODCACHE or GOPATH set
# below it): the only tree that the gofmt check and the Fuzz search skip.
MODCACHE := $(shell $(GO) env GOMODCACHE 2>/dev/null)
MODCACHE_IN_REPO := $(filter $(CURDIR)/%,$(MODCACHE))
# find(1) arguments selecting the repo's Go files, less any module cache in it;
# the action (-print0) is added where used.
GO_FILES := . $(if $(MODCACHE_IN_REPO),-path './$(patsubst $(CURDIR)/%,%,$(MODCACHE_IN_REPO))' -prune -o) -type f -name '*.go'

.PHONY: help deps test-deps build run test fmt-check vet lint unit fuzz smoke restart session bench install uninstall clean

help:
	@sed -n '1,/^$$/s/^# \{0,1\}//p' $(firstword $(MAKEFILE_LIST))

deps:
	@bash .ci/deps.sh $(DEPS_PKGS)

# One apt-get run for both lists, so that apt-get update runs at most once.
test-deps:
	@bash .ci/deps.sh $(DEPS_PKGS) $(TEST_DEPS_PKGS)

build:
	@mkdir -p bin
	$(GO) build -tags '$(GOTAGS)' -o bin/kiosk ./cmd/kiosk
	@if [[ -d cmd/kioskctl ]]; then \
		echo "$(GO) build -tags '$(GOTAGS)' -o bin/kioskctl ./cmd/kioskctl"; \
		$(GO) build -tags '$(GOTAGS)' -o bin/kioskctl ./cmd/kioskctl; \
	fi
	$(GO) build -tags '$(GOTAGS)' -o bin/barewindow ./cmd/barewindow

run: deps build
	env -u LC_ALL -u LC_MESSAGES LANG=ko_KR.UTF-8 ./bin/kiosk $(ARGS)

test: test-deps fmt-check vet lint unit fuzz build smoke restart session

fmt-check:
	@files=$$(find $(GO_FILES) -print0 | xargs -0 -r gofmt -l); \
	if [[ -n $$files ]]; then \
		echo "gofmt: these files need gofmt -w:"; echo "$$files"; exit 1; \
	fi; \
	echo "gofmt: ok"

vet:
	$(GO) vet -tags '$(GOTAGS)' ./...

$(STATICCHECK):
	@mkdir -p bin
	GOBIN=$(CURDIR)/bin/.staticcheck $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	mv bin/.staticcheck/staticcheck $@ && rmdir bin/.staticcheck

lint: $(STATICCHECK)
	$(STATICCHECK) -tags '$(GOTAGS)' ./...

unit:
	$(GO) test -race -tags '$(GOTAGS)' ./...

# Every func FuzzXxx(*testing.F) in a *_test.go (outside testdata), one at a
# time (go test -fuzz takes one target in one package). grep finding none is
# not an error.
fuzz:
	@targets=$$(find $(GO_FILES) -name '*_test.go' -not -path '*/testdata/*' -print0 \
		| xargs -0 -r grep -H -o -E '^func Fuzz[A-Za-z0-9_]*\([A-Za-z0-9_]+ \*testing\.F\)' \
		| sed -E 's|^(.*)/[^/]*:func (Fuzz[A-Za-z0-9_]*)\(.*|\1 \2|' | sort -u) || true; \
	if [[ -z $$targets ]]; then echo "fuzz: no Fuzz targets found"; exit 0; fi; \
	while read -r dir name; do \
		echo "$(GO) test -tags '$(GOTAGS)' -run='^\$$' -fuzz='^$$name\$$' -fuzztime=$(FUZZTIME) $$dir"; \
		$(GO) test -tags '$(GOTAGS)' -run='^$$' -fuzz="^$$name\$$" -fuzztime=$(FUZZTIME) "$$dir"; \
	done <<< "$$targets"

smoke:
	bash .ci/smoke.sh

# The kiosk killed five times under a supervisor comes back each time, its
# store intact (needs make build first).
restart:
	bash .ci/restart.sh

session:
	bash .ci/session.sh

# The go benchmarks pass (ok, [no tests to run]) when there are none.
bench: test-deps build
	$(GO) test -run='^$$' -bench=. -benchmem -timeout=0 -tags '$(GOTAGS)' ./... | tee bin/gobench.txt
	bash .ci/ratios.sh bin/gobench.txt
	bash .ci/bench.sh
	bash .ci/soak.sh

# On the PC itself (no DESTDIR) the X server, xinit and xset come first.
# install takes the programs make build made (as the user who builds:
# sudo's PATH has no Go, and a build as root would leave bin/ root's).
install:
	@for b in bin/kiosk bin/kioskctl; do \
		if [[ ! -x $$b ]]; then echo "install: $$b is missing: run 'make deps build' first (as yourself, not root)" >&2; exit 1; fi; \
	done
	@if [[ -z '$(DESTDIR)' ]]; then bash .ci/deps.sh $(APPLIANCE_PKGS); fi
	DESTDIR='$(DESTDIR)' PREFIX='$(PREFIX)' bash internal/install/install.sh bin

uninstall:
	DESTDIR='$(DESTDIR)' PREFIX='$(PREFIX)' bash internal/install/uninstall.sh

clean:
	rm -rf bin
