"""``python -m cscomm``."""

from cscomm.cli import main

main()
