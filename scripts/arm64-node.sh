#!/usr/bin/env bash
# Fetches Debian's arm64 `nodejs` and its libraries into a folder, with a private apt state
# (nothing is installed into the system), so an arm64 build can be loaded under qemu-aarch64.
#   scripts/arm64-node.sh DIR      -> DIR/root is the sysroot; prints the node command to use
set -euo pipefail
dir=${1:?usage: arm64-node.sh DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
if [ -x "$dir/root/usr/bin/node" ]; then
  echo "qemu-aarch64-static -L $dir/root $dir/root/usr/bin/node"
  exit 0
fi
state="$dir/apt"
mkdir -p "$state/lists/partial" "$state/archives/partial" "$state/etc/apt/sources.list.d" \
         "$state/etc/apt/preferences.d" "$state/etc/apt/apt.conf.d" "$state/etc/apt/trusted.gpg.d"
: > "$state/status"
cp /etc/apt/sources.list.d/debian.sources "$state/etc/apt/sources.list.d/" 2>/dev/null || true
[ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$state/etc/apt/" || : > "$state/etc/apt/sources.list"
opts=(-o "Dir::Etc=$state/etc/apt" -o "Dir::State::Lists=$state/lists" -o "Dir::State::status=$state/status"
      -o "Dir::Cache::Archives=$state/archives" -o "Dir::Cache=$state/cache" -o APT::Architecture=arm64
      -o APT::Architectures::=arm64 -o Debug::NoLocking=1 -o APT::Sandbox::User=root -o Acquire::Languages=none)
mkdir -p "$state/cache"
apt-get "${opts[@]}" -qq update >&2
apt-get "${opts[@]}" -qq -y --download-only --no-install-recommends install nodejs >&2
mkdir -p "$dir/root"
for deb in "$state"/archives/*.deb; do dpkg-deb -x "$deb" "$dir/root"; done
echo "qemu-aarch64-static -L $dir/root $dir/root/usr/bin/node"
