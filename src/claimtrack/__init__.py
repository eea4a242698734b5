"""claimtrack: who said what, when, and which figures, in news articles."""

__version__ = "0.1.0"
