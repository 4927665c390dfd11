"""Moving news out of the register keeps an existing database's rows, links, history and permissions."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from meetings.models import Document
from meetings.tests.factories import DocumentFactory
from news.models import NewsItem
from trials.tests.factories import TrialFactory, UserFactory

# The last migrations before news had an app of its own.
BEFORE_THE_MOVE = [
    ("trials", "0004_rename_organisationbody_meetings_cadence"),
    ("meetings", "0004_document_has_active_content"),
    ("admin", "0003_logentry_add_action_flag_choices"),
]


def migrate(targets):
    MigrationExecutor(connection).migrate(targets)


def make_old_news(apps, *, trial, document, user):
    """A news item as the register kept it: linked to a trial and a document, with history, a log entry,
    and the Netværkskoordinator allowed to change it."""
    OldNewsItem = apps.get_model("trials", "NewsItem")
    item = OldNewsItem.objects.create(
        title="Nyt fra netværket", slug="nyt-fra-netvaerket", date="2018-02-01", body="Tekst.", created_by_id=user.pk
    )
    item.trials.add(trial.pk)
    apps.get_model("meetings", "Document").objects.get(pk=document.pk).news_items.add(item)
    apps.get_model("trials", "HistoricalNewsItem").objects.create(
        id=item.pk,
        title=item.title,
        slug=item.slug,
        date=item.date,
        body=item.body,
        is_published=False,
        history_date="2018-02-01T10:00:00Z",
        history_type="+",
        history_user_id=user.pk,
    )
    content_type = apps.get_model("contenttypes", "ContentType").objects.get(app_label="trials", model="newsitem")
    apps.get_model("admin", "LogEntry").objects.create(
        user_id=user.pk,
        content_type=content_type,
        object_id=str(item.pk),
        object_repr=item.title,
        action_flag=CHANGE,
        action_time="2018-02-01T10:00:00Z",
    )
    group = apps.get_model("auth", "Group").objects.get(name="Netværkskoordinator")
    assert group.permissions.filter(content_type=content_type, codename="change_newsitem").exists()
    return item.pk


def foreign_key(table, column):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return next(c["foreign_key"] for c in constraints.values() if c["columns"] == [column] and c["foreign_key"])


@pytest.mark.django_db(transaction=True)
def test_an_existing_database_keeps_its_news_when_news_moves_to_its_own_app(editor_roles):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    trial, document, user = TrialFactory(), DocumentFactory(), UserFactory()
    try:
        # Back to the register's news: every migration of news and those built on it, undone.
        migrate([("news", None)])
        assert not ContentType.objects.filter(app_label="news").exists()
        old_apps = MigrationExecutor(connection).loader.project_state(BEFORE_THE_MOVE).apps
        pk = make_old_news(old_apps, trial=trial, document=document, user=user)
    finally:
        migrate(latest)
    ContentType.objects.clear_cache()

    item = NewsItem.objects.get(pk=pk)
    assert item.title == "Nyt fra netværket"
    assert item.created_by == user
    assert list(item.trials.all()) == [trial]
    assert list(Document.objects.get(pk=document.pk).news_items.all()) == [item]
    assert item.history.get().history_user == user
    entry = LogEntry.objects.get(object_id=str(pk))
    assert (entry.content_type.app_label, entry.get_edited_object()) == ("news", item)
    assert not ContentType.objects.filter(app_label="trials", model__in=["newsitem", "historicalnewsitem"]).exists()
    news_permissions = Group.objects.get(name="Netværkskoordinator").permissions.filter(content_type__app_label="news")
    assert {"add_newsitem", "change_newsitem", "delete_newsitem", "view_newsitem"} <= set(
        news_permissions.values_list("codename", flat=True)
    )
    # The tables and their foreign keys are the ones the register made.
    assert foreign_key("meetings_document_news_items", "newsitem_id") == ("trials_newsitem", "id")
    assert foreign_key("trials_newsitem_trials", "newsitem_id") == ("trials_newsitem", "id")
