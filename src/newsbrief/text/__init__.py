"""Leaf helpers over plain strings that any stage may import: tokens, sentences, term vectors, dates, names.

Nothing here knows about clusters or stages; nothing here imports from the rest of the package except
`newsbrief.model` for the `Sentence` type.
"""
