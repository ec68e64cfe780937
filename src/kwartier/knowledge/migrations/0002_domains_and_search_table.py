"""Seed the managed list of domains of experience, and on PostgreSQL create the full-text
search table of the PostgreSQL search backend (its DDL lives with the backend)."""

from django.db import migrations

DOMAINS = [
    ("verslaving", "Verslaving", "Alcohol, drugs, gokken, gamen en andere verslavingen."),
    ("schulden", "Schulden", "Problematische schulden, schuldhulpverlening, beslag."),
    ("armoede", "Armoede", "Rondkomen van te weinig, armoedeval, voedselbank."),
    ("dakloosheid", "Dakloosheid", "Zonder vaste woonplek, nachtopvang, bankslapen."),
    (
        "psychische-kwetsbaarheid",
        "Psychische kwetsbaarheid",
        "Psychische aandoeningen, crisis, herstel, GGZ.",
    ),
    ("huiselijk-geweld", "Huiselijk geweld", "Geweld, dwang en onveiligheid thuis."),
    ("beperking", "Beperking", "Lichamelijke, verstandelijke of zintuiglijke beperking."),
    ("jeugdzorg", "Jeugdzorg", "Opgroeien met jeugdzorg, uithuisplaatsing, pleegzorg."),
    ("detentie", "Detentie", "Gevangenis, justitie, terugkeer in de samenleving."),
    ("migratie", "Migratie", "Vlucht, inburgering, leven tussen twee culturen."),
    ("chronische-ziekte", "Chronische ziekte", "Leven met een langdurige ziekte."),
    ("rouw", "Rouw", "Verlies van een dierbare, rouwverwerking."),
    ("eenzaamheid", "Eenzaamheid", "Sociaal isolement en de weg terug naar anderen."),
    ("werkloosheid", "Werkloosheid", "Langdurig zonder werk, re-integratie, uitkering."),
    ("mantelzorg", "Mantelzorg", "Zorgen voor een naaste, overbelasting."),
    ("niet-aangeboren-hersenletsel", "Niet-aangeboren hersenletsel", "Leven na hersenletsel."),
    ("trauma", "Trauma", "Ingrijpende ervaringen en hun doorwerking."),
    ("laaggeletterdheid", "Laaggeletterdheid", "Moeite met lezen, schrijven of digitale zaken."),
    ("prostitutie", "Prostitutie en uitbuiting", "Sekswerk, mensenhandel en uitbuiting."),
    ("lhbtiq", "LHBTIQ+", "Seksuele en genderdiversiteit, uitsluiting en acceptatie."),
]


def seed_domains(apps, schema_editor):
    Domain = apps.get_model("knowledge", "Domain")
    for slug, name, description in DOMAINS:
        Domain.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})


def remove_domains(apps, schema_editor):
    Domain = apps.get_model("knowledge", "Domain")
    Domain.objects.filter(slug__in=[slug for slug, _name, _description in DOMAINS]).delete()


def create_search_table(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from kwartier.knowledge.search.postgres_backend import SCHEMA_SQL

    for statement in SCHEMA_SQL:
        schema_editor.execute(statement)


def drop_search_table(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from kwartier.knowledge.search.postgres_backend import DROP_MATCH_SQL

    for statement in DROP_MATCH_SQL:
        schema_editor.execute(statement)
    schema_editor.execute("DROP TABLE IF EXISTS knowledge_searchentry")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [
        migrations.RunPython(seed_domains, remove_domains),
        migrations.RunPython(create_search_table, drop_search_table),
    ]
