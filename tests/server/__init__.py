"""Tests of ``cscomm serve``, the local HTTP JSON API."""
