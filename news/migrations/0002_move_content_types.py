"""Move the content types of NewsItem and its history from app 'trials' to 'news'.

Permissions (the Netværkskoordinator's add/change/delete/view_newsitem) and the admin's log entries
hang on the content type's row, so renaming the row in place takes them along. If 'news' rows exist
already (post_migrate ran between news 0001 and this migration), they are folded into the old ones
first: their permissions' holders and log entries move over, nothing is lost.
"""

from django.conf import settings
from django.db import migrations

MODELS = ("newsitem", "historicalnewsitem")


def move(apps, from_label, to_label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    LogEntry = apps.get_model("admin", "LogEntry")
    for model in MODELS:
        old = ContentType.objects.filter(app_label=from_label, model=model).first()
        if old is None:
            continue
        new = ContentType.objects.filter(app_label=to_label, model=model).first()
        if new is not None:
            for permission in Permission.objects.filter(content_type=new):
                kept = Permission.objects.filter(content_type=old, codename=permission.codename).first()
                if kept is None:
                    permission.content_type = old
                    permission.save(update_fields=["content_type"])
                    continue
                for group in Group.objects.filter(permissions=permission):
                    group.permissions.add(kept)
                for user in User.objects.filter(user_permissions=permission):
                    user.user_permissions.add(kept)
                permission.delete()
            LogEntry.objects.filter(content_type=new).update(content_type=old)
            new.delete()
        old.app_label = to_label
        old.save(update_fields=["app_label"])
    ContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    move(apps, "trials", "news")


def backwards(apps, schema_editor):
    move(apps, "news", "trials")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("trials", "0005_move_newsitem_to_news"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        # On a fresh database the roles' migration makes the content types (as 'trials') and gives
        # the groups their permissions; they move here afterwards.
        ("meetings", "0003_editor_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
