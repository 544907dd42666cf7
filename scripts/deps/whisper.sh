#!/usr/bin/env bash
# Unpacks whisper.cpp 1.9.3 (ggml statically linked, CPU build without AVX) from the npm package
# @fugood/node-whisper-linux-x64 into the git-ignored folder .native/whisper/ at the repository root, where
# TutorPlatform.Whisper looks for it (option Speech:Whisper:NativeDirectory). The package's one file,
# index.node, is a Node addon that also exports the whole whisper.cpp C API; it needs Debian's libgomp1.
# Idempotent: does nothing when the right version is there.
# Usage: scripts/deps/whisper.sh [--force]
set -euo pipefail
cd "$(dirname "$0")/../.."

package="@fugood/node-whisper-linux-x64"
version="1.1.3"
target="$PWD/.native/whisper"
stamp="$target/.package"
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

if ! dpkg -s libgomp1 >/dev/null 2>&1; then
    echo "Installing Debian's libgomp1 (OpenMP runtime that whisper.cpp's build needs)..."
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgomp1 >/dev/null
fi

if [[ "${1:-}" != "--force" && -f "$stamp" && "$(cat "$stamp")" == "$package@$version" && -f "$target/index.node" ]]; then
    echo "whisper.cpp native library already in .native/whisper ($package@$version)."
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "npm is needed to fetch $package@$version (Debian: apt-get install -y npm)." >&2
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "Fetching $package@$version..."
(cd "$work" && npm pack --silent "$package@$version" >/dev/null)
tarball=$(ls "$work"/*.tgz)
tar -xzf "$tarball" -C "$work" package/index.node

rm -rf "$target"
mkdir -p "$target"
cp "$work"/package/index.node "$target/index.node"
echo "$package@$version" > "$stamp"
echo "Unpacked whisper.cpp (index.node) into .native/whisper."
