"""Render a `Brief`: text, markdown, JSON or one self-contained HTML page (`brief`), and its analysis (`analysis`)."""

from newsbrief.render.brief import render

__all__ = ["render"]
