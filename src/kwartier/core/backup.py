"""Back-up and restore: one zip file with every table, the uploads and checksums.

The format is logical and the same on SQLite and PostgreSQL (decision 0110):

- ``db/<table>.jsonl``: one JSON array per row, columns in model order, values in a
  canonical form (datetimes in UTC ISO 8601, UUIDs with hyphens, decimals with their
  places, JSON columns as sorted compact JSON text). Encrypted columns are copied as the
  ciphertext they are: a back-up never holds an original story in plain text.
- ``files/<path>``: the uploads (``MEDIA_ROOT``, without the short-lived ``exports/``).
- ``manifest.json``: format version, the applied migrations, per table the row count, a
  row checksum and the SHA-256 of its member, per file its SHA-256, and two markers:
  the search index is not included (it is rebuilt from the database) and neither is the
  encryption key (keep it apart).

The row checksum is the SHA-256 of the row count and the sum (mod 2^256) of the SHA-256
of every canonical row: independent of row order, so the same data gives the same
checksum on either database. Restore recomputes it from what it reads *and* from what
the database holds afterwards; both must match the manifest.

SQLite is read from a snapshot made with SQLite's online backup API (consistent, and
writers are not blocked); PostgreSQL inside one REPEATABLE READ, READ ONLY transaction.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import time
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dt_time
from decimal import Decimal
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "kwartier-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
BATCH = 1000
#: Uploads that are not kept: export files of jobs, removed by retention after 30 days.
SKIPPED_MEDIA = ("exports",)
KEY_REMINDER = (
    "De versleutelingssleutel (KWARTIER_ENCRYPTION_KEY, of encryption.key in de datamap) "
    "zit NIET in deze back-up. Bewaar hem apart, op een andere plek dan de back-up: "
    "zonder die sleutel zijn de oorspronkelijke verhalen niet terug te lezen."
)


class BackupError(Exception):
    """A back-up that cannot be made or restored; the message is Dutch and complete."""


# --- tables and canonical values ---------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    field: models.Field[Any, Any]


@dataclass(frozen=True)
class Table:
    name: str
    pk: str
    columns: tuple[Column, ...]
    model: type[models.Model]


def _kind(model_field: models.Field[Any, Any]) -> str:
    """The internal type that decides how a value is stored (a foreign key stores the
    type of the field it points at)."""
    target: Any = model_field
    while target.is_relation and target.target_field is not None:
        target = target.target_field
    return str(target.get_internal_type())


def tables() -> list[Table]:
    """Every table Django's models describe (including many-to-many tables), by name."""
    found: dict[str, Table] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.proxy or meta.db_table in found:
            continue
        columns = tuple(
            Column(name=str(f.column), kind=_kind(f), field=f) for f in meta.local_concrete_fields
        )
        found[meta.db_table] = Table(
            name=meta.db_table, pk=str(meta.pk.column), columns=columns, model=model
        )
    return [found[name] for name in sorted(found)]


def _aware(value: datetime) -> datetime:
    if timezone.is_naive(value):
        return value.replace(tzinfo=UTC)  # SQLite holds UTC without an offset (USE_TZ)
    return value.astimezone(UTC)


