# The seed's date form, localised: "Salı, 19.11.2019".
DATE_FORMAT = "l, d.m.Y"
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "l, d.m.Y H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "d F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3

# The admin's date pickers write WAGTAIL_DATE_FORMAT / WAGTAIL_DATETIME_FORMAT ("19.11.2019
# 14:30"); Django's Turkish input formats only know "19/11/2019", so every date an editor
# picked was refused. Django's own forms (and ISO) still parse after ours.
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d/%m/%Y", "%d/%m/%y", "%y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M:%S.%f",
    "%d/%m/%Y %H:%M",
]
