"""Benchmark of the Interview Outreach Coach against a stock `rasa init` assistant (make bench)."""
