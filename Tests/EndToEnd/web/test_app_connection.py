"""Settings, "Phone and desktop apps": the values shown connect a real Subsonic call
(`/rest/ping` by urllib, as an app would), the Copy buttons work with the clipboard and
without it, and making new ones or removing them stops the old ones at once. At desktop
size and at 360 px."""

import hashlib
import json
import urllib.parse
import urllib.request

import pytest

import harness

from browser import DESKTOP, PHONE


def rest(server_url: str, **credentials) -> dict:
    """A Subsonic call as an app makes it: credentials in the query, JSON asked for."""
    query = urllib.parse.urlencode({**credentials, "v": "1.16.1", "c": "e2e", "f": "json"})
    with urllib.request.urlopen(f"{server_url}/rest/ping?{query}", timeout=10) as answer:
        assert answer.status == 200
        return json.load(answer)["subsonic-response"]


def status(response: dict) -> tuple[str, int | None]:
    return response["status"], response.get("error", {}).get("code")


def token(password: str, salt: str) -> str:
    return hashlib.md5((password + salt).encode()).hexdigest()


def field(browser, element_id: str) -> str:
    return browser.find(f"#{element_id}").get_attribute("value")


def confirm(browser, label: str) -> None:
    browser.find("dialog[open]")
    browser.button(label).click()
    browser.wait(lambda d: not d.find_elements("css selector", "dialog[open]"), 5, "the dialog did not close")


def check_screen(browser, name: str) -> None:
    assert not browser.has_horizontal_overflow(), f"{name} is wider than the screen"
    assert not browser.unlabelled_controls(), f"{name} has unlabelled controls: {browser.unlabelled_controls()}"
    assert not browser.stray_text(), f"{name} shows {browser.stray_text()}"
    browser.screenshot(name)


@pytest.mark.parametrize("size,label", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_the_values_shown_connect_an_app_and_new_ones_replace_them(server, browsers, account, size, label):
    email, _ = account
    browser = browsers(server.url, size=size)
    browser.open("/")
    browser.sign_in(email)
    browser.go("/settings", "settings")

    # Before any app password: the address and the user name, and a way to make one.
    server_url = field(browser, "apps-server-url")
    username = field(browser, "apps-username")
    assert server_url == server.url
    assert username == email.split("@")[0]
    assert not browser.find_all("#apps-password")
    check_screen(browser, f"{label}-settings-apps-none")
    assert status(rest(server_url, u=username, p=harness.PASSWORD)) == ("ok", None), "the account's password works too"

    browser.click("#apps-create")
    browser.find("#apps-password")
    password = field(browser, "apps-password")
    api_key = field(browser, "apps-api-key")
    assert len(password) == 23 and len(api_key) == 43
    check_screen(browser, f"{label}-settings-apps")
    assert status(rest(server_url, u=username, p=password)) == ("ok", None)
    assert status(rest(server_url, u=username, t=token(password, "e2e-salt"), s="e2e-salt")) == ("ok", None)
    assert status(rest(server_url, apiKey=api_key)) == ("ok", None)

    # Copy: whichever way this browser can (the clipboard API on 127.0.0.1, a secure
    # context), the status line says it happened.
    browser.button("Copy app password").click()
    browser.wait(lambda d: browser.find("#apps-password-status").text != "", 5, "copying said nothing")
    assert browser.find("#apps-password-status").text in (
        "App password copied to the clipboard.",
        "App password is selected: press Ctrl+C (⌘C on a Mac) or long-press to copy it.")

    # New ones: asked first; the old ones stop at once, the new ones work.
    browser.click("#apps-rotate")
    confirm(browser, "Make new ones")
    browser.wait(lambda d: field(browser, "apps-password") != password, 5, "the app password did not change")
    new_password = field(browser, "apps-password")
    new_key = field(browser, "apps-api-key")
    assert new_key != api_key
    assert status(rest(server_url, u=username, p=password)) == ("failed", 40)
    assert status(rest(server_url, apiKey=api_key)) == ("failed", 44)
    assert status(rest(server_url, u=username, p=new_password)) == ("ok", None)
    assert status(rest(server_url, apiKey=new_key)) == ("ok", None)

    # Removed: asked first, with a danger button; apps using them are refused.
    browser.click("#apps-revoke")
    confirm(browser, "Remove")
    browser.find("#apps-create")
    assert not browser.find_all("#apps-password")
    assert status(rest(server_url, apiKey=new_key)) == ("failed", 44)
    assert status(rest(server_url, u=username, t=token(new_password, "x"), s="x")) == ("failed", 41)
    check_screen(browser, f"{label}-settings-apps-removed")


def test_copy_falls_back_to_selecting_the_value_without_a_clipboard(server, browser, account):
    email, client = account
    client.post("/api/me/subsonic")
    browser.open("/")
    browser.sign_in(email)
    # As on plain http to a LAN address (not a secure context): no clipboard API.
    browser.js("Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true})")
    browser.go("/settings", "settings")
    key = field(browser, "apps-api-key")
    browser.button("Copy API key").click()
    browser.wait(lambda d: browser.find("#apps-api-key-status").text != "", 5, "copying said nothing")
    # Selected and focused, so Ctrl+C (or the long-press menu) copies exactly the key.
    assert browser.js("const f = document.getElementById('apps-api-key');"
                      "return document.activeElement === f && f.selectionStart === 0 && f.selectionEnd === f.value.length")
    assert browser.find("#apps-api-key-status").text in (
        "API key copied to the clipboard.",
        "API key is selected: press Ctrl+C (⌘C on a Mac) or long-press to copy it.")
    assert key == client.get("/api/me/subsonic")["api_key"]
