"""Everything that changes the knowledge bank, by purpose (decision 0072):

    content   writing and editing stories, versions, edit conflicts
    review    de-identification (a job) and the author's review of its suggestions
    sharing   consent, publication, withdrawal, erasure
    reads     the read log: reads, searches, exports, excerpts of non-public stories
    reindex   rebuilding the search index (a job)
    steps     small steps the others share (consent records, index queueing)

Callers use this package (`from kwartier.knowledge import services`); the names below
are its public face.

Each function runs in one transaction, validates before it saves and raises a Dutch
`ValidationError` on bad input, leaving everything as it was. The path to sharing:

    experience_create / experience_record          -> draft
    experience_deidentify_request (job)            -> deidentifying -> review
    experience_review_save                         (decisions, extra text, mode)
    experience_publish (explicit consent)          -> published, index job
    experience_withdraw                            -> withdrawn, removed from the index now

Editing a shared story (`experience_update`) sends the working copy back to draft while
the approved shared version stays visible until the author approves the new one.
"""

from __future__ import annotations

from kwartier.knowledge.services.content import (
    NARRATOR_MAX,
    TAG_MAX,
    TAGS_MAX,
    TEXT_MAX,
    TITLE_MAX,
    VERSION_FOLD_WINDOW,
    EditConflict,
    clean_tags,
    experience_create,
    experience_record,
    experience_update,
)
from kwartier.knowledge.services.reads import (
    ADMIN_READ_DETAIL,
    experience_admin_read_record,
    experience_excerpts_release,
    experience_export_record,
    experience_read_record,
    experience_search_record,
)
from kwartier.knowledge.services.reindex import (
    key_rotation_start,
    reindex_start,
)
from kwartier.knowledge.services.review import (
    PHRASE_MAX,
    PHRASES_MAX,
    experience_deidentify_bulk_request,
    experience_deidentify_request,
    experience_review_save,
    find_phrase,
)
from kwartier.knowledge.services.sharing import (
    StalePreview,
    experience_delete,
    experience_publish,
    experience_withdraw,
    shareable_visibilities,
)

__all__ = [
    "ADMIN_READ_DETAIL",
    "EditConflict",
    "NARRATOR_MAX",
    "PHRASES_MAX",
    "PHRASE_MAX",
    "StalePreview",
    "TAGS_MAX",
    "TAG_MAX",
    "TEXT_MAX",
    "TITLE_MAX",
    "VERSION_FOLD_WINDOW",
    "clean_tags",
    "experience_admin_read_record",
    "experience_create",
    "experience_deidentify_bulk_request",
    "experience_deidentify_request",
    "experience_delete",
    "experience_excerpts_release",
    "experience_export_record",
    "experience_publish",
    "experience_read_record",
    "experience_record",
    "experience_review_save",
    "experience_search_record",
    "experience_update",
    "experience_withdraw",
    "find_phrase",
    "key_rotation_start",
    "reindex_start",
    "shareable_visibilities",
]

# privacy: the author's own data (decision 0107)
from kwartier.knowledge.services.personal import (  # noqa: E402
    personal_erase,
    personal_export_start,
)

__all__ += ["personal_erase", "personal_export_start"]
