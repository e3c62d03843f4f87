"""Reference outputs of the original TensorFlow musicnn (MSD_musicnn, MTT_musicnn), for the PyTorch port in nbs/04a_musicnn.ipynb.

This script needs TensorFlow, so it runs in its own virtual environment, never in the project's. It runs musicnn's
code in two settings, each with its own librosa:

- `--mode released`: musicnn 0.1.0 as released and as its weights were trained — librosa 0.8 (resampy's
  `kaiser_best` resampling, reflect-padded frames) and numpy<2 (the mel rounded to float16). Its own code, unchanged.
- `--mode today`: the same code with a current librosa (0.11: soxr resampling, zero-padded frames) and the float16
  cast replaced by float32 (under numpy 2, `10000 * float16` stays float16 and overflows; see below).

    python3.11 -m venv /work/tfvenv
    /work/tfvenv/bin/pip install "tensorflow-cpu==2.15.1" "librosa==0.11.0" "numpy<2"
    /work/tfvenv/bin/pip install --no-deps musicnn==0.1.0        # or the wheel file musicnn-0.1.0-py3-none-any.whl
    /work/tfvenv/bin/pip install --target /work/tfvenv-librosa08 --no-deps "librosa==0.8.1" "resampy==0.4.3"
    /work/tfvenv/bin/python tools/musicnn_tf_reference.py --mode today
    PYTHONPATH=/work/tfvenv-librosa08 /work/tfvenv/bin/python tools/musicnn_tf_reference.py --mode released
    # the MTT_musicnn checkpoint (keys MTT_…):
    /work/tfvenv/bin/python tools/musicnn_tf_reference.py --mode today --model MTT_musicnn
    PYTHONPATH=/work/tfvenv-librosa08 /work/tfvenv/bin/python tools/musicnn_tf_reference.py --mode released --model MTT_musicnn
    # real clips, for the notebook's table (any audio files; output outside the repo):
    /work/tfvenv/bin/python tools/musicnn_tf_reference.py --mode today --clips a.ogg b.mp3 --out /tmp/tf_today.npz

(tensorflow 2.15 is the last release that ships Keras 2, which `tf.compat.v1.layers` needs; it wants numpy<2.
librosa 0.8 still uses numpy aliases that numpy 1.24 removed (`np.complex`, ...): they are put back below.)
Verified with Python 3.11.7, tensorflow-cpu 2.15.1, numpy 1.26.4, soundfile 0.14.0, librosa 0.11.0 / 0.8.1.

Each mode (and model) adds its keys to nbs/fixtures/musicnn_tf_reference.npz (float32), for inputs that the notebook's tests
regenerate without files:
- `patches_{taggram,mean_pool,max_pool,penultimate}` (today): the graph on two random "log-mel" patches,
  `np.random.default_rng(0).standard_normal((2, 187, 96))` (the extractor's own `penultimate` repeats its first patch);
- `{today,released}_{taggram,mean_pool,max_pool}`: musicnn's `extractor()` on `reference_chirp()` (5 s at 22.05 kHz,
  written to a float WAV), i.e. the whole pipeline: decoding, resampling to 16 kHz, mel, log, patches, network.

About float16: musicnn's `batch_data` casts the mel to float16 and then takes `log10(10000 * x + 1)`. Under numpy<2,
`10000 * float16` is float32 (value-based casting), so the mel is only rounded to float16 — as its training data
was stored; under numpy 2 (NEP 50) the product stays float16 and overflows to inf wherever the mel exceeds 6.55.
"""
import argparse, inspect, os, tempfile, warnings
from pathlib import Path
import numpy as np

os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')
warnings.filterwarnings('ignore')                       # tf.compat.v1.layers' and librosa 0.8's deprecation notices
for _alias, _type in [('complex', complex), ('float', float), ('int', int), ('bool', bool)]:
    if not hasattr(np, _alias): setattr(np, _alias, _type)   # for librosa 0.8 on numpy >= 1.24
import librosa
import soundfile as sf
import tensorflow as tf
from musicnn import extractor as mx, models, configuration as config

FIXTURE = Path(__file__).resolve().parent.parent/'nbs'/'fixtures'/'musicnn_tf_reference.npz'
MODEL = 'MSD_musicnn'         # set by --model

