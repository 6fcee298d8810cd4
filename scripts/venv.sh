#!/usr/bin/env bash
# Create or update the repo-local virtualenv at $REPO/.venv and install requirement file(s).
#
#   scripts/venv.sh scripts/requirements-validate.txt [more-requirements.txt ...]
#
# Idempotent and fast: a sha256 of the python version + the given requirement files is kept in
# .venv/.requirements-stamp; when it matches, nothing is installed. Paths are resolved relative
# to the caller's cwd first, then to the repo root. VENV_DIR overrides the venv location.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV_DIR:-$REPO/.venv}"
PY="${PYTHON:-python3}"

die() { echo "venv.sh: error: $*" >&2; exit 1; }

[ "$#" -ge 1 ] || die "usage: scripts/venv.sh REQUIREMENTS.txt [...]"
command -v "$PY" >/dev/null 2>&1 || die "$PY not found"

reqs=()
for r in "$@"; do
  if [ -f "$r" ]; then
    reqs+=("$(cd "$(dirname "$r")" && pwd)/$(basename "$r")")
  elif [ -f "$REPO/$r" ]; then
    reqs+=("$REPO/$r")
  else
    die "requirements file not found: $r"
  fi
done

stamp_file="$VENV/.requirements-stamp"
want="$({ "$PY" -c 'import sys; print(sys.version)'; for r in "${reqs[@]}"; do echo "== $(basename "$r")"; cat "$r"; done; } \
        | sha256sum | cut -d' ' -f1)"

if [ -x "$VENV/bin/python" ] && [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$want" ]; then
  exit 0
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "venv.sh: creating $VENV" >&2
  "$PY" -m venv "$VENV" || die "python3 -m venv $VENV failed"
fi

echo "venv.sh: installing ${reqs[*]#"$REPO/"} into $VENV" >&2
pip_args=()
for r in "${reqs[@]}"; do pip_args+=(-r "$r"); done
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${pip_args[@]}" \
  || die "pip install failed for: ${reqs[*]}"

# Only write the stamp after a successful install.
echo "$want" > "$stamp_file.tmp" && mv "$stamp_file.tmp" "$stamp_file"
echo "venv.sh: ready ($VENV)" >&2
