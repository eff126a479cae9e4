"""Names of the rich-text features shared by every rich-text field."""

from django.conf import settings


def lang_feature_name(code: str) -> str:
    """The feature that marks a passage as being in language ``code``."""
    return f"lang-{code}"


LANG_FEATURES = [lang_feature_name(code) for code, _name in settings.LANGUAGES]