def use_float32_mel():
    "Replace musicnn's `batch_data` by a copy whose float16 cast is a float32 cast (nothing else changes)."
    src = inspect.getsource(mx.batch_data)
    assert src.count('np.float16') == 1, 'musicnn.extractor.batch_data is not the 0.1.0 code this script patches'
    exec(src.replace('np.float16', 'np.float32'), mx.__dict__)

def reference_chirp(sr=22050, seconds=5.0):
    "The test signal (same code as in the notebook): a 100 Hz → 4 kHz exponential chirp plus noise, float32."
    t = np.arange(int(sr*seconds)) / sr
    f0, f1 = 100.0, 4000.0
    phase = 2*np.pi*f0*seconds/np.log(f1/f0) * ((f1/f0)**(t/seconds) - 1)
    noise = np.random.default_rng(0).standard_normal(t.size)
    return (0.5*np.sin(phase) + 0.05*noise).astype(np.float32)

def graph_outputs(batch):
    "MSD_musicnn's graph (built as `extractor` builds it) run on log-mel patches `batch` (B, 187, 96)."
    tf.compat.v1.reset_default_graph()
    x = tf.compat.v1.placeholder(tf.float32, [None, batch.shape[1], config.N_MELS])
    is_training = tf.compat.v1.placeholder(tf.bool)
    with tf.name_scope('model'):
        y, _, _, _, _, _, mean_pool, max_pool, penultimate = models.define_model(x, is_training, MODEL, 50)   # MSD and MTT: 50 tags
        taggram = tf.nn.sigmoid(y)
    with tf.compat.v1.Session() as sess:
        tf.compat.v1.train.Saver().restore(sess, os.path.dirname(mx.__file__) + f'/{MODEL}/')
        out = sess.run([taggram, mean_pool, max_pool, penultimate], {x: batch, is_training: False})
    return dict(zip(['taggram', 'mean_pool', 'max_pool', 'penultimate'], out))

def extractor_outputs(path):
    "musicnn's own `extractor` (3 s patches, no overlap) on the audio file `path`: per-patch taggram and pools."
    taggram, _, feats = mx.extractor(str(path), model=MODEL, input_length=3, input_overlap=False, extract_features=True)
    return dict(taggram=taggram, mean_pool=feats['mean_pool'], max_pool=feats['max_pool'])

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--mode', choices=['today', 'released'], required=True)
    p.add_argument('--model', choices=['MSD_musicnn', 'MTT_musicnn'], default='MSD_musicnn', help="the checkpoint; MTT_musicnn's keys start with 'MTT_'")
    p.add_argument('--clips', nargs='*', help='audio files to run the extractor on (instead of writing the fixture)')
    p.add_argument('--out', type=Path, default=FIXTURE)
    a = p.parse_args()
    global MODEL; MODEL = a.model
    pre = '' if MODEL == 'MSD_musicnn' else 'MTT_'
    old_librosa = np.lib.NumpyVersion(librosa.__version__) < '0.9.0'
    if a.mode == 'released' and not (old_librosa and np.lib.NumpyVersion(np.__version__) < '2.0.0'):
        p.error(f'--mode released needs librosa<0.9 and numpy<2, found librosa {librosa.__version__}, numpy {np.__version__}')
    if a.mode == 'today':
        if old_librosa: p.error(f'--mode today needs librosa>=0.10, found {librosa.__version__}')
        use_float32_mel()
    res = {}
    if a.clips:
        for i, c in enumerate(a.clips):
            res.update({f'clip{i}_{k}': v for k, v in extractor_outputs(c).items()})
            res[f'clip{i}_path'] = np.array(str(c))
        res['versions'] = np.array(f'librosa {librosa.__version__}, numpy {np.__version__}, tensorflow {tf.__version__}')
    else:
        if a.mode == 'today':
            patches = np.random.default_rng(0).standard_normal((2, 187, 96)).astype(np.float32)
            res.update({f'{pre}patches_{k}': v for k, v in graph_outputs(patches).items()})
        with tempfile.TemporaryDirectory() as d:
            sf.write(f'{d}/chirp.wav', reference_chirp(), 22050, subtype='FLOAT')
            res.update({f'{pre}{a.mode}_{k}': v for k, v in extractor_outputs(f'{d}/chirp.wav').items()})
        res = {k: v.astype(np.float32) for k, v in res.items()}
        if a.out.exists(): res = {**dict(np.load(a.out)), **res}         # the other modes' and model's keys stay
    a.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(a.out, **res)
    print(a.out, {k: v.shape for k, v in res.items()})

if __name__ == '__main__': main()
