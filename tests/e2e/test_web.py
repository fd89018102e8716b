"""The web page (web/, rasa-webchat) in headless Debian Chromium against the real Rasa Socket.IO channel.

Nothing leaves 127.0.0.1 (every other request is aborted and recorded); a JavaScript dialog fails the
test. Screenshots go to reports/screenshots/.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List
from urllib.parse import urlsplit

import pytest
import requests
from channels_env import ChannelsEnv, channels_env
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Route, sync_playwright
from stack import HOST, ROOT, VENV_BIN, free_port, rendered_domain, wait_http

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = ROOT / "reports" / "screenshots"
TIMEZONE = "America/Chicago"
DOMAIN = rendered_domain()
GREET = DOMAIN["responses"]["utter_greet"][0]
XSS_NAME = "<img src=x onerror=alert(1)>"

BOT = ".rw-conversation-container .rw-response"
USER = ".rw-conversation-container .rw-client"
REPLY = ".rw-conversation-container .rw-reply"
INPUT = ".rw-new-message"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def env() -> ChannelsEnv:
    return channels_env()


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    # No skip: a missing browser is a failure (scripts/setup_e2e.sh installs it).
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run scripts/setup_e2e.sh"
    b = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield b
    b.close()


class Session:
    """One browser context (its own localStorage) with the page and what was observed on it."""

    def __init__(self, browser: Browser, env: ChannelsEnv, name: str, viewport: Dict[str, int] | None = None) -> None:
        self.env = env
        self.name = name
        self.blocked: List[str] = []
        self.dialogs: List[str] = []
        self.errors: List[str] = []
        self.console_errors: List[str] = []
        self.failed: List[str] = []
        self.context: BrowserContext = browser.new_context(
            viewport=viewport or {"width": 1000, "height": 900}, timezone_id=TIMEZONE, locale="en-US"
        )
        self.context.route("**/*", self._route)
        self.page: Page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        self.page.on("response", lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        self.page.set_default_timeout(60_000)

    def _route(self, route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    # --- page helpers --------------------------------------------------------------------------
    def open(self) -> None:
        self.page.goto(self.env.web_url + "/")

    def bot_texts(self) -> List[str]:
        return [squash(t) for t in self.page.locator(BOT).all_inner_texts()]

    def wait_bot_count(self, more_than: int, timeout: float = 60) -> None:
        """Wait for a new bot message (polled from Python: the page's CSP forbids Playwright's eval)."""
        deadline = time.monotonic() + timeout
        while self.page.locator(BOT).count() <= more_than:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no bot message after the {more_than} already shown")
            time.sleep(0.2)

    def wait_idle(self, quiet: float = 1.5, timeout: float = 60) -> None:
        """Wait until no new bot message appeared for `quiet` seconds (the widget delays each message)."""
        deadline = time.monotonic() + timeout
        count, since = -1, time.monotonic()
        while time.monotonic() < deadline:
            now = self.page.locator(BOT).count()
            if now != count:
                count, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return
            time.sleep(0.2)
        raise TimeoutError("the bot kept talking")

    def session_id(self) -> str:
        stored = self.page.evaluate("window.localStorage.getItem('chat_session')")
        assert stored, "rasa-webchat stored no session in localStorage"
        return json.loads(stored)["session_id"]

    def tracker(self) -> Dict[str, Any]:
        return self.env.stack.tracker(self.session_id())

    def actions(self) -> List[str]:
        return [e.get("name") for e in self.tracker()["events"] if e["event"] == "action"]

    def type(self, text: str) -> None:
        before = self.page.locator(BOT).count()
        self.page.locator(INPUT).fill(text)
        self.page.locator(INPUT).press("Enter")
        self.page.locator(USER, has_text=text[:30]).last.wait_for()
        self.wait_bot_count(before)
        self.wait_idle()

    def quick_replies(self) -> List[str]:
        """Titles of the quick replies that can still be clicked (the last bot message's)."""
        return [squash(t) for t in self.page.locator(REPLY).all_inner_texts()]

    def click(self, title: str) -> None:
        before = self.page.locator(BOT).count()
        self.page.locator(REPLY, has_text=title).last.click()
        self.wait_bot_count(before)
        self.wait_idle()

    def shot(self, step: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{self.name}-{step}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self) -> None:
        self.context.close()

    def check_clean(self) -> None:
        assert not self.dialogs, f"a dialog was opened: {self.dialogs}"
        assert not self.blocked, f"requests outside 127.0.0.1: {self.blocked}"
        assert not self.errors, f"JavaScript errors: {self.errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.failed, f"failed requests: {self.failed}"


@pytest.fixture
def session_factory(browser: Browser, env: ChannelsEnv) -> Iterator[Callable[..., Session]]:
    sessions: List[Session] = []

    def make(name: str, viewport: Dict[str, int] | None = None) -> Session:
        s = Session(browser, env, name, viewport)
        sessions.append(s)
        return s

    yield make
    for s in sessions:
        s.close()


def start(session: Session) -> None:
    """Open the page and wait for the greeting (initPayload /greet) with its quick replies."""
    session.open()
    session.page.locator(BOT).first.wait_for()
    session.wait_idle()
    assert GREET["text"][:40] in " ".join(session.bot_texts())
    assert session.quick_replies() == [b["title"] for b in GREET["buttons"]]


def finish_form(
    session: Session, typed: Dict[str, str] | None = None, prefer: List[str] | None = None, limit: int = 10
) -> None:
    """Answer the coach's questions until action_give_advice ran: type the answer given in `typed` for a
    question containing its key, else click the first quick reply listed in `prefer`, else the first one."""
    typed = typed or {}
    for _ in range(limit):
        if "action_give_advice" in session.actions():
            return
        last = session.bot_texts()[-1] if session.bot_texts() else ""
        answer = next((text for key, text in typed.items() if key.lower() in last.lower()), None)
        replies = session.quick_replies()
        if answer is not None:
            session.type(answer)
        elif replies:
            session.click(next((r for r in replies if r in (prefer or [])), replies[0]))
        else:
            raise AssertionError(f"the coach asked something without buttons: {last!r}")
    assert "action_give_advice" in session.actions(), session.actions()


def assert_advice_shown(session: Session) -> None:
    """The advice is on the page: bot messages after the last user message, and the tracker agrees."""
    tracker = session.tracker()
    events = tracker["events"]
    last_user = max(i for i, e in enumerate(events) if e["event"] == "user")
    advice_index = max(i for i, e in enumerate(events) if e.get("name") == "action_give_advice")
    advice = [e["text"] for e in events[advice_index:] if e["event"] == "bot" and e.get("text")]
    assert advice_index > last_user and advice, "no advice after the last answer"
    page_text = squash(" ".join(session.bot_texts()))
    first_line = squash(advice[0].split("\n\n")[0])[:60]
    assert first_line in page_text, (first_line, page_text[-500:])


def assert_branch(session: Session, branch: str) -> None:
    assert session.tracker()["slots"]["branch"] == branch


def assert_timezone_sent(session: Session) -> None:
    users = [e for e in session.tracker()["events"] if e["event"] == "user"]
    assert users and all((e.get("metadata") or {}).get("timezone") == TIMEZONE for e in users), [
        e.get("metadata") for e in users
    ]


def test_page_is_served_with_its_widget_and_a_strict_policy(env: ChannelsEnv) -> None:
    page = requests.get(env.web_url + "/", timeout=10)
    assert page.status_code == 200 and 'id="webchat"' in page.text
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-eval" not in policy
    config = requests.get(env.web_url + "/config.js", timeout=10).text
    assert json.dumps(env.rasa_url) in config
    bundle = requests.get(env.web_url + "/vendor/webchat.js", timeout=10)
    assert bundle.status_code == 200 and len(bundle.content) > 500_000
    for path in ("/../credentials.yml", "/scripts/web_server.py", "/node_modules/rasa-webchat/package.json"):
        assert requests.get(env.web_url + path, timeout=10).status_code == 404
    # CORS: Rasa allows the page's own origin only
    origin_ok = requests.get(f"{env.rasa_url}/webhooks/rest/", headers={"Origin": env.web_url}, timeout=10)
    assert origin_ok.headers.get("Access-Control-Allow-Origin") == env.web_url
    evil = requests.get(f"{env.rasa_url}/webhooks/rest/", headers={"Origin": "http://evil.example"}, timeout=10)
    assert "Access-Control-Allow-Origin" not in evil.headers


def test_pre_interview_typed_then_buttons_and_reload_keeps_history(session_factory: Callable[[str], Session]) -> None:
    s = session_factory("pre")
    start(s)
    s.shot("1-greeting")
    s.type("my interview is on thursday with Sarah at Acme, can I email her to confirm the time?")
    assert_branch(s, "pre_interview")
    finish_form(s)
    assert_advice_shown(s)
    assert_timezone_sent(s)
    s.shot("2-advice")
    history = s.bot_texts()
    users = s.page.locator(USER).all_inner_texts()

    s.page.reload()
    s.page.locator(BOT).nth(len(history) - 1).wait_for()
    s.wait_idle()
    assert s.bot_texts()[: len(history)] == history
    assert s.page.locator(USER).all_inner_texts()[: len(users)] == users
    tracker_users = [e["text"] for e in s.tracker()["events"] if e["event"] == "user"]
    assert "/greet" in tracker_users[0] and tracker_users.count(tracker_users[0]) == 1, "greeted twice"
    s.shot("3-after-reload")
    s.check_clean()


def test_post_interview_by_buttons(session_factory: Callable[[str], Session]) -> None:
    s = session_factory("post")
    start(s)
    s.click(GREET["buttons"][1]["title"])
    assert_branch(s, "post_interview")
    assert s.page.locator(USER).last.inner_text().strip() == GREET["buttons"][1]["title"]
    finish_form(s)
    assert_advice_shown(s)
    s.shot("advice")
    s.check_clean()


def test_agency_button_then_typed_answers(session_factory: Callable[[str], Session]) -> None:
    s = session_factory("agency")
    start(s)
    s.click(GREET["buttons"][2]["title"])
    assert_branch(s, "staffing_agency")
    s.type("my recruiter at the staffing agency went quiet, can I ask her for an update?")
    finish_form(s, typed={"how far": "I got to the final round", "when was": "two weeks ago"})
    assert_advice_shown(s)
    s.shot("advice")
    s.check_clean()


def test_markup_in_a_name_is_shown_as_text(session_factory: Callable[[str], Session]) -> None:
    s = session_factory("xss")
    start(s)
    images_before = s.page.locator("img").count()
    s.type(f"my interviewer is {XSS_NAME}, I interviewed yesterday, can I send a thank-you note?")
    user_bubble = s.page.locator(USER).last
    assert XSS_NAME in user_bubble.inner_text()
    assert user_bubble.locator("img").count() == 0
    finish_form(s)
    s.wait_idle()
    # no element was created from the text anywhere on the page, and nothing ran
    assert s.page.locator("img[src='x'], img[onerror]").count() == 0
    assert s.page.locator(".rw-conversation-container img").count() <= images_before
    assert s.page.evaluate("document.querySelectorAll('[onerror]').length") == 0
    assert s.page.locator("a[href^='javascript']").count() == 0
    page_text = " ".join(s.bot_texts())
    if "img src" in page_text:  # the bot echoed the name: it must be shown as text
        assert XSS_NAME in page_text or "&lt;img" not in page_text
    s.shot("markup")
    s.check_clean()


def test_drafts_are_one_readable_copyable_block(session_factory: Callable[[str], Session]) -> None:
    """Every draft the coach sends (a bot text starting with 'Subject:') is one bubble that keeps its lines."""
    s = session_factory("draft")
    start(s)
    # three weeks on, with no date given, the answer is "yes, write today" and the draft comes inline
    s.type("I interviewed three weeks ago and haven't heard back, should I follow up?")
    finish_form(s, prefer=["No date given", "No"])
    events = s.tracker()["events"]
    drafts = [
        e["text"] for e in events if e["event"] == "bot" and re.match(r"\s*subject\s*:", e.get("text") or "", re.I)
    ]
    assert drafts, "the advice came without an email draft"
    draft = drafts[-1]
    bubble = s.page.locator(f"{BOT}.coach-draft").last
    bubble.wait_for()
    shown = bubble.locator(".rw-markdown").inner_text()
    lines = [squash(line) for line in draft.splitlines() if line.strip()]
    shown_lines = [squash(line) for line in shown.splitlines() if line.strip()]
    assert shown_lines == lines, (shown_lines, lines)
    assert bubble.locator("button.coach-copy").count() == 1
    s.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=s.env.web_url)
    bubble.locator("button.coach-copy").click()
    copied = s.page.evaluate("navigator.clipboard.readText()")
    assert [squash(line) for line in copied.splitlines() if line.strip()] == lines
    s.shot("draft")
    s.check_clean()


