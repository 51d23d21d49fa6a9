"""Issue 15, admin and account: your own password in Settings; an admin sets someone's
password; what the server would refuse (the last admin) is disabled with the reason shown;
figures follow an action; no empty "files that could not be read"; a scan in progress in
words; a missing album is a page with a way back."""

from __future__ import annotations

import shutil

import pytest

import harness
from browser import DESKTOP, By, PHONE_390
from conftest import ADMIN_EMAIL

NEW_PASSWORD = "a brand new passphrase"


def can_sign_in(server, email, password) -> bool:
    try:
        server.client().post("/auth/token", form={"grant_type": "password", "username": email, "password": password})
        return True
    except harness.HTTPFailure as failure:
        assert failure.status == 400, failure
        return False


@pytest.mark.parametrize("size,label", [(DESKTOP, "desktop"), (PHONE_390, "phone")])
def test_change_your_own_password_in_settings(server, browsers, account, size, label):
    email, _ = account
    browser = browsers(server.url, size=size)
    # The wrong current password is refused by the server (a 403 in the console, expected).
    browser.allow_console(r"/api/me/password - Failed to load resource: the server responded with a status of 403")
    browser.open("/")
    browser.sign_in(email)
    browser.go("/settings", "settings")
    browser.find("#current-password").send_keys("not my password")
    browser.find("#new-password").send_keys(NEW_PASSWORD)
    browser.find("#new-password-again").send_keys(NEW_PASSWORD + "x")
    browser.click("#change-password")
    assert browser.find("#password-status").text == "The two new passwords are not the same. Type the new one twice."

    browser.find("#new-password-again").clear()
    browser.find("#new-password-again").send_keys(NEW_PASSWORD)
    browser.click("#change-password")
    browser.wait(lambda d: browser.find("#password-status").text == "That is not your current password.", 5)
    assert can_sign_in(server, email, harness.PASSWORD)

    current = browser.find("#current-password")
    current.clear()
    current.send_keys(harness.PASSWORD)
    browser.click("#change-password")
    browser.wait(lambda d: browser.find("#password-status").text.startswith("Your password is changed."), 5)
    assert can_sign_in(server, email, NEW_PASSWORD)
    assert not can_sign_in(server, email, harness.PASSWORD)
    assert not browser.has_horizontal_overflow()
    assert not browser.unlabelled_controls()
    browser.screenshot(f"settings-password-{label}")


def test_an_admin_sets_a_new_password_for_a_user(server, browser, account):
    email, member = account
    member_id = member.get("/api/me")["id"]
    browser.open("/")
    browser.sign_in(ADMIN_EMAIL)
    browser.go("/admin", "admin")
    browser.button(f"Set a new password for {email}").click()
    dialog = browser.find("dialog[open]")
    assert email in dialog.text
    dialog.find_element(By.CSS_SELECTOR, "input[type=password]").send_keys(NEW_PASSWORD)
    browser.screenshot("admin-set-password")
    dialog.find_element(By.XPATH, ".//button[normalize-space()='Set password']").click()
    browser.wait(lambda d: can_sign_in(server, email, NEW_PASSWORD), 5, "the new password does not sign in")
    assert not can_sign_in(server, email, harness.PASSWORD)
    # The member's old session ended with it.
    with pytest.raises(harness.HTTPFailure) as refused:
        member.get("/api/me")
    assert refused.value.status == 401
    assert browser.find(f"#users-table tr[data-user-id='{member_id}']")


def own_server(label: str, extra_files: dict | None = None):
    data = harness.new_data_folder(label)
    for path, content in (extra_files or {}).items():
        target = data / "library" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return data, harness.Server(data).start()


