"""English is only the admin's language here: it must read the dates its pickers write.

WAGTAIL_DATE_FORMAT / WAGTAIL_DATETIME_FORMAT give "19.11.2019 14:30", which Django's
English input formats refuse. Everything else falls back to Django's English formats.
"""

from django.conf.locale.en import formats as _django_en

DATE_INPUT_FORMATS = ["%d.%m.%Y", *_django_en.DATE_INPUT_FORMATS]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", *_django_en.DATETIME_INPUT_FORMATS]
