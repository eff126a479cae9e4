"""Offers of the centres and associations: the list with its filters, and each offer's page."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.http import Http404
from django.utils.translation import gettext_lazy

from muhabir.directory.models import (
    Association,
    District,
    IntegrationCentre,
    Offer,
    Programme,
    SpokenLanguage,
    TargetGroup,
)
from muhabir.directory.models.base import (
    DIRECTORY_LANGUAGES,
    language_current,
)
from muhabir.directory.views.common import (
    DirectoryView,
    entry_url,
    paginate,
    render,
    sort_key,
)
from muhabir.directory.views.filters import ChoiceFilter, DirectoryFilterSet, filters_apply

CENTRE, ASSOCIATION = "centre", "association"


def title_order(queryset: QuerySet, language: str) -> QuerySet:
    """By the title readers see: theirs, else the other language's."""
    other = next(code for code in DIRECTORY_LANGUAGES if code != language)
    title = Coalesce(NullIf(F(f"title_{language}"), Value("")), F(f"title_{other}"))
    return queryset.annotate(sort_title=Lower(title)).order_by("sort_title", "pk")


class OfferFilterSet(DirectoryFilterSet):
    kind = ChoiceFilter(label=gettext_lazy("Kind of offer"), all_label=gettext_lazy("All kinds"))
    group = ChoiceFilter(
        field_name="target_groups__slug",
        label=gettext_lazy("For"),
        all_label=gettext_lazy("Everyone"),
    )
    language = ChoiceFilter(
        field_name="languages__code",
        label=gettext_lazy("Given in"),
        all_label=gettext_lazy("Any language"),
    )
    provider = ChoiceFilter(
        method="filter_provider",
        label=gettext_lazy("Provider"),
        all_label=gettext_lazy("All providers"),
    )
    district = ChoiceFilter(
        method="filter_district",
        label=gettext_lazy("Kreis or city"),
        all_label=gettext_lazy("All districts"),
    )
    programme = ChoiceFilter(
        field_name="programme__slug",
        label=gettext_lazy("Programme"),
        all_label=gettext_lazy("All programmes"),
    )

    keep_choices = True

    class Meta:
        model = Offer
        fields = ["kind", "group", "language", "provider", "district", "programme"]

    def filter_district(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # An offer without a region of its own is open to the provider's district.
        return queryset.filter(
            Q(district__slug=value)
            | Q(district__isnull=True)
            & (
                Q(provider_centre__for_district__slug=value)
                | Q(provider_association__district__slug=value)
            )
        )

    def filter_provider(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        kind, _, slug = value.partition(":")
        if kind == CENTRE:
            return queryset.filter(provider_centre__slug=slug)
        return queryset.filter(provider_association__slug=slug)

    def choices(self, queryset):
        language = self.language
        ids = queryset.order_by().values("pk")
        groups = TargetGroup.objects.filter(
            pk__in=Offer.target_groups.through.objects.filter(offer__in=ids).values("targetgroup")
        )
        spoken = SpokenLanguage.objects.filter(
            pk__in=Offer.languages.through.objects.filter(offer__in=ids).values("spokenlanguage")
        )
        centres = IntegrationCentre.objects.public().filter(offers__in=ids).distinct()
        associations = Association.objects.public().filter(offers__in=ids).distinct()
        districts = District.objects.filter(
            Q(pk__in=queryset.order_by().values("district"))
            | Q(pk__in=queryset.order_by().values("provider_centre__for_district"))
            | Q(pk__in=queryset.order_by().values("provider_association__district"))
        )
        programmes = Programme.objects.filter(pk__in=queryset.order_by().values("programme"))

        def by_name(items):
            return sorted(items, key=lambda item: sort_key(item.name, language))

        providers = [(f"{CENTRE}:{c.slug}", c.name) for c in centres] + [
            (f"{ASSOCIATION}:{a.slug}", a.name) for a in associations
        ]
        return {
            "kind": [(value, str(label)) for value, label in Offer.Kind.choices],
            "group": [(group.slug, group.name) for group in by_name(groups)],
            "language": [(spoken.code, spoken.name) for spoken in by_name(spoken)],
            "provider": sorted(providers, key=lambda pair: sort_key(pair[1], language)),
            "district": [(d.slug, d.name) for d in by_name(districts)],
            "programme": [(p.slug, p.name) for p in by_name(programmes)],
        }


def offer_list(request, page):
    language = language_current()
    offers = Offer.objects.public()
    found, state = filters_apply(OfferFilterSet(request.GET, offers, language))
    results = paginate(
        request,
        title_order(found, language)
        .select_related("provider_centre", "provider_association", "district", "programme")
        .prefetch_related("target_groups", "languages"),
    )
    return render(
        request,
        DirectoryView(page),
        "directory/entry_list.html",
        {
            "kind": "offers",
            "results": results,
            "state": state,
            "entries": [(offer, entry_url(page, "offers", offer)) for offer in results],
            "providers": provider_urls(page, results),
            "markers": [],
        },
        page_number=results.number,
    )


def provider_urls(page, offers) -> dict[int, str]:
    """offer pk → address of its provider's page."""
    urls = {}
    for offer in offers:
        if offer.provider_centre is not None:
            urls[offer.pk] = entry_url(page, "centres", offer.provider_centre)
        elif offer.provider_association is not None:
            urls[offer.pk] = entry_url(page, "associations", offer.provider_association)
    return urls


def offer_detail(request, page, slug: str):
    offer = (
        Offer.objects.public()
        .select_related(
            "provider_centre",
            "provider_association",
            "district",
            "programme",
            "place",
        )
        .prefetch_related("target_groups", "languages")
        .filter(slug=slug)
        .first()
    )
    if offer is None:
        raise Http404
    language = language_current()
    title = offer.text("title", language)
    title_language = title.language
    place = offer.place_shown
    view = DirectoryView(page, crumb=title)
    return render(
        request,
        view,
        "directory/offer_detail.html",
        {
            "entry": offer,
            "provider_url": provider_urls(page, [offer]).get(offer.pk, ""),
            "place": place,
            "place_url": entry_url(page, "places", place) if place else "",
            "title_lang": title_language if title_language != language else "",
        },
        description=offer.text("description"),
        keep_query=False,
    )
