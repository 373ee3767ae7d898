"""The provider's URLs: OIDC under /o/, a password sign-in, and a test-only people endpoint."""

import json

from django.contrib.auth import authenticate, login
from django.contrib.auth.models import Group, User
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import include, path
from django.utils.html import escape
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def sign_in(request):
    """A bare password sign-in page, as any identity provider has."""
    if request.method == "POST":
        user = authenticate(
            request, username=request.POST["username"], password=request.POST["password"]
        )
        if user is None:
            return HttpResponse("wrong password", status=401)
        login(request, user)
        return HttpResponseRedirect(request.POST.get("next") or "/")
    # A browser arrives here from /o/authorize/ with ?next=; the form carries it on.
    next_url = escape(request.GET.get("next", ""))
    return HttpResponse(
        "<!doctype html><title>Provider sign-in</title><form method=post>"
        "<label>Username <input name=username></label>"
        "<label>Password <input name=password type=password></label>"
        f'<input type=hidden name=next value="{next_url}"><button>Sign in</button></form>'
    )


@csrf_exempt
def people(request):
    """Create or change a person and their groups (the provider's own admin, for tests)."""
    data = json.loads(request.body)
    user, _ = User.objects.get_or_create(username=data["username"])
    user.email = data.get("email", "")
    user.first_name = data.get("first_name", "")
    user.last_name = data.get("fault", "")
    user.is_active = data.get("active", True)
    user.set_password(data["password"])
    user.save()
    user.groups.set([Group.objects.get_or_create(name=name)[0] for name in data.get("groups", [])])
    return JsonResponse({"id": user.pk})


urlpatterns = [
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("login/", sign_in),
    path("testing/people/", people),
]
