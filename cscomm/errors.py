"""Exceptions raised by cscomm.

Hierarchy::

    CscommError              anything cscomm reports as a clean one-line error (exit 2)
    ├── ConfigError          a configuration file or option is invalid
    ├── RulePackError        a rule pack (YAML) is invalid
    ├── InputError           a file cannot be read or holds no text to check
    └── BackendError         a grammar backend failed
        └── BackendUnavailable   the backend cannot be used at all (reason in the message)
"""

from __future__ import annotations


class CscommError(Exception):
    """Base class: its message is shown to the user as one line."""


class ConfigError(CscommError):
    """A configuration file, key or value is invalid."""


class RulePackError(CscommError):
    """A rule pack file is invalid."""


class InputError(CscommError):
    """An input file cannot be read, or holds no text to check."""


class BackendError(CscommError):
    """A grammar backend failed while checking."""


class BackendUnavailable(BackendError):
    """A grammar backend cannot be used; the message says why."""
