import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "muhabir.settings.production")

# Django first: it sets up the apps the page cache's application imports.
django_application = get_wsgi_application()

from muhabir.pagecache.wsgi import PageCacheApplication  # noqa: E402

application = PageCacheApplication(django_application)

# gunicorn (preload_app) imports this module once in its master and then forks the workers.
# Django would import the URLconfs on each worker's first request (the admin's bring a quarter
# of a worker's memory with them); imported here, all workers share one copy of those pages.
get_resolver().url_patterns  # noqa: B018 - the attribute imports them
