"""Each client of the API is throttled by its address, at settings.API_THROTTLE_RATE (e.g. "120/min")."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class ClientRateThrottle(SimpleRateThrottle):
    """Every client is anonymous (the API reads no session), so the address alone is the key.

    The rate is read per request, so a test can change it with the settings fixture.
    """

    scope = "api"

    def get_rate(self):
        return settings.API_THROTTLE_RATE

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return f"{settings.API_THROTTLE_KEY_PREFIX}_{self.get_ident(request)}"
