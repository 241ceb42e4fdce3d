#!/usr/bin/env bash
# Fetches Debian trixie's OpenSSL 3.5 (`openssl`, `libssl3t64`) and the libraries it loads into a
# folder, with a private apt state (nothing is installed into the system), and prints the command
# line that runs that `openssl` through the folder's own dynamic loader, so it never mixes with the
# system's (bookworm) libc or libssl.
#   scripts/openssl35.sh DIR      -> DIR/root is the extracted tree; prints the openssl command
set -euo pipefail
dir=${1:?usage: openssl35.sh DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
root="$dir/root"
triplet=x86_64-linux-gnu
libpath="$root/lib/$triplet:$root/usr/lib/$triplet"
cmd() {
  local modules
  modules=$(ls -d "$root/usr/lib/$triplet"/ossl-modules* 2>/dev/null | head -1)
  echo "env OPENSSL_MODULES=$modules OPENSSL_CONF=$root/usr/lib/ssl/openssl.cnf" \
       "$root/lib64/ld-linux-x86-64.so.2 --library-path $libpath $root/usr/bin/openssl"
}
if [ -x "$root/usr/bin/openssl" ] && [ -e "$root/lib64/ld-linux-x86-64.so.2" ]; then
  cmd
  exit 0
fi
state="$dir/apt"
mkdir -p "$state/lists/partial" "$state/archives/partial" "$state/etc/apt/sources.list.d" \
         "$state/etc/apt/preferences.d" "$state/etc/apt/apt.conf.d" "$state/etc/apt/trusted.gpg.d" "$state/cache"
: > "$state/status"
: > "$state/etc/apt/sources.list"
# The same mirror as the system's bookworm sources, but the trixie suite.
uri=$(sed -n 's/^URIs:[[:space:]]*\(.*\/debian\)[[:space:]]*$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
uri=${uri:-http://deb.debian.org/debian}
cat > "$state/etc/apt/sources.list.d/trixie.sources" <<EOF
Types: deb
URIs: $uri
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
opts=(-o "Dir::Etc=$state/etc/apt" -o "Dir::State::Lists=$state/lists" -o "Dir::State::status=$state/status"
      -o "Dir::Cache::Archives=$state/archives" -o "Dir::Cache=$state/cache" -o APT::Architecture=amd64
      -o APT::Architectures::=amd64 -o Debug::NoLocking=1 -o APT::Sandbox::User=root -o Acquire::Languages=none)
apt-get "${opts[@]}" -qq update >&2
# With an empty status file apt resolves every dependency (libc6, zlib1g, libzstd1, ...) too.
apt-get "${opts[@]}" -qq -y --download-only --no-install-recommends install openssl libssl3t64 openssl-provider-legacy >&2 \
  || apt-get "${opts[@]}" -qq -y --download-only --no-install-recommends install openssl libssl3t64 >&2
mkdir -p "$root"
for deb in "$state"/archives/*.deb; do dpkg-deb -x "$deb" "$root"; done
# usrmerge: trixie ships the loader under usr/lib64 and libraries under usr/lib; make both paths exist.
if [ ! -e "$root/lib64/ld-linux-x86-64.so.2" ]; then
  mkdir -p "$root/lib64"
  ln -sf "$root/usr/lib64/ld-linux-x86-64.so.2" "$root/lib64/ld-linux-x86-64.so.2" 2>/dev/null || true
  [ -e "$root/lib64/ld-linux-x86-64.so.2" ] || ln -sf "$root/usr/lib/$triplet/ld-linux-x86-64.so.2" "$root/lib64/ld-linux-x86-64.so.2"
fi
# The package's openssl.cnf lives under etc/ssl; usr/lib/ssl/openssl.cnf is a symlink to /etc/ssl/...
# (absolute), so point it into the folder.
mkdir -p "$root/usr/lib/ssl"
if [ -f "$root/etc/ssl/openssl.cnf" ]; then
  ln -sfn "$root/etc/ssl/openssl.cnf" "$root/usr/lib/ssl/openssl.cnf"
else
  : > "$root/usr/lib/ssl/openssl.cnf"
fi
cmd
