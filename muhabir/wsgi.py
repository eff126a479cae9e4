import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "muhabir.settings.production")

# Django first: it sets up the apps the page cache's application imports.
django_application = get_wsgi_application()

from muhabir.pagecache.wsgi import PageCacheApplication  # noqa: E402

application = PageCacheApplication(django_application)
