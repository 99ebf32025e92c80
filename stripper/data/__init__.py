"""Data files shipped in the package: the trained model weights."""
