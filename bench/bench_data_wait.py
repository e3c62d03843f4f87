"""Benchmark: the share of an M5 training step spent waiting for data (song mode, bs 8, CPU), issue 4 target <= 10 %.

Iterates a DataLoader over the toy world's cached songs and times, per batch, the wait for the next batch and the
training step (forward, backward, Adam) on the CPU; prints the wait share for 0 and N DataLoader workers, in one process.
Usage: python bench/bench_data_wait.py [--songs 48] [--steps 30] [--workers 2] [--kfm 64] [--ksz 110]
"""
import argparse, time
import torch
from torch import nn
from torch.utils.data import DataLoader
from creativeai.deam import EmoMusic
from creativeai.toy import toy_world
from creativeai.raw_cnns import RawCNN

def measure(ds, model, steps, workers, bs=8):
    opt = torch.optim.Adam(model.parameters(), 1e-3); loss_fn = nn.CrossEntropyLoss()
    dl = DataLoader(ds, batch_size=bs, shuffle=True, num_workers=workers, persistent_workers=workers > 0, drop_last=True)
    wait = work = 0.0; n = 0
    while n < steps:
        it = iter(dl)
        while n < steps:
            t0 = time.perf_counter()
            try: b = next(it)
            except StopIteration: break
            t1 = time.perf_counter()
            loss = loss_fn(model(b[0]), b[1]); opt.zero_grad(); loss.backward(); opt.step()
            t2 = time.perf_counter()
            if n >= 2: wait += t1 - t0; work += t2 - t1          # the first two batches warm up
            n += 1
    return wait, work

def main(songs=48, steps=30, workers=2, kfm=64, ksz=110):
    ds = EmoMusic(toy_world(songs, seed=0), mode='song', features='raw')
    model = RawCNN('M5', ksz, kfm)
    print(f"M5 ksz {ksz} kfm {kfm}, song mode, bs 8, {torch.get_num_threads()} torch threads, {len(ds)} toy songs")
    for w in (0, workers):
        wait, work = measure(ds, model, steps, w)
        print(f"  workers={w}: data wait {wait/(steps-2)*1e3:.1f} ms/step, step {work/(steps-2)*1e3:.1f} ms; "
              f"waiting share {wait/(wait+work):.1%} (target <= 10 %: {'met' if wait/(wait+work) <= 0.10 else 'NOT met'})")

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for k, v in dict(songs=48, steps=30, workers=2, kfm=64, ksz=110).items(): p.add_argument(f'--{k}', type=int, default=v)
    main(**vars(p.parse_args()))
