"""StrikeWatch: conflict news articles in, a verified incident database out.

The public API is small; everything else is internal:

>>> import strikewatch
>>> sorted(strikewatch.__all__)[:3]
['Analysis', 'Article', 'Claim']
"""

from __future__ import annotations

from .model import (
    Analysis,
    Article,
    Claim,
    Count,
    Dates,
    Discrepancy,
    Incident,
    Location,
    Perpetrator,
    Rejected,
    Report,
    Span,
    Victims,
)
from .pipeline import analyze_articles

__version__ = "0.1.0"
__all__ = [
    "Analysis", "Article", "Claim", "Count", "Dates", "Discrepancy", "Incident", "Location", "Perpetrator",
    "Rejected", "Report", "Span", "Victims", "analyze_articles", "__version__",
]
