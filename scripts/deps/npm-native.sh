#!/usr/bin/env bash
# Sourced by the dependency scripts that take prebuilt native libraries out of npm packages.
#   npm_native_current PACKAGE VERSION TARGET FILE  -> exit 0 when TARGET already holds that version (FILE present)
#   npm_native_unpack PACKAGE VERSION TARGET MEMBER -> fetch the package by name and unpack MEMBER (a path inside
#                                                      the tarball) into a fresh TARGET, stamped with the version
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

npm_native_current() {
    local package=$1 version=$2 target=$3 file=$4
    [[ -f "$target/.package" && "$(cat "$target/.package")" == "$package@$version" && -f "$target/$file" ]]
}

npm_native_unpack() {
    local package=$1 version=$2 target=$3 member=$4 work
    if ! command -v npm >/dev/null 2>&1; then
        echo "npm is needed to fetch $package@$version (Debian: apt-get install -y npm)." >&2
        return 1
    fi
    work=$(mktemp -d)
    echo "Fetching $package@$version..."
    (cd "$work" && npm pack --silent "$package@$version" >/dev/null)
    tar -xzf "$(ls "$work"/*.tgz)" -C "$work" "$member"
    rm -rf "$target"
    mkdir -p "$target"
    if [[ -d "$work/$member" ]]; then cp -r "$work/$member"/. "$target/"; else cp "$work/$member" "$target/"; fi
    echo "$package@$version" > "$target/.package"
    rm -rf "$work"
}
