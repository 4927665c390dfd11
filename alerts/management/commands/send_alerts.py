"""`manage.py send_alerts`: send each subscribed address its digest of what became public (run from cron)."""

from django.core.management.base import BaseCommand, CommandError

from alerts.digest import DeliveryError, RunResult, send_alerts


class Command(BaseCommand):
    help = "Sender hver abonnent én mail med det, der er blevet offentligt om det, de følger, siden sidst."

    def add_arguments(self, parser):
        parser.add_argument(
            "--chunk-size", type=int, default=None, help="Adresser pr. transaktion (ALERTS_CHUNK_SIZE, 500)."
        )

    def handle(self, *args, chunk_size, **options):
        result = RunResult()
        try:
            send_alerts(chunk_size=chunk_size, result=result)
        except DeliveryError as error:
            raise CommandError(
                f"Mailserveren svigtede: {error}. {self.summary(result)} Resten sendes ved næste kørsel."
            ) from error
        self.stdout.write(self.summary(result))

    def summary(self, result):
        return (
            f"{result.composed} nyhedsmails skrevet, {result.sent} sendt, {result.refused} afvist af mailserveren "
            f"(prøves igen), {result.dropped} droppet; {result.subscriptions} abonnementer ajourført."
        )
