"""CSV import and export of directory entries, for the coordination office's spreadsheets.

Each kind of entry has one fixed list of columns with stable English headers; an export
writes them all and an import reads any of them back, so export → edit → import changes
only what was edited. Relations are written as slugs (district, place, provider) or as
``;``-separated slugs and codes (target groups, languages).

An import checks every row before it writes anything, and reports each problem as
"row N, column X: message" with the row numbers a spreadsheet shows (the header is row 1).
It writes nothing when any row is wrong unless asked to import the good rows only.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from muhabir.directory.models import (
    EVENT_TIME_ZONE,
    Association,
    District,
    Event,
    IntegrationCentre,
    Offer,
    Place,
    SpokenLanguage,
)

LOCATED = ("street", "postcode", "city", "district", "latitude", "longitude")
CONTACT = ("contact_person", "email", "phone", "website")


@dataclass(frozen=True)
class Spec:
    """One kind of entry: its model, its columns in file order, its name in the admin."""

    kind: str
    model: type[models.Model]
    columns: tuple[str, ...]
    label: str

    def field(self, column: str) -> models.Field:
        return self.model._meta.get_field(column)


SPECS: dict[str, Spec] = {
    spec.kind: spec
    for spec in (
        Spec(
            "places",
            Place,
            (
                "slug", "name", "category", *LOCATED,
                "description_tr", "description_de", "opening_hours_tr", "opening_hours_de",
                "website", "phone", "live",
            ),
            _("Places"),
        ),
        Spec(
            "associations",
            Association,
            (
                "slug", "name", "founded", *LOCATED, "description_tr", "description_de",
                *CONTACT, "places", "live",
            ),
            _("Associations"),
        ),
        Spec(
            "centres",
            IntegrationCentre,
            (
                "slug", "name", "for_district", "opened_on", "ordinal", *LOCATED,
                "description_tr", "description_de", "staff_posts", "teacher_posts",
                "funding_eur", "teacher_funding_eur", *CONTACT, "live",
            ),
            _("Integration centres"),
        ),
        Spec(
            "offers",
            Offer,
            (
                "slug", "title_tr", "title_de", "kind", "provider_centre",
                "provider_association", "description_tr", "description_de", "target_groups",
                "languages", "place", "district", "schedule_tr", "schedule_de", "cost_tr",
                "cost_de", "free_of_charge", "programme", *CONTACT, "live",
            ),
            _("Offers"),
        ),
        Spec(
            "events",
            Event,
            (
                "slug", "title_tr", "title_de", "start", "end", "all_day", "rrule",
                "cancelled", "description_tr", "description_de", "place", "venue_name",
                *LOCATED, "organiser_association", "organiser_centre", "organiser_name",
                "price_tr", "price_de", "live",
            ),
            _("Events"),
        ),
    )
}  # fmt: skip

KINDS = tuple(SPECS)

TRUE_WORDS = frozenset({"yes", "y", "ja", "j", "evet", "e", "true", "wahr", "1", "x"})
FALSE_WORDS = frozenset({"no", "n", "nein", "hayır", "hayir", "h", "false", "falsch", "0"})
LIST_SEPARATOR = re.compile(r"[;,\s]+")
# A spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK(...) sends
# data away, =cmd|... ran programs in old Excel). The export puts a ' before such text, as
# spreadsheets themselves mark text, and the import takes one ' off again. Text that starts
# with ' and then one of these gets one more ', so every value comes back as it was.
FORMULA_START = re.compile(r"'*[=+\-@\t\r]")


# ---------------------------------------------------------------------------------------
# Reports


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


class CellError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = str(message)


class TableError(Exception):
    def __init__(self, message, row: int = 1):
        super().__init__(message)
        self.message = str(message)
        self.row = row


# ---------------------------------------------------------------------------------------
# Reading the file


def read_table(data: bytes | str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the rows of a CSV file, each row with its spreadsheet row number.

    Takes UTF-8 with or without a byte-order mark, a comma, semicolon or tab as the
    delimiter (German Excel writes semicolons) and any line ends.
    """
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise TableError(
                _("The file is not UTF-8 text. In Excel, save it as “CSV UTF-8”.")
            ) from None
    data = data.removeprefix("\ufeff")
    if not data.strip():
        raise TableError(_("The file is empty."))
    first_line = data.splitlines()[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(data, newline=""), delimiter=delimiter)
    table: list[tuple[int, list[str]]] = []
    try:
        for number, cells in enumerate(reader, start=1):
            table.append((number, cells))
    except csv.Error as error:
        raise TableError(
            _("The file cannot be read as CSV: %(error)s") % {"error": error},
            row=len(table) + 1,
        ) from None
    (_number, header), *rows = table
    return [cell.strip().lstrip("\ufeff").lower() for cell in header], rows


# ---------------------------------------------------------------------------------------
# Cells → values


def _lookup_field(model) -> str:
    return "code" if model is SpokenLanguage else "slug"


def _text(raw: str) -> str:
    return raw.replace("\r\n", "\n").replace("\r", "\n").strip()


def _number_text(raw: str) -> str:
    """Accept 3.5 and the German 3,5; with both marks, the last one is the decimal mark."""
    value = raw.strip().replace(" ", "").replace("\u00a0", "")
    if "," in value and "." in value:
        if value.rfind(",") > value.rfind("."):
            value = value.replace(".", "").replace(",", ".")
        else:
            value = value.replace(",", "")
    elif "," in value:
        value = value.replace(",", ".")
    return value


def parse_bool(raw: str) -> bool:
    value = raw.strip().casefold()
    if not value or value in FALSE_WORDS:
        return False
    if value in TRUE_WORDS:
        return True
    raise CellError(_("Write yes or no (also ja/nein, evet/hayır, true/false, 1/0)."))


