"""The command line, a thin layer over the stages: ``monitor COMMAND``.

``main`` holds the command group and turns errors into one line and an exit
code (``monitor.cli.main:main`` is the ``monitor`` script); each command group
lives in a module of its own (``store``, ``feeds``, ``assessment``, ``daemon``,
``digest``, ``demo``), the slow ones imported only when run, and ``support``
holds what they share. Nothing imports the CLI: it re-exports nothing.
"""
