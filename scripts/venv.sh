#!/usr/bin/env bash
# Create or update the repo-local virtualenv at $REPO/.venv and install requirement file(s).
#
#   scripts/venv.sh scripts/requirements-validate.txt [more-requirements.txt ...]
#
# Idempotent and fast: a sha256 of the python version + each requirements file is kept in
# .venv/.stamp-<file>; only files whose stamp differs are installed. Paths are resolved relative
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

# One stamp per requirements file, so scripts that share the venv with different files
# (validate-sql, validate-workflows) do not reinstall each other's packages.
pyver="$("$PY" -c 'import sys; print(sys.version)')"
stale=()
for r in "${reqs[@]}"; do
  want="$({ echo "$pyver"; cat "$r"; } | sha256sum | cut -d' ' -f1)"
  stamp="$VENV/.stamp-$(basename "$r")"
  if ! [ -x "$VENV/bin/python" ] || ! [ -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then stale+=("$r"); fi
done
[ "${#stale[@]}" -gt 0 ] || exit 0

if [ ! -x "$VENV/bin/python" ]; then
  echo "venv.sh: creating $VENV" >&2
  "$PY" -m venv "$VENV" || die "python3 -m venv $VENV failed"
fi

echo "venv.sh: installing ${stale[*]#"$REPO/"} into $VENV" >&2
pip_args=()
for r in "${stale[@]}"; do pip_args+=(-r "$r"); done
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${pip_args[@]}" \
  || die "pip install failed for: ${stale[*]}"

# Only write the stamps after a successful install.
for r in "${stale[@]}"; do
  want="$({ echo "$pyver"; cat "$r"; } | sha256sum | cut -d' ' -f1)"
  echo "$want" > "$VENV/.stamp-$(basename "$r").tmp" && mv "$VENV/.stamp-$(basename "$r").tmp" "$VENV/.stamp-$(basename "$r")"
done
echo "venv.sh: ready ($VENV)" >&2