def test_restart_offers_the_first_buttons_again(session_factory: Callable[..., Session]) -> None:
    """After 'restart' the coach offers the greeting's buttons again, and one of them starts the form."""
    s = session_factory("restart")
    start(s)
    s.type("I had my interview last week, can I send a thank-you?")
    s.type("restart")
    assert s.quick_replies() == [b["title"] for b in GREET["buttons"]], s.bot_texts()[-2:]
    s.click(GREET["buttons"][1]["title"])
    assert_branch(s, "post_interview")
    s.shot("after-restart")
    s.check_clean()


def test_phone_has_big_buttons_and_a_compact_header(session_factory: Callable[..., Session]) -> None:
    """On a 390 x 844 phone screen: quick replies at least 44 px tall, the page header under 10 % of the height."""
    s = session_factory("phone", {"width": 390, "height": 844})
    start(s)
    heights = [s.page.locator(REPLY).nth(i).bounding_box()["height"] for i in range(s.page.locator(REPLY).count())]
    assert heights and min(heights) >= 44, heights
    header = s.page.locator(".coach-header").bounding_box()
    assert header["height"] <= 84, header
    assert s.page.locator(INPUT).is_visible()
    s.shot("greeting")
    s.check_clean()


class FakeRasaRoot:
    """Answers GET / like Rasa does (with the CORS header) on a port, once started: Rasa 'coming back'."""

    def __init__(self, port: int) -> None:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                body = b"Hello from Rasa: 3.6.21"
                self.send_response(200)
                self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer((HOST, port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_page_says_when_the_coach_is_unreachable_and_when_it_is_back(
    session_factory: Callable[..., Session], tmp_path: Path
) -> None:
    """A page whose Rasa is down shows a visible notice within seconds, and says so when Rasa answers again."""
    rasa_port, web_port = free_port(), free_port()
    env = {**os.environ, "HOST": HOST, "WEB_PORT": str(web_port), "RASA_PORT": str(rasa_port)}
    env.pop("RASA_PUBLIC_URL", None)
    with open(tmp_path / "web.log", "wb") as log:
        web = subprocess.Popen(
            [str(VENV_BIN / "python"), str(ROOT / "scripts" / "web_server.py")], env=env, stdout=log, stderr=log
        )
    fake: FakeRasaRoot | None = None
    try:
        wait_http(f"http://{HOST}:{web_port}/health", 30, web)
        s = session_factory("rasa-down")
        s.page.goto(f"http://{HOST}:{web_port}/")
        status = s.page.locator("#coach-status")
        status.filter(has_text="can't be reached").wait_for(state="visible", timeout=15_000)
        assert "make run" in status.inner_text()
        assert status.bounding_box()["height"] > 20
        s.shot("down")
        fake = FakeRasaRoot(rasa_port)
        status.filter(has_text="back").wait_for(state="visible", timeout=20_000)
        s.shot("back")
        status.wait_for(state="hidden", timeout=20_000)
        assert not s.errors and not s.dialogs and not s.blocked, (s.errors, s.dialogs, s.blocked)
    finally:
        if fake is not None:
            fake.stop()
        web.terminate()
        web.wait(10)
