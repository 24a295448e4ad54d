"""Data sources: what Cymuned pulls from other systems, and each sync run."""
