"""Run the notebooks' default (smoke) settings and keep their outputs — figures, tables, sample grids — in the notebooks,
so that GitHub shows what each notebook does. Cells flagged slow/gpu/data/slurm/browser are skipped, as in `nbdev_test`,
and so is the closing `nbdev_export()` cell. Figures are drawn at 60 dpi to keep the notebooks reviewable.

    python tools/render_notebooks.py            # every notebook, two at a time, then nbdev_clean
    python tools/render_notebooks.py 06_dcgan   # one (or a few) by name

A notebook whose run fails is left as it was, and the script exits 1 naming it."""
import json, os, sys, subprocess, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

NBS = Path(__file__).resolve().parent.parent/'nbs'
SKIP = {'slow', 'gpu', 'data', 'slurm', 'browser'}
SETUP = "import matplotlib as _mpl; _mpl.rcParams['figure.dpi'] = 60; _mpl.rcParams['savefig.dpi'] = 60"

def render(fn: Path) -> tuple[str, float, str]:
    "Run `fn` with its parameters' defaults and write the outputs into it → (name, seconds, error or '')."
    os.environ.update(OMP_NUM_THREADS='1', IN_TEST='1', PYTHONWARNINGS='ignore')
    from execnb.shell import CaptureShell
    from fastcore.xtras import working_directory
    from execnb.nbio import read_nb
    t0, nb = time.time(), read_nb(fn)
    def skip(cell):
        if cell.cell_type != 'code' or 'nbdev_export' + '(' in cell.source: return True
        flags = {w for l in cell.source.splitlines() if l.startswith('#|') for w in l[2:].replace(',', ' ').split()}
        return bool(SKIP & flags)
    k = CaptureShell(fn, mpl_format='png')
    try:
        with working_directory(fn.parent):
            k.run(SETUP)
            k.run_all(nb, exc_stop=True, preproc=skip)
    except Exception: return fn.name, time.time() - t0, k.prettytb(fname=fn)
    raw = json.loads(fn.read_text())
    if [c['cell_type'] for c in raw['cells']] != [c.cell_type for c in nb.cells]: return fn.name, time.time() - t0, f'{fn}: cells changed while it ran'
    for c, done in zip(raw['cells'], nb.cells):
        if c['cell_type'] == 'code': c['outputs'] = [dict(o) for o in done.get('outputs', [])] if not skip(done) else []
    fn.write_text(json.dumps(raw, indent=1, ensure_ascii=False) + '\n')
    return fn.name, time.time() - t0, ''

def _one(fn: Path) -> tuple[str, float, str]:
    "Render `fn` in a process of its own (IPython takes over the process's `__main__`)."
    r = subprocess.run([sys.executable, __file__, '--one', str(fn)], capture_output=True, text=True)
    sec = float(r.stdout.strip().rpartition(' ')[2] or 0) if r.returncode == 0 else 0.0
    return fn.name, sec, '' if r.returncode == 0 else (r.stderr or r.stdout)[-6000:]

if __name__ == '__main__':
    if sys.argv[1:2] == ['--one']:
        name, sec, err = render(Path(sys.argv[2]))
        if err: print(err, file=sys.stderr); sys.exit(1)
        print(f'{sec:.1f}'); sys.exit(0)
    names = sys.argv[1:]
    files = [NBS/f'{n.removesuffix(".ipynb")}.ipynb' for n in names] if names else sorted(p for p in NBS.glob('*.ipynb') if not p.name.startswith(('_', '.')))
    failed = []
    with ThreadPoolExecutor(2) as ex:
        for name, sec, err in ex.map(_one, files):
            print(f'{name}: {sec:.0f} s' + (' FAILED' if err else ''), flush=True)
            if err: failed.append(name); print(err, file=sys.stderr)
    subprocess.run(['nbdev_clean'], cwd=NBS.parent, check=True)
    kb = sum(p.stat().st_size for p in files)/1024
    print(f'{len(files)} notebooks, {kb:,.0f} KB in all' + (f'; failed: {", ".join(failed)}' if failed else ''))
    sys.exit(1 if failed else 0)
