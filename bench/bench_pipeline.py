"""Real-time factor of `creativeai paint` on the CPU, models already loaded: decode / translate / paint (and video).

    python bench/bench_pipeline.py                                  # the models `creativeai demo` trained last, a 45 s toy song
    python bench/bench_pipeline.py --translator RUN/best.pt --painter RUN/checkpoint.pt --song my.mp3 --threads 2

Targets (issue 6): painting ≤ 0.05 × the song's duration, video (GIF, a frame per 500 ms slice) ≤ 0.2 ×.
Each mode runs once to warm up, then `--repeat` times; the median of each stage is reported.
"""
import argparse, json, statistics, sys, tempfile, time
from pathlib import Path
import torch
from creativeai.pipeline import Translator, Painter, paint_song
from creativeai.demo import latest_demo
from creativeai.toy import toy_song

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--translator', help='translator checkpoint (default: the last demo\'s)')
    ap.add_argument('--painter', help='cDCGAN checkpoint (default: the last demo\'s)')
    ap.add_argument('--song', help='audio file (default: a 45 s toy song written in each of --formats)')
    ap.add_argument('--formats', default='wav,ogg,mp3', help='formats of the toy song (default wav,ogg,mp3)')
    ap.add_argument('--seconds', type=float, default=45.0, help='length of the toy song (default 45)')
    ap.add_argument('--repeat', type=int, default=3, help='timed runs per mode (default 3)')
    ap.add_argument('--threads', type=int, default=0, help='torch threads (default: torch\'s choice)')
    ap.add_argument('--json', help='also write the results here')
    a = ap.parse_args(argv)
    if a.threads: torch.set_num_threads(a.threads)
    last = latest_demo() or {}
    tr_ck, pa_ck = a.translator or last.get('translator'), a.painter or last.get('painter')
    if not tr_ck or not pa_ck: sys.exit('no models: run `creativeai demo` first, or give --translator and --painter')
    t0 = time.perf_counter()
    tr, pa = Translator.from_checkpoint(tr_ck, device='cpu'), Painter.from_checkpoint(pa_ck, device='cpu')
    print(f'{tr}\n{pa}\nloaded in {time.perf_counter() - t0:.2f} s; torch threads {torch.get_num_threads()}')
    tmp = Path(tempfile.mkdtemp(prefix='bench-pipeline-'))
    songs = [Path(a.song)] if a.song else [toy_song(tmp/f'song.{f}', seconds=a.seconds) for f in a.formats.split(',')]
    rows = []
    for song in songs:
        for mode, kw in (('paint', dict(out=tmp/'painting.png', n=4)), ('video', dict(out=None, video=tmp/'song.gif'))):
            runs = []
            for i in range(a.repeat + 1):
                res = paint_song(song, tr, pa, progress=False, **kw)
                if i: runs.append(res['timing'])
            dur = res['emotions'].duration
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            total = med['decode'] + med['translate'] + (med['paint'] if mode == 'paint' else med['video'])
            rows.append(dict(song=song.name, mode=mode, seconds=round(dur, 2), **{k: round(v, 4) for k, v in med.items()},
                             total=round(total, 4), rtf=round(total/dur, 4), target=0.05 if mode == 'paint' else 0.2))
    print(f"\n{'song':10} {'mode':6} {'audio s':>8} {'decode':>8} {'translate':>9} {'paint':>8} {'video':>8} {'total':>8} {'RTF':>7}  target")
    for r in rows:
        print(f"{r['song']:10} {r['mode']:6} {r['seconds']:8.1f} {r['decode']:8.3f} {r['translate']:9.3f} {r['paint']:8.3f} "
              f"{r['video']:8.3f} {r['total']:8.3f} {r['rtf']:7.4f}  ≤ {r['target']} {'ok' if r['rtf'] <= r['target'] else 'MISSED'}")
    if a.json: Path(a.json).write_text(json.dumps(dict(translator=str(tr_ck), painter=str(pa_ck), threads=torch.get_num_threads(), rows=rows), indent=2))
    return 0 if all(r['rtf'] <= r['target'] for r in rows) else 1

if __name__ == '__main__': sys.exit(main())
