"""Compose: put the chosen sentences in reading order, attribute them to every source, render the brief."""
