from muhabir.directory.models.base import DirectoryEntry
from muhabir.directory.models.entries import Association, IntegrationCentre, Place
from muhabir.directory.models.events import EVENT_TIME_ZONE, Event
from muhabir.directory.models.offers import Offer
from muhabir.directory.models.reference import District, Programme, SpokenLanguage, TargetGroup

# The kinds of entry readers find, by the name of their pages (segments.SEGMENTS).
ENTRY_KINDS = {
    "places": Place,
    "associations": Association,
    "centres": IntegrationCentre,
    "offers": Offer,
    "events": Event,
}

# isort: split
# Last: the page's routes import the reader views, which import the entries above.
from muhabir.directory.models.pages import DirectoryPage  # noqa: E402

__all__ = [
    "ENTRY_KINDS",
    "EVENT_TIME_ZONE",
    "Association",
    "DirectoryEntry",
    "DirectoryPage",
    "District",
    "Event",
    "IntegrationCentre",
    "Offer",
    "Place",
    "Programme",
    "SpokenLanguage",
    "TargetGroup",
]
