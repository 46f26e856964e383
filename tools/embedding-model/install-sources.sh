#!/bin/sh
# Installs the Debian packages whose sources the training data comes from (sources/*-packages.txt),
# plus Debian's PyTorch for train.py. Needs root (or sudo) and a Debian 12 (bookworm) apt source.
# Packages that do not exist in another release are skipped with a warning, so the data set may
# then differ from the committed manifest.
set -eu
here=$(dirname "$0")
packages=$(cat "$here/sources/python-packages.txt" "$here/sources/go-packages.txt" "$here/sources/javascript-packages.txt" | sed 's/#.*//' | tr -s ' \n' '\n' | grep -v '^$')
available=""
for package in $packages; do
  if apt-cache show "$package" >/dev/null 2>&1; then
    available="$available $package"
  else
    echo "warning: $package is not available from apt; skipped" >&2
  fi
done
sudo_or_not=""
[ "$(id -u)" -eq 0 ] || sudo_or_not=sudo
# shellcheck disable=SC2086  # one argument per package
DEBIAN_FRONTEND=noninteractive $sudo_or_not apt-get install -y --no-install-recommends python3-torch python3-numpy $available
