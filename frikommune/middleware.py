"""Middleware of the project's own."""

from django.conf import settings
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import import_string

from .languages import language_from_path

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


class URLLanguageMiddleware:
    """Serve each request in the language its URL names: English under /en/, Danish everywhere else.

    It stands in for Django's LocaleMiddleware, which also reads the language cookie and the
    browser's Accept-Language for the unprefixed (Danish) pages and marks them `Vary:
    Accept-Language`. Here the URL alone decides: a Danish page is the same for every visitor, so a
    shared cache may keep one copy of it, and an English link is shareable. The admin and the
    crawlers' files (sitemap, robots.txt) sit outside the prefixed URLs and are always Danish.
    The language is active before the URL is resolved, as i18n_patterns needs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_from_path(request.path_info)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
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
