#!/usr/bin/env bash
# Checks ClaimReview JSON-LD against the schema.org vocabulary: each file given is typed as
# schema-dts's WithContext<ClaimReview>[] (or WithContext<DataFeed> for a feed) and compiled
# by TypeScript, whose excess-property checks refuse any type or property name schema.org
# does not define for that place. Usage: tests/schemaorg/check.sh FILE.json...
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ -d "$here/node_modules/schema-dts" ] || (cd "$here" && npm ci --no-audit --no-fund >/dev/null)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
i=0
for f in "$@"; do
    i=$((i + 1))
    if python3 -c 'import json,sys; sys.exit(0 if isinstance(json.load(open(sys.argv[1])), list) else 1)' "$f"; then
        type='WithContext<ClaimReview>[]'
    else
        type='WithContext<DataFeed>'
    fi
    { echo 'import type { ClaimReview, DataFeed, WithContext } from "schema-dts";'
      printf 'export const doc%d: %s = ' "$i" "$type"
      cat "$f"
      echo ';'; } > "$work/doc$i.ts"
done
cat > "$work/tsconfig.json" <<JSON
{"compilerOptions": {"strict": true, "noEmit": true, "module": "esnext", "moduleResolution": "bundler",
 "typeRoots": [], "types": [], "baseUrl": "$here", "paths": {"schema-dts": ["$here/node_modules/schema-dts"]}},
 "include": ["$work/*.ts"]}
JSON
"$here/node_modules/.bin/tsc" -p "$work/tsconfig.json"
echo "schema.org: $# file(s) valid ClaimReview JSON-LD"
