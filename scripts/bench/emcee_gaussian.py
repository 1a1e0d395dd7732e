#!/usr/bin/python3
"""emcee on the 10-D standard Gaussian of `crinf bench sampler` (CrInference.Sampling.Benchmarks.SamplerBenchmark).

Same density (ln p = -1/2 sum x_i^2), same walkers and steps, stretch move (a = 2), walkers started from N(0, 1)
and one log-density call per walker (emcee's default, vectorize=False), as our sampler does; the fastest of
--repeats timed runs is reported, as in SamplerBenchmark. Prints one JSON line
with the time per walker-step and the overhead per walker-step = total - log-density time, the log-density time
measured apart by calling the same function the same number of times in a plain loop (as SamplerBenchmark does).

Debian's python3-emcee installs for /usr/bin/python3 (scripts/bench/install-emcee.sh), hence the shebang.
"""
import argparse
import json
import time

import emcee
import numpy as np


def log_prob(x):
    return -0.5 * np.dot(x, x)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--walkers", type=int, default=32)
    parser.add_argument("--steps", type=int, default=20000)
    parser.add_argument("--dimension", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3, help="timed runs; the fastest is reported (timeit's rule)")
    args = parser.parse_args()

    np.random.seed(args.seed)
    start = np.random.standard_normal((args.walkers, args.dimension))
    sampler = emcee.EnsembleSampler(args.walkers, args.dimension, log_prob)

    # Warm-up (imports, caches), as the C# benchmark warms up the JIT.
    sampler.run_mcmc(start, max(100, args.steps // 20), progress=False)

    wall = log_density = float("inf")
    for _ in range(args.repeats):
        sampler.reset()
        began = time.perf_counter()
        sampler.run_mcmc(start, args.steps, progress=False)
        wall = min(wall, time.perf_counter() - began)

        points = sampler.get_chain(flat=True)
        began = time.perf_counter()
        for point in points:
            log_prob(point)
        log_density = min(log_density, time.perf_counter() - began)

    walker_steps = args.walkers * args.steps
    per_walker_step = wall / walker_steps
    per_call = log_density / walker_steps
    print(json.dumps({
        "sampler": "emcee " + emcee.__version__,
        "walkers": args.walkers,
        "steps": args.steps,
        "dimension": args.dimension,
        "wall_seconds": wall,
        "seconds_per_walker_step": per_walker_step,
        "log_density_seconds_per_call": per_call,
        "log_density_share": per_call / per_walker_step,
        "overhead_seconds_per_walker_step": per_walker_step - per_call,
        "acceptance_fraction": float(np.mean(sampler.acceptance_fraction)),
    }))


if __name__ == "__main__":
    main()
