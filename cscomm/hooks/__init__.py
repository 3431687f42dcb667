"""Hooks: check a message just before another program sends it.

``sendmail`` wraps the sendmail command that mail clients pipe messages to (mutt,
neomutt, aerc, Emacs); ``git`` installs and runs git send-email's
``sendemail-validate`` hook. Both share ``checking`` (lint one draft, decide whether
it blocks); ``worker`` runs that check in a child process with a time limit, and
``headers`` removes cscomm's own headers (override, ignore) from the raw message.
"""
