"""The search page and the JSON title suggestions."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from muhabir.search.selectors import filters_from, search_results, title_suggestions
from muhabir.search.templatetags.search_tags import search_url

SUGGESTIONS_MAX_AGE = 60


@require_safe
def search_page(request: HttpRequest, slug_language: str | None) -> HttpResponse:
    """Results in both languages by default, narrowed by language, section and date."""
    language = get_language()
    url = search_url(language)
    if request.path != url:
        # /de/ara/ is the Turkish word on a German page: send readers to /de/suche/.
        query = request.GET.urlencode()
        return redirect(f"{url}?{query}" if query else url)
    query = request.GET.get("q", "")
    filters = filters_from(request.GET)
    # Searched only where the page shows them: the same words, filters and page give the
    # same results to every reader, kept as a fragment until an article changes.
    results = SimpleLazyObject(
        lambda: search_results(
            query=query,
            filters=filters,
            page_number=request.GET.get("page") or 1,
            interface_language=language,
        )
    )
    kept = request.GET.copy()
    kept.pop("page", None)

    def without(name: str) -> str:
        params = kept.copy()
        params.pop(name, None)
        return params.urlencode()

    return TemplateResponse(
        request,
        "search/search_page.html",
        {
            "query": query,
            "results": results,
            "results_key": "&".join(sorted(request.GET.urlencode().split("&"))),
            "search_url": url,
            "page_query": kept.urlencode(),
            "facet_query": {name: without(name) for name in ("language", "section", "date")},
        },
    )


@require_safe
def suggestions(request: HttpRequest) -> JsonResponse:
    """Titles of articles matching the words typed so far, newest best first."""
    articles = title_suggestions(query=request.GET.get("q", ""))
    response = JsonResponse(
        {
            "suggestions": [
                {
                    "title": article.title,
                    "url": article.get_url(request),
                    "language": article.locale.language_code,
                }
                for article in articles
            ]
        }
    )
    patch_cache_control(response, public=True, max_age=SUGGESTIONS_MAX_AGE)
    return response
