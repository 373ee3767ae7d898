#!/usr/bin/env bash
# Run the whole test suite on the production parts: a private PostgreSQL and Redis on free
# loopback ports in a temporary folder, stopped again however the tests end.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="redis-server chromium poppler-utils fonts-dejavu-core gettext postgresql libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 xmlsec1"
PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"

find_pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  echo ""
}

missing_tools() {
  local missing=""
  [ -n "$(find_pg_bin)" ] || missing="$missing postgresql"
  command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"
  command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
  command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
  command -v msgfmt >/dev/null 2>&1 || missing="$missing gettext"
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$missing fonts-dejavu-core"
  command -v xmlsec1 >/dev/null 2>&1 || missing="$missing xmlsec1"
  echo "$missing"
}

if [ -n "$(missing_tools)" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing system packages:$(missing_tools)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $APT_PACKAGES >/dev/null
  else
    echo "The tests need these system packages:$(missing_tools)" >&2
    echo "Install them, for example: sudo apt-get install -y --no-install-recommends $APT_PACKAGES" >&2
    exit 2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
if [ ! -f .venv/.dev-installed ] || [ pyproject.toml -nt .venv/.dev-installed ]; then
  echo "== installing Python packages"
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -e ".[dev]"
  touch .venv/.dev-installed
fi

PG_BIN=$(find_pg_bin)
RUN_DIR=$(mktemp -d /tmp/portfolio-test.XXXXXX)
chmod 755 "$RUN_DIR"
free_port() { .venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
PG_PORT=$(free_port)
REDIS_PORT=$(free_port)

as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
  local status=$?
  echo "== stopping test services"
  as_pg "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg" -m immediate stop >/dev/null 2>&1 || true
  if [ -f "$RUN_DIR/redis.pid" ]; then kill "$(cat "$RUN_DIR/redis.pid")" 2>/dev/null || true; fi
  rm -rf "$RUN_DIR"
  exit "$status"
}
trap cleanup EXIT INT TERM

echo "== starting PostgreSQL on 127.0.0.1:$PG_PORT and Redis on 127.0.0.1:$REDIS_PORT"
mkdir -p "$RUN_DIR/pg"
[ "$(id -u)" = "0" ] && chown postgres "$RUN_DIR/pg"
as_pg "$PG_BIN/initdb" -D "$RUN_DIR/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
PG_OPTS="-p $PG_PORT -k $RUN_DIR/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
as_pg "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg" -l "$RUN_DIR/pg/server.log" -w -o "$PG_OPTS" start >/dev/null
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
  --dir "$RUN_DIR" --pidfile "$RUN_DIR/redis.pid" --logfile "$RUN_DIR/redis.log"
for _ in $(seq 50); do
  redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
  sleep 0.1
done

export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/portfolio"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export DJANGO_SECRET_KEY="test-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(48))')"
export PORTFOLIO_DATA_DIR="$RUN_DIR/data"
export PORTFOLIO_TEST_ARTIFACTS="${PORTFOLIO_TEST_ARTIFACTS:-$PWD/test-artifacts}"
export DJANGO_ALLOW_ASYNC_UNSAFE=true
# The fault tests stop and start these very services (tests/test_faults.py).
export PORTFOLIO_TEST_PG_CTL="$PG_BIN/pg_ctl"
export PORTFOLIO_TEST_PG_DATA="$RUN_DIR/pg"
export PORTFOLIO_TEST_PG_OPTS="$PG_OPTS"
export PORTFOLIO_TEST_REDIS_PORT="$REDIS_PORT"
export PORTFOLIO_TEST_RUN_DIR="$RUN_DIR"
# Tests read static files through the finders (no collectstatic manifest); production-only
# settings are checked by subprocess tests with the production variables.
export DJANGO_DEBUG=true

echo "== running the tests"
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
exit $status
