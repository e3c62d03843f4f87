#!/usr/bin/env python
"""Benchmark `creativeai.deam.EmoMusic` against the thesis's loader (issue 3), in one process on the same files.

The thesis's way (§4.3.1-4.3.2): every `__getitem__` librosa-decodes the mp3 (resampling to 44.1 kHz), zero-pads and
clips [650,475, 1,995,525); for mel: `librosa.feature.melspectrogram` + `power_to_db(ref=max)` + expand to 3 channels +
ImageNet `Normalize`. Ours: `EmoMusic` items read from the decoded int16 cache (raw) or the float16 mel cache (mel).

Prints, and writes to `$CREATIVEAI_RUNS/bench_deam/<run-id>/results.json`:
  * cache build rate (songs/s) for a fresh cache, and the mel cache build time;
  * one epoch of inputs, ours vs thesis, song mode raw and mel (targets: raw >= 20x, mel >= 4x faster);
    slice mode, ours for a whole epoch and the thesis way estimated from a sample of slices;
    mel computed on the fly from the raw cache (the alternative to caching mels);
  * peak RSS of a fresh process iterating rss_songs/10 vs rss_songs songs (100 vs 1,000 by default; target: ratio
    <= 1.25), and the same without releasing the mapped pages; the 1,000-song world is the toy world replicated under
    new song ids (separate files, separately decoded and cached).

Usage: python bench/bench_deam.py [--n-songs 200] [--rss-songs 1000] [--root DIR] [--workers N]
"""
import os
for _v in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS', 'NUMBA_NUM_THREADS'): os.environ.setdefault(_v, '1')
import argparse, gc, json, platform, shutil, subprocess, sys, time
from pathlib import Path

import numpy as np
import torch

from creativeai.audio import CLIP_START, CLIP_END, SLICE_SAMPLES, IMAGENET_MEAN, IMAGENET_STD, MEL_KW, mel_db
from creativeai.config import data_dir, runs_dir
from creativeai.deam import EmoMusic, LAYOUTS, find_audio
from creativeai.cache import MappedArray
from creativeai.toy import make_toy_emomusic


def thesis_item(path, mel: bool, slice_idx: int = -1) -> torch.Tensor:
    "One input the thesis's way: decode in __getitem__, pad, clip (, slice) (, librosa mel + dB + normalise)."
    import librosa
    y, _ = librosa.load(path, sr=44_100, mono=True)
    if len(y) < CLIP_END: y = np.pad(y, (0, CLIP_END - len(y)))
    y = y[CLIP_START:CLIP_END]
    if slice_idx >= 0: y = y[slice_idx * SLICE_SAMPLES:(slice_idx + 1) * SLICE_SAMPLES]
    if not mel: return torch.from_numpy(np.ascontiguousarray(y))[None]
    S = librosa.power_to_db(librosa.feature.melspectrogram(y=y, sr=44_100, n_mels=526, n_fft=5120, hop_length=2560, fmax=8000), ref=np.max)
    S = torch.from_numpy(S).expand(3, -1, -1)
    return (S - torch.tensor(IMAGENET_MEAN).view(3, 1, 1)) / torch.tensor(IMAGENET_STD).view(3, 1, 1)


def timed(fn) -> float:
    t = time.perf_counter(); fn(); return time.perf_counter() - t


def epoch(ds, idx=None) -> float:
    "Seconds to fetch every item (or items `idx`) of `ds`, touching each input."
    def run():
        s = 0.0
        for i in (range(len(ds)) if idx is None else idx): s += float(ds[i].x[..., 0].sum())
    return timed(run)


def reset_peak_rss():
    with open('/proc/self/clear_refs', 'w') as f: f.write('5')          # resets VmHWM (Linux >= 4.0)


def peak_rss_mb() -> float:
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM:'): return int(line.split()[1]) / 1024
    raise RuntimeError('no VmHWM in /proc/self/status')


