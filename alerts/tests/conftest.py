"""A real SMTP server in the test process (aiosmtpd), and the settings that send Django's mail to it."""

import socket
from email import policy
from email.parser import BytesParser

import pytest
from aiosmtpd.controller import Controller


class SMTPRecorder:
    """aiosmtpd's handler: keeps each mail it accepts, parsed, with its envelope."""

    def __init__(self):
        self.messages = []  # email.message.EmailMessage, in the order received
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        self.messages.append(BytesParser(policy=policy.default).parsebytes(envelope.original_content))
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """An SMTP server on 127.0.0.1 at a free port, with Django's SMTP backend pointed at it.

    Yields the recorder: `.messages` holds each received mail as an email.message.EmailMessage
    (policy.default: `get_body(("plain",))`, `msg["List-Unsubscribe"]`), `.envelopes` the SMTP envelopes.
    """
    recorder = SMTPRecorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield recorder
    controller.stop()
