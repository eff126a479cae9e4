from django.db import migrations
from django.db.models import Q

# The main navigation used to list every section and directory page and leave out the
# standard pages, whatever "Show in menus" said; it now follows that flag. Setting it to
# match keeps the navigation readers see. The content types are matched by name so that
# this migration need not depend on the newsroom's and the directory's migrations.
IN_MENU = Q(content_type__app_label="newsroom", content_type__model="sectionpage") | Q(
    content_type__app_label="directory", content_type__model="directorypage"
)
FOOTER = Q(content_type__app_label="home", content_type__model="standardpage")


def menus_set(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    for condition, value in ((IN_MENU, True), (FOOTER, False)):
        pages = Page.objects.filter(condition).exclude(show_in_menus=value)
        # The editor's form opens the latest revision: without the flag there too, the
        # next publication would undo this.
        revisions = pages.exclude(latest_revision=None).values_list("latest_revision", flat=True)
        for revision in Revision.objects.filter(pk__in=list(revisions)):
            revision.content["show_in_menus"] = value
            revision.save(update_fields=["content"])
        pages.update(show_in_menus=value)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0005_sitesettings_default_share_image"),
    ]

    operations = [
        # Going back needs nothing: the earlier navigation did not read the flag.
        migrations.RunPython(menus_set, migrations.RunPython.noop),
    ]
