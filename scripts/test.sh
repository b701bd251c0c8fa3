#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what it needs, builds in Release, runs every
# test project, and ends with one summary line ("total: N passed, N failed, N skipped").
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null; then
  echo "The .NET 10 SDK is required (dotnet on PATH)." >&2
  exit 1
fi

# Browser tests drive Debian's Chromium; never a downloaded browser.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "/usr/bin/chromium is required for the browser tests: sudo apt-get install chromium" >&2
    exit 1
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Dashboard.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

awk '/(Passed|Failed)! +- Failed: / { gsub(",", ""); f += $4; p += $6; s += $8; n++ }
     END { if (n == 0) { print "no test results found"; exit 1 }
           printf "total: %d passed, %d failed, %d skipped\n", p, f, s }' "$log" || status=1
exit "$status"
