"""leakguide: a keyboard-first terminal guide to milk leakage while breastfeeding."""

__version__ = "0.1.0"
