"""Feature translator costs on a 4Q release: handcrafted features of every clip, and one 10-fold run, against #13's targets.

Computes `creativeai.features.clip_features` for every clip of the release (from its decoded cache, in --workers
processes, without reading or writing the feature cache), then one stratified 10-fold cross-validation of each
feature model on them, and prints the seconds with their ratio to the targets: features for 900 clips ≤ 120 s on
2 cores, a full 10-fold run ≤ 300 s on a CPU.
Usage: python bench/bench_features.py [--root $CREATIVEAI_DATA/MER_audio_taffc_dataset] [--workers 2]
"""
import argparse, os, time
from concurrent.futures import ProcessPoolExecutor
import numpy as np, pandas as pd
from creativeai.config import data_dir
from creativeai.fourq import FourQ
from creativeai.features import _clip_row, _worker_init, _names, feature_cv, FEATURE_MODELS

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--root', default=str(data_dir()/'MER_audio_taffc_dataset')); p.add_argument('--workers', type=int, default=2)
    a = p.parse_args()
    ds = FourQ(a.root, progress=False)
    jobs = [(str(ds.cache_dir/'raw.npy'), r, s, 'handcrafted') for r, s in zip(ds._rows, ds._scale)]
    t0 = time.time()
    with ProcessPoolExecutor(a.workers, initializer=_worker_init) as ex: X = np.stack(list(ex.map(_clip_row, jobs, chunksize=4)))
    dt = time.time() - t0; target = 120 * len(jobs) / 900
    print(f"handcrafted features of {len(jobs)} clips ({X.shape[1]} each), {a.workers} processes: {dt:.0f} s = {dt / target:.2f} × the target ({target:.0f} s)")
    X = pd.DataFrame(X, index=ds.song_labels.index, columns=_names('handcrafted', X.shape[1]))
    for m in FEATURE_MODELS:
        t0 = time.time(); cv = feature_cv(X, ds.song_labels, m, folds=10, repeats=1, classes=ds.classes, progress=False); dt = time.time() - t0
        print(f"{m}: 10-fold in {dt:.0f} s = {dt / 300:.2f} × the target (300 s); macro-F1 {cv.macro_f1.mean():.3f} ± {cv.macro_f1.std():.3f}")
