"""API routes of the initiatives app."""

from rest_framework.routers import SimpleRouter

from initiatives.api import views

router = SimpleRouter(trailing_slash=True)
router.register("departments", views.DepartmentViewSet, basename="department")
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
router.register("pilots", views.PilotViewSet, basename="pilot")
router.register("gate-decisions", views.GateDecisionViewSet, basename="gate-decision")
router.register("gate-requests", views.GateRequestViewSet, basename="gate-request")
router.register("team-roles", views.TeamRoleViewSet, basename="team-role")

urlpatterns = router.urls
