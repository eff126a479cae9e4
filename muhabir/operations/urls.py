from django.urls import path

from muhabir.operations import views

urlpatterns = [
    path("healthz", views.health, name="health"),
]
