"""Readers propose an event or an association; an editor publishes it, or not.

Addresses below the propose segment (``/tr/rehber/oner/``, ``/de/verzeichnis/vorschlagen/``):
``""`` lets the reader choose, ``event/`` and ``association/`` are the forms, ``thanks/``
says what happens next. Nothing a reader sends is shown before an editor publishes it.
"""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from muhabir.directory import proposals
from muhabir.directory.views.common import DirectoryView, render

FORMS = {
    "event": proposals.EventProposalForm,
    "association": proposals.AssociationProposalForm,
}


def _titles() -> dict[str, str]:
    return {
        "event": gettext("Propose an event"),
        "association": gettext("Propose an association"),
    }


@require_safe
def choose(request, page):
    titles = _titles()
    view = DirectoryView(page, title=gettext("Propose an entry"))
    return render(
        request,
        view,
        "directory/propose.html",
        {
            "choices": [
                {"title": titles[what], "url": page.url_for("propose", f"{what}/"), "what": what}
                for what in FORMS
            ]
        },
        keep_query=False,
    )


@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def propose(request, page, what: str):
    form_class = FORMS[what]
    language = page.language
    title = _titles()[what]
    rest = f"{what}/"
    view = DirectoryView(page, title=title, crumb=title)
    limited = False
    if request.method == "POST":
        if proposals.rate_limited(request):
            limited = True
            form = form_class()
        else:
            form = form_class(request.POST)
            if form.is_spam():
                # Tell a bot nothing: it sees the same thanks page, and nothing is stored.
                proposals.rate_count(request)
                return redirect(page.url_for("propose", "thanks/"))
            if form.is_valid():
                create = (
                    proposals.event_propose if what == "event" else proposals.association_propose
                )
                create(data=form.cleaned_data, language=language)
                proposals.rate_count(request)
                return redirect(page.url_for("propose", "thanks/"))
    else:
        form = form_class()
    form.describe_fields()
    response = render(
        request,
        view,
        "directory/propose_form.html",
        {
            "form": form,
            "what": what,
            "limited": limited,
            "other_language": proposals.other_language(language),
            "action": page.url_for("propose", rest),
        },
        keep_query=False,
    )
    if limited:
        response.status_code = 429
        response["Retry-After"] = str(proposals.RATE_LIMIT_WINDOW)
    return response


@require_safe
def thanks(request, page):
    view = DirectoryView(page, title=gettext("Thank you"))
    return render(
        request,
        view,
        "directory/propose_thanks.html",
        {"start_url": page.url_for("start"), "propose_url": page.url_for("propose")},
        keep_query=False,
    )
