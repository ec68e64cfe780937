#!/usr/bin/env bash
# Vendor the front-end assets into src/kwartier/core/static/vendor/ so that the
# product needs no Node to install or run (docs/decisions/0003-nl-design-system-vendored.md).
#
# Only this script needs npm (and so Node); run it when you bump a version below:
#   make vendor            (= bash scripts/vendor.sh)
# Each package is fetched with `npm pack NAME@VERSION` (no install scripts run),
# its tarball is checked against the pinned SHA-256, and only the files the
# product needs are copied, together with the package's licence and a VERSION file.
# Idempotent: a package whose vendored files are already identical is left alone.
#
# To bump a package: change its version, run the script once with the old
# checksum (it fails and prints the new one), check the changelog, paste the
# new checksum, run again, and commit the vendor/ diff together with this file.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
vendor_dir="$repo_root/src/kwartier/core/static/vendor"

# target-dir | npm name | version | sha256 of the npm tarball | files to copy (paths inside the package, space-separated)
packages=(
  "utrecht-component-library-css|@utrecht/component-library-css|9.0.4|fff546ee8e41e5fb0cd9ce0aa61b267e8af21d693fb6790601d87514f6b63bd1|dist/index.css LICENSE.md"
  "voorbeeld-design-tokens|@nl-design-system-unstable/voorbeeld-design-tokens|7.4.1|0969907596b56e621fcdb3d7a1f101f6e14c877a1318cd60b1f0428e927e6dd3|dist/theme.css LICENSE.md"
  "htmx.org|htmx.org|2.0.11|165a2655073e9e6e55e307a7c74e8ebcdb76afb7701f9c16cfd106a13add408e|dist/htmx.min.js LICENSE"
  "axe-core|axe-core|4.14.1|e6b0ce02b84d892e2e33e403485e7f3d6c29e2be6df65daf44d89ba564139745|axe.min.js LICENSE LICENSE-3RD-PARTY.txt"
)

command -v npm >/dev/null || { echo "vendor.sh: npm is needed to refresh vendored assets (not to run Kwartier)" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$vendor_dir"
changed=0

for entry in "${packages[@]}"; do
  IFS='|' read -r target name version sha256 files <<<"$entry"
  work="$tmp/$target"
  mkdir -p "$work/pack" "$work/stage"

  # npm prints the tarball's file name as the last line of stdout.
  if ! tarball="$(cd "$work/pack" && npm pack --loglevel=error --ignore-scripts "$name@$version" 2>"$work/npm.err" | tail -n 1)" \
    || [[ -z "$tarball" || ! -f "$work/pack/$tarball" ]]; then
    echo "vendor.sh: npm pack $name@$version failed:" >&2
    cat "$work/npm.err" >&2
    exit 1
  fi
  actual="$(sha256sum "$work/pack/$tarball" | cut -d' ' -f1)"
  if [[ "$actual" != "$sha256" ]]; then
    echo "vendor.sh: checksum mismatch for $name@$version" >&2
    echo "  expected $sha256" >&2
    echo "  got      $actual" >&2
    exit 1
  fi
  tar -xzf "$work/pack/$tarball" -C "$work/pack"

  for f in $files; do
    src="$work/pack/package/$f"
    [[ -f "$src" ]] || { echo "vendor.sh: $name@$version has no $f" >&2; exit 1; }
    cp "$src" "$work/stage/$(basename "$f")"
  done
  {
    echo "$name@$version"
    echo "npm tarball sha256: $sha256"
    echo "files: $files"
    echo "refreshed by scripts/vendor.sh; do not edit these files by hand"
  } >"$work/stage/VERSION"

  dest="$vendor_dir/$target"
  if [[ -d "$dest" ]] && diff -rq "$work/stage" "$dest" >/dev/null; then
    echo "unchanged  $name@$version -> ${dest#"$repo_root"/}"
  else
    rm -rf "$dest"
    mkdir -p "$dest"
    cp "$work/stage/"* "$dest/"
    changed=$((changed + 1))
    echo "vendored   $name@$version -> ${dest#"$repo_root"/} ($(cd "$dest" && ls | tr '\n' ' '))"
  fi
done

# Remove directories of packages that are no longer in the list above.
for d in "$vendor_dir"/*/; do
  [[ -d "$d" ]] || continue
  t="$(basename "$d")"
  keep=0
  for entry in "${packages[@]}"; do [[ "${entry%%|*}" == "$t" ]] && keep=1; done
  if [[ $keep -eq 0 ]]; then
    rm -rf "$d"
    changed=$((changed + 1))
    echo "removed    ${d#"$repo_root"/} (no longer vendored)"
  fi
done

echo "vendor.sh: $changed change(s) in ${vendor_dir#"$repo_root"/}"
