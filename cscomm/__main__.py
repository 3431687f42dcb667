"""``python -m cscomm`` (through the daemon's thin entry point, as the console script)."""

from cscomm.daemon.entry import main

main()
