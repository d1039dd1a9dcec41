"""The chat page in a real browser (Debian's headless Chromium, driven by Playwright)."""

from __future__ import annotations

import shutil

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def test_dutch_conversation_in_the_chat_page(stack, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{stack.web_port}/")
        # The widget opens the conversation itself with a Dutch greeting.
        expect(page.locator(".rw-response").first).to_contain_text("uitstroom-assistent", timeout=30_000)
        box = page.locator(".rw-new-message")
        box.fill("ik woon in Amsterdam")
        box.press("Enter")
        expect(page.locator(".rw-response").last).to_contain_text("Amsterdam", timeout=30_000)
        box.fill("hoeveel kost het verlengen van woningnet?")
        box.press("Enter")
        expect(page.locator(".rw-conversation-container")).to_contain_text("8 euro", timeout=30_000)
        page.screenshot(path=str(tmp_path / "chat.png"))
        # Session persistence: after a reload the conversation is still there.
        page.reload()
        expect(page.locator(".rw-conversation-container")).to_contain_text("8 euro", timeout=30_000)
        browser.close()
