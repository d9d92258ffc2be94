#!/usr/bin/env bash
# Idempotent set-up of a fresh machine: virtualenv, pinned Python packages, front-end
# assets from npm, and (with --test) the Debian packages the test suite drives.
# Each step is skipped when its inputs have not changed, so a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV="$ROOT/.venv"
WITH_TEST=0
[ "${1:-}" = "--test" ] && WITH_TEST=1

need_apt=()
have_deb() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
# WeasyPrint needs Pango; certificates and decisions use Liberation (Times-compatible).
for pkg in libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation2; do
  have_deb "$pkg" || need_apt+=("$pkg")
done
if [ "$WITH_TEST" = 1 ]; then
  # The production stage (scripts/prod_stage.sh) serves through Debian's nginx with a
  # certificate made by openssl and checks the systemd units with systemd-analyze.
  for pkg in chromium fonts-dejavu-core nginx openssl systemd; do have_deb "$pkg" || need_apt+=("$pkg"); done
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then need_apt+=("postgresql"); fi
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo ">> apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  # Installing nginx or postgresql must not start their system services on a test machine
  # (port 80, a cluster): a policy-rc.d answering 101 tells the packages not to.
  policy=/usr/sbin/policy-rc.d; own_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null && $SUDO chmod +x "$policy" && own_policy=1
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  [ "$own_policy" = 0 ] || $SUDO rm -f "$policy"
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo ">> creating virtualenv"
  python3 -m venv "$VENV"
fi
stamp_py="$VENV/.thidua-installed"
want_py=$(cat requirements/lock.txt pyproject.toml | sha256sum | cut -c1-16)
if [ "$(cat "$stamp_py" 2>/dev/null)" != "$want_py" ]; then
  echo ">> installing Python packages"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r requirements/lock.txt
  "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps -e .
  echo "$want_py" > "$stamp_py"
fi

# Copy a vendored .js/.css with the source maps it names (sourceMappingURL): the manifest
# storage of collectstatic rewrites those references and fails on a missing file, and
# then every page of the production site answers 500. A map is looked for beside the
# file; a file naming a map the package does not ship stops the set-up here.
vendor() {  # vendor FILE... DEST
  local dest=${*: -1} src map
  for src in "${@:1:$#-1}"; do
    cp "$src" "$dest"/
    case "$src" in *.js|*.css) ;; *) continue ;; esac
    for map in $(grep -aoE 'sourceMappingURL=[^ *"]+' "$src" | cut -d= -f2- | grep -v '^data:' || true); do
      if [ ! -f "$(dirname "$src")/$map" ]; then
        echo "setup: $src names the source map $map, which its package does not ship" >&2
        exit 1
      fi
      mkdir -p "$dest/$(dirname "$map")"
      cp "$(dirname "$src")/$map" "$dest/$map"
    done
  done
}

stamp_js="node_modules/.thidua-installed"
# The recipe below is part of the stamp: a changed copy list re-copies the vendor tree.
want_js=$(cat package-lock.json scripts/setup.sh | sha256sum | cut -c1-16)
if [ "$(cat "$stamp_js" 2>/dev/null)" != "$want_js" ] || [ ! -d src/thidua/static/vendor ]; then
  echo ">> installing front-end assets"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  V=src/thidua/static/vendor
  rm -rf "$V" && mkdir -p "$V"/bootstrap "$V"/bootstrap-icons "$V"/htmx "$V"/tom-select "$V"/flatpickr "$V"/chartjs "$V"/squire
  vendor node_modules/bootstrap/dist/css/bootstrap.min.css "$V"/bootstrap
  vendor node_modules/bootstrap/dist/js/bootstrap.bundle.min.js "$V"/bootstrap
  vendor node_modules/bootstrap-icons/font/bootstrap-icons.min.css "$V"/bootstrap-icons
  cp -r node_modules/bootstrap-icons/font/fonts "$V"/bootstrap-icons/
  vendor node_modules/htmx.org/dist/htmx.min.js "$V"/htmx
  vendor node_modules/tom-select/dist/css/tom-select.bootstrap5.min.css \
    node_modules/tom-select/dist/js/tom-select.complete.min.js "$V"/tom-select
  vendor node_modules/flatpickr/dist/flatpickr.min.css node_modules/flatpickr/dist/flatpickr.min.js \
    node_modules/flatpickr/dist/l10n/vn.js "$V"/flatpickr
  vendor node_modules/chart.js/dist/chart.umd.min.js "$V"/chartjs
  vendor node_modules/squire-rte/dist/squire.js "$V"/squire
  echo "$want_js" > "$stamp_js"
fi
