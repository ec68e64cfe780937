"""Kwartier: kwartiermaken, inzet, resultaten en de ervaringskennisbank in één platform."""
