from django.urls import path

from muhabir.accessibility import views

app_name = "accessibility"

urlpatterns = [
    path("text-size/", views.text_size, name="text_size"),
    path("contrast/", views.contrast, name="contrast"),
    path("preferences.css", views.stylesheet, name="stylesheet"),
]
