#!/usr/bin/env bash
# Everything the on-device runtimes need, from Debian's packages and the npm registry: pocketsphinx and
# ffmpeg (speech), hunspell, MyThes and Snowball (essay checks), llama.cpp's CPU libraries (in-process large
# model). Idempotent. Called by run.sh and test.sh.
set -euo pipefail
here="$(dirname "$0")"
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

"$here/speech.sh"
"$here/language.sh"
if ! command -v npm >/dev/null 2>&1; then
    echo "Installing Debian's npm to fetch llama.cpp's native libraries..."
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
fi
"$here/llama.sh"
"$here/whisper.sh"
