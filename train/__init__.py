"""Training of the block classifier shipped in stripper/data (not installed with the package)."""
