"""Leaf helpers over plain strings that any stage may import: tokens, sentences, term vectors, dates, names,
and `one_line`.

Nothing here knows about clusters or stages; nothing here imports from the rest of the package except
`newsbrief.model` for the `Sentence` type.
"""


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (line breaks included) as one space, and none at either end.

    >>> one_line("  Storm hits\\n  the coast ")
    'Storm hits the coast'
    """
    return " ".join(text.split())
