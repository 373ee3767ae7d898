#!/usr/bin/env bash
# Lighthouse desktop performance of the dashboard, as a browser sees it in production: DEBUG off,
# collected and compressed static files, gunicorn, signed in as leadership. The demo organisation
# runs in a temporary folder; with DATABASE_URL set (a portfolio made by seed_scale, say) that
# database is used instead and USER names the person. Lighthouse is a development tool: it is
# installed with npm into the temporary folder and drives the installed Chromium.
# Prints one JSON line like the benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
WORK=$(mktemp -d)
trap 'kill "${SERVER:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
PORT=$("$BIN/python" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
URL_PATH="${URL_PATH:-/dashboard/}"

export DJANGO_DEBUG=false DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost" DJANGO_SECURE_SSL_REDIRECT=false
export DJANGO_SECURE_COOKIES=false DJANGO_SECURE_HSTS_SECONDS=0
export PORTFOLIO_DATA_DIR="$WORK/var" PORTFOLIO_STATIC_ROOT="$WORK/static"
export DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-$("$BIN/python" -c "import secrets; print(secrets.token_urlsafe(50))")}"
mkdir -p "$PORTFOLIO_DATA_DIR"

if [ -z "${DATABASE_URL:-}" ]; then
  "$BIN/python" manage.py migrate --noinput -v0
  "$BIN/python" manage.py seed_demo >/dev/null
fi
"$BIN/python" manage.py collectstatic --noinput -v0
SESSION=$("$BIN/python" manage.py shell -c "
from django.conf import settings
from django.test import Client
from accounts.models import User
client = Client()
client.force_login(User.objects.get(username='${USER_NAME:-lena}'))
print(client.cookies[settings.SESSION_COOKIE_NAME].value)" 2>/dev/null | tail -n 1)

"$BIN/gunicorn" portfolio.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 --threads 4 \
  --log-level warning &
SERVER=$!
for _ in $(seq 50); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done

# One earlier view, as for every view but the first after a change to the data (the dashboard's
# panels then come from the cache; with REDIS_URL unset each server process has its own).
for _ in 1 2 3 4; do
  curl -fsS -o /dev/null -H "Cookie: sessionid=$SESSION" "http://127.0.0.1:$PORT$URL_PATH"
done

(cd "$WORK" && npm install --silent --no-audit --no-fund lighthouse@12 >/dev/null)
CHROME_PATH="${CHROME_PATH:-$(command -v chromium)}" "$WORK/node_modules/.bin/lighthouse" \
  "http://127.0.0.1:$PORT$URL_PATH" --preset=desktop --only-categories=performance --quiet \
  --output=json --output-path="$WORK/report.json" --chrome-flags="--headless=new --no-sandbox" \
  --extra-headers="{\"Cookie\": \"sessionid=$SESSION\"}"
"$BIN/python" - "$WORK/report.json" "$URL_PATH" <<'EOF'
import json
import sys

report = json.load(open(sys.argv[1]))
audits = report["audits"]
print(json.dumps({
    "case": "lighthouse_desktop_performance",
    "page": sys.argv[2],
    "score": report["categories"]["performance"]["score"],
    "first_contentful_paint_s": round(audits["first-contentful-paint"]["numericValue"] / 1000, 2),
    "largest_contentful_paint_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
    "total_blocking_time_ms": round(audits["total-blocking-time"]["numericValue"]),
    "transfer_kb": round(audits["total-byte-weight"]["numericValue"] / 1024),
}))
EOF
