"""Cross-validation on a toy 4Q world: what a fold costs on this machine, and the scores (mean ± std over folds).

Builds (once) a toy 4Q world of --clips clips in the release layout (`creativeai.toy.toy_fourq`), then runs
`creativeai.experiments.cross_validate` — stratified k-fold by clip, repeated — with the M5 of the translator's
"does it learn?" configuration, and prints seconds per fold, the mean ± std table and F1 per quadrant.
Usage: python bench/bench_cv_4q.py [--clips 200] [--folds 5] [--repeats 2] [--epochs 8] [--threads 2]
"""
import argparse, time
import torch
from creativeai.experiments import cross_validate, learns_config
from creativeai.toy import toy_fourq, with_toy_data

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--clips', type=int, default=200); p.add_argument('--folds', type=int, default=5); p.add_argument('--repeats', type=int, default=2)
    p.add_argument('--epochs', type=int, default=8); p.add_argument('--threads', type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    root = toy_fourq(a.clips)
    cfg = learns_config('M5', data_root=str(root), n_classes=4, folds=a.folds, repeats=a.repeats, ep=a.epochs, experiment='cv-4q-bench')
    print(f"toy 4Q world {root} ({a.clips} clips); M5 ksz {cfg.ksz} kfm {cfg.kfm} slice mode, {cfg.ep} epochs (patience {cfg.patience}), "
          f"{a.repeats} x {a.folds}-fold, {a.threads} thread(s)", flush=True)
    t0 = time.time(); cv = cross_validate(cfg); dt = time.time() - t0
    n = len(cv['folds'])
    print(f"{n} folds in {dt:.0f} s: {dt / n:.1f} s per fold ({cv['folds'].best_epoch.mean():.1f} best epoch on average) -> {cv['run_dir']}")
    print(cv['summary'].to_string()); print(cv['per_class'].round(3).to_string())
