"""NumPy peer of Braid's cycle fit (clinical-rules.md §4), vectorized across clients.

Reads the cohort that braid-bench wrote (mood and use matrices, clients x days), fits the same model the same
way (24 log-spaced half-lives from 0.5 to 21 days; least squares for m, s, c on rated days; c >= 0, else the
no-crash refit; the half-life with the smallest residual sum of squares), checks that its parameters agree with
Braid's, and times the fit. Only the fit is timed (Braid's full analysis does more work than this).

Usage: python3 cohort_peer.py RESULTS_DIR
"""

import json
import pathlib
import sys
import time

import numpy as np


def fit(mood: np.ndarray, use: np.ndarray, grid: np.ndarray, min_use: int = 3, min_rated_non_use: int = 14):
    clients, days = mood.shape
    rated = ~np.isnan(mood)
    y = np.where(rated, mood, 0.0)
    w = rated.astype(np.float64)
    n = w.sum(1)
    su = (w * use).sum(1)
    sy = y.sum(1)
    suy = (use * y).sum(1)
    syy = (y * y).sum(1)
    surge = su > 0
    estimable = (use.sum(1) >= min_use) & ((rated & (use == 0)).sum(1) >= min_rated_non_use)

    best_rss = np.full(clients, np.inf)
    best = np.full((clients, 3), np.nan)
    best_h = np.full(clients, np.nan)
    previous = np.zeros_like(use)
    previous[:, 1:] = use[:, :-1]
    for h in grid:
        f = 2.0 ** (-1.0 / h)
        load = np.empty_like(use)
        b = np.zeros(clients)
        for t in range(days):  # the recursion is sequential in time, vectorized across clients
            b = f * b + previous[:, t]
            load[:, t] = b
        sb = (w * load).sum(1)
        sub = (w * use * load).sum(1)
        sbb = (w * load * load).sum(1)
        sby = (load * y).sum(1)
        a = np.stack(
            [np.stack([n, su, sb], 1), np.stack([su, su, sub], 1), np.stack([sb, sub, sbb], 1)], 1
        )
        rhs = np.stack([sy, suy, sby], 1)
        # Clients with no rated use day drop the surge column: put 1 on its diagonal and 0 elsewhere.
        no_surge = ~surge
        a[no_surge, 1, :] = 0
        a[no_surge, :, 1] = 0
        a[no_surge, 1, 1] = 1
        rhs[no_surge, 1] = 0
        with np.errstate(all="ignore"):
            beta = np.linalg.solve(a, rhs[..., None])[..., 0]
        rss = syy - (beta * rhs).sum(1)
        crash = -beta[:, 2]
        better = estimable & (crash >= 0) & (rss < best_rss)
        best_rss = np.where(better, rss, best_rss)
        best[better] = np.stack([beta[:, 0], beta[:, 1], crash], 1)[better]
        best_h = np.where(better, h, best_h)
    # No half-life with c >= 0: refit without the crash term (m, s), c = 0.
    fallback = estimable & np.isnan(best_h)
    if fallback.any():
        with np.errstate(all="ignore"):
            m = np.where(surge, (sy * su - suy * su) / (n * su - su * su), sy / n)
        best[fallback, 0] = m[fallback]
        best[fallback, 2] = 0.0
    # Not estimable: m = median mood on rated non-use days.
    non_use = np.where(rated & (use == 0), mood, np.nan)
    with np.errstate(all="ignore"):
        medians = np.nanmedian(non_use, axis=1)
    best[~estimable, 0] = medians[~estimable]
    return best[:, 0], best[:, 2], best_h


def main():
    folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "results")
    report = json.loads((folder / "braid.json").read_text())
    clients, days = report["clients"], report["days"]
    mood = np.fromfile(folder / "mood.f64").reshape(clients, days)
    use = np.fromfile(folder / "use.f64").reshape(clients, days)
    braid = np.fromfile(folder / "braid_fit.f64").reshape(clients, 3)
    grid = 0.5 * np.exp(np.log(21 / 0.5) * np.arange(report["halfLifeGridPoints"]) / (report["halfLifeGridPoints"] - 1))

    fit(mood[:50], use[:50], grid)  # warm-up
    times = []
    for _ in range(3):  # median of 3, like Braid's median of 5
        start = time.perf_counter()
        m, c, h = fit(mood, use, grid)
        times.append(time.perf_counter() - start)
    seconds = sorted(times)[1]

    agree_m = np.allclose(m, braid[:, 0], atol=1e-6, equal_nan=True)
    agree_c = np.allclose(c, braid[:, 1], atol=1e-6, equal_nan=True)
    agree_h = np.allclose(h, braid[:, 2], rtol=1e-9, equal_nan=True)
    result = {
        "numpyFitSeconds": seconds,
        "braidFitSecondsOneCore": report["fitSecondsOneCore"],
        "braidAnalysisSecondsAllCores": report["analysisSecondsAllCores"],
        "ratioFitOneCore": seconds / report["fitSecondsOneCore"],
        "ratioAnalysisAllCores": seconds / report["analysisSecondsAllCores"],
        "parametersAgree": bool(agree_m and agree_c and agree_h),
        "numpy": np.__version__,
    }
    (folder / "peer.json").write_text(json.dumps(result, indent=2, sort_keys=True))
    print(json.dumps(result, indent=2, sort_keys=True))
    if not result["parametersAgree"]:
        worst = np.nanmax(np.abs(m - braid[:, 0]))
        print(f"parameters disagree: max |m difference| {worst}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
