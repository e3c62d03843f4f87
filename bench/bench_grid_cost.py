"""What the thesis's raw grid costs: training-step time per model x width x kernel size, and the grid total extrapolated.

Times Adam training steps of M5/M11/M18 on random song-length inputs (as the trainer runs them: AMP on CUDA), at the
thesis's batch sizes, then prices every run of `creativeai grid raw` (540 settings per model) as
steps_per_epoch x epochs x step time, for the 669 - 10 % training songs of emoMusic. Prints the table and the totals.
Usage: python bench/bench_grid_cost.py [--steps 4] [--kfm 8 64 512] [--ksz 110 440 1760]
"""
import argparse, math, time
import numpy as np, pandas as pd, torch
from torch import nn
from creativeai.audio import CLIP_SAMPLES, SLICE_SAMPLES, N_SLICES
from creativeai.experiments import expand_grid
from creativeai.learner import default_device, _autocast
from creativeai.raw_cnns import RawCNN

def step_time(model, bs, T, steps, device):
    model = model.to(device).train(); opt = torch.optim.Adam(model.parameters(), 1e-3); loss_fn = nn.CrossEntropyLoss()
    x, y = torch.randn(bs, 1, T, device=device), torch.randint(0, 8, (bs,), device=device)
    def one():
        with _autocast(device, True): out = model(x)
        loss = loss_fn(out.float(), y); opt.zero_grad(); loss.backward(); opt.step()
    for _ in range(2): one()
    if device.type == 'cuda': torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(steps): one()
    if device.type == 'cuda': torch.cuda.synchronize()
    return (time.perf_counter() - t0)/steps

def main(steps=4, kfms=(8, 64, 512), kszs=(110, 440, 1760), n_train=602):
    dev = default_device()
    rows = []
    for name in ('M5', 'M11', 'M18'):
        for kfm in kfms:
            for ksz in kszs:
                for bs in (2, 8):
                    rows.append(dict(model=name, kfm=kfm, ksz=ksz, bs=bs, sm=False,
                                     step_s=step_time(RawCNN(name, ksz, kfm), bs, CLIP_SAMPLES, steps, dev)))
                if ksz <= 880:   # slice mode: the thesis ran it for ksz <= 880
                    rows.append(dict(model=name, kfm=kfm, ksz=ksz, bs=8, sm=True,
                                     step_s=step_time(RawCNN(name, ksz, kfm, slice_mode=True), 8, SLICE_SAMPLES, steps, dev)))
        print(pd.DataFrame(rows).query('model == @name').to_string(index=False), flush=True)
    t = pd.DataFrame(rows)
    # price every grid run: nearest measured kfm/ksz (log scale), its batch size (bs 4 interpolated), song or slice items
    def per_step(r):
        kf = min(kfms, key=lambda k: abs(math.log(k) - math.log(r.kfm))); kz = min(kszs, key=lambda k: abs(math.log(k) - math.log(r.ksz)))
        sub = t[(t.model == r.model) & (t.kfm == kf) & (t.ksz == kz) & (t.sm == bool(r.sm))]
        if r.sm: return float(sub.step_s.iloc[0]) * r.bs/8
        s = dict(zip(sub.bs, sub.step_s)); return s.get(r.bs, (s[2] + s[8])/2)
    g = expand_grid('raw')
    items = np.where(g.sm, n_train*N_SLICES, n_train)
    g['hours'] = [per_step(r) * math.ceil(n/r.bs) * r.ep / 3600 for r, n in zip(g.itertuples(), items)]
    name = torch.cuda.get_device_name() if dev.type == 'cuda' else 'CPU'
    print(f"\n{name}: estimated time of the full raw grid (540 settings per model, {n_train} training songs, the tables' epochs):")
    print(g.groupby('model').hours.agg(['count', 'sum', 'median', 'max']).round(2).to_string())
    print(f"total {g.hours.sum():.0f} hours on {name}; per epoch, median run {g.hours.median()/g.ep.median()*60:.2f} min")

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--steps', type=int, default=4); p.add_argument('--kfm', type=int, nargs='+', default=[8, 64, 512])
    p.add_argument('--ksz', type=int, nargs='+', default=[110, 440, 1760])
    a = p.parse_args(); main(a.steps, tuple(a.kfm), tuple(a.ksz))
