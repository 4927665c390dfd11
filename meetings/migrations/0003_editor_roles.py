"""Create the three editor roles as groups with their model permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")

# Frozen here on purpose: a migration must not change meaning when the roles module does.
ROLES = {
    "Netværkskoordinator": {
        "trials": {
            model: ALL
            for model in (
                "source",
                "programme",
                "municipality",
                "network",
                "networkmembership",
                "applicationround",
                "trial",
                "participation",
                "exemption",
                "organisation",
                "evaluation",
                "organisationbody",
                "glossaryterm",
                "newsitem",
                "municipalcoordinator",
            )
        },
        "meetings": {
            model: ALL
            for model in (
                "committee",
                "meeting",
                "attendance",
                "agendaitem",
                "committeedecision",
                "document",
                "committeesecretary",
            )
        },
    },
    "Kommunekoordinator": {
        "trials": {
            "source": ("view",),
            "municipality": ("view",),
            "applicationround": ("view",),
            "organisation": ("view",),
            # Change on a trial only opens its page for the inlines; the admin keeps the
            # trial's own fields read-only for this role.
            "trial": ("change", "view"),
            "participation": ("change", "view"),
            "exemption": ALL,
            "evaluation": ALL,
        },
        "meetings": {"document": ALL},
    },
    "Udvalgssekretær": {
        "trials": {"source": ("view",), "trial": ("view",)},
        "meetings": {
            "committee": ("view",),
            "meeting": ALL,
            "attendance": ALL,
            "agendaitem": ALL,
            "committeedecision": ALL,
            "document": ALL,
        },
    },
}


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations (post_migrate); make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, apps_models in ROLES.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        codenames = [
            (app_label, f"{action}_{model}")
            for app_label, models in apps_models.items()
            for model, actions in models.items()
            for action in actions
        ]
        permissions = [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in codenames
        ]
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("meetings", "0002_initial"),
        ("trials", "0002_trigram_extension"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
