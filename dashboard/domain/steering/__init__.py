"""The steering group's work: actions, decisions, meetings."""
