"""Only superusers see subscriptions in the admin, and may only look and delete."""

import pytest
from django.urls import reverse

from alerts.models import Subscription
from alerts.tests.factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


def test_a_superuser_may_find_and_delete_but_not_add_or_change(admin_client):
    subscription = SubscriptionFactory(email="borger@example.dk")
    changelist = reverse("admin:alerts_subscription_changelist")
    assert "borger@example.dk" in admin_client.get(changelist, {"q": "borger"}).content.decode()
    assert admin_client.get(reverse("admin:alerts_subscription_add")).status_code == 403
    change = admin_client.get(reverse("admin:alerts_subscription_change", args=[subscription.pk]))
    assert change.status_code == 200
    assert 'name="email"' not in change.content.decode()  # shown, not editable
    response = admin_client.post(reverse("admin:alerts_subscription_delete", args=[subscription.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Subscription.objects.exists()


def test_an_editor_does_not_see_subscriptions(network_coordinator_client):
    SubscriptionFactory(email="borger@example.dk")
    assert "borger@example.dk" not in network_coordinator_client.get(reverse("admin:index")).content.decode()
    assert "abonnement" not in network_coordinator_client.get(reverse("admin:index")).content.decode().lower()
    response = network_coordinator_client.get(reverse("admin:alerts_subscription_changelist"))
    assert response.status_code == 403
