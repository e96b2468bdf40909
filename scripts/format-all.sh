#!/usr/bin/env bash
# Formats the whole tree with Biome (settings in biome.jsonc), then makes `npm run lint:code`
# check formatting as well as lint rules, so CI keeps the tree formatted from then on.
# Run once, as its own commit with nothing else in it, when no other branch is mid-restructure:
# it rewrites several thousand lines in most files.
set -euo pipefail
cd "$(dirname "$0")/.."
npx biome format --write .
npm pkg set 'scripts.lint:code=biome check --error-on-warnings .'
npx biome check --error-on-warnings .
echo "Formatted. Commit everything this changed on its own: git commit -am 'Format the tree with Biome'"
