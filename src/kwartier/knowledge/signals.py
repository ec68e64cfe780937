"""What other apps may hear from the knowledge bank (through `knowledge.public`).

Both are sent inside the transaction that changes the story, so a receiver that removes
its references to the story (a coded fragment, evidence of an insight, an impact story on
a report) does so in the same transaction: withdrawal takes effect at once, everywhere.
Receivers get `experience_id` and `organisation_id` (ints); `story_shared` also the
`shared_hash` of the text now shared, so that a receiver can tell a re-share of the same
text from a changed one.
"""

from __future__ import annotations

from django.dispatch import Signal

#: A shared story stops being shared: withdrawn or erased.
story_unshared = Signal()

#: A story is shared (first time, or again after an approved edit).
story_shared = Signal()
