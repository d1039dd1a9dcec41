#!/usr/bin/env bash
# Creates the project venv with Python $1 (Rasa 3.6 needs 3.10). Uses pyenv where present.
set -euo pipefail
version="$1"; venv="$2"
if [[ -x "$venv/bin/python" ]] && "$venv/bin/python" -c "import sys; sys.exit(sys.version_info[:2] != (3, 10))"; then
  exit 0
fi
python=""
if command -v pyenv >/dev/null 2>&1 && pyenv prefix "$version" >/dev/null 2>&1; then
  python="$(pyenv prefix "$version")/bin/python"
elif command -v python3.10 >/dev/null 2>&1; then
  python="$(command -v python3.10)"
else
  echo "Python 3.10 is nodig (Rasa 3.6). Installeer het, bijvoorbeeld: pyenv install $version" >&2
  exit 1
fi
echo "Creating $venv with $python"
"$python" -m venv "$venv"
