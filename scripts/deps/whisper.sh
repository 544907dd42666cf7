#!/usr/bin/env bash
# Unpacks whisper.cpp 1.9.3 (ggml statically linked, CPU build without AVX) from the npm package
# @fugood/node-whisper-linux-x64 into the git-ignored folder .native/whisper/ at the repository root, where
# TutorPlatform.Whisper looks for it (option Speech:Whisper:NativeDirectory). The package's one file,
# index.node, is a Node addon that also exports the whole whisper.cpp C API; it needs Debian's libgomp1.
# Idempotent: does nothing when the right version is there.
# Usage: scripts/deps/whisper.sh [--force]
set -euo pipefail
cd "$(dirname "$0")/../.."

source "$(dirname "$0")/npm-native.sh"
package="@fugood/node-whisper-linux-x64"
version="1.1.3"
target="$PWD/.native/whisper"

if ! dpkg -s libgomp1 >/dev/null 2>&1; then
    echo "Installing Debian's libgomp1 (OpenMP runtime that whisper.cpp's build needs)..."
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgomp1 >/dev/null
fi

if [[ "${1:-}" != "--force" ]] && npm_native_current "$package" "$version" "$target" index.node; then
    echo "whisper.cpp native library already in .native/whisper ($package@$version)."
    exit 0
fi

npm_native_unpack "$package" "$version" "$target" package/index.node
echo "Unpacked whisper.cpp (index.node) into .native/whisper."
