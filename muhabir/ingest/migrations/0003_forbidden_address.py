"""A fetch refused for its address has a reason of its own; stored fetch details are cleared.

The AlterField only adds a choice, so no value changes. The details of failed fetches
("Connection refused", "HTTP 404") told editors which ports were open on the servers
around ours; they are in the server log, and the source shows the reason alone. The
list of failed items stays: it names the items, not the network.
"""

from django.db import migrations, models


def clear_fetch_details(apps, schema_editor):
    FeedSource = apps.get_model("ingest", "FeedSource")
    FeedSource.objects.exclude(last_error_reason="items_failed").exclude(last_error="").update(
        last_error=""
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ingest", "0002_editor_feed_source_permissions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="feedsource",
            name="last_error_reason",
            field=models.CharField(
                blank=True,
                choices=[
                    ("timeout", "The server did not answer in time"),
                    ("http_error", "The server answered with an error"),
                    ("network", "The server could not be reached"),
                    ("content_type", "The server did not send a feed"),
                    ("too_large", "The feed is too large"),
                    ("invalid_feed", "The feed is not valid RSS or Atom"),
                    ("bad_url", "The address cannot be fetched"),
                    ("forbidden_address", "The address is not allowed"),
                    ("no_section", "The source has no section"),
                    ("items_failed", "Some items could not be imported"),
                    ("unexpected", "Something unexpected went wrong"),
                ],
                editable=False,
                max_length=20,
                verbose_name="reason",
            ),
        ),
        # Not reversible in content: the details are gone, as intended.
        migrations.RunPython(clear_fetch_details, migrations.RunPython.noop),
    ]
