#!/usr/bin/env bash
# Installs what on-device speech needs from Debian's packages, if missing: pocketsphinx 0.8 (library,
# en-us acoustic model, LM and dictionary) and ffmpeg (audio decoding). Idempotent and quiet; works as
# root or through sudo. Called by the README's run and test scripts.
set -euo pipefail

packages=(pocketsphinx pocketsphinx-en-us libpocketsphinx3 ffmpeg)
missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
echo "Installing Debian packages for on-device speech: ${missing[*]}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Quiet on success; the whole apt log on failure.
if ! { as_root apt-get update -qq &&
       as_root env DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 \
           apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "Could not install ${missing[*]}; install them with apt-get and retry." >&2
    exit 1
fi
