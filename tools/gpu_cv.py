"""Notebook 03's mel models under repeated k-fold on the real 4Q clips, on a GPU machine that cannot reach the data.

How the ResNet18 row of 04b's table was measured (3 × 10-fold, one H200, 417 s): the clips travel as their thesis mel
spectrograms (526 × 526, dB → uint8 → WebP quality 92: 0.56 dB rms from the cache's float16, 52 MB a half), in two calls
of the lending tool (64 MiB each); there `creativeai.experiments.cross_validate` runs the folds in P processes
(`only=range(p, n, P)`; each loads its batches on the CPU: a batch of 32 clips, 106 MB of float32 mel images, took
0.2 s on one core here), reading the same `FourQ` items.
With the audio on the GPU machine, none of this is needed: `papermill 03_mel_resnet.ipynb … -p model ResNet18 -p crop 10
-p folds 10 -p repeats 3 -p data_root …` (or several Python processes, each `cross_validate(cfg, only=…)`).

    # here, with the 4Q release and its cache (CREATIVEAI_DATA):
    python tools/gpu_cv.py pack $CREATIVEAI_DATA/MER_audio_taffc_dataset .gpu/4q          # .gpu/4q/{fourq.pkl,part1,part2}
    # there: call 1 (carry .gpu/4q/part1 tools/gpu_cv.py), then at once call 2 (carry .whl .gpu/4q/part2 .gpu/4q/fourq.pkl):
    python3 tools/gpu_cv.py stage .gpu/4q/part1
    python3 tools/gpu_cv.py run $OUT 8 4 '{"model": "ResNet18", "crop": 10, …, "run_dir": "/tmp/runs/4q-deep/ResNet18-aug-crop"}' \\
        .gpu/4q/fourq.pkl /tmp/stage/part1 .gpu/4q/part2
    # (soundfile, cffi, pycparser and soxr travel as wheels in .whl, installed with `pip install --target`)

`run` writes $OUT/resnet18-run.tar.gz (the run folder without checkpoints, refreshed every 20 s: the finished folds come
back even when time runs out), a log per process and, once every fold is in, the report (cv.json, cv_summary.md …).
Unpack it into `$CREATIVEAI_RUNS/4q-deep/` to put the run beside the others (04b's table, `fuse_cv`).
"""
import os, sys, json, time, pickle, shutil, tarfile, subprocess, argparse
from pathlib import Path
from concurrent.futures import ThreadPoolExecutor
import numpy as np

DB = 80.0   # the mel cache's range: 0 … −80 dB

def pack(root, dest, parts: int = 2):
    "The `FourQ` mel data set of `root`, pickled, and its mel cache as WebP images in `parts` folders."
    from PIL import Image
    from creativeai.fourq import FourQ
    ds, dest = FourQ(root, features='mel'), Path(dest)
    dest.mkdir(parents=True, exist_ok=True); (dest/'fourq.pkl').write_bytes(pickle.dumps(ds))
    m = np.load(ds.cache_dir/'mel.npy', mmap_mode='r'); n = len(m)
    def one(i):
        q = np.clip(np.round(np.asarray(m[i], np.float32) * (-255 / DB)), 0, 255).astype(np.uint8)
        d = dest/f'part{i * parts // n + 1}'; d.mkdir(exist_ok=True)
        Image.fromarray(q).save(d/f'{i}.webp', 'WEBP', quality=92)
    with ThreadPoolExecutor(os.cpu_count()) as ex: list(ex.map(one, range(n)))
    print(n, 'clips', {d.name: f'{sum(f.stat().st_size for f in d.iterdir()) / 2**20:.1f} MiB' for d in sorted(dest.glob('part*'))})

def build_mel(part_dirs, n: int, dest):
    "The float16 mel cache `(n, 526, 526)` back from the WebP images of `part_dirs`."
    from PIL import Image
    files = sorted((f for d in part_dirs for f in Path(d).glob('*.webp')), key=lambda f: int(f.stem))
    if [int(f.stem) for f in files] != list(range(n)): raise SystemExit(f"the parts hold {len(files)} of {n} clips: {part_dirs}")
    mm = np.lib.format.open_memmap(dest, 'w+', np.float16, (n, 526, 526))
    def one(f): mm[int(f.stem)] = (np.asarray(Image.open(f).convert('L'), np.float32) * (-DB / 255)).astype(np.float16)
    with ThreadPoolExecutor(os.cpu_count()) as ex: list(ex.map(one, files))
    mm.flush()

