#!/usr/bin/env bash
# Install the Debian packages named as arguments if any is missing.
# Root: apt-get installs them. Not root: a clear message, and we go on
# (the pipeline records documents it cannot read instead of failing).
set -uo pipefail
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "installing system packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}") >/tmp/parwatch-apt.log 2>&1 \
    || { echo "apt-get could not install ${missing[*]} (see /tmp/parwatch-apt.log)" >&2; exit 1; }
else
  echo "missing system packages: ${missing[*]}; install them with: sudo apt-get install ${missing[*]}" >&2
fi
