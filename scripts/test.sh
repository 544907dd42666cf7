#!/usr/bin/env bash
# Runs every test: unit and bUnit, integration tests against a real PostgreSQL that this script starts
# (project-local, 127.0.0.1:54330, stopped again at the end), browser tests in Debian's chromium, and the
# model runtimes' tests (pocketsphinx, ffmpeg, llama.cpp on the small models in ../shared/models).
# Installs what is missing from Debian's packages. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
if [[ ! -x /usr/lib/chromium/chromium ]]; then
    echo "Installing Debian's chromium for the browser tests..."
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

scripts/deps/runtimes.sh

data="$PWD/.data/pg-test"
port="${TUTOR_TEST_PG_PORT:-54330}"
started_here=0
if ! pg_as_owner "$(pg_bin)/pg_ctl" -D "$data" status >/dev/null 2>&1; then started_here=1; fi
pg_start "$data" "$port"
if [[ $started_here -eq 1 ]]; then trap 'pg_stop "$data"' EXIT; fi
export TUTORPLATFORM_TEST_PG="$PG_CONNECTION"
export TUTORPLATFORM_CHROMIUM="${TUTORPLATFORM_CHROMIUM:-/usr/lib/chromium/chromium}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build TutorPlatform.sln -c Release -nologo -v q
log=$(mktemp)
set +e
dotnet test --solution TutorPlatform.sln -c Release --no-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line for people and CI: "N passed, N failed".
total=$(grep -E '^\s+total: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -E '^\s+failed: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
passed=$(grep -E '^\s+succeeded: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
skipped=$(grep -E '^\s+skipped: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
# The failed tests again, last, so that a log read from its tail names them (the test platform ends a failed
# assembly's run with all of its standard output, which pushes the failure itself far up).
if [[ "$failed" -ne 0 ]]; then
    echo "Failed tests:"
    # The first eight with their messages, then the names of up to forty more.
    awk '/^failed / { failures++; keep = failures <= 8; n = 0; if (!keep && failures <= 48) print substr($0, 1, 300) }
         /^[^ \t]/ && !/^failed / { keep = 0 }
         keep && n < 20 { print substr($0, 1, 400); n++ }
         END { if (failures > 48) print "... and " failures - 48 " more" }' "$log"
fi
rm -f "$log"
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [[ "$total" -eq 0 ]]; then echo "No tests ran." >&2; exit 1; fi
exit "$status"
