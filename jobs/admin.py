"""Jobs in the admin: watch them, and check that a worker answers."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from jobs.models import Job
from jobs.services import job_enqueue


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Read-only view of background jobs."""

    list_display = ("id", "kind", "status", "done", "total", "created_by", "created_at", "worker")
    list_filter = ("kind", "status")
    readonly_fields = [f.name for f in Job._meta.fields]
    actions = ["check_worker"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Check that a background worker answers"))
    def check_worker(self, request, queryset):
        job = job_enqueue(kind="selfcheck", actor=request.user)
        self.message_user(request, _("Check queued as job %(id)s.") % {"id": job.pk}, messages.INFO)
