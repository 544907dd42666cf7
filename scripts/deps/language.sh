#!/usr/bin/env bash
# Installs what the on-device essay checks need from Debian's packages, if missing: libhunspell and its US
# and British English dictionaries (spelling), the MyThes thesaurus and WordNet (synonyms, parts of speech), the Snowball stemmers,
# and pocketsphinx's native-English trigram language model with libsphinxbase that reads it (the essay scorer's fluency features).
# Idempotent and quiet; works as root or through sudo. Called through runtimes.sh by run.sh and test.sh.
set -euo pipefail

packages=(libhunspell-1.7-0 hunspell-en-us hunspell-en-gb mythes-en-us wordnet-base libstemmer0d pocketsphinx-en-us libsphinxbase3)
missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
echo "Installing Debian packages for on-device essay checks: ${missing[*]}"
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
