"""GPU check of the thesis mel front end: `MelSpec` on CUDA vs the CPU and vs librosa, batched, with timings.

Prints the largest differences (dB and normalised units) and per-clip time for a batch on the GPU and on the CPU.
Usage: python bench/gpu_mel_check.py [--batch 16]
"""
import argparse, time
import numpy as np, torch, librosa
from creativeai.audio import SR, CLIP_SAMPLES, MelSpec, mel_db

def main(batch=16):
    assert torch.cuda.is_available(), 'no CUDA device'
    rng = np.random.default_rng(0)
    t = np.arange(CLIP_SAMPLES)/SR
    w = np.stack([(0.3*np.sin(2*np.pi*rng.uniform(80, 800)*t) + 0.05*rng.standard_normal(CLIP_SAMPLES)) for _ in range(batch)]).astype(np.float32)
    x = torch.from_numpy(w)[:, None]                                            # (B, 1, T)
    cpu, gpu = MelSpec(), MelSpec().cuda()
    yc = cpu(x); yg = gpu(x.cuda()).cpu()
    assert yg.shape == (batch, 3, 526, 526), yg.shape
    db_g = mel_db(x.cuda()).cpu()                                               # (B, 1, 526, 526)
    ref = np.stack([librosa.power_to_db(librosa.feature.melspectrogram(y=wi[None], sr=SR, n_fft=5120, hop_length=2560, n_mels=526, fmax=8000), ref=np.max) for wi in w[:4]])
    print(f"{torch.cuda.get_device_name()}: MelSpec (B={batch}) GPU vs CPU max |diff| {float((yg - yc).abs().max()):.2e} (normalised); "
          f"mel_db GPU vs librosa max |diff| {float(np.abs(db_g[:4].numpy() - ref).max()):.4f} dB")
    for name, m, xx in (('GPU', gpu, x.cuda()), ('CPU', cpu, x)):
        m(xx); torch.cuda.synchronize()
        t0 = time.perf_counter()
        for _ in range(5): m(xx)
        torch.cuda.synchronize()
        print(f"  {name}: {(time.perf_counter() - t0)/5/batch*1e3:.2f} ms per clip (batch {batch}, {torch.get_num_threads()} CPU threads)")

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0]); p.add_argument('--batch', type=int, default=16)
    main(p.parse_args().batch)
