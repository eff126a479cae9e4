"""CSV import of directory entries.

An import checks every row before it writes anything, and reports each problem as
"row N, column X: message" with the row numbers a spreadsheet shows (the header is row 1).
It writes nothing when any row is wrong unless asked to import the good rows only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext

from muhabir.directory.csv_io.cells import (
    CellError,
    TableError,
    cell_value,
    lookup_field,
    parse_cell,
    read_table,
)
from muhabir.directory.csv_io.columns import SPECS, Spec


@dataclass(frozen=True)
class RowError:
    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.column:
            return gettext("row %(row)s, column %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return gettext("row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class ImportReport:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False
    saved: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        values = {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
        }
        if self.dry_run:
            text = gettext(
                "Checked %(rows)s rows: %(created)s would be created, %(updated)s updated, "
                "%(unchanged)s unchanged, %(skipped)s with errors. Nothing was saved (dry run)."
            )
        elif self.saved:
            text = gettext(
                "Imported %(rows)s rows: %(created)s created, %(updated)s updated, "
                "%(unchanged)s unchanged, %(skipped)s skipped because of errors."
            )
        else:
            text = gettext("Nothing was imported: %(rows)s rows were read, fix the errors first.")
        return text % values


@dataclass
class RowPlan:
    number: int
    instance: models.Model
    creating: bool
    changed: bool
    many: dict[str, list]


def import_csv(
    kind: str, data: bytes | str, *, partial: bool = False, dry_run: bool = False
) -> ImportReport:
    """Check every row of ``data``, then create or update the entries in one transaction.

    A row whose slug names an existing entry updates it; other rows create entries.
    With errors, nothing is saved unless ``partial`` is set, which saves the good rows.
    """
    spec = SPECS[kind]
    report = ImportReport(kind=kind, dry_run=dry_run)
    try:
        header, rows = read_table(data)
    except TableError as error:
        report.errors.append(RowError(error.row, None, error.message))
        return report
    header_errors = _check_header(spec, header)
    if header_errors:
        report.errors.extend(header_errors)
        return report

    rows = [(number, cells) for number, cells in rows if any(cell.strip() for cell in cells)]
    report.rows = len(rows)
    existing = _existing(spec, header, rows)
    seen: dict[tuple[str, object], int] = {}
    plans: list[RowPlan] = []
    for number, cells in rows:
        plan, errors = _plan_row(spec, header, number, cells, existing, seen)
        if errors:
            report.errors.extend(errors)
            report.skipped += 1
        else:
            plans.append(plan)
    for plan in plans:
        if plan.creating:
            report.created += 1
        elif plan.changed:
            report.updated += 1
        else:
            report.unchanged += 1
    if dry_run or (report.errors and not partial):
        return report
    current = 0
    try:
        with transaction.atomic():
            for plan in plans:
                current = plan.number
                _save(plan)
    except (DatabaseError, ValidationError) as error:
        message = gettext("It could not be saved: %(error)s") % {"error": error}
        report.errors.append(RowError(current, None, message))
        report.created = report.updated = report.unchanged = 0
        return report
    report.saved = True
    return report


def _check_header(spec: Spec, header: list[str]) -> list[RowError]:
    errors = []
    seen = set()
    for column in header:
        if not column:
            errors.append(RowError(1, None, gettext("A column has no name.")))
        elif column not in spec.columns:
            errors.append(
                RowError(
                    1,
                    column,
                    gettext("Unknown column. The columns are: %(columns)s.")
                    % {"columns": ", ".join(spec.columns)},
                )
            )
        elif column in seen:
            errors.append(RowError(1, column, gettext("The column appears twice.")))
        seen.add(column)
    return errors


def _existing(spec: Spec, header, rows) -> dict[str, models.Model]:
    if "slug" not in header:
        return {}
    index = header.index("slug")
    slugs = {cells[index].strip() for _number, cells in rows if len(cells) > index}
    many = [c for c in header if spec.field(c).many_to_many]
    queryset = spec.model.objects.filter(slug__in=slugs - {""}).prefetch_related(*many)
    return {obj.slug: obj for obj in queryset}


def _plan_row(spec, header, number, cells, existing, seen) -> tuple[RowPlan | None, list[RowError]]:
    errors: list[RowError] = []
    if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
        errors.append(
            RowError(number, None, gettext("The row has more cells than the header has columns."))
        )
    cells = cells + [""] * (len(header) - len(cells))
    values = dict(zip(header, cells, strict=False))

    slug = values.get("slug", "").strip()
    instance = existing.get(slug) if slug else None
    creating = instance is None
    if creating:
        instance = spec.model()
        if "live" in spec.columns and "live" not in header:
            # A file that does not say an entry is published adds it as a draft.
            instance.live = False
    before = None if creating else {c: cell_value(spec, instance, c) for c in header}

    parsed: dict[str, object] = {}
    for column in header:
        try:
            parsed[column] = parse_cell(spec, column, values[column])
        except CellError as error:
            errors.append(RowError(number, column, error.message))
    many = {}
    for column, value in parsed.items():
        model_field = spec.field(column)
        if model_field.many_to_many:
            many[column] = value
        else:
            setattr(instance, column, value)
    if getattr(instance, "live", False) and instance.first_published_at is None:
        instance.first_published_at = instance.last_published_at = timezone.now()

    failed = {error.column for error in errors}
    exclude = [f.name for f in spec.model._meta.fields if f.name in failed]
    try:
        # Offer.clean() says in words what the provider constraint would say in SQL terms.
        instance.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        errors.extend(
            found
            for found in _validation_errors(spec, header, number, instance, error)
            if found.column not in failed or found.column is None
        )

    failed = {error.column for error in errors}
    for column in header:
        model_field = spec.field(column)
        if not model_field.unique or column in failed:
            continue
        value = getattr(instance, model_field.attname)
        if value in (None, ""):
            continue
        first = seen.setdefault((column, value), number)
        if first != number:
            errors.append(
                RowError(
                    number,
                    column,
                    gettext("The same value is on row %(row)s.") % {"row": first},
                )
            )
    if errors:
        order = {column: index for index, column in enumerate(header)}
        errors.sort(key=lambda error: order.get(error.column, -1))
        return None, errors

    changed = creating
    if not creating:
        after = {c: _planned_cell(spec, instance, c, many) for c in header}
        changed = after != before
    return RowPlan(number, instance, creating, changed, many), []


def _planned_cell(spec, instance, column, many) -> str:
    if column in many:
        key = lookup_field(spec.field(column).related_model)
        return ";".join(sorted(getattr(obj, key) for obj in many[column]))
    return cell_value(spec, instance, column)


def _validation_errors(spec, header, number, instance, error) -> list[RowError]:
    errors: list[RowError] = []
    for name, field_errors in error.error_dict.items():
        for field_error in field_errors:
            column = None if name == NON_FIELD_ERRORS else name
            if field_error.code == "coordinates":
                column = "longitude" if instance.latitude is not None else "latitude"
            if column is not None and any(found.column == column for found in errors):
                # One message a cell: a website that is no URL fails two validators.
                continue
            for message in field_error.messages:
                errors.append(RowError(number, column, message))
    return errors


def _save(plan: RowPlan) -> None:
    if not plan.changed:
        return
    instance = plan.instance
    instance.save()
    for column, values in plan.many.items():
        getattr(instance, column).set(values)
    if instance.has_unpublished_changes and instance.latest_revision_id:
        # The admin edits an entry's draft revision when it has one: the draft gets the
        # imported values too, or the next save in the admin would undo the import.
        instance.save_revision(clean=False)
