"""Segment: cleaned article text -> sentences (offsets into the article) and word tokens."""
