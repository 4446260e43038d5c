"""``python -m newsbrief.web [--host ...] [--port ...] [--db ...]``: the same as ``newsbrief serve``."""

from newsbrief.cli.serve import serve

serve(prog_name="python -m newsbrief.web")
