"""CSV export of directory entries, for the coordination office's spreadsheets."""

from __future__ import annotations

import csv
import io

from muhabir.directory.csv_io.cells import cell_value
from muhabir.directory.csv_io.columns import SPECS, Spec


def export_queryset(spec: Spec):
    relations = [c for c in spec.columns if spec.field(c).many_to_one]
    many = [c for c in spec.columns if spec.field(c).many_to_many]
    return spec.model.objects.select_related(*relations).prefetch_related(*many).order_by("slug")


def export_csv(kind: str, queryset=None) -> str:
    """All entries of ``kind`` as CSV text, starting with a byte-order mark for Excel."""
    spec = SPECS[kind]
    queryset = export_queryset(spec) if queryset is None else queryset
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(spec.columns)
    for instance in queryset:
        writer.writerow([cell_value(spec, instance, column) for column in spec.columns])
    return output.getvalue()
