"""The browser extension in headless Chromium, on pages that reproduce each compose box.

Each test sets the extension up through its own options page, as a user would, then types
into the page's compose box, and reads the panel the extension shows beside it.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from .conftest import Service, extension_id

WAIT = 15  # seconds for a check to show; a warm check takes well under one
TYPOS = (
    "Hi Sam,\nThanks for writing. I will recieve the parcel tomorow and send the refund.\nBest regards,\nAnna"
)
PLACEHOLDER = "Hi {{first_name}},\nThanks for writing. Your refund was sent today.\nBest regards,\nAnna"
CLEAN = "Hi Sam,\nThanks for writing. Your refund was sent today.\nBest regards,\nAnna"


def configure(driver: Any, site: str, service: str, token: str, mode: str = "warn") -> None:
    """Fill in and save the extension's options page."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"chrome-extension://{extension_id()}/options.html")
    WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.ID, "service").get_attribute("value"))
    for field, value in (("service", service), ("token", token), ("extra", site)):
        element = driver.find_element(By.ID, field)
        element.clear()
        element.send_keys(value)
    driver.find_element(By.CSS_SELECTOR, f"input[name=mode][value={mode}]").click()
    driver.find_element(By.ID, "save").click()
    WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.ID, "status").text.startswith("Saved"))
    assert "Also checking on" in driver.find_element(By.ID, "status").text


def open_page(driver: Any, site: str, name: str) -> Any:
    driver.get(f"{site}/tests/browser/pages/{name}.html")
    return driver


def panel(driver: Any, site_name: str) -> Any:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    host = WebDriverWait(driver, WAIT).until(
        lambda d: d.find_element(By.CSS_SELECTOR, f'cscomm-panel[data-site="{site_name}"]')
    )
    return host.shadow_root


def wait_for(driver: Any, condition: Any) -> Any:
    from selenium.common.exceptions import NoSuchElementException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT, ignored_exceptions=(NoSuchElementException,)).until(
        lambda _: condition()
    )


def status(root: Any) -> str:
    from selenium.webdriver.common.by import By

    return str(root.find_element(By.CSS_SELECTOR, ".status").text)


def sends(driver: Any) -> int:
    return int(driver.execute_script("return Number(document.body.dataset.sends || 0)"))


def type_into(driver: Any, selector: str, text: str) -> Any:
    from selenium.webdriver.common.by import By

    box = driver.find_element(By.CSS_SELECTOR, selector)
    box.click()
    box.send_keys(text)
    return box


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_findings_are_shown_beside_a_gmail_compose_box(
    browser: Any, site: str, service: Service, artefacts: Path
) -> None:
    from selenium.webdriver.common.by import By

    configure(browser, site, service.url, service.token)
    open_page(browser, site, "gmail")
    type_into(browser, '[aria-label="Message Body"]', TYPOS)
    root = panel(browser, "gmail")
    finding = wait_for(browser, lambda: root.find_element(By.CSS_SELECTOR, 'li[data-code="SG117"]'))
    assert "recieve" in finding.text
    assert status(root).startswith("cscomm: ") and "finding" in status(root)
    browser.save_screenshot(str(artefacts / "gmail-findings.png"))


def test_a_quoted_customer_message_is_read_as_the_customers_not_flagged(
    browser: Any, site: str, service: Service
) -> None:
    from selenium.webdriver.common.by import By

    configure(browser, site, service.url, service.token)
    open_page(browser, site, "gmail-reply")
    browser.execute_script(  # the caret in the empty line above the quote, as Gmail leaves it
        "const line = document.querySelector('[aria-label=\"Message Body\"] > div');"
        "line.parentElement.focus(); getSelection().collapse(line, 0);"
    )
    browser.switch_to.active_element.send_keys("Hi Sam,\nThanks for writing.\nBest regards,\nAnna")
    root = panel(browser, "gmail")
    question = wait_for(browser, lambda: root.find_element(By.CSS_SELECTOR, 'li[data-code="QA001"]'))
    assert "When will my refund arrive?" in question.text
    assert "recieved" not in root.find_element(By.CSS_SELECTOR, ".findings").text


