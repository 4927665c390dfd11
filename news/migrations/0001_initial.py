"""News moves here from the register (trials) with its rows: the tables keep their names and data.

State only: NewsItem and its history keep the tables trials_newsitem, trials_newsitem_trials and
trials_historicalnewsitem; trials 0005 takes them out of the register's state.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('trials', '0004_rename_organisationbody_meetings_cadence'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalNewsItem',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('title', models.CharField(max_length=300, verbose_name='titel')),
                        ('slug', models.SlugField(max_length=200, verbose_name='kortnavn')),
                        ('date', models.DateField(verbose_name='dato')),
                        ('body', models.TextField(verbose_name='tekst')),
                        ('is_published', models.BooleanField(default=False, verbose_name='offentliggjort')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='oprettet af')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical nyhed',
                        'verbose_name_plural': 'historical nyheder',
                        'db_table': 'trials_historicalnewsitem',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='NewsItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=300, verbose_name='titel')),
                        ('slug', models.SlugField(max_length=200, unique=True, verbose_name='kortnavn')),
                        ('date', models.DateField(verbose_name='dato')),
                        ('body', models.TextField(verbose_name='tekst')),
                        ('is_published', models.BooleanField(default=False, verbose_name='offentliggjort')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='oprettet af')),
                        ('trials', models.ManyToManyField(blank=True, related_name='news_items', to='trials.trial', verbose_name='forsøg')),
                    ],
                    options={
                        'verbose_name': 'nyhed',
                        'verbose_name_plural': 'nyheder',
                        'db_table': 'trials_newsitem',
                        'ordering': ['-date', 'title'],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
