"""Middleware of the project's own."""

from django.conf import settings
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import import_string

# Browser features the site never uses, denied to it and to anything that might get framed in it.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class ChosenLanguageMiddleware:
    """Danish unless the visitor chose another language with the language switch.

    Django's LocaleMiddleware also follows the browser's Accept-Language header; we don't, because
    the public pages are Danish first and an English browser should not get a half-translated page
    marked lang="en".
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class PermissionsPolicyMiddleware:
    """Send a Permissions-Policy header that turns off the browser features we never use."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class AdminNoIndexMiddleware:
    """Ask search engines not to index anything under the admin's path.

    robots.txt cannot say so without printing the path, which ADMIN_URL is meant to keep private.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(reverse("admin:index")):
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response


class RequestSizeLimitMiddleware:
    """Refuse, with a 413 page, a request whose declared body is larger than any form of ours needs.

    The limit is one file of MAX_UPLOAD_SIZE plus DATA_UPLOAD_MAX_MEMORY_SIZE of other form fields.
    Refusing on Content-Length alone means the body is never read; a body without one is not read
    by Django either.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.MAX_UPLOAD_SIZE + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            context = {"limit": filesizeformat(limit), "file_limit": filesizeformat(settings.MAX_UPLOAD_SIZE)}
            return render(request, "413.html", context, status=413)
        return self.get_response(request)


class AdminOnlyMiddleware:
    """Run the middleware named in `wrapped` for requests under ADMIN_URL only; pass the rest straight on.

    For middleware that only the admin needs: every login and every change made in a request
    happens there (the minutes import included), while the public site is anonymous and read-only.
    """

    wrapped = ""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_response = import_string(self.wrapped)(get_response)

    def __call__(self, request):
        if request.path_info.startswith(f"/{settings.ADMIN_URL}"):
            return self.admin_response(request)
        return self.get_response(request)


class AdminHistoryRequestMiddleware(AdminOnlyMiddleware):
    """django-simple-history's middleware, which records the editor as history_user of a change."""

    wrapped = "simple_history.middleware.HistoryRequestMiddleware"


class AdminAxesMiddleware(AdminOnlyMiddleware):
    """django-axes' middleware, which turns a locked-out login into the lockout page."""

    wrapped = "axes.middleware.AxesMiddleware"
