#!/usr/bin/env bash
# Unpacks llama.cpp's prebuilt CPU libraries from the npm package @node-llama-cpp/linux-x64 into the
# git-ignored folder .native/llama/ at the repository root, where TutorPlatform.LlamaCpp looks for them
# (option Models:Chat:LlamaCpp:NativeDirectory). Idempotent: does nothing when the right version is there.
# Usage: scripts/deps/llama.sh [--force]
set -euo pipefail
cd "$(dirname "$0")/../.."

package="@node-llama-cpp/linux-x64"
version="3.22.1"
target="$PWD/.native/llama"
stamp="$target/.package"

if [[ "${1:-}" != "--force" && -f "$stamp" && "$(cat "$stamp")" == "$package@$version" && -f "$target/libllama.v0.5.0.so" ]]; then
    echo "llama.cpp native libraries already in .native/llama ($package@$version)."
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
tar -xzf "$tarball" -C "$work" package/bins/linux-x64

rm -rf "$target"
mkdir -p "$target"
cp "$work"/package/bins/linux-x64/*.so "$target/"
cp "$work"/package/bins/linux-x64/_nlcBuildMetadata.json "$target/" 2>/dev/null || true
echo "$package@$version" > "$stamp"
echo "Unpacked $(ls "$target"/*.so | wc -l) libraries into .native/llama."
