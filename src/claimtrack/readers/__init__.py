"""Readers for article formats other than plain text. Each turns one file's bytes into
article fields; `claimtrack.loader` builds the `Article` records."""
