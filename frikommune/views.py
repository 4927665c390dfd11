"""Pages that span the apps: the home page, and the page for a refused request."""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from meetings.models import CommitteeDecision, Meeting
from news.models import NewsItem
from trials.forms import NetworkChoiceForm
from trials.models import Municipality, Network, Trial, round_totals


def home(request):
    """One network's figures and rounds (the portal's own unless the reader chooses another), the latest news.

    With several networks in the register, a national overview comes first.
    """
    chooser = NetworkChoiceForm(request.GET, networks=Network.objects.for_chooser())
    network = chooser.network()
    rounds = list(network.rounds.all()) if network else []
    national = None
    if chooser.offers_choice:
        trials = Trial.objects.public().status_counts()
        national = {
            "networks": len(chooser.networks),
            "municipalities": Municipality.objects.count(),
            "trials": trials["total"],
            "by_status": [(label, trials[status]) for status, label in Trial.Status.choices],
        }
    decisions = CommitteeDecision.objects.public().listed().with_public_trials()
    return render(
        request,
        "home.html",
        {
            "chooser": chooser,
            "network": network,
            "portal_network": chooser.portal,
            "national": national,
            "rounds": rounds,
            "totals": round_totals(rounds),
            "latest_decisions": decisions[:5],
            "latest_meetings": Meeting.objects.public().select_related("committee")[:5],
            "latest_news": NewsItem.objects.public()[:3],
        },
    )


def permission_denied(request, exception=None):
    """A refused request: in the admin, a Danish page in the admin's frame with the reason and a way back."""
    if not request.path.startswith(f"/{settings.ADMIN_URL}"):
        return render(request, "403.html", status=403)
    reason = str(exception) if exception and str(exception) else _("Du har ikke ret til at se eller ændre dette.")
    referer = request.headers.get("referer", "")
    back_url = referer if url_has_allowed_host_and_scheme(referer, {request.get_host()}) else None
    context = {
        **admin.site.each_context(request),
        "title": _("Ingen adgang"),
        "reason": reason,
        "back_url": back_url if back_url != request.build_absolute_uri() else None,
        "contact_email": settings.EDITOR_SUPPORT_EMAIL,
    }
    return render(request, "admin/403.html", context, status=403)


def accessibility_statement(request):
    """The statement the accessibility law asks for, with its contact address and date of review."""
    return render(
        request,
        "pages/accessibility.html",
        {
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "reviewed_on": settings.ACCESSIBILITY_REVIEWED_ON,
        },
    )


def open_data(request):
    """How programs read the data (API, CSV, feeds), under which licence, and how to credit it."""
    return render(
        request,
        "pages/open_data.html",
        {"license_name": settings.OPEN_DATA_LICENSE_NAME, "license_url": settings.OPEN_DATA_LICENSE_URL},
    )


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; the icon is an SVG among the static files."""
    return redirect(static("favicon.svg"), permanent=True)
