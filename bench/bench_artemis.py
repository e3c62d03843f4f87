"""Benchmarks of the painter's data and GANs (notebooks 05-07).

1. images/s through the 64 x 64 uint8 memmap cache of `creativeai.artemis.WikiArt` against decoding + resizing the
   JPEGs on every access (what an ImageFolder with Resize + CenterCrop does every epoch); target: >= 10x.
2. GAN iterations/s (`creativeai.dcgan.gan_step`) of the DCGAN and the cDCGAN at the thesis's sizes (batch 64,
   ngf = ndf = 64) and at smaller ones, on the CPU and on CUDA when present.
3. With --quality: the measured-quality run of notebook 07 (papermill, real parameters) on a toy world, its numbers
   read back from the run's quality.json and checked against the toy-world targets (cDCGAN fidelity >= 0.8 x the
   classifier's real-image accuracy; FID(real, cDCGAN) far below FID(real, noise)).

    python bench/bench_artemis.py [--quick] [--threads 1] [--quality --ngf 16 --iters 2000 --aux-weight 1 --proj true ...]
"""
import argparse, dataclasses, json, os, subprocess, sys, tempfile, time
from pathlib import Path
import torch

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--quick', action='store_true', help='small sizes (for `nbdev_test --flags slow`)')
p.add_argument('--threads', type=int, default=1, help='torch CPU threads')
p.add_argument('--skip-data', action='store_true'); p.add_argument('--skip-gan', action='store_true')
p.add_argument('--quality', action='store_true', help='run notebook 07 with the parameters below via papermill')
p.add_argument('--clf-epochs', type=int, default=40); p.add_argument('--n-eval', type=int, default=250)
p.add_argument('--dcgan-iters', type=int, default=None, help='iterations of the unconditional DCGAN compared with (default: --iters; 0 skips it)')
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from creativeai.config import config_args
from creativeai.cdcgan import CondGANConfig
config_args(p, CondGANConfig, skip=('run_id', 'resume', 'sample_every', 'ckpt_every', 'ndf'))   # the painter's settings: flags of its dataclass
p.set_defaults(iters=3000)
args = p.parse_args()
torch.set_num_threads(args.threads)
repo = Path(__file__).resolve().parents[1]; sys.path.insert(0, str(repo))
from creativeai.artemis import WikiArt, ARTEMIS_CSV
from creativeai.toy import make_toy_artemis
from creativeai.dcgan import Generator, Discriminator, gan_step, make_optimizers
from creativeai.cdcgan import CondGenerator, CondDiscriminator

def images_per_s(ds, epochs=1, bs=64):
    t = time.perf_counter()
    for _ in range(epochs):
        for _ in torch.utils.data.DataLoader(ds, batch_size=bs, shuffle=True): pass
    return epochs*len(ds)/(time.perf_counter() - t)

