#!/usr/bin/env bash
# Assembles the static demo: the same page and wasm build as the live app, the product images and
# a data bundle of synthetic customers (bank-proxy export-demo). Any static file server can serve
# the folder at its root, e.g. `python3 -m http.server -d build/demo-site 8000`.
# usage: scripts/make_demo_site.sh [OUT_DIR]   (default build/demo-site; needs `make build` first)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$repo/build/demo-site}"
# Tests pass the builds they test.
proxy="${BANK_PROXY_BIN:-$repo/build/native/proxy/bank-proxy}"
app="${BANK_WASM_APP_DIR:-$repo/build/wasm/app}"
[ -x "$proxy" ] || { echo "make_demo_site: $proxy is missing; run 'make build' first" >&2; exit 1; }
[ -f "$app/bank_app.wasm" ] || { echo "make_demo_site: $app is missing; run 'make build' first" >&2; exit 1; }

# Built next to the target and swapped in at the end, so a failure never leaves half a site.
staging="$out.partial"
rm -rf "$staging"
mkdir -p "$staging/demo" "$staging/app" "$staging/images"
cp "$repo"/web/*.html "$repo"/web/*.js "$repo"/web/*.css "$repo"/web/favicon.svg "$staging/"
cp -r "$repo"/web/inference "$staging/inference"  # loaded by the page; the demo never starts it
cp "$app"/bank_app.js "$app"/bank_app.wasm "$staging/app/"
cp "$app"/book_worker.js "$app"/book_worker.wasm "$staging/app/"  # ranks the banker's book off the page's thread
cp "$repo"/data/images/*.png "$staging/images/"
"$proxy" export-demo --data "$repo/data" --ranking-config "$repo/config/ranking.json" \
  --propensity-model "$repo/config/propensity-model.json" --out "$staging/demo/bundle.json"
# Precompressed copies for a host that serves file.gz with Content-Encoding: gzip (README.md).
find "$staging" -type f \( -name '*.html' -o -name '*.js' -o -name '*.mjs' -o -name '*.css' -o -name '*.wasm' \
  -o -name '*.json' -o -name '*.svg' \) -exec gzip -9 -n -k -f {} +
rm -rf "$out"
mv "$staging" "$out"
echo "demo site: $out"
