"""The Zendesk and Freshdesk apps and the Thunderbird add-on, as shipped, in headless Chromium.

Their hosts' SDKs cannot run here, so the test plays the host: the shipped app page is served
with a stand-in SDK (``stubs/``) in place of the real one, and the test fires the send event
the host would fire and reads what the app answered. The app calls the real ``cscomm serve``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .conftest import ROOT, Service
from .test_extension import free_port

HELPDESK = "/examples/integrations/helpdesk"
ZENDESK = f"{HELPDESK}/zendesk/assets/iframe.html"
FRESHDESK = f"{HELPDESK}/freshdesk/app/index.html"
THUNDERBIRD = "/tests/browser/stubs/thunderbird.html"
PLACEHOLDER_HTML = "<p>Hi {{first_name}},</p><p>Thanks for writing. Your refund was sent today.</p>"
CLEAN = (
    "Hi Sam,\n\nThanks for getting in touch. Your refund was sent today, and it will reach your "
    "account within three working days. If anything else comes up, just reply to this email.\n\n"
    "Best regards,\nAnna"
)
CLEAN_HTML = "".join(f"<p>{line}</p>" for line in CLEAN.split("\n") if line)


def open_sidebar(driver: Any, url: str, service: str, token: str) -> None:
    """Open the app's page and save the service URL and token in its sidebar form."""
    from selenium.webdriver.common.by import By

    driver.get(url)
    form = driver.find_element(By.ID, "cscomm-setup")
    for name, value in (("service", service), ("token", token)):
        field = form.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    assert driver.find_element(By.ID, "cscomm-status").text.startswith("Saved")


def run(driver: Any, script: str, *args: Any) -> Any:
    """Run ``script`` (an expression giving a promise) in the page and return what it resolves to."""
    return driver.execute_async_script(
        f"const done = arguments[arguments.length - 1]; ({script}).then(done);", *args
    )


def sidebar_status(driver: Any) -> str:
    from selenium.webdriver.common.by import By

    return str(driver.find_element(By.ID, "cscomm-status").text)


def zendesk_save(driver: Any, html: str, kind: str = "publicReply") -> Any:
    driver.execute_script(
        "zafStub.data = {'ticket.comment.text': arguments[0], 'ticket.comment.type': arguments[1],"
        " 'ticket.description': 'Where is my refund?'};",
        html,
        kind,
    )
    return run(driver, "zafStub.save()")


def test_zendesk_app_stops_a_reply_with_blocking_findings(browser: Any, site: str, service: Service) -> None:
    open_sidebar(browser, f"{site}{ZENDESK}", service.url, service.token)
    stopped = zendesk_save(browser, PLACEHOLDER_HTML)
    assert not stopped["saved"]
    assert "SS001" in stopped["message"] and "send it again unchanged" in stopped["message"]
    assert zendesk_save(browser, PLACEHOLDER_HTML) == {"saved": True}  # again, unchanged: saved
    assert zendesk_save(browser, CLEAN_HTML) == {"saved": True}
    assert sidebar_status(browser) == "cscomm checked the last reply."
    assert zendesk_save(browser, PLACEHOLDER_HTML, kind="internalNote") == {"saved": True}


def test_zendesk_app_says_not_checked_when_cscomm_is_down(browser: Any, site: str, service: Service) -> None:
    open_sidebar(browser, f"{site}{ZENDESK}", f"http://127.0.0.1:{free_port()}", service.token)
    assert zendesk_save(browser, PLACEHOLDER_HTML) == {"saved": True}
    [(action, message, kind, options)] = browser.execute_script("return zafStub.invoked")
    assert (action, kind, options) == ("notify", "error", {"sticky": True})
    assert "not checked" in message and "cscomm is not running" in message
    assert "not checked" in sidebar_status(browser)


def test_zendesk_app_says_not_checked_when_its_origin_is_not_allowed(
    browser: Any, site: str, service: Service, artefacts: Path
) -> None:
    other_origin = site.replace("127.0.0.1", "localhost")  # cscomm serve allows only the first
    open_sidebar(browser, f"{other_origin}{ZENDESK}", service.url, service.token)
    assert zendesk_save(browser, PLACEHOLDER_HTML) == {"saved": True}
    [(_, message, *_)] = browser.execute_script("return zafStub.invoked")
    assert (
        "not checked" in message
        and f"refused this app: start it with --allow-origin {other_origin}" in message
    )
    browser.save_screenshot(str(artefacts / "zendesk-app-not-checked.png"))


def freshdesk_send(driver: Any, html: str) -> Any:
    driver.execute_script("fwStub.ticket = {description_text: 'Where is my refund?'};")
    return run(driver, "fwStub.sendReply(arguments[0])", html)


def test_freshdesk_app_stops_a_reply_with_blocking_findings(
    browser: Any, site: str, service: Service
) -> None:
    open_sidebar(browser, f"{site}{FRESHDESK}", service.url, service.token)
    stopped = freshdesk_send(browser, PLACEHOLDER_HTML)
    assert not stopped["sent"] and "SS001" in stopped["message"]
    assert freshdesk_send(browser, PLACEHOLDER_HTML) == {"sent": True}
    assert freshdesk_send(browser, CLEAN_HTML) == {"sent": True}


def test_freshdesk_app_says_not_checked_when_cscomm_refuses(
    browser: Any, site: str, service: Service
) -> None:
    open_sidebar(browser, f"{site}{FRESHDESK}", service.url, "not-the-token")
    assert freshdesk_send(browser, PLACEHOLDER_HTML) == {"sent": True}
    [notification] = browser.execute_script("return fwStub.notifications")
    assert notification["action"] == "showNotify" and notification["type"] == "warning"
    assert "not checked" in notification["message"] and "refused the check" in notification["message"]
    assert "not checked" in sidebar_status(browser)


def thunderbird_send(driver: Any, service: str, token: str, text: str) -> Any:
    driver.execute_script("tbStub.storage = {service: arguments[0], token: arguments[1]};", service, token)
    return run(driver, "tbStub.send({plainTextBody: arguments[0], subject: 'Re: refund'})", text)


def test_thunderbird_add_on_cancels_a_blocked_send_and_reports_not_checked(
    browser: Any, site: str, service: Service
) -> None:
    browser.get(f"{site}{THUNDERBIRD}")
    placeholder = "Hi {{first_name}},\n\nYour refund was sent today.\n"
    assert thunderbird_send(browser, service.url, service.token, placeholder) == {"cancel": True}
    assert thunderbird_send(browser, service.url, service.token, CLEAN) == {}
    assert thunderbird_send(browser, service.url, "not-the-token", PLACEHOLDER_HTML) == {}
    down = f"http://127.0.0.1:{free_port()}"
    assert thunderbird_send(browser, down, service.token, PLACEHOLDER_HTML) == {}
    notes = [(n["title"], n["message"]) for n in browser.execute_script("return tbStub.notifications")]
    assert notes[0][0].endswith("problem(s) - not sent") and "SS001" in notes[0][1]
    assert notes[1][0] == "cscomm: sent, not checked" and "refused the check" in notes[1][1]
    assert notes[2][0] == "cscomm: sent, not checked" and "cscomm is not running" in notes[2][1]
    assert len(notes) == 3


def test_both_helpdesk_apps_ship_the_same_service_client() -> None:
    helpdesk = ROOT / HELPDESK.strip("/")
    zendesk = helpdesk / "zendesk" / "assets" / "cscomm-service.js"
    freshdesk = helpdesk / "freshdesk" / "app" / "scripts" / "cscomm-service.js"
    assert zendesk.read_text() == freshdesk.read_text()
