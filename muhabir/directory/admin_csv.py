"""The coordination office's CSV page in the admin: upload an import, download an export."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

from muhabir.directory.csv_io.columns import SPECS, Spec
from muhabir.directory.csv_io.exporting import export_csv
from muhabir.directory.csv_io.importing import import_csv

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def can_import(user, spec: Spec) -> bool:
    """Who may add and publish entries of a kind may maintain them in bulk.

    A spreadsheet row can say ``live=yes``, so an import publishes: reporters, who may
    write drafts but not publish, are not offered it.
    """
    opts = spec.model._meta
    return user.is_active and all(
        user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
        for action in ("add", "change", "publish")
    )


def kinds_for(user) -> list[Spec]:
    return [spec for spec in SPECS.values() if can_import(user, spec)]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(choices=[(kind, spec.label) for kind, spec in SPECS.items()])
    file = forms.FileField(label=_("CSV file"))
    partial = forms.BooleanField(
        label=_("Import the good rows even if some rows have errors"), required=False
    )
    dry_run = forms.BooleanField(label=_("Only check the file, save nothing"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


def csv_page(request):
    specs = kinds_for(request.user)
    if not specs:
        raise PermissionDenied
    report = None
    report_kind = None
    form = ImportForm()
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            spec = SPECS[form.cleaned_data["kind"]]
            if spec not in specs:
                raise PermissionDenied
            report = import_csv(
                spec.kind,
                form.cleaned_data["file"].read(),
                partial=form.cleaned_data["partial"],
                dry_run=form.cleaned_data["dry_run"],
            )
            report_kind = spec
    sections = [
        {
            "spec": spec,
            "columns": ", ".join(spec.columns),
            "export_url": reverse("directory_csv_export", args=[spec.kind]),
            "form": form if form.is_bound and form["kind"].value() == spec.kind else None,
        }
        for spec in specs
    ]
    return TemplateResponse(
        request,
        "directory/admin/csv.html",
        {
            "sections": sections,
            "report": report,
            "report_kind": report_kind,
            "page_title": _("Import / export"),
            "header_icon": "download",
        },
    )


def csv_export(request, kind: str):
    spec = SPECS.get(kind)
    if spec is None:
        raise Http404
    if not can_import(request.user, spec):
        raise PermissionDenied
    response = HttpResponse(export_csv(kind), content_type="text/csv; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="directory-{kind}-{day}.csv"'
    return response


class CsvMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(kinds_for(request.user))


def csv_menu_item() -> MenuItem:
    return CsvMenuItem(
        _("Import / export"), reverse("directory_csv"), icon_name="download", order=900
    )
