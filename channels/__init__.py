"""Custom Rasa channels of the Interview Outreach Coach (referenced by module path in credentials.yml)."""
