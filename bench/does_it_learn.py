"""Does it learn? M5 and ResNet18 on a toy world of a few hundred songs: song-level test accuracy (target >= 85 %).

The same configurations as the slow cells of 03/04 (`creativeai.experiments.learns_config`). Prints accuracy, its
95 % interval, the epochs run and the wall time; each run writes its own run folder.
Usage: python bench/does_it_learn.py [--models M5 ResNet18] [--songs 320]
"""
import argparse, time
from creativeai.experiments import learns_config, run_experiment

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--models', nargs='+', default=['M5', 'ResNet18']); p.add_argument('--songs', type=int, default=320)
    a = p.parse_args()
    for m in a.models:
        t0 = time.time(); r = run_experiment(learns_config(m, a.songs), progress=False); t = r['test']
        print(f"{m}: song-level test accuracy {t['song_accuracy']:.3f} (95 % CI {t['song_accuracy_ci95'][0]:.3f}-{t['song_accuracy_ci95'][1]:.3f}, "
              f"{t['n_songs']} songs), best epoch {r['best_epoch']} of {len(r['history'])}, {time.time() - t0:.0f} s "
              f"(target >= 0.85: {'met' if t['song_accuracy'] >= 0.85 else 'NOT met'}) -> {r['run_dir']}", flush=True)
