#!/usr/bin/env bash
# Builds the base image of every Civitas service image, without a Docker engine or a registry, as a docker-archive
# tar (the format of `docker save`, which Jib reads as `tar://` base image):
#   layer 1  a Debian 12 root file system from Debian packages (apt-get download, verified by apt against the
#            repository's signed index, unpacked with dpkg-deb -x; no maintainer scripts run): the C and C++
#            runtime libraries the JVM and the native libraries of the services load, CA certificates, base files;
#            /etc/passwd and /etc/group with the user civitas (UID/GID 185, the chart's runAsUser), /tmp, /deployments
#   layer 2  a Java 25 runtime jlinked from the Temurin JDK at $JAVA_HOME into /opt/java/openjdk, with a CDS archive
#
# Usage: images/build-base.sh OUTPUT.tar TAG
# Environment: JAVA_HOME (a Temurin 25 JDK whose jlink can link from its run-time image), SOURCE_DATE_EPOCH
# (time stamp of every file and of the image; default: the last commit's). Needs apt-get, dpkg-deb, GNU tar,
# sha256sum. The Debian packages are those of the machine's apt sources (Debian 12 "bookworm" on the build machines).
set -euo pipefail

out=${1:?usage: images/build-base.sh OUTPUT.tar TAG}
tag=${2:?usage: images/build-base.sh OUTPUT.tar TAG}
java_home=${JAVA_HOME:?JAVA_HOME must name the Temurin 25 JDK to jlink from}
here=$(cd "$(dirname "$0")" && pwd)
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$here" log -1 --format=%ct 2>/dev/null || date +%s)}

# What the JVM and the services' native libraries load (checked by the image check: every ELF file of an image finds
# its libraries): glibc (libc, libm, libpthread, ld.so), libgcc_s and libstdc++ (the DJL tokenizers of the worker's
# embeddings engine, brotli4j). gcc-12-base is a dependency of both. ca-certificates' dependencies (openssl,
# debconf) serve only its maintainer scripts, which never run here: the bundle is assembled below.
packages=(base-files netbase libc6 gcc-12-base libgcc-s1 libstdc++6 ca-certificates)

# Java modules: java.se (Hibernate, the PostgreSQL driver, Micrometer and Quarkus itself use java.desktop's
# java.beans, java.sql, java.naming, java.management), plus Unsafe (Netty, protobuf, lz4), the Vector API (Jlama),
# com.sun.management and JFR (Micrometer and OpenTelemetry JVM metrics), DNS, zip file systems, extra charsets,
# Kerberos/SASL (Kafka, PostgreSQL GSS), extended socket options, and jcmd for thread and heap dumps through
# `kubectl exec`. The image check compares this with what jdeps finds in the services' classes.
modules=java.se,jdk.unsupported,jdk.incubator.vector,jdk.management,jdk.management.jfr,jdk.jfr,jdk.naming.dns
modules+=,jdk.zipfs,jdk.charsets,jdk.security.auth,jdk.security.jgss,jdk.net,jdk.jcmd

uid=185
user=civitas
java_dir=opt/java/openjdk

work="$(dirname "$out")/base"
debs="$work/debs"
rootfs="$work/rootfs"
layers="$work/layers"
rm -rf "$rootfs" "$layers"
mkdir -p "$debs" "$rootfs" "$layers"

