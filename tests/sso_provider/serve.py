"""Start the provider: migrate its SQLite database, register the portfolio as a client, serve."""

import os
import sys

import django


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.sso_provider.settings"
    django.setup()
    from django.core.management import call_command
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    Application.objects.update_or_create(
        client_id=os.environ["SSO_CLIENT_ID"],
        defaults={
            "client_secret": os.environ["SSO_CLIENT_SECRET"],
            "client_type": Application.CLIENT_CONFIDENTIAL,
            "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
            "redirect_uris": os.environ["SSO_REDIRECT_URI"],
            "algorithm": Application.RS256_ALGORITHM,
            "skip_authorization": True,
            "name": "portfolio",
        },
    )

    port = int(os.environ["SSO_PROVIDER_PORT"])
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    run("127.0.0.1", port, get_wsgi_application(), threading=True)


if __name__ == "__main__":
    main()
