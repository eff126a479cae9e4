"""Search under each language's own word: /tr/ara/, /de/suche/ (other languages: /search/)."""

from django.urls import path

from muhabir.search import views

app_name = "search"

SEARCH_SLUGS = {"tr": "ara", "de": "suche"}
DEFAULT_SLUG = "search"

urlpatterns = [
    *(
        path(f"{slug}/", views.search_page, {"slug_language": language}, name=f"page_{language}")
        for language, slug in SEARCH_SLUGS.items()
    ),
    path(f"{DEFAULT_SLUG}/", views.search_page, {"slug_language": None}, name="page"),
    path("search/suggestions.json", views.suggestions, name="suggestions"),
]
