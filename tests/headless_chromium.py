"""Headless Debian Chromium for the tests that render pages (tests/browser/, the audit report)."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from typing import Any


def missing() -> str | None:
    """Why headless Chromium cannot run here, or None when it can."""
    for program in ("chromium", "chromedriver"):
        if shutil.which(program) is None:
            return f"{program} is not installed (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


def start(window: str, arguments: Iterable[str] = ()) -> Any:
    """A headless Chromium driven by Selenium, ``window`` ("1300,900") in size."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        *arguments,
    ):
        options.add_argument(argument)
    options.add_argument(f"--window-size={window}")
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    driver.set_script_timeout(20)
    return driver
