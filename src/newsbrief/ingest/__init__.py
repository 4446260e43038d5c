"""Ingest: read files into `Article`s, and clean boilerplate out of their text."""
