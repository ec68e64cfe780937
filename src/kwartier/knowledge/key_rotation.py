"""Re-encrypting every stored original with the current key (decision 0111).

`EncryptedTextField` columns are found in the model registry, so a new one is rotated
too. Each value is read as its raw token (a `Cast` leaves the field's decryption out),
re-encrypted with `MultiFernet.rotate` (the plain text never leaves this function) and
written back only if the row still holds that token: an author who saves meanwhile
keeps their new text. Values already on the current key are skipped, so a job that
stops halfway is finished by running it again (idempotent and resumable).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db import models, transaction
from django.db.models.functions import Cast

from kwartier.core import services as core_services
from kwartier.knowledge import crypto

BATCH = 200


@dataclass(frozen=True)
class EncryptedColumn:
    model: type[models.Model]
    name: str

    @property
    def label(self) -> str:
        return f"{self.model._meta.label}.{self.name}"

    def tokens(self) -> models.QuerySet[models.Model]:
        """Rows with a stored token, the token as `raw` (still encrypted)."""
        return (
            self.model._default_manager.annotate(raw=Cast(self.name, models.TextField()))
            .exclude(raw__isnull=True)
            .exclude(raw="")
            .order_by("pk")
        )


def encrypted_columns() -> list[EncryptedColumn]:
    return [
        EncryptedColumn(model=model, name=field.attname)
        for model in apps.get_models()
        for field in model._meta.local_concrete_fields
        if isinstance(field, crypto.EncryptedTextField)
    ]


def _batches(column: EncryptedColumn) -> Iterator[list[tuple[object, str]]]:
    last_pk: object = None
    while True:
        rows = column.tokens()
        if last_pk is not None:
            rows = rows.filter(pk__gt=last_pk)
        batch = [(pk, str(raw)) for pk, raw in rows.values_list("pk", "raw")[:BATCH]]
        if not batch:
            return
        yield batch
        last_pk = batch[-1][0]


def status() -> dict[str, dict[str, int]]:
    """Per encrypted column: how many values there are and how many are still on an
    old key (when every `old` is 0, the old keys can be removed)."""
    result = {}
    for column in encrypted_columns():
        total = old = 0
        for batch in _batches(column):
            total += len(batch)
            old += sum(1 for _pk, token in batch if not crypto.is_current(token))
        result[column.label] = {"values": total, "old": old}
    return result


def rotate_all(
    *, job_id: uuid.UUID | str | None = None, progress: Callable[[int, int], None] | None = None
) -> int:
    """Re-encrypt every value that is not on the current key; the number re-encrypted."""
    columns = encrypted_columns()
    total = sum(column.tokens().count() for column in columns)
    if job_id is not None:
        core_services.job_start(job_id, total=total)
    done = rotated = 0
    for column in columns:
        for batch in _batches(column):
            with transaction.atomic():
                for pk, token in batch:
                    if crypto.is_current(token):
                        continue
                    fresh = crypto.rotate(token)
                    rotated += (
                        column.tokens()
                        .filter(pk=pk, raw=token)
                        .update(**{column.name: models.Value(fresh, models.TextField())})
                    )
            done += len(batch)
            if job_id is not None:
                core_services.job_advance(job_id, step=len(batch))
            if progress is not None:
                progress(done, total)
    return rotated
