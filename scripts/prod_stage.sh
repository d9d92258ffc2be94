#!/usr/bin/env bash
# The production stage of `make test`: the deployment docs/deployment.md describes, done
# in a throw-away prefix on this machine, then driven by tests/prod (pytest -m prod).
#   PostgreSQL (scripts/pg.sh) with the site's own role, not a superuser, owning its database;
#   deploy/render.py renders the nginx site, the systemd units and the `thidua` command;
#   a secret, the environment file and a self-signed certificate, as the guide makes them;
#   systemd-analyze verify on the rendered units; migrate, collectstatic (manifest storage),
#   check --deploy --fail-level WARNING and a small seeded province, through the command;
#   Debian's nginx (nginx -p) on high ports, and the units' own ExecStart lines (gunicorn,
#   the task worker) started as the unit files say (tests/prod/units.py).
# Everything it started is stopped and the prefix removed on exit.
#
#   scripts/prod_stage.sh [PYTEST ARGS]         make test's stage: seed `small`, 2 workers, tests/prod
#   scripts/prod_stage.sh [--preset NAME] [--workers N] [--run CMD [ARGS]] [PYTEST ARGS]
#     --preset   the preset seeded (default small: tests/prod expect it)
#     --workers  gunicorn's workers, THIDUA_WEB_WORKERS in the environment file (default 2)
#     --run      run CMD instead of tests/prod, in the repository, with PROD_URL, PROD_HTTP_URL,
#                PROD_PREFIX, PROD_ENV_FILE and PROD_ADMIN_URL exported (make bench: the load test)
set -euo pipefail
cd "$(dirname "$0")/.."
PRESET=small
WEB_WORKERS=2
RUN=()
while [ $# -gt 0 ]; do
  case "$1" in
    --preset) PRESET=$2; shift 2 ;;
    --workers) WEB_WORKERS=$2; shift 2 ;;
    --run) shift; RUN=("$@"); set --; break ;;
    *) break ;;
  esac
done
ROOT=$(pwd)
PY=$ROOT/.venv/bin
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
started=$(date +%s)
PREFIX=$(mktemp -d /tmp/thidua-prod.XXXXXX)
chmod 755 "$PREFIX"
PIDS=()
PGDIR=""
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -f "$PREFIX/nginx/nginx.pid" ] && nginx -p "$PREFIX/nginx/" -c nginx.conf -e "$PREFIX/nginx/error.log" -s stop 2>/dev/null || true
  [ -n "$PGDIR" ] && scripts/pg.sh stop "$PGDIR"
  if [ "$status" != 0 ] && [ -d "$PREFIX/log" ]; then
    for log in "$PREFIX"/log/thidua-*.log "$PREFIX/nginx/error.log"; do
      [ -s "$log" ] && { echo "---- $log (last lines)"; tail -n 15 "$log"; }
    done
  fi
  rm -rf "$PREFIX"
  exit "$status"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
WEB_PORT=$(free_port); HTTP_PORT=$(free_port); HTTPS_PORT=$(free_port)
SITE_USER=$(id -un)
mkdir -p "$PREFIX"/{etc/tls,var,log,backups,nginx/tmp}

