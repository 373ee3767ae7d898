"""API routes of the people app."""

from rest_framework.routers import SimpleRouter

from people.api import views

router = SimpleRouter()
router.register("people", views.PersonViewSet, basename="person")
router.register("training-plans", views.TrainingPlanViewSet, basename="training-plan")
router.register("literacy-measures", views.LiteracyMeasureViewSet, basename="literacy-measure")

urlpatterns = router.urls
