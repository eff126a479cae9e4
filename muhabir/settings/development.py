"""The embedded default that ``make run`` uses: SQLite, local memory, local media.

``DEBUG`` stays off unless asked for, so the demo shows the real error pages.
"""

from muhabir.settings import env
from muhabir.settings.base import *  # noqa: F403

DEBUG = env.boolean("DEBUG", False)
MUHABIR_SERVE_MEDIA = env.boolean("MUHABIR_SERVE_MEDIA", True)
# Without EMAIL_URL, mails are printed where `make run` runs instead of sent.
globals().update(env.email(default="console:"))
