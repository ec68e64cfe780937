# The domains of experience now live in accounts (decision 0071); the table and the
# many-to-many table are unchanged, so this is state only.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_shared_domain'),
        ('knowledge', '0003_concurrency_consent_preview'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='experience',
                    name='domains',
                    field=models.ManyToManyField(blank=True, related_name='experiences', to='accounts.domain', verbose_name='ervaringsdomeinen'),
                ),
                migrations.DeleteModel(name='Domain'),
            ]
        ),
    ]
