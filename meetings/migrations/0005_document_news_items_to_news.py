"""Documents link to news in its own app; the table meetings_document_news_items and its column
newsitem_id stay as they are, and its foreign key still points at trials_newsitem (NewsItem's table)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0004_document_has_active_content"),
        ("news", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="document",
                    name="news_items",
                    field=models.ManyToManyField(
                        blank=True, related_name="documents", to="news.newsitem", verbose_name="nyheder"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
