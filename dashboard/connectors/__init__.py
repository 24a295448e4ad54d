"""Connectors: fetch from outside sources with httpx (timeouts set) and return plain records;
they never touch the database or Reflex state."""
