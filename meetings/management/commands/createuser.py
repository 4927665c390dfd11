"""Create a staff user (or update an existing one) and give them an editor role with its scope."""

import getpass
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from editors import roles
from editors.password_reset import send_set_password_mail
from trials.models import MunicipalCoordinator, Municipality

from ...models import Committee, CommitteeSecretary

PASSWORD_ENV = "FRIKOMMUNE_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create a staff user, or update an existing one, and put them in a role: "
        "netvaerkskoordinator, kommunekoordinator --municipality SLUG, or "
        "udvalgssekretaer --committee SLUG. The password is read from the "
        f"{PASSWORD_ENV} environment variable or asked for. With --no-password a user without a password "
        "(a new one, or one who never chose it) is mailed a link to choose it; one with a password keeps it."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(roles.ROLE_CHOICES))
        parser.add_argument("--municipality", action="append", default=[], metavar="SLUG")
        parser.add_argument("--committee", action="append", default=[], metavar="SLUG")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--no-password",
            action="store_true",
            help="Do not set a password: mail the link to choose one to a user who has none yet (needs --email "
            "for a new user), or leave an existing user's password as it is.",
        )
        parser.add_argument(
            "--site-url",
            default="",
            help="The portal's address for the link in the mail, e.g. https://frikommune.example.dk "
            "(default: the SITE_URL setting).",
        )

    def handle(self, *args, username, role, municipality, committee, email, no_password, site_url, **options):
        group_name = roles.ROLE_CHOICES[role]
        municipalities = self._lookup(Municipality, municipality, "municipality")
        committees = self._lookup(Committee, committee, "committee")
        if group_name == roles.MUNICIPAL_COORDINATOR and not municipalities:
            raise CommandError("A kommunekoordinator needs --municipality SLUG.")
        if group_name == roles.COMMITTEE_SECRETARY and not committees:
            raise CommandError("An udvalgssekretaer needs --committee SLUG.")
        if group_name != roles.MUNICIPAL_COORDINATOR and municipalities:
            raise CommandError("--municipality only goes with --role kommunekoordinator.")
        if group_name != roles.COMMITTEE_SECRETARY and committees:
            raise CommandError("--committee only goes with --role udvalgssekretaer.")
        try:
            group = Group.objects.get(name=group_name)
        except Group.DoesNotExist as error:
            raise CommandError(f"The group {group_name} is missing; run migrate first.") from error

        User = get_user_model()
        user = User.objects.filter(username=username).first()
        created = user is None
        if created:
            user = User(username=username, email=email)
        password = None if no_password else self._password(user)
        # A user without a password is mailed the link to choose one (a new user's password field is still empty).
        mail_link = no_password and (created or not user.has_usable_password())
        if mail_link and created and not email:
            raise CommandError("A new user with --no-password needs --email: the link to choose a password goes there.")
        site_url = site_url or getattr(settings, "SITE_URL", "")
        if mail_link and (email or user.email) and not site_url:
            raise CommandError("Pass --site-url (or set SITE_URL) for the link in the mail.")

        with transaction.atomic():
            user.is_staff = True
            if email:
                user.email = email
            if password:
                user.set_password(password)
            elif created:
                user.set_unusable_password()
            user.save()
            user.groups.add(group)
            for place in municipalities:
                MunicipalCoordinator.objects.get_or_create(user=user, municipality=place)
            for body in committees:
                CommitteeSecretary.objects.get_or_create(user=user, committee=body)

        scope = ", ".join(str(o) for o in [*municipalities, *committees])
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} {username}: {group_name}" + (f" ({scope})" if scope else "")))
        if mail_link:
            self._mail_link(user, site_url)

    def _mail_link(self, user, site_url):
        if not user.email:
            self.stdout.write(
                f"{user.get_username()} has no password and no e-mail address: pass --email to mail the link."
            )
            return
        try:
            with translation.override(settings.LANGUAGE_CODE):
                send_set_password_mail(user, site_url)
        except Exception as error:
            raise CommandError(
                f"The user is saved, but the mail to {user.email} failed ({error}); run the command again to resend it."
            ) from error
        self.stdout.write(f"Mailed {user.email} a link to choose a password.")

    def _lookup(self, model, slugs, label):
        found = list(model.objects.filter(slug__in=slugs))
        missing = set(slugs) - {o.slug for o in found}
        if missing:
            raise CommandError(f"No {label} with slug: {', '.join(sorted(missing))}")
        return found

    def _password(self, user):
        password = os.environ.get(PASSWORD_ENV)
        if password is None:
            if not os.isatty(0):
                raise CommandError(f"Set {PASSWORD_ENV}, run interactively, or pass --no-password.")
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords did not match.")
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        return password
