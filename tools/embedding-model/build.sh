#!/bin/sh
# Rebuilds repolens/code-embed-v1 from the installed sources (run install-sources.sh first):
# extract pairs → tokenise → train → export → evaluate. Extra arguments go to train.py.
# PYTHON may name an interpreter with torch and numpy (default: Debian's /usr/bin/python3).
set -eu
cd "$(dirname "$0")/../.."
tsx() { node --conditions=source --import tsx "$@"; }
tsx tools/embedding-model/extract-pairs.ts
tsx tools/embedding-model/tokenize-pairs.ts
"${PYTHON:-/usr/bin/python3}" tools/embedding-model/train.py "$@"
tsx tools/embedding-model/export-model.ts
npm run eval -- --markdown tools/embedding-model/evaluation.md