def test_a_send_stopper_blocks_send_in_zendesk_until_it_is_fixed(
    browser: Any, site: str, service: Service, artefacts: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    configure(browser, site, service.url, service.token, mode="block")
    open_page(browser, site, "zendesk")
    box = type_into(browser, ".ck-editor__editable", PLACEHOLDER)
    submit = browser.find_element(By.CSS_SELECTOR, '[data-test-id="submit_button-button"]')
    submit.click()  # before the debounced check: Send waits for the check
    root = panel(browser, "zendesk")
    alert = wait_for(browser, lambda: root.find_element(By.CSS_SELECTOR, ".alert").text or None)
    assert alert.startswith("Not sent: 1 send-stopper")
    assert root.find_element(By.CSS_SELECTOR, 'li[data-code="SS001"][data-stopper]')
    browser.save_screenshot(str(artefacts / "zendesk-send-stopper-blocked.png"))
    submit.click()  # block mode: a second Send is stopped too
    assert sends(browser) == 0

    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(CLEAN)
    wait_for(browser, lambda: "send-stopper" not in status(root) and "checking" not in status(root))
    submit.click()
    wait_for(browser, lambda: sends(browser) == 1)
    assert "{{first_name}}" not in browser.find_element(By.ID, "sent").text


def test_warn_mode_stops_the_first_send_and_lets_the_second_through(
    browser: Any, site: str, service: Service
) -> None:
    from selenium.webdriver.common.by import By

    configure(browser, site, service.url, service.token, mode="warn")
    open_page(browser, site, "textarea")
    type_into(browser, "textarea", PLACEHOLDER)
    root = panel(browser, "any")
    wait_for(browser, lambda: root.find_element(By.CSS_SELECTOR, 'li[data-code="SS001"]'))
    send = browser.find_element(By.CSS_SELECTOR, "button[type=submit]")
    send.click()
    assert "Send again to send anyway" in root.find_element(By.CSS_SELECTOR, ".alert").text
    assert sends(browser) == 0
    send.click()
    wait_for(browser, lambda: sends(browser) == 1)


def test_a_fix_is_applied_in_a_freshdesk_editor(
    browser: Any, site: str, service: Service, artefacts: Path
) -> None:
    from selenium.webdriver.common.by import By

    configure(browser, site, service.url, service.token)
    open_page(browser, site, "freshdesk")
    box = type_into(browser, ".fr-element", TYPOS)
    root = panel(browser, "freshdesk")
    apply = wait_for(
        browser,
        lambda: root.find_element(By.CSS_SELECTOR, 'li[data-code="SG117"] button.apply'),
    )
    assert "receive" in apply.text
    apply.click()
    wait_for(browser, lambda: "I will receive the parcel" in box.text)
    wait_for(browser, lambda: "recieve" not in root.find_element(By.CSS_SELECTOR, ".findings").text)
    assert "tomorow" in box.text  # only the chosen fix was applied
    browser.save_screenshot(str(artefacts / "freshdesk-fix-applied.png"))


def test_a_service_that_is_down_is_said_and_send_still_works(
    browser: Any, site: str, service: Service, artefacts: Path
) -> None:
    from selenium.webdriver.common.by import By

    down = f"http://127.0.0.1:{free_port()}"
    configure(browser, site, down, service.token, mode="block")
    open_page(browser, site, "textarea")
    type_into(browser, "textarea", PLACEHOLDER)
    root = panel(browser, "any")
    wait_for(browser, lambda: "cscomm is not running" in status(root))
    assert "not checked" in status(root)
    browser.save_screenshot(str(artefacts / "service-down.png"))
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(browser, lambda: sends(browser) == 1)  # cscomm's own failure never holds a reply back
    assert "cscomm is not running" in status(root)


def test_a_wrong_token_is_reported_as_not_checked(browser: Any, site: str, service: Service) -> None:
    configure(browser, site, service.url, "not-the-token")
    open_page(browser, site, "textarea")
    type_into(browser, "textarea", CLEAN)
    root = panel(browser, "any")
    wait_for(browser, lambda: "refused" in status(root))
    assert "not checked" in status(root)
