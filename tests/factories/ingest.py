"""Feed sources pointing at a test server."""

from __future__ import annotations

import factory
from wagtail.models import Locale

from muhabir.ingest.models import FeedSource


class FeedSourceFactory(factory.django.DjangoModelFactory):
    """A source for ``section`` in the section's language; pass ``url`` and ``section``."""

    class Meta:
        model = FeedSource

    name = factory.Sequence(lambda n: f"Stadt Duisburg Pressestelle {n}")
    url = "http://127.0.0.1:1/feed.xml"
    section = None
    language = factory.LazyAttribute(
        lambda source: source.section.locale if source.section else Locale.get_default()
    )
    needs_review = True
    active = True
