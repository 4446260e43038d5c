"""Filter: take out what a brief must not repeat or show, before selection: copies and asides from other stories.

Each filter moves sentences from ``Cluster.sentences`` to ``Cluster.dropped``, with its reason.
"""
