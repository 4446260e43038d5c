"""Compose: attribute each chosen sentence to every source that reports it, in reading order."""
