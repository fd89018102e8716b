#!/usr/bin/env bash
# make audit: known vulnerabilities in the pinned dependencies (requirements.lock), with pip-audit.
# pip-audit lives in its own venv (.venv-audit): its dependencies conflict with Rasa's pins.
# It only reads the lock file (--no-deps --disable-pip: nothing is resolved or installed) and asks
# PyPI's JSON API for advisories (-s pypi), so it needs no network but PyPI.
#   scripts/audit.sh   exit 0 clean, 1 vulnerable packages, 3 inconclusive (service unreachable);
#   report in reports/audit/pip-audit.json, decisions in docs/audit.md
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"
AUDIT_VENV="${AUDIT_VENV:-$ROOT/.venv-audit}"
# Python 3.10: $PYTHON310, else the interpreter the project venv was made from, else python3.10.
PY310="${PYTHON310:-}"
if [ -z "$PY310" ] && [ -f "$VENV/pyvenv.cfg" ]; then
  home=$(sed -n 's/^home *= *//p' "$VENV/pyvenv.cfg")
  [ -x "$home/python3.10" ] && PY310="$home/python3.10"
fi
if [ -z "$PY310" ] && python3.10 -c '' 2>/dev/null; then PY310=python3.10; fi
[ -n "$PY310" ] || die "python3.10 not found (set PYTHON310)"

if [ ! -x "$AUDIT_VENV/bin/pip-audit" ]; then
  log "Creating $AUDIT_VENV with pip-audit"
  "$PY310" -m venv "$AUDIT_VENV"
  "$AUDIT_VENV/bin/pip" install -q --upgrade pip
  "$AUDIT_VENV/bin/pip" install -q pip-audit
fi

mkdir -p "$ROOT/reports/audit"
out="$ROOT/reports/audit/pip-audit.json"
log "pip-audit -r requirements.lock (vulnerability service: PyPI)"
set +e
"$AUDIT_VENV/bin/pip-audit" -r requirements.lock --no-deps --disable-pip -s pypi --progress-spinner off \
  -f json -o "$out" 2> "$ROOT/reports/audit/pip-audit.log"
rc=$?
set -e
# Summarise: vulnerable packages, and packages the service could not answer for.
"$PY" - "$out" "$rc" <<'PYEOF'
import json, sys
path, rc = sys.argv[1], int(sys.argv[2])
try:
    deps = json.load(open(path))["dependencies"]
except (OSError, ValueError, KeyError):
    print(f"pip-audit failed (exit {rc}); see reports/audit/pip-audit.log"); sys.exit(rc or 1)
vulnerable = [d for d in deps if d.get("vulns")]
skipped = [d for d in deps if d.get("skip_reason")]
for d in vulnerable:
    for v in d["vulns"]:
        fix = ", ".join(v.get("fix_versions") or []) or "no fix"
        print(f"  {d['name']}=={d['version']}  {v['id']}  fixed in: {fix}  {' '.join(v.get('aliases', []))}")
print(f"{len(deps)} pinned packages: {len(vulnerable)} with known vulnerabilities, "
      f"{len(deps) - len(skipped)} checked, {len(skipped)} not checkable")
if skipped and len(skipped) == len(deps):
    print("INCONCLUSIVE: the vulnerability service answered for no package (PyPI's per-version JSON API,\n"
          "  /pypi/<name>/<version>/json, is not reachable from this machine). See docs/audit.md.")
    sys.exit(3)
sys.exit(1 if vulnerable else 0)
PYEOF