def load_ds(pkl, mel):
    from creativeai.cache import MappedArray
    ds = pickle.loads(Path(pkl).read_bytes()); ds._mel, ds._raw = MappedArray(mel), None
    return ds

def work(p: int, P: int, cfg_json: str, pkl, mel):
    "Process `p` of `P`: its folds of the run, on the data set read from `pkl` and `mel`."
    import torch, creativeai.experiments as E
    torch.set_num_threads(2); torch.backends.cudnn.benchmark = True
    ds = load_ds(pkl, mel)
    E.experiment_dataset = lambda cfg, progress=True: ds      # the clips as `cross_validate` would read them from the release
    cfg = E.ExperimentConfig(**json.loads(cfg_json)); n = cfg.folds * cfg.repeats
    r = E.cross_validate(cfg, progress=False, only=range(p, n, P))
    print(f"process {p}: {r.get('finished', n)} of {n} folds finished", flush=True)

def pack_run(run_dir, out):
    tmp = Path(out)/'resnet18-run.tar.gz.partial'
    with tarfile.open(tmp, 'w:gz') as t:
        for f in sorted(Path(run_dir).rglob('*')):
            if f.is_file() and f.suffix != '.pt': t.add(f, arcname=str(f.relative_to(Path(run_dir).parent)))
    tmp.rename(Path(out)/'resnet18-run.tar.gz')

def run(out, minutes: float, P: int, cfg_json: str, pkl, parts):
    "Rebuild the mel cache, run the folds in `P` processes until done or `minutes` are up, bring back the run folder."
    t0 = time.time(); deadline = t0 + 60 * minutes; out = Path(out); mel = '/tmp/mel.npy'
    build_mel(parts, int(pickle.loads(Path(pkl).read_bytes())._rows.max()) + 1, mel)
    print(f"mel rebuilt in {time.time() - t0:.0f} s", flush=True)
    cfg = json.loads(cfg_json); run_dir = Path(cfg['run_dir']); n = cfg['folds'] * cfg['repeats']
    procs = []
    for p in range(P):
        log = open(out/f'worker{p}.log', 'w')
        procs.append(subprocess.Popen([sys.executable, __file__, 'work', str(p), str(P), cfg_json, str(pkl), mel], stdout=log,
                                      stderr=subprocess.STDOUT, env=dict(os.environ, PYTHONUNBUFFERED='1')))
        if p == 0:                                            # the first makes the run folder, then the rest start
            while not (run_dir/'config.json').exists() and procs[0].poll() is None: time.sleep(0.5)
    while any(q.poll() is None for q in procs) and time.time() < deadline:
        time.sleep(20); pack_run(run_dir, out)
        print(f"{time.time() - t0:5.0f} s: {len(list(run_dir.glob('*/fold.json')))} of {n} folds", flush=True)
    for q in procs:
        if q.poll() is None: q.kill()
    print('exit codes', [q.wait() for q in procs], flush=True)
    if len(list(run_dir.glob('*/fold.json'))) == n:           # every fold in: the report
        import creativeai.experiments as E
        E.experiment_dataset = lambda c, progress=True: load_ds(pkl, mel)
        rep = E.cross_validate(E.ExperimentConfig(**cfg), progress=False)
        print(rep['summary'].to_string()); print(rep['per_class'].to_string())
    pack_run(run_dir, out); print(f"total {time.time() - t0:.0f} s", flush=True)

if __name__ == '__main__':
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0]); sub = ap.add_subparsers(dest='cmd', required=True)
    a = sub.add_parser('pack'); a.add_argument('root'); a.add_argument('dest'); a.add_argument('--parts', type=int, default=2)
    a = sub.add_parser('stage'); a.add_argument('parts', nargs='+')
    a = sub.add_parser('work'); [a.add_argument(k) for k in ('p', 'P', 'cfg', 'pkl', 'mel')]
    a = sub.add_parser('run'); [a.add_argument(k) for k in ('out', 'minutes', 'P', 'cfg', 'pkl')]; a.add_argument('parts', nargs='+')
    a = ap.parse_args()
    if a.cmd == 'pack': pack(a.root, a.dest, a.parts)
    elif a.cmd == 'stage':
        for src in a.parts: shutil.copytree(src, f'/tmp/stage/{Path(src).name}', dirs_exist_ok=True)
        print('staged', {src: len(os.listdir(src)) for src in a.parts})
    elif a.cmd == 'work': work(int(a.p), int(a.P), a.cfg, a.pkl, a.mel)
    else: run(a.out, float(a.minutes), int(a.P), a.cfg, a.pkl, a.parts)