# 1. Debian packages. apt-get download checks each package against the hashes of the repository's signed index.
(
  cd "$debs"
  rm -f ./*.deb
  if ! apt-get download -q "${packages[@]}" >/dev/null 2>apt.err; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -q >/dev/null
      apt-get download -q "${packages[@]}" >/dev/null 2>apt.err || { cat apt.err >&2; exit 1; }
    else
      cat apt.err >&2; echo "apt-get download failed; as root this script runs apt-get update first" >&2; exit 1
    fi
  fi
  rm -f apt.err
)
mkdir -p "$rootfs/var/lib/dpkg/status.d"
package_versions=()
for deb in "$debs"/*.deb; do
  dpkg-deb -x "$deb" "$rootfs"
  name=$(dpkg-deb -f "$deb" Package)
  version=$(dpkg-deb -f "$deb" Version)
  package_versions+=("$name=$version")
  # Per-package status files, as distroless images have them, so that scanners (Trivy, Syft, Grype) see what is in.
  { dpkg-deb -f "$deb"; echo "Status: install ok installed"; } > "$rootfs/var/lib/dpkg/status.d/$name"
done
rm -rf "$rootfs"/usr/share/{man,info,lintian,doc-base}
find "$rootfs/usr/share/doc" -mindepth 2 ! -name copyright -delete 2>/dev/null || true

# 2. What a container needs on top: users, name service, CA bundle, mount points, writable /tmp.
mkdir -p "$rootfs"/{proc,sys,dev,run,tmp,root,deployments,home/$user,etc/ssl/certs}
chmod 1777 "$rootfs/tmp"
chmod 700 "$rootfs/root"
cat > "$rootfs/etc/passwd" <<EOF
root:x:0:0:root:/root:/usr/sbin/nologin
$user:x:$uid:$uid:Civitas:/home/$user:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
EOF
cat > "$rootfs/etc/group" <<EOF
root:x:0:
$user:x:$uid:
nogroup:x:65534:
EOF
cat > "$rootfs/etc/nsswitch.conf" <<'EOF'
passwd: files
group: files
shadow: files
hosts: files dns
networks: files
protocols: files
services: files
EOF
# What update-ca-certificates would write: every certificate ca-certificates ships, in one PEM bundle. Java keeps
# the JDK's own trust store (lib/security/cacerts); this bundle serves native code.
find "$rootfs/usr/share/ca-certificates" -name '*.crt' | LC_ALL=C sort | xargs cat > "$rootfs/etc/ssl/certs/ca-certificates.crt"

# 3. The Java runtime.
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --generate-cds-archive --output "$rootfs/$java_dir" >/dev/null 2> "$work/jlink.err" \
  || { cat "$work/jlink.err" >&2; exit 1; }
java_version=$(sed -n 's/^IMPLEMENTOR_VERSION="\(.*\)"/\1/p' "$java_home/release")

# 4. Layers: reproducible tars (sorted names, fixed time stamps, numeric owners: root, except the user's home).
tar_opts=(--sort=name --mtime="@$epoch" --numeric-owner --format=posix
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime)
os_entries=()
while IFS= read -r entry; do os_entries+=("$entry"); done < <(cd "$rootfs" && ls -A | grep -vx opt)
tar -C "$rootfs" -cf "$layers/os.tar" "${tar_opts[@]}" --owner=0 --group=0 --exclude="./home/$user" \
  --exclude="home/$user" "${os_entries[@]}"
tar -C "$rootfs" -rf "$layers/os.tar" "${tar_opts[@]}" --owner="$uid" --group="$uid" --no-recursion "home/$user"
tar -C "$rootfs" -cf "$layers/java.tar" "${tar_opts[@]}" --owner=0 --group=0 opt

# 5. Image configuration and the docker-archive around it.
os_id=$(sha256sum "$layers/os.tar" | cut -d' ' -f1)
java_id=$(sha256sum "$layers/java.tar" | cut -d' ' -f1)
created=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)
json_list() { local first=1; for item in "$@"; do [ $first = 1 ] || printf ','; printf '"%s"' "$item"; first=0; done; }
config=$(cat <<EOF
{"architecture":"amd64","os":"linux","created":"$created",
 "config":{"User":"$uid:$uid","WorkingDir":"/deployments",
  "Env":["PATH=/$java_dir/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/$java_dir","LANG=C.UTF-8"],
  "Labels":{"io.civitas.base.debian-packages":"${package_versions[*]}","io.civitas.base.java":"$java_version",
   "io.civitas.base.java-modules":"$modules"}},
 "rootfs":{"type":"layers","diff_ids":["sha256:$os_id","sha256:$java_id"]},
 "history":[{"created":"$created","created_by":"images/build-base.sh: Debian packages $(json_list "${package_versions[@]}" | tr -d '"'), user $user ($uid)"},
  {"created":"$created","created_by":"images/build-base.sh: jlink $java_version --add-modules $modules"}]}
EOF
)
config=$(printf '%s' "$config" | tr -d '\n')
config_id=$(printf '%s' "$config" | sha256sum | cut -d' ' -f1)
archive="$work/archive"
rm -rf "$archive"
mkdir -p "$archive/$os_id" "$archive/$java_id"
printf '%s' "$config" > "$archive/$config_id.json"
mv "$layers/os.tar" "$archive/$os_id/layer.tar"
mv "$layers/java.tar" "$archive/$java_id/layer.tar"
printf '[{"Config":"%s.json","RepoTags":["civitas/base:%s"],"Layers":["%s/layer.tar","%s/layer.tar"]}]' \
  "$config_id" "$tag" "$os_id" "$java_id" > "$archive/manifest.json"
tar -C "$archive" -cf "$out.tmp" "${tar_opts[@]}" --owner=0 --group=0 manifest.json "$config_id.json" "$os_id" "$java_id"
mv "$out.tmp" "$out"
rm -rf "$archive" "$layers"
echo "base image civitas/base:$tag -> $out ($(du -h "$out" | cut -f1)); $java_version; ${package_versions[*]}"
