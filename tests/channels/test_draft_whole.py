"""A draft reaches REST and Slack users as one message, so it can be copied in one go."""

from typing import Any, Dict, List

from channels.rest import DraftCollector
from channels.slack import SafeSlackBot

DRAFT = "Subject: Thank you\n\nDear Ms. Lee,\n\nThank you for meeting me.\n\nBest regards,\nSam"
ADVICE = "Yes, send it today.\n\nHow to go about it:\n• keep it short"


async def test_rest_keeps_a_draft_whole_and_splits_advice_like_rasa() -> None:
    collector = DraftCollector()
    await collector.send_text_message("u1", DRAFT, draft_kind="thank_you_email")
    await collector.send_text_message("u1", ADVICE)
    assert [m["text"] for m in collector.messages] == [
        DRAFT,
        "Yes, send it today.",
        "How to go about it:\n• keep it short",
    ]


async def test_slack_posts_a_draft_as_one_message() -> None:
    posted: List[Dict[str, Any]] = []

    class Recorder(SafeSlackBot):
        """A Slack output that records posts instead of calling Slack."""

        async def _post_message(self, channel: str, **kwargs: Any) -> None:
            posted.append({"channel": channel, **kwargs})

    bot = Recorder(token="xoxb-test", slack_channel=None)
    await bot.send_text_message("C1", DRAFT, draft_kind="thank_you_email")
    await bot.send_text_message("C1", ADVICE)
    assert [p["text"] for p in posted] == [DRAFT, "Yes, send it today.", "How to go about it:\n• keep it short"]