echo ">> production stage: PostgreSQL, the site's role and database"
pg=$(scripts/pg.sh)
PGDIR=$(echo "$pg" | sed -n 's/^DIR=//p')
ADMIN_URL=$(echo "$pg" | sed -n 's/^DATABASE_URL=//p')
PGPORT=${ADMIN_URL##*:}; PGPORT=${PGPORT%%/*}
"$PGBIN/psql" -q -X -v ON_ERROR_STOP=1 "$ADMIN_URL" -c "CREATE ROLE thidua_site LOGIN"
"$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U thidua -O thidua_site thidua_site

echo ">> rendering deploy/ (paths, user, ports) into $PREFIX/rendered"
python3 deploy/render.py --app-dir "$ROOT" --conf-dir "$PREFIX/etc" --backup-dir "$PREFIX/backups" \
  --user "$SITE_USER" --web-port "$WEB_PORT" --http-port "$HTTP_PORT" --https-port "$HTTPS_PORT" \
  --tls-cert "$PREFIX/etc/tls/thidua.pem" --tls-key "$PREFIX/etc/tls/thidua.key" --out "$PREFIX/rendered" >/dev/null

# The secret and the environment file, as docs/deployment.md makes them. The database is
# reached through PostgreSQL's socket folder, percent-encoded as the guide shows.
SOCKET=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$PGDIR")
python3 -c 'import secrets; print(secrets.token_urlsafe(50))' > "$PREFIX/etc/secret_key"
chmod 600 "$PREFIX/etc/secret_key"
cat > "$PREFIX/etc/thidua.env" <<EOF
THIDUA_ENV=production
SECRET_KEY_FILE=$PREFIX/etc/secret_key
DATABASE_URL=postgres://thidua_site@$SOCKET:$PGPORT/thidua_site
ALLOWED_HOSTS=127.0.0.1
THIDUA_PUBLIC_URL=https://127.0.0.1:$HTTPS_PORT
THIDUA_TRUSTED_PROXIES=1
THIDUA_VAR=$PREFIX/var
MEDIA_ROOT=$PREFIX/var/media
THIDUA_WEB_WORKERS=$WEB_WORKERS
DEFAULT_FROM_EMAIL=thidua@127.0.0.1
EOF
# A certificate of its own for 127.0.0.1 (a province uses its CA's or Let's Encrypt's).
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$PREFIX/etc/tls/thidua.key" -out "$PREFIX/etc/tls/thidua.pem" 2>/dev/null

echo ">> systemd-analyze verify"
# No systemd as PID 1 here: verify loads the units offline. It fails on fatal errors,
# missing executables and missing required units; unknown keys or bad values it only
# prints, so any output fails the stage too.
verify_out=$(cd "$PREFIX/rendered/systemd" && systemd-analyze verify ./*.service ./*.timer 2>&1) || {
  echo "$verify_out"; exit 1; }
if [ -n "$verify_out" ]; then echo "$verify_out"; exit 1; fi

# The rendered command, in the environment sudo leaves an operator (none of make test's own).
thidua() { env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 "$PREFIX/rendered/bin/thidua" "$@"; }
echo ">> thidua migrate, collectstatic, check --deploy, seed --preset $PRESET (through rendered/bin/thidua)"
thidua migrate --no-input -v0
thidua collectstatic --no-input -v0
thidua check --deploy --fail-level WARNING
thidua seed --preset "$PRESET" -v0

echo ">> nginx -p on :$HTTP_PORT/:$HTTPS_PORT, gunicorn on :$WEB_PORT and the worker from their units"
# The main nginx.conf is Debian's shape (/etc/nginx/nginx.conf): the site file is included
# in http {}; here every path the server writes is in the prefix.
cat > "$PREFIX/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $PREFIX/nginx/nginx.pid;
error_log $PREFIX/nginx/error.log;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    # Each request's end (epoch s), nginx's time and the upstream's (gunicorn's answer from
    # nginx's connect: the wait for a free worker included), the status, the page and role
    # the load test names in its headers, the request (tests/perf/load.py reads this).
    log_format stage '\$msec\t\$request_time\t\$upstream_response_time\t\$status\t\$http_x_bench_page\t'
                     '\$http_x_bench_role\t\$request';
    access_log $PREFIX/log/nginx-access.log stage;
    client_body_temp_path $PREFIX/nginx/tmp/body;
    proxy_temp_path $PREFIX/nginx/tmp/proxy;
    fastcgi_temp_path $PREFIX/nginx/tmp/fastcgi;
    uwsgi_temp_path $PREFIX/nginx/tmp/uwsgi;
    scgi_temp_path $PREFIX/nginx/tmp/scgi;
    include $PREFIX/rendered/nginx/thidua.conf;
}
EOF
nginx -p "$PREFIX/nginx/" -c nginx.conf -e "$PREFIX/nginx/error.log" -t -q
nginx -p "$PREFIX/nginx/" -c nginx.conf -e "$PREFIX/nginx/error.log"
for unit in thidua-web thidua-worker; do
  "$PY/python" -m tests.prod.units exec "$PREFIX/rendered/systemd/$unit.service" > "$PREFIX/log/$unit.log" 2>&1 &
  PIDS+=($!)
done
# gunicorn loads the application before it listens; wait until the site answers over https.
"$PY/python" - "https://127.0.0.1:$HTTPS_PORT/tai-khoan/dang-nhap/" "$PREFIX/etc/tls/thidua.pem" <<'PY'
import ssl, sys, time, urllib.request
url, cert = sys.argv[1:]
context = ssl.create_default_context(cafile=cert)
deadline = time.monotonic() + 90
while True:
    try:
        with urllib.request.urlopen(url, timeout=10, context=context) as answer:
            if answer.status == 200:
                break
    except OSError:
        pass
    if time.monotonic() > deadline:
        sys.exit(f"{url} did not answer within 90 s")
    time.sleep(0.5)
PY
echo "   (set-up took $(( $(date +%s) - started )) s)"

export PROD_PREFIX=$PREFIX PROD_URL=https://127.0.0.1:$HTTPS_PORT PROD_HTTP_URL=http://127.0.0.1:$HTTP_PORT \
  PROD_ADMIN_URL=$ADMIN_URL PROD_ENV_FILE=$PREFIX/etc/thidua.env
if [ ${#RUN[@]} -gt 0 ]; then
  echo ">> ${RUN[*]} against $PROD_URL"
  env -u DATABASE_URL "${RUN[@]}"
  echo ">> production stage done in $(( $(date +%s) - started )) s"
  exit 0
fi
# Two processes: the office (SQLite) and its move to PostgreSQL run beside the site's tests.
echo ">> tests/prod against $PROD_URL"
env -u DATABASE_URL "$PY/pytest" -m prod tests/prod -q -n 2 --dist loadfile "$@"
echo ">> production stage passed in $(( $(date +%s) - started )) s"
