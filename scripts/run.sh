#!/usr/bin/env bash
# Runs TutorPlatform on embedded defaults: a project-local PostgreSQL on 127.0.0.1:54329 (data in .data/,
# kept between runs), migrations applied, the demo school seeded, the app on http://127.0.0.1:5000.
# TUTOR_PG_PORT and TUTOR_PORT choose other ports; further arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh

scripts/deps/runtimes.sh

pg_start "$PWD/.data/pg" "${TUTOR_PG_PORT:-54329}"
pg_ensure_database "${TUTOR_PG_PORT:-54329}" tutorplatform
export ConnectionStrings__TutorDb="$PG_CONNECTION;Database=tutorplatform"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

url="http://127.0.0.1:${TUTOR_PORT:-5000}"
echo "PostgreSQL is up on 127.0.0.1:${TUTOR_PG_PORT:-54329} (data in .data/pg). Starting the app on $url ..."
echo "The demo accounts and their password are printed below on the first run."
exec dotnet run --project src/TutorPlatform.Web --no-launch-profile --urls "$url" "$@"
