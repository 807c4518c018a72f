#!/usr/bin/env bash
# Usage: scripts/bench/ab.sh REV CONTENT RUNS [build options...]
#
# Builds CONTENT alternately with commit REV (A, in a scratch git worktree) and with this
# working tree (B), RUNS times each, one cold process per build into a fresh folder, and prints
# wall, user and system seconds and the stage timings. A build that reports errors in its input
# (exit code 1, as the sample corpus's bad/ files give) is timed like any other. On machines
# whose speed drifts, pairs taken one after the other compare a change fairly where two separate
# bench runs cannot.
set -euo pipefail
rev=$1 content=$(realpath "$2") runs=$3
shift 3
here=$(pwd)
tree=$(mktemp -d)/a
git worktree add --detach --force "$tree" "$rev" >/dev/null 2>&1
ln -s "$here/node_modules" "$tree/node_modules"
trap 'git -C "$here" worktree remove --force "$tree" >/dev/null 2>&1 || true' EXIT
for _ in $(seq "$runs"); do
  for side in A B; do
    dir=$here
    [ "$side" = A ] && dir=$tree
    sync
    out=$(mktemp -d)/dist
    stats=$(mktemp)
    (cd "$dir" && NEWS_ARCHIVE_STATS=$stats /usr/bin/time -f "$side %e s wall %U user %S sys %M KB" \
      node bin/news-archive.js build --content "$content" --out "$out" --no-cache "$@" 2>&1 >/dev/null | tail -1) || true
    node -e "console.log('  ', JSON.stringify(JSON.parse(require('fs').readFileSync('$stats','utf8')).timings))"
    rm -rf "$(dirname "$out")" "$stats"
  done
done
