"""Feature subcommands of ``cymuned``. Each module defines

    def register(sub, importers, exporters) -> None

adding its parsers (``cymuned <cmd>``, ``cymuned import <kind>``, ``cymuned export <kind>``)
with ``set_defaults(func=...)``; a func takes the parsed args and returns an exit code.
Use ``dashboard.db.transaction()`` for one transaction per command.
"""
