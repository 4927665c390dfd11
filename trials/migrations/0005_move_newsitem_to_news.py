"""News has moved to its own app (news 0001): the register forgets the models, the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("trials", "0004_rename_organisationbody_meetings_cadence"),
        ("news", "0001_initial"),
        # The documents' link to news must point at news.NewsItem before trials.NewsItem goes.
        ("meetings", "0005_document_news_items_to_news"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HistoricalNewsItem"),
                migrations.DeleteModel(name="NewsItem"),
            ],
            database_operations=[],
        ),
    ]
