from django.http import HttpRequest, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache

from muhabir.operations.health import health_report
from muhabir.operations.logging import request_id_var


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Database, cache and media storage of this app server, and overdue periodic jobs.

    503 when a component is down; an overdue job is a warning with 200, since taking
    every app server out of the load balancer would not restart cron.
    """
    healthy, body = health_report()
    return JsonResponse(body, status=200 if healthy else 503)


def server_error(request: HttpRequest) -> HttpResponseServerError:
    """The 500 page with the request id, which a reader can quote to the newsroom."""
    template = loader.get_template("500.html")
    request_id = request_id_var.get() or getattr(request, "request_id", "")
    return HttpResponseServerError(template.render({"request_id": request_id}))
