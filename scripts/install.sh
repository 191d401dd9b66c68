#!/usr/bin/env bash
# Installs everything the build, the app and the tests need, from Debian's archive and the npm
# registry only. Idempotent: a second run with everything present only checks and returns.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake pkg-config git ca-certificates xz-utils
  emscripten clang-14 lld-14 libclang-rt-14-dev
  catch2 nlohmann-json3-dev libfast-float-dev libcpp-httplib-dev libsodium-dev libsqlite3-dev libssl-dev zlib1g-dev
  postgresql libpq-dev
  chromium fonts-dejavu-core fonts-noto-core imagemagick
  python3-onnx python3-numpy
  libxgboost-dev xgboost python3-xgboost
  wrk nginx openssl
)
IMGUI_TARBALL=imgui_1.86+ds.orig.tar.xz
IMGUI_SHA256=$(cat third_party/imgui.sha256)
IMGUI_DIR=third_party/imgui-1.86

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Dear ImGui's .cpp sources exist only in Debian's source package, so a deb-src entry is needed.
# It mirrors the machine's own `deb` entries rather than naming an archive, so a build machine
# behind a bank's own mirror fetches the source package from that mirror. deb822 stanzas
# (*.sources) and one-line entries (*.list) each keep their format.
DEB_SRC_DIR=/etc/apt/sources.list.d
deb822_src_entries() {
  local f
  for f in "$DEB_SRC_DIR"/*.sources; do
    [ -f "$f" ] && [ "$f" != "$DEB_SRC_DIR/project-deb-src.sources" ] || continue
    # Paragraph mode: one record per stanza. Stanzas that have deb but not yet deb-src.
    awk 'BEGIN { RS = ""; ORS = "\n\n" }
         { out = ""; n = split($0, line, "\n"); types = "" }
         { for (i = 1; i <= n; i++) if (line[i] ~ /^Types:/) types = line[i] }
         types ~ /[: \t]deb([ \t]|$)/ && types !~ /deb-src/ {
           for (i = 1; i <= n; i++) {
             if (line[i] ~ /^#/) continue
             out = out (line[i] ~ /^Types:/ ? "Types: deb-src" : line[i]) "\n"
           }
           printf "%s\n", out
         }' "$f"
  done
}
one_line_src_entries() {
  local f
  for f in /etc/apt/sources.list "$DEB_SRC_DIR"/*.list; do
    [ -f "$f" ] && [ "$f" != "$DEB_SRC_DIR/project-deb-src.list" ] || continue
    sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f"
  done
}
# Writes `content` to `file` unless it is already there; true when the file changed.
write_if_changed() {
  local file=$1 content=$2
  if [ -z "$content" ]; then
    [ -f "$file" ] || return 1
    $SUDO rm -f "$file"; return 0
  fi
  [ -f "$file" ] && [ "$(cat "$file")" = "$content" ] && return 1
  printf '%s\n' "$content" | $SUDO tee "$file" >/dev/null
}
ensure_deb_src() {
  local changed=1
  write_if_changed "$DEB_SRC_DIR/project-deb-src.sources" "$(deb822_src_entries)" && changed=0
  write_if_changed "$DEB_SRC_DIR/project-deb-src.list" "$(one_line_src_entries)" && changed=0
  return $changed
}

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
need_update=0
ensure_deb_src && need_update=1
[ ${#missing[@]} -gt 0 ] && need_update=1
[ -f "$IMGUI_DIR/imgui.cpp" ] || need_update=1
if [ $need_update -eq 1 ]; then
  $SUDO apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "install: apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -f "$IMGUI_DIR/imgui.cpp" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get source --download-only imgui >/dev/null 2>&1)
  echo "$IMGUI_SHA256  $tmp/$IMGUI_TARBALL" | sha256sum -c --quiet - \
    || { echo "install: $IMGUI_TARBALL does not match the pinned sha256 in third_party/imgui.sha256" >&2; exit 1; }
  mkdir -p "$IMGUI_DIR.tmp" && tar -xJf "$tmp/$IMGUI_TARBALL" -C "$IMGUI_DIR.tmp" --strip-components=1
  mv "$IMGUI_DIR.tmp" "$IMGUI_DIR"
  rm -rf "$tmp"
fi

# npm packages from the committed lock file. onnxruntime-node's install script would try to
# download extra binaries; the CPU binaries it needs ship inside the package.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.lock-installed; then
  ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.lock-installed
fi
echo "install: all dependencies present"
