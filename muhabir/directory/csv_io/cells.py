"""Cells of the directory's CSV files: reading the file, and turning cells into values and back.

Numbers take a decimal comma, yes/no takes Turkish and German words, times without an
offset are German time, and text that a spreadsheet would run as a formula is quoted.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from muhabir.directory.csv_io.columns import Spec
from muhabir.directory.models import EVENT_TIME_ZONE, District, SpokenLanguage

TRUE_WORDS = frozenset({"yes", "y", "ja", "j", "evet", "e", "true", "wahr", "1", "x"})
FALSE_WORDS = frozenset({"no", "n", "nein", "hayır", "hayir", "h", "false", "falsch", "0"})
LIST_SEPARATOR = re.compile(r"[;,\s]+")
# A spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK(...) sends
# data away, =cmd|... ran programs in old Excel). The export puts a ' before such text, as
# spreadsheets themselves mark text, and the import takes one ' off again. Text that starts
# with ' and then one of these gets one more ', so every value comes back as it was.
FORMULA_START = re.compile(r"'*[=+\-@\t\r]")


class CellError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = str(message)


class TableError(Exception):
    def __init__(self, message, row: int = 1):
        super().__init__(message)
        self.message = str(message)
        self.row = row


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


def lookup_field(model) -> str:
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
            degrees = float(_number_text(text))
        except ValueError:
            raise CellError(_("Write a number in decimal degrees, e.g. 51.4935.")) from None
        if not math.isfinite(degrees):
            raise CellError(_("Write a number in decimal degrees, e.g. 51.4935."))
        return degrees
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
    key = lookup_field(model)
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
    key = lookup_field(model)
    found = {getattr(obj, key): obj for obj in model.objects.filter(**{f"{key}__in": keys})}
    missing = [value for value in keys if value not in found]
    if missing:
        raise CellError(
            _("Unknown %(model)s: %(values)s.")
            % {"model": model._meta.verbose_name_plural, "values": ", ".join(missing)}
        )
    return [found[value] for value in keys]


def cell_value(spec: Spec, instance, column: str) -> str:
    """How ``column`` of ``instance`` is written to the file (the import reads it back)."""
    model_field = spec.field(column)
    if model_field.many_to_many:
        key = lookup_field(model_field.related_model)
        return ";".join(sorted(getattr(obj, key) for obj in getattr(instance, column).all()))
    value = getattr(instance, column)
    if value is None:
        return ""
    if model_field.is_relation:
        return getattr(value, lookup_field(model_field.related_model))
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
