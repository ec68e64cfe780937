"""What other capability apps may read from the verkenning: this module only (the import
contract in pyproject.toml lists each reader). Planning reads whether an organisation did
an exploration and the weak themes of its latest closed round."""

from kwartier.exploration.selectors import has_exploration, weak_themes_latest

__all__ = ["has_exploration", "weak_themes_latest"]
