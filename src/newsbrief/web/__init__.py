"""The web app and JSON API (`newsbrief serve`): FastAPI over the embedded SQLite `newsbrief.store.Store`.

Importing this package costs nothing; FastAPI is imported by `newsbrief.web.app` when a server is built.
"""
