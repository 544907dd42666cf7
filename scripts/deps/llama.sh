#!/usr/bin/env bash
# Unpacks llama.cpp's prebuilt CPU libraries from the npm package @node-llama-cpp/linux-x64 into the
# git-ignored folder .native/llama/ at the repository root, where TutorPlatform.LlamaCpp looks for them
# (option Models:Chat:LlamaCpp:NativeDirectory). Idempotent: does nothing when the right version is there.
# Usage: scripts/deps/llama.sh [--force]
set -euo pipefail
cd "$(dirname "$0")/../.."

source "$(dirname "$0")/npm-native.sh"
package="@node-llama-cpp/linux-x64"
version="3.22.1"
target="$PWD/.native/llama"

if [[ "${1:-}" != "--force" ]] && npm_native_current "$package" "$version" "$target" libllama.v0.5.0.so; then
    echo "llama.cpp native libraries already in .native/llama ($package@$version)."
    exit 0
fi

npm_native_unpack "$package" "$version" "$target" package/bins/linux-x64
echo "Unpacked $(ls "$target"/*.so | wc -l) libraries into .native/llama."
