"""What other capability apps may read from the verkenning: this module only (the import
contract in pyproject.toml lists each reader). Planning reads whether an organisation did
an exploration and the weak themes of its latest closed round; the results app uses the
same small-number rule for its network figures (a count under ``MIN_GROUP_SIZE`` is not
shown, and neither is what would give it back by subtraction)."""

from kwartier.exploration.disclosure import MIN_GROUP_SIZE
from kwartier.exploration.scoring import suppressed_groups
from kwartier.exploration.selectors import has_exploration, weak_themes_latest

__all__ = ["MIN_GROUP_SIZE", "has_exploration", "suppressed_groups", "weak_themes_latest"]
