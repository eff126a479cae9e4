"""Wagtail's images, documents, snippets, locales and redirects apps, without the content API
when it is not served.

Wagtail 8 registers routers and schemas for its content API (``wagtail.api.v3``) in the
``ready()`` of these five apps whether or not the API is installed. That imports django-ninja
and builds a pydantic model per image, document and snippet type: 11 MB in every process,
about a thirteenth of a gunicorn worker, for an API Muhabir does not serve. These configs run
the rest of each ``ready()`` as Wagtail has it, and all of it when ``wagtail.api.v3`` is in
``INSTALLED_APPS``.

The ``ready_without_content_api`` methods are Wagtail 8.0's ``ready()`` bodies with the API's
statements left out; ``tests/core/test_wagtail_apps.py`` compares them with the installed
Wagtail, so an upgrade that changes one fails there instead of losing a registration.
"""

from django.apps import apps
from django.db.models import ForeignKey
from django.db.models.signals import post_migrate
from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.documents import get_document_model
from wagtail.documents import get_permission_policy as get_document_permission_policy
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images import get_image_model
from wagtail.images import get_permission_policy as get_image_permission_policy
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.locales.apps import WagtailLocalesAppConfig
from wagtail.snippets.apps import WagtailSnippetsAppConfig

CONTENT_API = "wagtail.api.v3"


class _WithoutContentAPI:
    def ready(self) -> None:
        if apps.is_installed(CONTENT_API):
            super().ready()  # type: ignore[misc]
        else:
            self.ready_without_content_api()

    def ready_without_content_api(self) -> None:
        raise NotImplementedError


class ImagesConfig(_WithoutContentAPI, WagtailImagesAppConfig):
    def ready_without_content_api(self) -> None:
        from wagtail.permissions import register_permission_policy

        Image = get_image_model()
        register_permission_policy(Image, get_image_permission_policy())

        from wagtail.images.signal_handlers import register_signal_handlers

        register_signal_handlers()

        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.images.widgets import AdminImageChooser

        register_form_field_override(ForeignKey, to=Image, override={"widget": AdminImageChooser})

        from wagtail.admin.compare import register_comparison_class
        from wagtail.images.edit_handlers import ImageFieldComparison

        register_comparison_class(ForeignKey, to=Image, comparison_class=ImageFieldComparison)

        from wagtail.admin.ui.fields import register_display_class
        from wagtail.images.components import ImageDisplay

        register_display_class(ForeignKey, to=Image, display_class=ImageDisplay)

        from wagtail.models.reference_index import ReferenceIndex

        ReferenceIndex.register_model(Image)


class DocumentsConfig(_WithoutContentAPI, WagtailDocsAppConfig):
    def ready_without_content_api(self) -> None:
        from wagtail.documents.signal_handlers import register_signal_handlers
        from wagtail.permissions import register_permission_policy

        Document = get_document_model()
        register_permission_policy(Document, get_document_permission_policy())
        register_signal_handlers()

        from wagtail.admin.ui.fields import register_display_class
        from wagtail.documents.components import DocumentDisplay

        register_display_class(ForeignKey, to=Document, display_class=DocumentDisplay)

        from wagtail.models.reference_index import ReferenceIndex

        ReferenceIndex.register_model(Document)


class SnippetsConfig(_WithoutContentAPI, WagtailSnippetsAppConfig):
    def ready_without_content_api(self) -> None:
        from wagtail.snippets.models import create_extra_permissions, register_deferred_snippets

        register_deferred_snippets()
        post_migrate.connect(create_extra_permissions, sender=self)


class LocalesConfig(_WithoutContentAPI, WagtailLocalesAppConfig):
    def ready_without_content_api(self) -> None:
        """Wagtail's ready() registers the content API's router and nothing else."""


class RedirectsConfig(_WithoutContentAPI, WagtailRedirectsAppConfig):
    def ready_without_content_api(self) -> None:
        from wagtail.contrib.redirects.models import Redirect
        from wagtail.permissions import register_permission_policy

        register_permission_policy(Redirect)

        from wagtail.contrib.redirects.signal_handlers import (
            autocreate_redirects_on_page_move,
            autocreate_redirects_on_slug_change,
        )
        from wagtail.signals import page_slug_changed, post_page_move

        post_page_move.connect(autocreate_redirects_on_page_move)
        page_slug_changed.connect(autocreate_redirects_on_slug_change)
