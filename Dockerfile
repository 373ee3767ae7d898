# One image for web, worker and beat (docker-compose.yml picks the command).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORTFOLIO_DATA_DIR=/data \
    PORTFOLIO_MEDIA_ROOT=/data/media \
    PORTFOLIO_STATIC_ROOT=/app/staticfiles

# WeasyPrint needs Pango and HarfBuzz; chart export (Kaleido) drives Chromium; DejaVu is the
# report font; gettext compiles translations; poppler-utils checks generated PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        chromium fonts-dejavu-core gettext poppler-utils \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system app && useradd --system --gid app --home /app app
WORKDIR /app

# Dependencies first, so code changes do not reinstall them (the project itself is not a package).
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install .
COPY . .
RUN DJANGO_DEBUG=false DJANGO_SECRET_KEY=collectstatic-only-not-a-real-key-000000000000000000 \
       python manage.py collectstatic --noinput \
    && mkdir -p /data/media && chown -R app:app /data

USER app
EXPOSE 8000
CMD ["gunicorn", "portfolio.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", "--access-logfile", "-"]
