"""Custom Rasa channels of the Interview Outreach Coach (referenced by module path in credentials.yml)."""

from channels.speedups import cache_action_answer_validator, send_current_turn_only

cache_action_answer_validator()
send_current_turn_only()