def encode(value: Any, column: Column) -> Any:
    """The canonical JSON value of what the database returned for this column."""
    if value is None:
        return None
    kind = column.kind
    if kind == "DateTimeField":
        parsed = datetime.fromisoformat(value) if isinstance(value, str) else value
        return _aware(parsed).isoformat()
    if kind == "DateField":
        return (date.fromisoformat(value) if isinstance(value, str) else value).isoformat()
    if kind == "TimeField":
        return (dt_time.fromisoformat(value) if isinstance(value, str) else value).isoformat()
    if kind == "BooleanField":
        return bool(value)
    if kind == "UUIDField":
        return str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))
    if kind == "DecimalField":
        places = Decimal(1).scaleb(-(getattr(column.field, "decimal_places", 0) or 0))
        return format(Decimal(str(value)).quantize(places), "f")
    if kind == "JSONField":
        loaded = json.loads(value) if isinstance(value, str | bytes) else value
        return json.dumps(loaded, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    if kind == "BinaryField":
        return base64.b64encode(bytes(value)).decode("ascii")
    if kind == "DurationField":
        return value if isinstance(value, int) else round(value.total_seconds() * 1_000_000)
    if isinstance(value, int | float | str):
        return value
    return str(value)  # e.g. an IP address object


Decoder = Callable[[Any], Any]


def decoder(column: Column) -> Decoder | None:
    """How a canonical value becomes a query parameter of the current database (None:
    as it is: text, also encrypted text, whose stored token goes back unchanged, and
    numbers). Built once per column: a restore decodes every value of every row."""
    real = connections[DEFAULT_DB_ALIAS]  # not the proxy: that costs a lookup per call
    ops, kind = real.ops, column.kind
    if kind == "DateTimeField":
        return lambda v: ops.adapt_datetimefield_value(datetime.fromisoformat(v))
    if kind == "DateField":
        return lambda v: ops.adapt_datefield_value(date.fromisoformat(v))
    if kind == "TimeField":
        return lambda v: ops.adapt_timefield_value(dt_time.fromisoformat(v))
    if kind == "UUIDField":
        uuid_field = models.UUIDField()
        return lambda v: uuid_field.get_db_prep_value(uuid.UUID(v), real)
    if kind == "DecimalField":
        return Decimal
    if kind == "JSONField":
        encoder = getattr(column.field, "encoder", None)
        return lambda v: ops.adapt_json_value(json.loads(v), encoder)
    if kind == "BinaryField":
        return base64.b64decode
    if kind == "DurationField":
        duration = models.DurationField()
        return lambda v: duration.get_db_prep_value(timedelta(microseconds=v), real)
    return None


def decode(value: Any, column: Column) -> Any:
    """The query parameter that stores one canonical value in the current database."""
    convert = decoder(column)
    return value if value is None or convert is None else convert(value)


def _row_decoder(table: Table) -> Callable[[list[Any]], list[Any]]:
    converters = [(i, d) for i, c in enumerate(table.columns) if (d := decoder(c)) is not None]

    def decode_row(values: list[Any]) -> list[Any]:
        if len(values) != len(table.columns):
            raise BackupError(f"Een rij van {table.name} heeft niet het goede aantal kolommen.")
        for index, convert in converters:
            if values[index] is not None:
                values[index] = convert(values[index])
        return values

    return decode_row


def row_bytes(values: list[Any]) -> bytes:
    return json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass
class Checksum:
    """Order-independent: the same rows in any order give the same checksum."""

    rows: int = 0
    total: int = 0

    def add(self, line: bytes) -> None:
        self.rows += 1
        self.total = (self.total + int.from_bytes(hashlib.sha256(line).digest(), "big")) % (
            1 << 256
        )

    def hexdigest(self) -> str:
        return hashlib.sha256(f"{self.rows}:{self.total:064x}".encode()).hexdigest()


def _select_sql(table: Table, quote: Callable[[str], str]) -> str:
    columns = ", ".join(quote(c.name) for c in table.columns)
    # Identifiers come from the model registry and are quoted; there are no values.
    sql = f"SELECT {columns} FROM {quote(table.name)} ORDER BY {quote(table.pk)}"  # noqa: S608  # nosec B608
    return sql


#: Opens a cursor for one query. On PostgreSQL a server-side cursor (Django's
#: `chunked_cursor`), so a table of millions of rows is never held in memory at once.
CursorFactory = Callable[[], Any]


def _read(cursors: CursorFactory, table: Table, quote: Callable[[str], str]) -> Iterator[list[Any]]:
    with cursors() as cursor:
        cursor.execute(_select_sql(table, quote))
        while batch := cursor.fetchmany(BATCH):
            for raw in batch:
                yield [encode(v, column) for v, column in zip(raw, table.columns, strict=True)]


def table_checksums(only: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """Row count and checksum of every table as the database holds it now."""
    wanted = set(only) if only is not None else None
    result: dict[str, dict[str, Any]] = {}
    with transaction.atomic():  # a server-side cursor lives inside a transaction
        for table in tables():
            if wanted is not None and table.name not in wanted:
                continue
            checksum = Checksum()
            for values in _read(connection.chunked_cursor, table, connection.ops.quote_name):
                checksum.add(row_bytes(values))
            result[table.name] = {"rows": checksum.rows, "checksum": checksum.hexdigest()}
    return result


def applied_migrations() -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return []
    return sorted([app, name] for app, name in recorder.applied_migrations())


# --- backup ------------------------------------------------------------------------------


@dataclass
class BackupResult:
    path: Path
    tables: int
    rows: int
    files: int
    size: int
    seconds: float
    manifest: dict[str, Any] = field(repr=False, default_factory=dict)


def _sqlite_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@contextmanager
def _source_cursors(workdir: Path) -> Iterator[tuple[CursorFactory, Callable[[str], str]]]:
    """Cursors on one consistent view of the database."""
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        # A snapshot with SQLite's online backup API: consistent, WAL-safe, and the web
        # server and worker keep writing meanwhile. (Inside a transaction, e.g. a test,
        # the connection itself is that consistent view.)
        snapshot = workdir / "snapshot.sqlite3"
        source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
        target = sqlite3.connect(str(snapshot))
        try:
            source.backup(target)
        finally:
            source.close()
        try:
            yield (lambda: closing(target.cursor())), _sqlite_quote
        finally:
            target.close()
        return
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield connection.chunked_cursor, connection.ops.quote_name


def _kwartier_version() -> str:
    try:
        return version("kwartier")
    except PackageNotFoundError:  # pragma: no cover - always installed in practice
        return "onbekend"


def _media_files() -> list[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and relative.parts[0] not in SKIPPED_MEDIA:
            found.append((relative.as_posix(), path))
    return found


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backup(output: Path, *, progress: Callable[[str], None] | None = None) -> BackupResult:
    """Write a back-up of the database and the uploads to ``output`` (mode 0600)."""
    started = time.monotonic()
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "kwartier_version": _kwartier_version(),
        "database": connection.vendor,
        "migrations": applied_migrations(),
        "tables": {},
        "files": {},
        "search_index": {"included": False, "rebuild": "kwartier reindex"},
        "encryption_key": {"included": False, "reminder": KEY_REMINDER},
    }
    partial = output.with_name(output.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    rows_total = 0
    with (
        tempfile.TemporaryDirectory(prefix="kwartier-backup-") as workdir,
        os.fdopen(descriptor, "wb") as raw,
        zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive,
    ):
        with _source_cursors(Path(workdir)) as (cursors, quote):
            for table in tables():
                checksum, digest = Checksum(), hashlib.sha256()
                with archive.open(f"db/{table.name}.jsonl", "w", force_zip64=True) as member:
                    for values in _read(cursors, table, quote):
                        line = row_bytes(values)
                        checksum.add(line)
                        digest.update(line + b"\n")
                        member.write(line + b"\n")
                manifest["tables"][table.name] = {
                    "rows": checksum.rows,
                    "checksum": checksum.hexdigest(),
                    "sha256": digest.hexdigest(),
                    "columns": [c.name for c in table.columns],
                }
                rows_total += checksum.rows
                if progress:
                    progress(f"{table.name}: {checksum.rows} rijen")
        for name, path in _media_files():
            archive.write(path, f"files/{name}")
            manifest["files"][name] = {"size": path.stat().st_size, "sha256": _sha256_file(path)}
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False))
    partial.replace(output)
    return BackupResult(
        path=output,
        tables=len(manifest["tables"]),
        rows=rows_total,
        files=len(manifest["files"]),
        size=output.stat().st_size,
        seconds=time.monotonic() - started,
        manifest=manifest,
    )


# --- restore -----------------------------------------------------------------------------


@dataclass
class RestoreResult:
    tables: int
    rows: int
    files: int
    seconds: float
    mismatches: list[str]


def read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError) as error:
        raise BackupError(
            "Dit bestand is geen Kwartier-back-up (manifest.json ontbreekt)."
        ) from error
    if manifest.get("format") != FORMAT:
        raise BackupError("Dit bestand is geen Kwartier-back-up.")
    if manifest.get("version") != FORMAT_VERSION:
        raise BackupError(
            f"Back-upformaat {manifest.get('version')} wordt niet ondersteund "
            f"(deze versie leest formaat {FORMAT_VERSION})."
        )
    return manifest


