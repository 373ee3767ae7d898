#!/usr/bin/env bash
# The embedded default for a small team: SQLite and files in var/, DEBUG off, static files through
# whitenoise, a web server and a background worker (jobs queued in files, no server to install).
# PORT=8080 bash scripts/demo.sh serves on another port; DEMO_LANGUAGE=nl (sv, de, en) writes the
# demo organisation's texts in that language the first time it is loaded; Ctrl-C stops both
# processes.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8000}"
DEMO_LANGUAGE="${DEMO_LANGUAGE:-}"
BIN=.venv/bin

if ! "$BIN/python" -c "import socket,sys; s=socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1])))" "$PORT" 2>/dev/null; then
  echo "Port $PORT is already in use on 127.0.0.1. Stop what uses it, or choose another port:" >&2
  echo "  make demo PORT=8080" >&2
  exit 2
fi

"$BIN/python" manage.py migrate --noinput
"$BIN/python" manage.py collectstatic --noinput -v0
if ! "$BIN/python" manage.py shell -c "from accounts.models import User; raise SystemExit(0 if User.objects.filter(username='lena').exists() else 1)" 2>/dev/null; then
  "$BIN/python" manage.py seed_demo ${DEMO_LANGUAGE:+--language "$DEMO_LANGUAGE"}
elif [ -n "$DEMO_LANGUAGE" ]; then
  echo "The demo organisation is already loaded; DEMO_LANGUAGE applies to a fresh one (make clean first)." >&2
fi

"$BIN/celery" -A portfolio worker --beat --pool=solo --loglevel=WARNING &
WORKER=$!
stop() { kill "$WORKER" 2>/dev/null || true; wait "$WORKER" 2>/dev/null || true; }
trap stop EXIT INT TERM

echo "Serving the AI portfolio at http://127.0.0.1:$PORT (demo accounts in README.md; Ctrl-C stops)"
"$BIN/gunicorn" portfolio.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 --threads 4 \
  --timeout 120 --access-logfile - --log-level warning
