"""Membership: the people, the public bodies they work for, and who is not yet represented."""