def _open_archive(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(f"Het back-upbestand {path} is niet te lezen: {error}") from error


def _rows_from(archive: zipfile.ZipFile, table: Table, entry: dict[str, Any]) -> Iterator[bytes]:
    if entry.get("columns") != [c.name for c in table.columns]:
        raise BackupError(
            f"De kolommen van {table.name} in de back-up passen niet bij deze versie van "
            "Kwartier. Zet eerst de versie terug die de back-up maakte."
        )
    with archive.open(f"db/{table.name}.jsonl") as member:
        for line in member:
            yield line.rstrip(b"\n")


def verify(path: Path) -> dict[str, Any]:
    """Check every member's checksums without touching the database; the manifest."""
    with _open_archive(path) as archive:
        manifest = read_manifest(archive)
        for name, entry in manifest["tables"].items():
            checksum, digest = Checksum(), hashlib.sha256()
            with archive.open(f"db/{name}.jsonl") as member:
                for line in member:
                    digest.update(line)
                    checksum.add(line.rstrip(b"\n"))
            if digest.hexdigest() != entry["sha256"] or checksum.hexdigest() != entry["checksum"]:
                raise BackupError(
                    f"De controlesom van tabel {name} klopt niet: de back-up is beschadigd."
                )
        for name, entry in manifest["files"].items():
            if hashlib.sha256(archive.read(f"files/{name}")).hexdigest() != entry["sha256"]:
                raise BackupError(f"De controlesom van bestand {name} klopt niet.")
    return manifest


def _insert_sql(table: Table) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c.name) for c in table.columns)
    marks = ", ".join(["%s"] * len(table.columns))
    # Quoted identifiers from the model registry; the values are query parameters.
    return f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})"  # noqa: S608  # nosec B608


