"""/admin: the dashboard for the admin (the first account), and a refusal for anyone else."""

import harness
from browser import By
from conftest import ADMIN_EMAIL


def test_admin_dashboard_shows_storage_users_sources_scan_and_cache(server, browser, account):
    member_email, member = account
    browser.open("/")
    browser.sign_in(ADMIN_EMAIL)
    assert browser.find(".sidebar a[href='/admin']").is_displayed()
    browser.go("/admin", "admin")

    labels = [e.text for e in browser.find_all("#storage-bars .storage-label")]
    assert labels == ["Library", "Cache", "Database", "Free"]
    library_meter = browser.find_all("#storage-bars .meter")[0]
    assert int(library_meter.get_attribute("aria-valuenow")) > 0, "the library takes no space?"

    browser.find("#users-table")
    emails = [e.text for e in browser.find_all("#users-table .cell-email")]
    assert any(e.startswith(ADMIN_EMAIL) for e in emails) and any(e.startswith(member_email) for e in emails)

    sources = browser.find("#sources-table").text
    assert "local" in sources and "Healthy" in sources

    # Scan now, and follow it to the end.
    browser.click("#scan-now")
    browser.wait(lambda d: d.find_element(By.ID, "scan-status").get_attribute("data-running") == "false"
                 and d.find_element(By.ID, "scan-status").get_attribute("data-phase") == "done", 20, "the scan did not finish")
    assert "Last scan" in browser.find("#scan-status .scan-phase").text
    assert server.admin.get("/api/admin/scan")["running"] is False

    assert "0 tracks" in browser.find("#cache-summary").text
    browser.screenshot("admin-desktop")

    # Add a user from the page.
    browser.find(".add-user summary").click()
    browser.find("#new-user-email").send_keys("added-by-admin@example.com")
    browser.find("#new-user-password").send_keys(harness.PASSWORD)
    browser.button("Add user").click()
    browser.wait(lambda d: any(e.startswith("added-by-admin@example.com") for e in browser.texts("#users-table .cell-email")),
                 5, "the new user is not listed")
    assert any(u["email"] == "added-by-admin@example.com" for u in server.admin.get("/api/admin/users")["items"])

    # Promote the member, then make them a member again.
    row = browser.find(f"#users-table tr[data-user-id='{member.get('/api/me')['id']}']")
    row.find_element(By.XPATH, ".//button[normalize-space()='Make admin']").click()
    browser.wait(lambda d: member.get("/api/me")["role"] == "admin", 5, "the promotion did not reach the server")
    row = browser.find(f"#users-table tr[data-user-id='{member.get('/api/me')['id']}']")
    row.find_element(By.XPATH, ".//button[normalize-space()='Make member']").click()
    browser.wait(lambda d: member.get("/api/me")["role"] == "user", 5, "the demotion did not reach the server")


def test_admin_page_is_refused_to_a_member(server, browser, account):
    email, member = account
    browser.open("/")
    browser.sign_in(email)
    assert not browser.find(".sidebar").find_elements(By.CSS_SELECTOR, "a[href='/admin']")[0].is_displayed()
    browser.open("/admin")
    browser.wait_for_view("admin")
    refusal = browser.find("#admin-refused").text
    assert "Administrators only" in refusal
    assert not browser.find_all("#storage-bars") and not browser.find_all("#users-table")
    # The server refuses too, whatever the page shows.
    try:
        member.get("/api/admin/users")
        raise AssertionError("a member read the user list")
    except harness.HTTPFailure as failure:
        assert failure.status == 403
    browser.screenshot("admin-refused")


def test_admin_page_shows_disabled_and_locked_accounts_and_unlocks_one(browsers):
    # A server of its own, trusting X-Real-IP: the guesses come from a made-up address, so
    # the session's server (and 127.0.0.1, where every browser signs in) is never locked.
    data = harness.new_data_folder("web-admin-locks")
    server = harness.Server(data, environment={"MYSPOTIFY_TRUST_PROXY": "true"}).start()
    try:
        admin = server.client()
        admin.sign_up(ADMIN_EMAIL)
        locked, disabled = server.client(), server.client()
        locked.sign_up("locked@example.com")
        disabled.sign_up("disabled@example.com")
        locked_id, disabled_id = locked.get("/api/me")["id"], disabled.get("/api/me")["id"]
        admin.request("PATCH", f"/api/admin/users/{disabled_id}", {"disabled": True})

        guesser = {"X-Real-IP": "203.0.113.9"}

        def sign_in_from_guesser(password: str) -> int:
            try:
                server.client().post("/auth/token", form={"grant_type": "password", "username": "locked@example.com",
                                                          "password": password}, headers=guesser)
                return 200
            except harness.HTTPFailure as failure:
                return failure.status

        for _ in range(5):
            assert sign_in_from_guesser("a wrong guess") == 400
        assert sign_in_from_guesser(harness.PASSWORD) == 429

        browser = browsers(server.url)
        browser.open("/")
        browser.sign_in(ADMIN_EMAIL)
        browser.go("/admin", "admin")
        disabled_row = browser.find(f"#users-table tr[data-user-id='{disabled_id}']")
        assert disabled_row.find_element(By.CSS_SELECTOR, ".cell-status").text.startswith("Disabled")
        assert disabled_row.find_element(By.XPATH, ".//button[normalize-space()='Enable']")
        locked_row = browser.find(f"#users-table tr[data-user-id='{locked_id}']")
        lock = locked_row.find_element(By.CSS_SELECTOR, ".user-locked").text
        assert "Locked" in lock and "203.0.113.9" in lock, lock
        admin_row = browser.find("#users-table tbody tr:first-child")
        assert not admin_row.find_elements(By.CSS_SELECTOR, ".user-locked")
        assert not admin_row.find_elements(By.XPATH, ".//button[normalize-space()='Unlock']")
        browser.js("arguments[0].scrollIntoView({block: 'center'})", locked_row)
        browser.screenshot("admin-locked-user")

        locked_row.find_element(By.XPATH, ".//button[normalize-space()='Unlock']").click()
        browser.wait(lambda d: not d.find_elements(By.CSS_SELECTOR, f"#users-table tr[data-user-id='{locked_id}'] .user-locked"),
                     5, "the lock is still shown after Unlock")
        assert sign_in_from_guesser(harness.PASSWORD) == 200, "the unlock reached the server"
    finally:
        server.stop()
        harness.remove(data)
