"""Custom Rasa channels of the Interview Outreach Coach (referenced by module path in credentials.yml)."""

from channels.lazy_ted import defer_ted, resolve_deferred
from channels.speedups import (
    cache_action_answer_validator,
    cache_event_types,
    carry_each_slot_once,
    send_current_turn_only,
    start_sessions_at_idle_points,
)

cache_action_answer_validator()
send_current_turn_only()
cache_event_types()
start_sessions_at_idle_points()
carry_each_slot_once()
defer_ted()
resolve_deferred()
