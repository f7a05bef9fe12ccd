#!/usr/bin/env bash
# Installs those of the Debian packages named on the command line that are not
# installed yet. Used by `make deps` and `make test-deps`.
#
#   bash .ci/deps.sh gcc libgl1-mesa-dev xorg-dev
#
# Each package is checked with dpkg-query; if any is missing, `apt-get update`
# runs once and `apt-get install -y --no-install-recommends` installs only the
# missing ones (through sudo when not root). On a system without apt-get it
# lists the packages and fails.
set -euo pipefail

(( $# > 0 )) || exit 0

missing=()
for pkg in "$@"; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	[[ $status == "install ok installed" ]] || missing+=("$pkg")
done

if (( ${#missing[@]} == 0 )); then
	echo "deps: already installed: $*"
	exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
	echo "deps: apt-get not found, so these packages cannot be installed automatically." >&2
	echo "deps: install them (or your system's equivalents) by hand: ${missing[*]}" >&2
	exit 1
fi

sudo=()
if (( EUID != 0 )); then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "deps: not root and sudo not found; as root run:" >&2
		echo "deps:   apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
		exit 1
	fi
	sudo=(sudo)
fi

apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300)

echo "deps: installing missing packages: ${missing[*]}"
# A failed update (one mirror down, say) is not fatal by itself: the install
# below fails clearly if the package lists really are unusable.
"${apt[@]}" update || echo "deps: warning: apt-get update failed, trying the install anyway" >&2
"${apt[@]}" install -y --no-install-recommends "${missing[@]}"
