"""Addresses that end up in an href accept http(s) only (muhabir.core.links).

AlterField adds a validator only: the column is unchanged and no data is lost. Values
stored before are checked when edited and made safe where they are shown.
"""

import muhabir.core.links
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0002_nrw_districts'),
    ]

    operations = [
        migrations.AlterField(
            model_name='association',
            name='website',
            field=models.URLField(blank=True, validators=[muhabir.core.links.validate_web_link], verbose_name='website'),
        ),
        migrations.AlterField(
            model_name='integrationcentre',
            name='website',
            field=models.URLField(blank=True, validators=[muhabir.core.links.validate_web_link], verbose_name='website'),
        ),
        migrations.AlterField(
            model_name='offer',
            name='website',
            field=models.URLField(blank=True, validators=[muhabir.core.links.validate_web_link], verbose_name='website'),
        ),
        migrations.AlterField(
            model_name='place',
            name='website',
            field=models.URLField(blank=True, validators=[muhabir.core.links.validate_web_link], verbose_name='website'),
        ),
        migrations.AlterField(
            model_name='programme',
            name='website',
            field=models.URLField(blank=True, validators=[muhabir.core.links.validate_web_link], verbose_name='website'),
        ),
    ]
