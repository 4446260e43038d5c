"""Analyse: redundancy, topic, entities, dates, quantity claims and conflicts over the cluster's sentences."""
