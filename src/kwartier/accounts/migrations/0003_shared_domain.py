# The domains of experience move from the knowledge bank to the accounts floor, so that
# every app can use the one list (decision 0071). The table stays where it is: state only.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_race_safe_constraints_and_lengths'),
        ('knowledge', '0002_domains_and_search_table'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Domain',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=80, unique=True, verbose_name='naam')),
                        ('slug', models.SlugField(max_length=80, unique=True, verbose_name='korte naam')),
                        ('description', models.CharField(blank=True, max_length=255, verbose_name='omschrijving')),
                        ('is_active', models.BooleanField(default=True, help_text='Alleen actieve domeinen zijn te kiezen.', verbose_name='actief')),
                    ],
                    options={
                        'verbose_name': 'ervaringsdomein',
                        'verbose_name_plural': 'ervaringsdomeinen',
                        'db_table': 'knowledge_domain',
                        'ordering': ['name'],
                    },
                ),
            ]
        ),
    ]
