#!/usr/bin/env bash
# The concurrency suites while CPU-burning processes compete for every core.
#
# Their invariants (every one of 50 concurrent purchases credited, exactly 10 of 100 claims for
# the last 10 units, exactly the stock of a flash drop and of a deal's last groups, nothing
# oversold after a kill -9) must hold however slow the machine is. This runs only those tests
# (`-t`), with one busy-looping `node` per core (at least 2) for the run's duration, so a test
# that only passes on an idle machine fails. One suite at a time (--runInBand): the burners are the
# competition, not four jest workers. Not in .ci/run yet: see README "Concurrency tests hold on a
# busy machine" for what still fails when the machine is loaded on top of the burners.
set -euo pipefail
cd "$(dirname "$0")/.."

cores=$(node -p 'require("node:os").availableParallelism()')
burners=$(( cores < 2 ? 2 : cores ))
pids=()
stop_burners() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap stop_burners EXIT
for _ in $(seq "$burners"); do
  node -e 'for (;;) {}' &
  pids+=("$!")
done
echo "ci-under-load: ${burners} CPU burners running (pids ${pids[*]})"

npx jest --runInBand --selectProjects functions scenario -t 'concurrent|flash drop' \
  test/functions/till.test.ts test/functions/coupons.test.ts test/functions/groupbuy.test.ts test/scenario/crash-flash-drop.test.ts
