"""make shell: `rasa shell` with a console made for people.

Rasa's console shows buttons as a menu of raw payloads, only lets the user type after picking "Type out
your own message...", wraps drafts into a menu title (losing their blank lines) and leaves a traceback on
Ctrl-C. This replaces its read-print loop (rasa.core.channels.console.record_messages) and then runs the
normal `rasa shell` command line:

- every bot text is printed as sent, its blank lines kept, never wrapped by us;
- buttons are listed by title with a number; at the one prompt, a number picks that button and anything
  else is sent as typed;
- /stop, Ctrl-C and Ctrl-D leave cleanly at any prompt (exit status 0);
- the first prompt waits until the action server ($COACH_ACTIONS_URL/health) answers.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from typing import Any, Dict, List

from quiet_rasa import run_rasa, silence_warnings

STOP = "/stop"
HELP_LINE = "Type a message and press Enter. A number picks a button. /stop or Ctrl-C leaves."
BOT_COLOR = "\033[34m"
BUTTON_COLOR = "\033[36m"
RESET = "\033[0m"


def colored(text: str, color: str) -> str:
    """Text in an ANSI color when stdout is a terminal."""
    return f"{color}{text}{RESET}" if sys.stdout.isatty() else text


def show(message: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Print one bot message (text as sent, then numbered button titles); return its buttons."""
    if message.get("text"):
        print(colored(message["text"], BOT_COLOR), flush=True)
    if message.get("image"):
        print(colored(f"Image: {message['image']}", BOT_COLOR), flush=True)
    buttons = list(message.get("buttons") or message.get("quick_replies") or [])
    for number, button in enumerate(buttons, start=1):
        print(colored(f"  {number}. {button.get('title', button.get('payload', ''))}", BUTTON_COLOR), flush=True)
    return buttons


def chosen(text: str, buttons: List[Dict[str, Any]]) -> str:
    """The payload of the button whose number was typed, else the text itself."""
    if text.isdigit() and 1 <= int(text) <= len(buttons):
        button = buttons[int(text) - 1]
        return str(button.get("payload") or button.get("title") or text)
    return text


async def wait_for_actions(deadline_seconds: float = 120.0) -> None:
    """Wait until the action server answers its health check (when COACH_ACTIONS_URL is set)."""
    url = os.environ.get("COACH_ACTIONS_URL")
    if not url:
        return
    import aiohttp

    deadline = time.monotonic() + deadline_seconds
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=2)) as session:
        while time.monotonic() < deadline:
            try:
                async with session.get(f"{url}/health") as response:
                    if response.status == 200:
                        return
            except (aiohttp.ClientError, asyncio.TimeoutError):
                pass
            await asyncio.sleep(0.5)
    print(f"The action server at {url} did not answer; the coach cannot draft until it does.", flush=True)


async def record_messages(
    sender_id: str,
    server_url: str = "http://localhost:5005",
    auth_token: str = "",
    max_message_limit: int | None = None,
    use_response_stream: bool = True,
    request_timeout: int | None = None,
) -> int:
    """Read messages at one prompt, send them to Rasa, print the answers; stop on /stop, Ctrl-C or Ctrl-D."""
    from prompt_toolkit import PromptSession
    from rasa.core.channels import console

    await wait_for_actions()
    print(f"Bot loaded. {HELP_LINE}", flush=True)
    session: PromptSession = PromptSession()
    buttons: List[Dict[str, Any]] = []
    sent = 0
    while max_message_limit is None or sent < max_message_limit:
        try:
            text = (await session.prompt_async("Your input -> ")).strip()
        except (KeyboardInterrupt, EOFError):
            break
        if text == STOP:
            break
        if not text:
            continue
        message = chosen(text, buttons)
        buttons = []
        try:
            # Rasa's REST channel sends each paragraph of a text as its own message: a blank line between
            # them gives the text back its paragraphs (a draft's "Subject:", greeting, body, sign-off).
            first = True
            async for answer in console._send_message_receive_stream(
                server_url, auth_token, sender_id, message, request_timeout=request_timeout
            ):
                if not first:
                    print(flush=True)
                first = False
                buttons = show(answer) or buttons
        except asyncio.CancelledError:
            break
        except Exception as error:  # noqa: BLE001 - a failed turn is reported, the shell stays usable
            print(f"(no answer from the coach: {error})", flush=True)
        sent += 1
    print("Bye.", flush=True)
    return sent


def main() -> None:
    """Patch Rasa's console loop, then run `rasa shell` with this script's arguments."""
    silence_warnings()
    # prompt_toolkit asks the terminal for the cursor position and complains when it gets no answer.
    os.environ.setdefault("PROMPT_TOOLKIT_NO_CPR", "1")
    from channels import rasa_fixes

    rasa_fixes.swap("rasa.core.channels.console:record_messages", lambda _: record_messages)
    try:
        run_rasa(["shell", *sys.argv[1:]])
    except KeyboardInterrupt:
        print("Bye.", flush=True)


if __name__ == "__main__":
    main()
