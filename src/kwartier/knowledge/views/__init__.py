"""The pages of the knowledge bank, by purpose (decision 0072): `mine` (the author's own
stories), `sharing` (de-identification, review, publication, withdrawal), `reads` (who read
my stories) and `search` (the kennisbank and its public pages); `common` holds what they
share. `urls.py` names the module of each page."""