@pytest.mark.parametrize("size,label", [(DESKTOP, "desktop"), (PHONE_390, "phone")])
def test_last_admin_actions_are_disabled_with_the_reason_and_counts_follow(browsers, size, label):
    data, server = own_server(f"web-last-admin-{label}")
    try:
        admin = server.client()
        admin.sign_up("owner@example.com")
        member = server.client()
        member.sign_up("kid@example.com")
        server.wait_for_tracks(admin, 3)
        owner_id = admin.get("/api/me")["id"]
        kid_id = member.get("/api/me")["id"]

        browser = browsers(server.url, size=size)
        browser.open("/")
        browser.sign_in("owner@example.com")
        browser.go("/admin", "admin")
        owner_row = browser.find(f"#users-table tr[data-user-id='{owner_id}']")
        for name in ("user-role", "user-disable", "user-delete"):
            button = owner_row.find_element(By.CLASS_NAME, name)
            assert not button.is_enabled(), f"{name} is offered for the only admin"
            reason_id = button.get_attribute("aria-describedby")
            assert browser.find(f"#{reason_id}").text == "The only active administrator: make someone else an administrator first."
        kid_row = browser.find(f"#users-table tr[data-user-id='{kid_id}']")
        assert all(b.is_enabled() for b in kid_row.find_elements(By.CSS_SELECTOR, "button"))
        # No file failed to be read: no empty section about it.
        browser.wait(lambda d: not browser.find_all("#scan-status[aria-busy]"), 5)
        assert not browser.find_all(".scan-failures")
        assert "could not be read" not in browser.find("#main").text
        assert not browser.has_horizontal_overflow()
        assert not browser.unlabelled_controls()
        browser.screenshot(f"admin-last-admin-{label}")

        # Figures follow an action: a user added shows in the storage counts at once.
        def users_count():
            facts = browser.texts("#storage-bars ~ .facts dt, #storage-bars ~ .facts dd")
            return facts[facts.index("Users") + 1]
        assert users_count() == "2"
        browser.find(".add-user summary").click()
        browser.find("#new-user-email").send_keys("third@example.com")
        browser.find("#new-user-password").send_keys(harness.PASSWORD)
        browser.button("Add user").click()
        browser.wait(lambda d: users_count() == "3", 5, "the users count did not follow")

        # With a second admin, the owner can step down.
        browser.find(f"#users-table tr[data-user-id='{kid_id}'] .user-role").click()
        browser.wait(lambda d: member.get("/api/me")["role"] == "admin", 5)
        browser.wait(lambda d: browser.find(f"#users-table tr[data-user-id='{owner_id}'] .user-role").is_enabled(), 5,
                     "the guard stayed with two admins")
        assert not browser.find_all(f"#users-table tr[data-user-id='{owner_id}'] .last-admin-reason")
    finally:
        server.stop()
        harness.remove(data)


def test_a_scan_says_what_it_does_in_words_and_lists_unreadable_files(browsers):
    data, server = own_server("web-scan-words", {"Broken/Album/01 - Noise.mp3": b"\x00not audio at all" * 512})
    try:
        admin = server.client()
        admin.sign_up("owner@example.com")
        server.wait_for_tracks(admin, 3)
        browser = browsers(server.url)
        browser.open("/")
        browser.sign_in("owner@example.com")
        browser.go("/admin", "admin")
        failures = browser.find(".scan-failures")
        assert failures.find_element(By.TAG_NAME, "summary").text == "1 file could not be read"
        # Every line the scan shows while it runs, recorded as it changes.
        browser.js("""
            window.scanLines = [];
            new MutationObserver(() => {
              const line = document.querySelector('#scan-status .scan-phase')?.textContent;
              if (line && window.scanLines.at(-1) !== line) window.scanLines.push(line);
            }).observe(document.getElementById('scan-status'), { childList: true, subtree: true, characterData: true });""")
        browser.click("#scan-full")
        browser.wait(lambda d: browser.find("#scan-status").get_attribute("data-phase") == "done", 20, "the scan did not finish")
        lines = browser.js("return window.scanLines")
        running = [line for line in lines if line.endswith("(a full rescan).")]
        assert running, lines
        phrases = ("Looking for music files in the library folder", "Reading the tags and length of each file",
                   "Taking out tracks whose files are gone", "Updating albums, artists and search")
        assert all(line.startswith(phrases) for line in running), lines
        for word in ("walking", "indexing", "removing", " — "):
            assert not any(word in line for line in lines), lines
        assert browser.find(".scan-failures summary").text == "1 file could not be read"
        browser.find(".scan-failures summary").click()
        assert "Noise.mp3" in browser.find(".scan-failures .problem-list").text
        browser.screenshot("admin-scan-words")
    finally:
        server.stop()
        harness.remove(data)


@pytest.mark.parametrize("size,label", [(DESKTOP, "desktop"), (PHONE_390, "phone")])
def test_a_missing_album_is_a_page_with_a_way_back(server, browsers, account, size, label):
    email, _ = account
    browser = browsers(server.url, size=size)
    browser.allow_console(r"/api/albums/no-such-album - Failed to load resource: the server responded with a status of 404")
    browser.open("/")
    browser.sign_in(email)
    browser.go("/library", "library")
    browser.js("history.pushState(null, '', '/albums/no-such-album'); dispatchEvent(new PopStateEvent('popstate'))")
    browser.wait(lambda d: browser.js("const m = document.getElementById('main'); return m.dataset.view === 'album' && m.dataset.state"
                                      ) == "error", 5)
    assert browser.find("#main h1").text == "Album not found"
    assert "not on this server" in browser.find("#main .status-message").text
    assert not browser.stray_text() and not browser.has_horizontal_overflow() and not browser.unlabelled_controls()
    browser.screenshot(f"album-missing-{label}")
    browser.button("Go back").click()
    browser.wait_for_view("library")
    browser.open("/albums/no-such-album")
    browser.button("Browse the library").click()
    browser.wait_for_view("library")
