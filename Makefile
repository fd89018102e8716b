# Interview Outreach Coach: the front door. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
S := scripts

.PHONY: help run shell test install train lint unit validate stories eval e2e \
        test-web test-slack test-shell conversations audit cluster cluster-stop cluster-test bench bench-quick lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

run: ## Install and train if needed, then serve the web chat, REST, Socket.IO (and Slack) until Ctrl-C
	@bash $(S)/run.sh

shell: ## Chat in the terminal with the Rasa shell (same model and actions)
	@bash $(S)/shell.sh

test: ## Every check: lint, unit tests, validate, train, test stories, NLU eval, end-to-end, cluster, bench
	@bash $(S)/test.sh

install: ## Create .venv (Python 3.10) from requirements.lock and node_modules from package-lock.json (no-op when up to date)
	@bash $(S)/install.sh
	@bash $(S)/install_web.sh

train: install ## Train a model if data, domain or config changed since the last one
	@bash $(S)/train.sh

lint: install ## ruff lint and format check
	@TEST_STAGES="lint" bash $(S)/test.sh

unit: install ## Engine and action unit tests (pytest)
	@TEST_STAGES="unit" bash $(S)/test.sh

validate: install ## rasa data validate --fail-on-warnings
	@TEST_STAGES="validate" bash $(S)/test.sh

stories: train ## rasa test on tests/stories with --fail-on-prediction-errors
	@TEST_STAGES="stories" bash $(S)/test.sh

eval: train ## NLU test set (macro-F1, entity F1) and realistic first messages (branch, goal, facts) in reports/
	@bash $(S)/eval.sh

conversations: install ## Replay the multi-turn conversations (tests/conversations/, about 200) against `make run` (needs RASA_API_TOKEN)
	@.venv/bin/python $(S)/conversations.py --url http://127.0.0.1:5005 --token "$${RASA_API_TOKEN:?set RASA_API_TOKEN to the token make run uses}"

e2e: train ## End-to-end suites: web widget, Slack, Rasa shell, REST, bad input, persistence
	@TEST_STAGES="e2e" bash $(S)/test.sh

audit: ## Dependency audit of requirements.lock (pip-audit)
	@bash $(S)/audit.sh

cluster: train ## Start nginx + 2 Rasa + 2 action servers + PostgreSQL + Redis on 127.0.0.1
	@bash $(S)/cluster.sh start

cluster-stop: ## Stop the cluster
	@bash $(S)/cluster.sh stop

cluster-test: train ## Load test on the cluster, killing one Rasa replica mid-run
	@bash $(S)/cluster_test.sh

bench: train ## Full benchmark against a stock `rasa init` assistant (report in reports/bench/)
	@bash $(S)/bench.sh

bench-quick: train ## A short benchmark run that checks the benchmark works (CI)
	@bash $(S)/bench.sh --quick

lock: ## Re-resolve requirements.in into requirements.lock
	@bash $(S)/lock.sh

clean: ## Remove models, results, reports and var/ (conversations!)
	rm -rf models results reports var
