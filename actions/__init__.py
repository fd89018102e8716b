"""Interview Outreach Coach: custom actions (Rasa SDK) and the advice engine behind them."""
