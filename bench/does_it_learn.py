"""Does it learn? M5, M11, M18 and ResNet18 on a toy world of a few hundred songs: song-level test accuracy (target >= 85 % for M5 and ResNet18).

The same configurations as the slow cells of 03/04 (`creativeai.experiments.learns_config`). Prints, per model, the
accuracy, its 95 % interval, the epochs run and the wall time, then a table of all; each run writes its own run folder.
Usage: python bench/does_it_learn.py [--models M5 M11 M18 ResNet18] [--songs 320] [--threads 2]
"""
import argparse, time
import pandas as pd
import torch
from creativeai.experiments import learns_config, run_experiment
from creativeai.toy import with_toy_data

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--models', nargs='+', default=['M5', 'M11', 'M18', 'ResNet18']); p.add_argument('--songs', type=int, default=320)
    p.add_argument('--threads', type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    rows = []
    for m in a.models:
        t0 = time.time(); r = run_experiment(with_toy_data(learns_config(m, a.songs)), progress=False); t = r['test']; dt = time.time() - t0
        target = m in ('M5', 'ResNet18')
        rows.append(dict(model=m, song_accuracy=round(t['song_accuracy'], 3), ci95=f"{t['song_accuracy_ci95'][0]:.3f}-{t['song_accuracy_ci95'][1]:.3f}",
                         test_songs=t['n_songs'], best_epoch=r['best_epoch'], epochs=len(r['history']), seconds=round(dt),
                         target=('met' if t['song_accuracy'] >= 0.85 else 'NOT met') if target else '-', run=str(r['run_dir'])))
        print(f"{m}: song-level test accuracy {t['song_accuracy']:.3f} (95 % CI {rows[-1]['ci95']}, {t['n_songs']} songs), best epoch "
              f"{r['best_epoch']} of {len(r['history'])}, {dt:.0f} s ({a.threads} threads) -> {r['run_dir']}", flush=True)
    print(pd.DataFrame(rows).drop(columns='run').to_string(index=False))
