"""The advice engine: pure Python, no Rasa imports, so it can be tested and reused on its own."""
