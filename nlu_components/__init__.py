"""Custom NLU components of the Interview Outreach Coach (referenced by module path in config.yml).

Rasa imports this package to build the pipeline in every command that loads or trains the model (rasa run
for `make run` and the cluster, rasa shell, rasa test), so the replacements of Rasa internals are installed
here, once and the same way for all of them (channels/rasa_fixes.py).
"""

from channels import rasa_fixes

rasa_fixes.install()
