"""Test-only launcher: runs the real `rasa` CLI with Slack's Web API redirected to a local fake.

Rasa's Slack output channel creates ``slack_sdk.AsyncWebClient(token, proxy=...)`` and offers no
setting for the API address. This script rebinds that name in ``rasa.core.channels.slack`` to
the same class with ``base_url=$FAKE_SLACK_API`` (which must be a loopback URL), then hands
over to Rasa's own ``main()``: every other line of the Slack channel runs unchanged.

Usage (tests/e2e/test_slack.py does this through tests/e2e/stack.py)::

    FAKE_SLACK_API=http://127.0.0.1:8799/api/ python scripts/rasa_fake_slack.py run --credentials ...

Never used to run the assistant for real.
"""

from __future__ import annotations

import functools
import os
import sys
from urllib.parse import urlsplit


def main() -> None:
    """Patch the Slack client, then run the Rasa CLI with this script's arguments."""
    base_url = os.environ.get("FAKE_SLACK_API", "")
    if urlsplit(base_url).hostname not in ("127.0.0.1", "localhost") or not base_url.endswith("/"):
        sys.exit(f"FAKE_SLACK_API must be a loopback URL ending with '/', got {base_url!r}")

    import rasa.core.channels.slack as rasa_slack
    from slack_sdk.web.async_client import AsyncWebClient

    rasa_slack.AsyncWebClient = functools.partial(AsyncWebClient, base_url=base_url)  # type: ignore[misc]

    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
