"""Benchmark: the thesis mel front end per 30.5 s clip, creativeai.audio.mel_db vs librosa, in one process, same clips.

Target (issue 2): ours >= 1.5x faster on CPU. Prints both timings, the ratio and the largest dB difference.
Like for like, one thread each by default: librosa's FFT is single-threaded, and data-loading workers run one thread
each. The two libraries run in alternating blocks (ours, librosa, ours, librosa), never interleaved call by call: on
2 cores the idle threads of one library's pool spin against the other's and the measure becomes their contention.
Usage: python bench/bench_mel.py [--clips 8] [--threads 1]   (--threads sets torch's and OpenBLAS's thread count)
"""
import argparse, os, sys, time
_n = sys.argv[sys.argv.index('--threads') + 1] if '--threads' in sys.argv else '1'
os.environ['OPENBLAS_NUM_THREADS'] = os.environ['OMP_NUM_THREADS'] = _n  # before numpy and torch load
import numpy as np, torch, librosa
from creativeai.audio import SR, CLIP_SAMPLES, mel_db

KW = dict(sr=SR, n_fft=5120, hop_length=2560, n_mels=526)
def ours(w): return mel_db(torch.from_numpy(w)[None]).numpy()
def theirs(w): return librosa.power_to_db(librosa.feature.melspectrogram(y=w[None], fmax=8000, **KW), ref=np.max)

def timed(f, waves):
    out = []
    for w in waves:
        t0 = time.perf_counter(); f(w); out.append(time.perf_counter() - t0)
    return out

def main(clips=8, threads=1):
    torch.set_num_threads(threads)
    rng = np.random.default_rng(0)
    t = np.arange(CLIP_SAMPLES)/SR
    waves = [(0.3*np.sin(2*np.pi*rng.uniform(80, 800)*t) + 0.05*rng.standard_normal(CLIP_SAMPLES)).astype(np.float32) for _ in range(clips)]
    err = max(float(np.abs(ours(w) - theirs(w)).max()) for w in waves[:2])  # also the warm-up
    o, l = [], []
    for _ in range(2): o += timed(ours, waves); l += timed(theirs, waves)
    o, l = np.median(o), np.median(l)
    print(f"mel per 30.5 s clip ({clips} clips x 2 blocks, {threads} thread(s)): ours {o*1e3:.1f} ms, librosa {l*1e3:.1f} ms, "
          f"ratio {l/o:.2f}x (target >= 1.5x: {'met' if l/o >= 1.5 else 'NOT met'}); max |ours - librosa| {err:.4f} dB")
    return l/o

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--clips', type=int, default=8); p.add_argument('--threads', type=int, default=1)
    a = p.parse_args(); main(a.clips, a.threads)