def replicate_world(src: Path, dst: Path, n: int) -> Path:
    "An emoMusic-layout world of `n` songs: the songs of `src` copied under new ids (separate files)."
    if dst.exists() and len(find_audio(dst)[0]) == n: return dst
    shutil.rmtree(dst, ignore_errors=True)
    lay = LAYOUTS['emomusic']; (dst/lay['audio']).mkdir(parents=True); (dst/'annotations').mkdir()
    files = find_audio(src)[0]; ids = sorted(files)
    new = {}
    for k in range(n):
        sid = ids[k % len(ids)]; nid = 2 + k
        shutil.copy(files[sid], dst/lay['audio']/f'{nid}{files[sid].suffix}'); new[nid] = sid
    for key in ('arousal', 'valence'):
        lines = (src/lay[key]).read_text().splitlines()
        rows = {int(l.split(',', 1)[0]): l.split(',', 1)[1] for l in lines[1:]}
        (dst/lay[key]).write_text('\n'.join([lines[0]] + [f'{nid},{rows[sid]}' for nid, sid in new.items()]) + '\n')
    return dst


def rss_child(root: Path, cache: Path, n: int, release: bool = True) -> dict:
    "Peak RSS (MB) of a fresh process that opens the data set and iterates its first `n` songs."
    code = (f"import sys; sys.argv = ['x']; sys.path.insert(0, {str(Path(__file__).parent)!r}); import bench_deam as b; "
            f"b._rss_run({str(root)!r}, {str(cache)!r}, {n}, {release})")
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _rss_run(root, cache, n, release):
    torch.set_num_threads(1)
    ds = EmoMusic(root, cache_dir=cache, progress=False)
    if not release: MappedArray.read = lambda self, i, idx=...: np.array(self.array[i][idx])   # same reads, pages kept
    gc.collect(); reset_peak_rss(); start = peak_rss_mb()
    epoch(ds, range(n))
    print(json.dumps(dict(start=start, peak=peak_rss_mb())))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--n-songs', type=int, default=200, help='songs in the toy world timed (>= 200 for the issue)')
    ap.add_argument('--rss-songs', type=int, default=1000, help='songs iterated for the large peak-RSS measurement')
    ap.add_argument('--root', type=Path, default=None, help='where the toy worlds and caches live (default: $CREATIVEAI_DATA/bench)')
    ap.add_argument('--workers', type=int, default=None, help='decoding threads (default: all cores)')
    ap.add_argument('--thesis-slices', type=int, default=200, help='slices timed the thesis way (its slice epoch is extrapolated)')
    a = ap.parse_args(argv)
    torch.set_num_threads(1)
    base = a.root or data_dir()/'bench'; base.mkdir(parents=True, exist_ok=True)
    R = dict(host=platform.node(), cpu_count=os.cpu_count(), torch=torch.__version__, n_songs=a.n_songs)
    say = lambda k, v, unit='': (R.__setitem__(k, v), print(f'{k:<42} {v:>12.3f} {unit}' if isinstance(v, float) else f'{k:<42} {v!s:>12} {unit}'))

    toy = base/f'toy_{a.n_songs}'
    if not (toy/LAYOUTS['emomusic']['audio']).exists() or len(find_audio(toy)[0]) != a.n_songs:
        shutil.rmtree(toy, ignore_errors=True)
        say('toy world written (s)', timed(lambda: make_toy_emomusic(toy, n_songs=a.n_songs, seed=0, balance='thesis')))
    cache = base/'cache'; shutil.rmtree(cache, ignore_errors=True)
    dt = timed(lambda: EmoMusic(toy, cache_dir=cache, workers=a.workers, progress=False))
    say('cache build, fresh (songs/s)', a.n_songs / dt); say('cache build, fresh (s)', dt)
    say('cache reuse, valid manifest (s)', timed(lambda: EmoMusic(toy, cache_dir=cache, progress=False)))
    say('mel cache build (s)', timed(lambda: EmoMusic(toy, features='mel', cache_dir=cache, workers=a.workers, progress=False)))
    ds, ds_mel = EmoMusic(toy, cache_dir=cache, progress=False), EmoMusic(toy, features='mel', cache_dir=cache, progress=False)
    ds_sl, ds_mel_sl = (EmoMusic(toy, mode='slice', features=f, cache_dir=cache, progress=False) for f in ('raw', 'mel'))
    paths = [str(p) for p in ds.files]
    thesis_item(paths[0], True)                                                   # librosa/numba warm-up, not timed

    print('-- one epoch of inputs, song mode')
    say('ours raw (s)', epoch(ds)); say('thesis raw (s)', timed(lambda: [thesis_item(p, False) for p in paths]))
    say('raw speed-up (x)', R['thesis raw (s)'] / R['ours raw (s)'])
    say('ours mel, cached (s)', epoch(ds_mel)); say('thesis mel (s)', timed(lambda: [thesis_item(p, True) for p in paths]))
    say('mel speed-up (x)', R['thesis mel (s)'] / R['ours mel, cached (s)'])
    say('ours mel on the fly from raw cache (s)', timed(lambda: [mel_db(ds[i].x) for i in range(len(ds))]))
    say('mel speed-up, on the fly (x)', R['thesis mel (s)'] / R['ours mel on the fly from raw cache (s)'])
    dl = torch.utils.data.DataLoader(ds, batch_size=16, num_workers=2)
    say('ours raw via DataLoader, 2 workers (s)', timed(lambda: [b.x.shape for b in dl]))

    print('-- one epoch of inputs, slice mode')
    rng = np.random.default_rng(0); pick = rng.choice(len(ds_sl), min(a.thesis_slices, len(ds_sl)), replace=False)
    say('ours raw slices (s)', epoch(ds_sl)); say('ours mel slices (s)', epoch(ds_mel_sl))
    t = timed(lambda: [thesis_item(paths[i // ds_sl.n_slices], False, i % ds_sl.n_slices) for i in pick])
    say('thesis raw slices, extrapolated (s)', t * len(ds_sl) / len(pick))
    say('raw slice speed-up (x)', R['thesis raw slices, extrapolated (s)'] / R['ours raw slices (s)'])

    print('-- peak RSS iterating songs (raw song mode), each count in a fresh process')
    big = replicate_world(toy, base/f'toy_{a.rss_songs}_replicated', a.rss_songs)
    rcache = base/'cache_rss'; shutil.rmtree(rcache, ignore_errors=True)
    dt = timed(lambda: EmoMusic(big, cache_dir=rcache, workers=a.workers, progress=False))
    say(f'cache build, {a.rss_songs} songs (songs/s)', a.rss_songs / dt)
    n_small = a.rss_songs // 10
    for n, release in ((n_small, True), (a.rss_songs, True), (a.rss_songs, False)):
        r = rss_child(big, rcache, n, release)
        tag = '' if release else ', pages not released'
        say(f'peak RSS iterating {n} songs{tag} (MB)', r['peak']); say(f'  growth over start, {n} songs{tag} (MB)', r['peak'] - r['start'])
    say(f'RSS ratio {a.rss_songs}/{n_small}', R[f'peak RSS iterating {a.rss_songs} songs (MB)'] / R[f'peak RSS iterating {n_small} songs (MB)'])

    out = runs_dir()/'bench_deam'/time.strftime('%Y%m%d-%H%M%S'); out.mkdir(parents=True, exist_ok=True)
    (out/'results.json').write_text(json.dumps(R, indent=1)); print('results:', out/'results.json')
    ok = R['raw speed-up (x)'] >= 20 and R['mel speed-up (x)'] >= 4 and R[f'RSS ratio {a.rss_songs}/{a.rss_songs // 10}'] <= 1.25
    print('targets met' if ok else 'TARGETS MISSED')
    return 0 if ok else 1


if __name__ == '__main__': sys.exit(main())
