"""Is a DCGAN's discriminator memorising its paintings? (notebook 06's closing note: why DiffAugment did not halve FID)

For each run folder of notebook 06 trained with `holdout` > 0: D's verdicts (eval mode) on as many training paintings as
were held back, on the held-back paintings, and on G's paintings — mean logit, p(real), and the sign statistic of
Karras et al. 2020 (mean sign of the logit; ADA keeps it near 0.6). A gap between training and held-back paintings is
memorisation, the failure DiffAugment is for.
Usage: python bench/gan_overfit.py outputs/dcgan/<run> [outputs/dcgan/<run> ...]
"""
import sys
import torch
from creativeai.dcgan import load_gan, GANConfig, gan_data, holdout_split, sample_images

def verdicts(run_dir) -> dict:
    G, D, ck = load_gan(run_dir)
    cfg = GANConfig(**{k: v for k, v in ck['config'].items() if k in GANConfig.__dataclass_fields__})
    if not cfg.holdout: raise SystemExit(f"{run_dir}: trained with holdout = 0, no held-back paintings to compare with")
    train, held = holdout_split(gan_data(cfg, progress=False), cfg.holdout, cfg.seed)
    images = lambda s: torch.stack([s[i][0] for i in range(len(held))])
    z = torch.randn(len(held), cfg.nz, generator=torch.Generator().manual_seed(5))
    with torch.no_grad(): out = {'training': D(images(train)), 'held back': D(images(held)), 'fakes': D(sample_images(G, z))}
    return dict(iteration=ck['iteration'], **{k: (v.mean().item(), torch.sigmoid(v).mean().item(), torch.sign(v).mean().item()) for k, v in out.items()})

if __name__ == '__main__':
    if len(sys.argv) < 2: raise SystemExit(__doc__)
    for rd in sys.argv[1:]:
        v = verdicts(rd)
        parts = ' | '.join(f"{k}: logit {m:+.2f}, p(real) {p:.3f}, sign {s:+.2f}" for k, (m, p, s) in ((k, v[k]) for k in ('training', 'held back', 'fakes')))
        print(f"{rd} at {v['iteration']}: {parts} | gap training − held back {v['training'][0] - v['held back'][0]:+.2f}")