def parse_date(raw: str) -> dt.date:
    value = raw.strip()
    for parse in (dt.date.fromisoformat, lambda v: dt.datetime.strptime(v, "%d.%m.%Y").date()):
        try:
            return parse(value)
        except ValueError:
            continue
    raise CellError(_("Write the date as YYYY-MM-DD, e.g. 2016-06-28."))


def parse_datetime(raw: str) -> dt.datetime:
    """ISO 8601 with an offset, or a local time in Europe/Berlin ("2019-11-16 19:00")."""
    value = raw.strip()
    parsed = None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        for pattern in ("%d.%m.%Y %H:%M", "%d.%m.%Y"):
            try:
                parsed = dt.datetime.strptime(value, pattern)
                break
            except ValueError:
                continue
    if parsed is None:
        raise CellError(
            _(
                "Write the time as YYYY-MM-DD HH:MM (German time) or in ISO 8601 with an "
                "offset, e.g. 2019-11-16 19:00 or 2019-11-16T19:00+01:00."
            )
        )
    if parsed.tzinfo is not None:
        return parsed
    local = parsed.replace(tzinfo=EVENT_TIME_ZONE)
    # A wall-clock time skipped when the clocks go forward does not survive a round trip.
    if local.astimezone(dt.UTC).astimezone(EVENT_TIME_ZONE).replace(tzinfo=None) != parsed:
        raise CellError(
            _("This time does not exist in Germany: the clocks go forward an hour then.")
        )
    return local


def parse_cell(spec: Spec, column: str, raw: str):
    """The value of ``raw`` for ``column``; raises CellError with a message for the editor."""
    model_field = spec.field(column)
    text = _text(raw)
    if model_field.many_to_many:
        return _parse_references(model_field.related_model, text)
    if isinstance(model_field, models.BooleanField):
        return parse_bool(text)
    if not text:
        return None if model_field.null or model_field.is_relation else ""
    if model_field.is_relation:
        return _parse_reference(model_field.related_model, text)
    if model_field.choices:
        allowed = [str(value) for value, _label in model_field.flatchoices]
        if text not in allowed:
            raise CellError(
                _("“%(value)s” is not one of: %(allowed)s.")
                % {"value": text, "allowed": ", ".join(allowed)}
            )
        return text
    if isinstance(model_field, models.DateTimeField):
        return parse_datetime(text)
    if isinstance(model_field, models.DateField):
        return parse_date(text)
    if isinstance(model_field, models.IntegerField):
        try:
            return int(text)
        except ValueError:
            raise CellError(_("Write a whole number.")) from None
    if isinstance(model_field, models.DecimalField):
        try:
            value = Decimal(_number_text(text))
        except InvalidOperation:
            raise CellError(_("Write a number, e.g. 3.5.")) from None
        if not value.is_finite():
            raise CellError(_("Write a number, e.g. 3.5."))
        return value
    if isinstance(model_field, models.FloatField):
        try:
            value = float(_number_text(text))
        except ValueError:
            raise CellError(_("Write a number in decimal degrees, e.g. 51.4935.")) from None
        if not math.isfinite(value):
            raise CellError(_("Write a number in decimal degrees, e.g. 51.4935."))
        return value
    if _is_text(model_field) and text.startswith("'") and FORMULA_START.match(text):
        return text[1:]
    return text


def _is_text(model_field: models.Field) -> bool:
    """Free text, as opposed to numbers, dates, choices and references, which are not quoted."""
    return (
        isinstance(model_field, models.CharField | models.TextField)
        and not model_field.choices
        and not model_field.is_relation
    )


def _parse_reference(model, text: str):
    key = _lookup_field(model)
    found = model.objects.filter(**{key: text}).first()
    if found is None and model is District:
        found = District.objects.filter(name__iexact=text).first()
    if found is None:
        raise CellError(
            _("There is no %(model)s “%(value)s”.")
            % {"model": model._meta.verbose_name, "value": text}
        )
    return found


def _parse_references(model, text: str) -> list:
    keys = list(dict.fromkeys(part for part in LIST_SEPARATOR.split(text) if part))
    if not keys:
        return []
    key = _lookup_field(model)
    found = {getattr(obj, key): obj for obj in model.objects.filter(**{f"{key}__in": keys})}
    missing = [value for value in keys if value not in found]
    if missing:
        raise CellError(
            _("Unknown %(model)s: %(values)s.")
            % {"model": model._meta.verbose_name_plural, "values": ", ".join(missing)}
        )
    return [found[value] for value in keys]


# ---------------------------------------------------------------------------------------
# Values → cells


def cell_value(spec: Spec, instance, column: str) -> str:
    """How ``column`` of ``instance`` is written to the file (the import reads it back)."""
    model_field = spec.field(column)
    if model_field.many_to_many:
        key = _lookup_field(model_field.related_model)
        return ";".join(sorted(getattr(obj, key) for obj in getattr(instance, column).all()))
    value = getattr(instance, column)
    if value is None:
        return ""
    if model_field.is_relation:
        return getattr(value, _lookup_field(model_field.related_model))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value, EVENT_TIME_ZONE)
        spec_minutes = local.second == 0 and local.microsecond == 0
        return local.isoformat(timespec="minutes" if spec_minutes else "seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if _is_text(model_field) and FORMULA_START.match(str(value)):
        return f"'{value}"
    return str(value)


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


# ---------------------------------------------------------------------------------------
# Importing


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
        key = _lookup_field(spec.field(column).related_model)
        return ";".join(sorted(getattr(obj, key) for obj in many[column]))
    return cell_value(spec, instance, column)


def _validation_errors(spec, header, number, instance, error) -> list[RowError]:
    errors = []
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
