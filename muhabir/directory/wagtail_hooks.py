"""The directory in the admin: one menu with a listing per kind of entry."""

from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from muhabir.core.admin_columns import YesNoColumn
from muhabir.directory import admin_csv
from muhabir.directory.models import (
    Association,
    District,
    Event,
    IntegrationCentre,
    Offer,
    Place,
    Programme,
    SpokenLanguage,
    TargetGroup,
)


def _yes_no(model, name: str) -> YesNoColumn:
    return YesNoColumn(name, label=capfirst(model._meta.get_field(name).verbose_name))


class EntryCreateView(CreateView):
    """A new entry is saved by its button only.

    Wagtail's autosave posts a new form to the create address and switches the form to
    the edit address only when that answer arrives; a "Save draft" pressed meanwhile
    posts to the create address again and makes a second entry. Entries have no unique
    title that would refuse the copy (pages have their slug), so the editor's own save
    starts them; autosave works as usual once the entry exists.
    """

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.autosave_enabled = False


class EntryViewSet(SnippetViewSet):
    add_view_class = EntryCreateView
    list_export = None
    list_per_page = 50
    copy_view_enabled = False


class PlaceViewSet(EntryViewSet):
    model = Place
    icon = "site"
    list_display = ["name", "category", "city", _yes_no(Place, "live")]
    list_filter = ["category", "live", "submitted", "district"]
    search_fields = ["name", "city"]
    ordering = ["name"]


class AssociationViewSet(EntryViewSet):
    model = Association
    icon = "group"
    list_display = ["name", "city", "founded", _yes_no(Association, "live")]
    list_filter = ["live", "submitted", "district"]
    search_fields = ["name", "city"]
    ordering = ["name"]


class IntegrationCentreViewSet(EntryViewSet):
    model = IntegrationCentre
    icon = "home"
    list_display = [
        "name",
        "for_district",
        "opened_on",
        "ordinal",
        _yes_no(IntegrationCentre, "live"),
    ]
    list_filter = ["live"]
    search_fields = ["name", "city"]
    ordering = ["name"]


class OfferFilterSet(WagtailFilterSet):
    class Meta:
        model = Offer
        fields = ["kind", "live", "programme", "target_groups", "languages"]


class OfferViewSet(EntryViewSet):
    model = Offer
    icon = "help"
    list_display = ["title", "kind", "provider", _yes_no(Offer, "live")]
    filterset_class = OfferFilterSet
    search_fields = ["title_tr", "title_de"]
    ordering = ["title_de"]


class EventViewSet(EntryViewSet):
    model = Event
    icon = "date"
    list_display = [
        "title",
        "start",
        "city",
        _yes_no(Event, "cancelled"),
        _yes_no(Event, "live"),
    ]
    list_filter = ["live", "submitted", "cancelled", "district"]
    search_fields = ["title_tr", "title_de", "city"]
    ordering = ["-start"]


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "globe"
    list_display = ["name", "kind", "seat"]
    list_filter = ["kind"]
    search_fields = ["name", "seat"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "user"
    list_display = ["slug", "name_tr", "name_de"]


class SpokenLanguageViewSet(SnippetViewSet):
    model = SpokenLanguage
    icon = "doc-full"
    list_display = ["code", "name"]


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "tasks"
    list_display = ["name", "budget_eur", "budget_period"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (
        PlaceViewSet,
        AssociationViewSet,
        IntegrationCentreViewSet,
        OfferViewSet,
        EventViewSet,
        ProgrammeViewSet,
        DistrictViewSet,
        TargetGroupViewSet,
        SpokenLanguageViewSet,
    )
    menu_icon = "list-ul"
    menu_label = _("Directory")
    menu_name = "directory"
    menu_order = 250
    submenu_hook = "register_directory_menu_item"


register_snippet(DirectoryViewSetGroup)


@hooks.register("register_admin_urls")
def register_csv_urls():
    return [
        path("directory/csv/", admin_csv.csv_page, name="directory_csv"),
        path("directory/csv/<str:kind>.csv", admin_csv.csv_export, name="directory_csv_export"),
    ]


@hooks.register("register_directory_menu_item")
def register_csv_menu_item():
    return admin_csv.csv_menu_item()
