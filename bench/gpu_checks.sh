#!/bin/bash
# The device checks in one go (a lent GPU machine with torch but without the audio packages): the GPU mel front end,
# "does it learn?" for M5 and ResNet18 on a 320-song toy world, and the raw grid's cost. Writes logs under $OUT (or /tmp).
# Usage (from the repository root): bash bench/gpu_checks.sh    -- expects wheels of the missing packages in .whl/
set -o pipefail
OUT=${OUT:-/tmp}
if [ -d .whl ]; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
  export PYTHONPATH=/tmp/site:$PWD
fi
export CREATIVEAI_DATA=${CREATIVEAI_DATA:-/tmp/creativeai-data} CREATIVEAI_RUNS=${CREATIVEAI_RUNS:-/tmp/creativeai-runs}
nvidia-smi -L
python3 bench/gpu_mel_check.py 2>&1 | tee $OUT/gpu_mel.txt
python3 bench/does_it_learn.py 2>&1 | grep -v "Note:\|Warning: Xing\|Illegal Audio\|resync\|id3" | tee $OUT/learn.txt
python3 bench/bench_grid_cost.py --steps 3 2>&1 | tee $OUT/grid_cost.txt
