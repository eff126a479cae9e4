from django.db import models


class TagVersion(models.Model):
    """When a dependency last changed, for sites whose cache is not shared between processes.

    With local memory each worker has its own cache, so the times pages were invalidated
    must live where every worker sees them: here. With Redis they live in Redis.
    """

    tag = models.CharField(max_length=200, primary_key=True)
    changed_at = models.FloatField()

    def __str__(self) -> str:
        return self.tag