if not args.skip_data:
    n, size = (200, 256) if args.quick else (1000, 512)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter(); world = make_toy_artemis(Path(tmp)/'world', n_paintings=n, image_size=size, seed=0)
        print(f"toy world: {n} paintings of {size} px wide painted in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter(); ds = WikiArt(world/'wikiart', world/'artemis'/ARTEMIS_CSV, progress=False)
        print(f"cache built once: {len(ds)} images in {time.perf_counter() - t:.2f} s (threads: {min(8, os.cpu_count())})")
        nc = WikiArt(world/'wikiart', world/'artemis'/ARTEMIS_CSV, cache=False)
        fast, slow = images_per_s(ds, 5), images_per_s(nc, 1)
        print(f"images/s, batch 64, 1 process, {args.threads} thread(s): cache {fast:,.0f} | decode JPEG + resize every epoch {slow:,.0f} "
              f"| ratio {fast/slow:.0f}x (target >= 10x)")
        assert fast/slow >= 10, f"cache only {fast/slow:.1f}x faster than decoding"

if not args.skip_gan:
    devs = ['cpu'] + (['cuda'] if torch.cuda.is_available() else [])
    sizes = [(8, 16), (16, 64)] if args.quick else [(16, 64), (32, 64), (64, 64)]
    for dev in devs:
        for cond in (False, True):
            for ngf, bs in (sizes if dev == 'cpu' else [(64, 64)]):
                torch.manual_seed(0)
                G, D = (CondGenerator(ngf=ngf), CondDiscriminator(ndf=ngf)) if cond else (Generator(ngf=ngf), Discriminator(ndf=ngf))
                G, D = G.to(dev), D.to(dev); og, od = make_optimizers(G, D)
                x, z = torch.rand(bs, 3, 64, 64, device=dev)*2 - 1, torch.randn(bs, 100, device=dev)
                y = torch.randint(0, 8, (bs,), device=dev) if cond else None
                reps = 20 if dev == 'cuda' else (3 if ngf >= 32 else 10)
                for _ in range(3 if dev == 'cuda' else 1): gan_step(G, D, og, od, x, z, y)
                if dev == 'cuda': torch.cuda.synchronize()
                t = time.perf_counter()
                for _ in range(reps): gan_step(G, D, og, od, x, z, y)
                if dev == 'cuda': torch.cuda.synchronize()
                dt = (time.perf_counter() - t)/reps
                print(f"{'cDCGAN' if cond else 'DCGAN ':6s} {dev:4s} ngf=ndf={ngf:<3d} batch {bs:<3d}: {1/dt:7.2f} it/s ({dt*1000:7.1f} ms/it, {args.threads} thread(s) on CPU)")

if args.quality:
    out = Path(tempfile.mkdtemp())/'07_quality.ipynb'
    run_id = f"quality-{time.strftime('%Y%m%d-%H%M%S')}-seed{args.seed}-{os.getpid()}"   # its own folder, so parallel runs never read each other's
    gan = {f.name: getattr(args, f.name) for f in dataclasses.fields(CondGANConfig) if hasattr(args, f.name)}
    params = dict(gan, run_id=run_id, ndf=args.ngf, dcgan_iters=args.iters if args.dcgan_iters is None else args.dcgan_iters,
                  sample_every=max(1, args.iters//4), ckpt_every=max(1, args.iters//10), clf_epochs=args.clf_epochs, clf_width=32, n_eval=args.n_eval)
    cmd = [sys.executable, '-m', 'papermill', str(repo/'nbs'/'07_cdcgan.ipynb'), str(out), '--cwd', str(repo), '--log-output']
    for k, v in params.items(): cmd += ['-p', k, str(v)]
    print('$', ' '.join(cmd), flush=True)
    t = time.perf_counter(); subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    from creativeai.config import runs_dir
    run_dir = runs_dir()/'cdcgan'/run_id; q = json.loads((run_dir/'quality.json').read_text())
    (run_dir/'07_cdcgan.ipynb').write_bytes(out.read_bytes())   # the executed notebook goes with its run
    print(f"quality run {run_dir} in {time.perf_counter() - t:.0f} s")
    print(f"judge accuracy on {q['judge_real_n']} real held-out paintings: {q['judge_real_accuracy']['all']:.3f}")
    for r in q['fidelity']: print(f"  {r['requested']:12s} fidelity {r['fidelity (generated)']:.3f}  real {r['real accuracy']:.3f}  ratio {r['ratio']:.2f}")
    for r in q['distances']: print(f"  {r['model']:28s} FID {r['FID']:10.3f}  KID {r['KID']:9.4f}  [{r['features']}]")
    allf = next(r for r in q['fidelity'] if r['requested'] == 'all')
    fidc = next(r['FID'] for r in q['distances'] if r['model'] == 'cDCGAN'); fidn = next(r['FID'] for r in q['distances'] if r['model'] == 'uniform noise')
    print(f"targets: fidelity/real accuracy {allf['ratio']:.2f} (>= 0.8: {allf['ratio'] >= 0.8}); FID cDCGAN/noise {fidc/fidn:.3f} (far below 1: {fidc < 0.25*fidn})")
