"""The news admin: the network coordinators keep the news, with history and publishing."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from news.models import NewsItem
from news.tests.factories import NewsItemFactory
from trials.tests import factories as f

pytestmark = pytest.mark.django_db


def url(view, *args):
    return reverse(f"admin:news_newsitem_{view}", args=args)


def test_network_coordinator_holds_the_news_permissions(network_coordinator_client):
    user = network_coordinator_client.user
    assert all(user.has_perm(f"news.{action}_newsitem") for action in ("add", "change", "delete", "view"))


def test_roles_made_again_after_a_flush_keep_the_news_permissions(request):
    """A transactional test (the browser tests) flushes the roles; conftest's editor_roles makes them again."""
    Group.objects.all().delete()
    user = request.getfixturevalue("network_coordinator_client").user
    assert user.has_perm("news.change_newsitem")


def test_municipal_coordinator_and_secretary_do_not_keep_the_news(
    make_municipal_coordinator_client, make_secretary_client
):
    for client in (make_municipal_coordinator_client(), make_secretary_client()):
        assert client.get(url("changelist")).status_code == 403


def test_network_coordinator_writes_a_news_item_and_is_its_author(network_coordinator_client):
    response = network_coordinator_client.post(
        url("add"), {"title": "Nyt forsøg", "slug": "nyt-forsoeg", "date": "2018-02-01", "body": "Første afsnit."}
    )

    assert response.status_code == 302
    item = NewsItem.objects.get(slug="nyt-forsoeg")
    assert item.created_by == network_coordinator_client.user
    assert item.is_published is False
    assert item.history.latest().history_user == network_coordinator_client.user


def test_network_coordinator_publishes_news_from_the_list(network_coordinator_client):
    item = NewsItemFactory(is_published=False)

    network_coordinator_client.post(url("changelist"), {"action": "publish_selected", "_selected_action": [item.pk]})

    assert NewsItem.objects.public().get() == item


def test_news_history_page_names_who_changed_it(network_coordinator_client):
    item = NewsItemFactory()
    item.title = "Rettet titel"
    item._history_user = network_coordinator_client.user
    item.save()

    page = network_coordinator_client.get(url("history", item.pk)).content.decode()

    assert network_coordinator_client.user.username in page


def test_changelist_with_200_rows_keeps_a_fixed_number_of_queries(admin_client, django_assert_max_num_queries):
    NewsItemFactory.create_batch(200, created_by=f.UserFactory())

    with django_assert_max_num_queries(12):
        response = admin_client.get(url("changelist") + "?all=")

    assert response.status_code == 200
    assert response.context["cl"].result_count == 200