def _delete_sql(table: Table) -> str:
    table_name = connection.ops.quote_name(table.name)  # from the model registry
    return f"DELETE FROM {table_name}"  # noqa: S608  # nosec B608


def target_has_data() -> bool:
    """Whether anyone has used this installation: it has users."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return user_model._default_manager.exists()


def restore(
    path: Path,
    *,
    replace: bool = False,
    progress: Callable[[str], None] | None = None,
) -> RestoreResult:
    """Replace every table's rows and add the uploads from the back-up at ``path``.

    The archive is verified first (nothing changes when it is damaged). The database
    must be migrated to exactly the migrations the back-up was made with, and hold no
    users unless ``replace`` is given. Everything happens in one transaction; after the
    load every table is read back and its checksum compared with the manifest.
    """
    started = time.monotonic()
    manifest = verify(path)
    if manifest["migrations"] != applied_migrations():
        raise BackupError(
            "De database heeft andere migraties dan de back-up. Zet eerst de Kwartier-versie "
            f"terug die de back-up maakte ({manifest.get('kwartier_version')}), zet de "
            "back-up terug en werk daarna bij."
        )
    if not replace and target_has_data():
        raise BackupError(
            "De database bevat al gegevens. Terugzetten vervangt alles: geef --replace "
            "als dat de bedoeling is."
        )
    known = {table.name: table for table in tables()}
    missing = sorted(set(known) - set(manifest["tables"]))
    extra = sorted(set(manifest["tables"]) - set(known))
    if missing or extra:
        raise BackupError(
            f"De tabellen van de back-up passen niet bij deze versie (ontbreekt: {missing}, "
            f"onbekend: {extra})."
        )
    media_root = Path(settings.MEDIA_ROOT)
    rows_total = 0
    with _open_archive(path) as archive, transaction.atomic():
        with connection.cursor() as cursor:
            for table in known.values():
                cursor.execute(_delete_sql(table))
            for name, table in known.items():
                entry = manifest["tables"][name]
                checksum = Checksum()
                batch: list[list[Any]] = []
                sql = _insert_sql(table)
                decode_row = _row_decoder(table)
                for line in _rows_from(archive, table, entry):
                    checksum.add(line)
                    batch.append(decode_row(json.loads(line)))
                    if len(batch) >= BATCH:
                        cursor.executemany(sql, batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
                if checksum.hexdigest() != entry["checksum"]:
                    raise BackupError(f"De controlesom van tabel {name} klopt niet.")
                rows_total += checksum.rows
                if progress:
                    progress(f"{name}: {checksum.rows} rijen")
            for statement in connection.ops.sequence_reset_sql(
                no_style(), [t.model for t in known.values()]
            ):
                cursor.execute(statement)
        connection.check_constraints(table_names=list(known))
        restored = table_checksums(known)
        ContentType.objects.clear_cache()  # ids may differ from what this process cached
        mismatches = [
            name
            for name, entry in manifest["tables"].items()
            if restored[name] != {"rows": entry["rows"], "checksum": entry["checksum"]}
        ]
        if mismatches:
            raise BackupError(
                "Na het terugzetten kloppen de controlesommen niet voor: " + ", ".join(mismatches)
            )
        for name, entry in manifest["files"].items():
            target = (media_root / name).resolve()
            if media_root.resolve() not in target.parents:
                raise BackupError(f"Bestand {name} valt buiten de uploadmap.")
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(f"files/{name}") as source, target.open("wb") as handle:
                shutil.copyfileobj(source, handle)
            if _sha256_file(target) != entry["sha256"]:
                raise BackupError(f"De controlesom van bestand {name} klopt niet.")
    return RestoreResult(
        tables=len(known),
        rows=rows_total,
        files=len(manifest["files"]),
        seconds=time.monotonic() - started,
        mismatches=[],
    )
