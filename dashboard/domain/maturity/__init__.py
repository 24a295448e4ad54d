"""Maturity: each body's self-assessment and the sector's readiness, published safely."""
