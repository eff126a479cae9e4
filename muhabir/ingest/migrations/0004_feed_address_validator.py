"""Addresses that end up in an href accept http(s) only (muhabir.core.links).

AlterField adds a validator only: the column is unchanged and no data is lost. Values
stored before are checked when edited and made safe where they are shown.
"""

import muhabir.core.links
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('ingest', '0003_forbidden_address'),
    ]

    operations = [
        migrations.AlterField(
            model_name='feedsource',
            name='url',
            field=models.URLField(max_length=1000, validators=[muhabir.core.links.validate_web_link], verbose_name='feed address'),
        ),
    ]
