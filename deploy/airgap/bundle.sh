#!/usr/bin/env bash
# The air-gapped bundle of deploy/airgap/bundle.yaml: pin its digests, carry it across the gap, load it into the
# site's mirror registry, and verify what the site runs is what was pinned.
#
#   bundle.sh pin                      connected machine, at release time: resolve and write every digest in place
#   bundle.sh verify                   refuse a bundle with a missing or malformed digest
#   bundle.sh save DIR                 connected machine: images as OCI layouts, charts and manifests, checked against
#                                      the pinned digests, into DIR (carry DIR across the gap)
#   bundle.sh load DIR REGISTRY        inside the gap: push the images to REGISTRY/<name>:<tag>; every pushed digest
#                                      must equal the pinned one; charts and manifests are checked by sha256
#   bundle.sh check-registry REGISTRY  inside the gap: REGISTRY serves every image with its pinned digest
#
# Needs bash, jq, yq (mikefarah v4 or the Python jq wrapper), crane (go-containerregistry), and for pin/save helm
# and curl. Run from the repository root.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
bundle="${BUNDLE:-$here/bundle.yaml}"

die() { echo "bundle.sh: $*" >&2; exit 1; }
need() { for c in "$@"; do command -v "$c" >/dev/null || die "$c is required"; done; }

as_json() {
  if yq --version 2>&1 | grep -qE 'mikefarah|version v?4'; then yq -o=json '.' "$bundle"; else yq '.' "$bundle"; fi
}

# Lines "section<TAB>name<TAB>version-or-tag<TAB>source<TAB>digest".
entries() {
  as_json | jq -r '
    (.charts[] | ["chart", .name, .version, .source, .digest]),
    (.manifests[] | ["manifest", .name, .version, .source, .digest]),
    (.images[] | ["image", .name, .tag, .source, .digest]) | @tsv'
}

# Writes the digest into the bundle entry's line (entries are one flow mapping per line, so comments survive).
set_digest() {
  local name=$1 version=$2 digest=$3
  local pattern="name: ${name//\//\\/}, (tag|version): \"?${version//./\\.}\"?,"
  grep -qE "$pattern" "$bundle" || die "no entry $name $version in $bundle"
  sed -E -i "/$pattern/ s/digest: \"[^\"]*\"/digest: \"$digest\"/" "$bundle"
}

sha256_of() { echo "sha256:$(sha256sum "$1" | cut -d' ' -f1)"; }

fetch_chart() {  # name version source destdir -> path of the .tgz
  local name=$1 version=$2 source=$3 dest=$4
  case "$source" in
    oci://*) helm pull "$source" --version "$version" -d "$dest" >/dev/null ;;
    http*://*) helm pull "$name" --repo "$source" --version "$version" -d "$dest" >/dev/null ;;
    *) cp "$source" "$dest/" ;;
  esac
  ls "$dest"/"$name"-*"${version#v}".tgz 2>/dev/null | head -1 || ls "$dest"/"$name"-*.tgz | head -1
}

cmd_pin() {
  need jq yq crane helm curl sha256sum
  local tmp; tmp=$(mktemp -d); trap 'rm -rf "$tmp"' RETURN
  while IFS=$'\t' read -r kind name version source _; do
    local digest
    case "$kind" in
      image) digest=$(crane digest "$source:$version") ;;
      chart) mkdir -p "$tmp/$name"; digest=$(sha256_of "$(fetch_chart "$name" "$version" "$source" "$tmp/$name")") ;;
      manifest) curl -fsSL -o "$tmp/$name.yaml" "$source"; digest=$(sha256_of "$tmp/$name.yaml") ;;
    esac
    set_digest "$name" "$version" "$digest"
    echo "pinned $kind $name $version $digest"
  done < <(entries)
}

cmd_verify() {
  need jq yq
  local bad=0
  while IFS=$'\t' read -r kind name version _ digest; do
    if [[ ! "$digest" =~ ^sha256:[0-9a-f]{64}$ ]]; then
      echo "$kind $name $version: digest not pinned ('$digest')" >&2; bad=1
    fi
  done < <(entries)
  [[ $bad == 0 ]] || die "run 'bundle.sh pin' on a connected machine first"
  echo "every entry of $bundle has a pinned digest"
}

cmd_save() {
  local dir=${1:?usage: bundle.sh save DIR}
  cmd_verify
  need crane helm curl sha256sum
  mkdir -p "$dir/images" "$dir/charts" "$dir/manifests"
  cp "$bundle" "$dir/bundle.yaml"
  while IFS=$'\t' read -r kind name version source digest; do
    case "$kind" in
      image) crane pull --format=oci "$source@$digest" "$dir/images/${name//\//_}_$version" ;;
      chart)
        local tgz; tgz=$(fetch_chart "$name" "$version" "$source" "$dir/charts")
        [[ $(sha256_of "$tgz") == "$digest" ]] || die "chart $name $version: digest differs from the pinned one" ;;
      manifest)
        curl -fsSL -o "$dir/manifests/$name.yaml" "$source"
        [[ $(sha256_of "$dir/manifests/$name.yaml") == "$digest" ]] || die "manifest $name: digest differs" ;;
    esac
    echo "saved $kind $name $version"
  done < <(entries)
}

cmd_load() {
  local dir=${1:?usage: bundle.sh load DIR REGISTRY} registry=${2:?usage: bundle.sh load DIR REGISTRY}
  BUNDLE="$dir/bundle.yaml"; bundle=$BUNDLE
  cmd_verify
  need crane sha256sum
  while IFS=$'\t' read -r kind name version _ digest; do
    case "$kind" in
      image)
        crane push --index "$dir/images/${name//\//_}_$version" "$registry/$name:$version" >/dev/null
        [[ $(crane digest "$registry/$name:$version") == "$digest" ]] \
          || die "image $name:$version: the registry holds another digest than the pinned one" ;;
      chart)
        local tgz; tgz=$(ls "$dir/charts/$name"-*.tgz | head -1)
        [[ $(sha256_of "$tgz") == "$digest" ]] || die "chart $name: digest differs" ;;
      manifest)
        [[ $(sha256_of "$dir/manifests/$name.yaml") == "$digest" ]] || die "manifest $name: digest differs" ;;
    esac
    echo "loaded $kind $name $version"
  done < <(entries)
}

cmd_check_registry() {
  local registry=${1:?usage: bundle.sh check-registry REGISTRY}
  cmd_verify
  need crane
  while IFS=$'\t' read -r kind name version _ digest; do
    [[ $kind == image ]] || continue
    [[ $(crane digest "$registry/$name:$version") == "$digest" ]] || die "$registry/$name:$version is not $digest"
  done < <(entries)
  echo "$registry serves every image of the bundle with its pinned digest"
}

case "${1:-}" in
  pin) shift; cmd_pin "$@" ;;
  verify) shift; cmd_verify "$@" ;;
  save) shift; cmd_save "$@" ;;
  load) shift; cmd_load "$@" ;;
  check-registry) shift; cmd_check_registry "$@" ;;
  *) sed -n '2,16p' "$0"; exit 2 ;;
esac
