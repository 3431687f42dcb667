"""The warm daemon: one checker per user, its models loaded, on a private local socket.

``cscomm check``, ``cscomm sendmail`` and the git hook hand their command line to it
(:mod:`~cscomm.daemon.entry`, a thin client that imports nothing heavy) and print what it
answers; when it is absent, slow or broken they check in-process, with the same result.

- :mod:`~cscomm.daemon.paths`: the user's private runtime folder and the files in it.
- :mod:`~cscomm.daemon.protocol`: length-prefixed JSON frames.
- :mod:`~cscomm.daemon.client`: connect, verify the daemon is the user's own, exchange.
- :mod:`~cscomm.daemon.entry`: the console entry point; routes a command to the daemon.
- :mod:`~cscomm.daemon.server`: the daemon process (listen, check peers, idle timeout).
- :mod:`~cscomm.daemon.session`: run one client's command line inside the daemon.
- :mod:`~cscomm.daemon.warm`: the linters a command uses (the daemon's warm ones while it serves).
- :mod:`~cscomm.daemon.checkers`: the daemon's linters, keyed by config and rule-pack times.
- :mod:`~cscomm.daemon.control`: ``cscomm daemon start|stop|status`` and the start on first use.
"""
