"""Listing columns for the admin."""

from __future__ import annotations

from django.template.defaultfilters import yesno
from wagtail.admin.ui.tables import Column


class YesNoColumn(Column):
    """A boolean as a translated "evet"/"ja" or "hayır"/"nein".

    A plain column prints Python's True/False, and Wagtail's BooleanColumn titles its
    tick and cross icons "True"/"False", untranslated.
    """

    def get_value(self, instance):
        value = super().get_value(instance)
        return "" if value is None else yesno(bool(value))
