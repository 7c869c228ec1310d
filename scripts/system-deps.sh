#!/bin/sh
# System packages some tests use: Debian's chromium (the offline page is opened in a real browser) and
# raptor2-utils (rapper, an independent RDF parser that reads the exports back). Installed when missing
# and when this machine can (root and apt-get); otherwise those tests skip with a message naming what is
# missing. Never fails the test command itself.
need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
command -v rapper >/dev/null 2>&1 || need="$need raptor2-utils"
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: installing$need" >&2
    # shellcheck disable=SC2086
    { apt-get install -y --no-install-recommends $need >/dev/null 2>&1 ||
      { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends $need >/dev/null 2>&1; }; } ||
        echo "system-deps: could not install$need; the tests that need them will skip" >&2
else
    echo "system-deps: missing$need and cannot install (not root or no apt-get); those tests will skip" >&2
fi
exit 0
