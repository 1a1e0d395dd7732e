using CrInference.Core;
using CrInference.Core.Random;

namespace CrInference.Sampling.Optimization;

/// <summary>The highest posterior point a <see cref="ModeSearch"/> found, the local scale around it, and where every
/// local search ended.</summary>
/// <param name="Point">The best point (sampled coordinates).</param>
/// <param name="LogPosterior">ln p there.</param>
/// <param name="Scale">Per coordinate, 1/√(−∂²ln p/∂y_i²) at the point (the conditional posterior σ of a Gaussian),
/// or a thousandth of the prior's sampled width where the curvature is not negative (a prior edge, a flat direction),
/// at most a tenth of that width.</param>
/// <param name="Evaluations">Posterior calls of the search, the curvature included.</param>
/// <param name="StartLogPosteriors">ln p at the end of each start's local search (start order): how many basins it saw.</param>
/// <param name="BallCentre">Where the walkers' ball is centred: <paramref name="Point"/>, moved inwards to 2 σ from any prior
/// bound it lies closer to (a mode on or near the edges of several parameters would otherwise put most of the ball outside
/// the prior, and the walkers could not be placed); the burn-in takes them back to the edge.</param>
/// <param name="SearchEnds">Where each start's local search ended (start order; sampled coordinates).</param>
public sealed record ModeSearchResult(double[] Point, double LogPosterior, double[] Scale, long Evaluations, double[] StartLogPosteriors,
    double[] BallCentre, double[][] SearchEnds)
{
    /// <summary>Walker starts in a Gaussian ball at <see cref="BallCentre"/> with σ = <see cref="Scale"/> per coordinate.</summary>
    public Ensemble.ParameterStart[] StartBall() => [.. BallCentre.Select((y, i) => Ensemble.ParameterStart.GaussianBall(y, Scale[i]))];

    /// <summary>
    /// The search ends whose ln p lies within <see cref="Diagnostics.LaggingWalkers.Threshold"/> of the best (the band in
    /// which a walker counts as part of the bulk), in start order: the points of the posterior's high region that the
    /// local searches reached. Along a flat or curved ridge Nelder–Mead stops at different places from different
    /// starts, so these points spread along it, where a ball of conditional σ at the best point does not.
    /// </summary>
    public int[] EndsInTheBulk()
    {
        double floor = LogPosterior - Diagnostics.LaggingWalkers.Threshold(Point.Length);
        return [.. Enumerable.Range(0, SearchEnds.Length).Where(s => StartLogPosteriors[s] >= floor)];
    }

    /// <summary>
    /// An initial ensemble of <paramref name="walkers"/> at the search ends in the bulk (<see cref="EndsInTheBulk"/>),
    /// walker w at end w mod k, each moved by 10⁻³ σᵢ (<see cref="Scale"/>) Gaussian noise from <paramref name="key"/> so
    /// that no two walkers coincide (walker-major draws); a walker whose moved point has ln p = −∞ (an end on a prior
    /// bound) is put on the end itself.
    /// </summary>
    public Ensemble.EnsembleState StartAtEnds(IPosterior posterior, int walkers, RandomKey key)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        ArgumentOutOfRangeException.ThrowIfLessThan(walkers, 1);
        int d = Point.Length;
        var ends = EndsInTheBulk();
        var positions = new double[walkers * d];
        var random = key.Open();
        for (int w = 0; w < walkers; w++)
        {
            var centre = SearchEnds[ends[w % ends.Length]];
            for (int i = 0; i < d; i++) positions[w * d + i] = centre[i] + 1e-3 * Scale[i] * random.NextGaussian();
        }
        var state = Ensemble.EnsembleState.Evaluate(posterior, positions);
        var logPosteriors = state.LogPosteriors.Span;
        bool moved = false;
        for (int w = 0; w < walkers; w++)
        {
            if (double.IsFinite(logPosteriors[w].Value)) continue;
            SearchEnds[ends[w % ends.Length]].CopyTo(positions.AsSpan(w * d, d));
            moved = true;
        }
        return moved ? Ensemble.EnsembleState.Evaluate(posterior, positions) : state;
    }
}

/// <summary>
/// Multi-start local optimisation of the log posterior: <see cref="Starts"/> points drawn from the prior are each
/// polished by <see cref="NelderMead"/> (coordinates scaled by the priors' sampled widths), the best
/// <see cref="Polished"/> of them are restarted with a fresh, smaller simplex until they stop improving (the standard
/// remedy for Nelder–Mead stalling in many dimensions), and the best point wins. An ensemble started in a small ball
/// there (<see cref="Ensemble.InitialEnsemble"/>) samples the highest mode the search found instead of whichever basin
/// the stretch moves of a prior-wide start fall into — the "optimise, then start the walkers in a tiny ball around the
/// maximum" recipe of the emcee documentation (tutorial "Fitting a model to data"), made global by the prior-drawn starts.
/// </summary>
/// <remarks>
/// <para>Start s draws its prior point from <c>key.Split(s)</c> (redrawing up to 100 times while ln p = −∞); the local
/// searches are deterministic, so the result depends on the key only, not on the thread count. Ties go to the lower
/// start index.</para>
/// <para>It finds the best of the basins its starts fall into; a mode whose basin no start reaches is missed, which is
/// why calibration runs record the best point against ln p at the truth.</para>
/// </remarks>
/// <param name="Starts">Prior draws polished (≥ 1).</param>
/// <param name="EvaluationsPerStart">Nelder–Mead budget of each start's first search.</param>
/// <param name="Polished">How many of the best starts are restarted (1 … <see cref="Starts"/>).</param>
/// <param name="Restarts">Restarts per polished start, each with budget <see cref="EvaluationsPerStart"/>; they stop
/// early once a restart improves ln p by less than <see cref="Tolerance"/>.</param>
/// <param name="Tolerance">Nelder–Mead's spread of ln p over the simplex at convergence.</param>
public sealed record ModeSearch(int Starts, int EvaluationsPerStart, int Polished = 4, int Restarts = 3, double Tolerance = 1e-4)
{
    private const int MaxPriorDraws = 100;
    private const double FirstStepFraction = 0.1;      // initial simplex: a tenth of each prior width
    private const double RestartStepFraction = 0.01;
    private const double CurvatureStepFraction = 1e-4;

    /// <summary>The defaults of calibration runs for a posterior of <paramref name="dimension"/> parameters: as many
    /// starts as walkers, 200 evaluations per parameter and start.</summary>
    public static ModeSearch ForEnsemble(int walkers, int dimension) => new(walkers, 200 * Math.Max(1, dimension));

    /// <summary>Throws if a setting is out of range.</summary>
    public void Validate()
    {
        if (Starts < 1) throw new ArgumentOutOfRangeException(nameof(Starts), Starts, "the mode search needs ≥ 1 start");
        if (EvaluationsPerStart < 2) throw new ArgumentOutOfRangeException(nameof(EvaluationsPerStart), EvaluationsPerStart, "≥ 2 evaluations per start");
        if (Polished < 1 || Polished > Starts) throw new ArgumentOutOfRangeException(nameof(Polished), Polished, $"1 … {Starts} starts polished");
        if (Restarts < 0) throw new ArgumentOutOfRangeException(nameof(Restarts), Restarts, "restarts must be ≥ 0");
        if (!(Tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "the tolerance must be > 0");
    }

    /// <summary>Runs the search on <paramref name="posterior"/>, the starts spread over <paramref name="threads"/> threads.</summary>
    public ModeSearchResult Find(IPosterior posterior, RandomKey key, int threads = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        Validate();
        var space = posterior.Space;
        int d = space.Dimension;
        var width = space.Parameters.Select(p => p.Prior.SampledWidth).ToArray();
        if (width.Any(w => !(w > 0) || double.IsInfinity(w))) throw new ArgumentException("every free parameter needs a finite prior width");
        var ends = new (double[] Point, double Value)[Starts];
        var calls = new long[Starts];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancellationToken };

        Parallel.For(0, Starts, options, s =>
        {
            var start = DrawStart(posterior, key.Split((ulong)s), ref calls[s]);
            ends[s] = start is null ? (new double[d], double.NegativeInfinity) : Search(posterior, start, FirstStepFraction, width, ref calls[s]);
        });
        var ranked = Enumerable.Range(0, Starts).OrderByDescending(s => ends[s].Value).ThenBy(s => s).Take(Polished).ToArray();
        Parallel.ForEach(ranked, options, s =>
        {
            if (double.IsNegativeInfinity(ends[s].Value)) return;
            for (int r = 0; r < Restarts; r++)
            {
                var next = Search(posterior, ends[s].Point, RestartStepFraction, width, ref calls[s]);
                bool improved = next.Value > ends[s].Value + Tolerance;
                if (next.Value > ends[s].Value) ends[s] = next;
                if (!improved) break;
            }
        });
        int winner = Enumerable.Range(0, Starts).OrderByDescending(s => ends[s].Value).ThenBy(s => s).First();
        if (double.IsNegativeInfinity(ends[winner].Value))
        {
            throw new InvalidOperationException($"the mode search found no point of finite posterior in {Starts} starts × {MaxPriorDraws} prior draws");
        }
        var best = ends[winner];
        long curvatureCalls = 0;
        var scale = Curvature(posterior, best.Point, best.Value, width, ref curvatureCalls);
        return new ModeSearchResult(best.Point, best.Value, scale, calls.Sum() + curvatureCalls, [.. ends.Select(e => e.Value)],
            Inside(space, best.Point, scale), [.. ends.Select(e => e.Point)]);
    }

    /// <summary>Each coordinate clamped to [lower + 2σ, upper − 2σ] of its prior's sampled support (the middle where that
    /// is narrower than 4σ).</summary>
    private static double[] Inside(ParameterSpace space, double[] point, double[] scale)
    {
        var centre = (double[])point.Clone();
        for (int i = 0; i < centre.Length; i++)
        {
            var prior = space.Parameters[i].Prior;
            double lower = double.IsFinite(prior.Lower) ? prior.ToSampled(prior.Lower) : double.NegativeInfinity;
            double upper = double.IsFinite(prior.Upper) ? prior.ToSampled(prior.Upper) : double.PositiveInfinity;
            double margin = 2 * scale[i];
            centre[i] = upper - lower <= 2 * margin ? 0.5 * (lower + upper) : Math.Clamp(centre[i], lower + margin, upper - margin);
        }
        return centre;
    }

    // A start is drawn as InitialEnsemble draws a walker from the prior (the same keys and redraws).
    private static double[]? DrawStart(IPosterior posterior, RandomKey key, ref long calls)
    {
        var point = new double[posterior.Space.Dimension];
        var priorStarts = Enumerable.Repeat(Ensemble.ParameterStart.Prior, point.Length).ToArray();
        var (logPosterior, draws) = Ensemble.InitialEnsemble.DrawOne(key, posterior, priorStarts, MaxPriorDraws, point, new double[posterior.DerivedNames.Count]);
        calls += draws;
        return double.IsNegativeInfinity(logPosterior.Value) ? null : point;
    }

    private (double[] Point, double Value) Search(IPosterior posterior, double[] start, double stepFraction, double[] width, ref long calls)
    {
        int d = start.Length;
        var derived = new double[posterior.DerivedNames.Count];
        var y = new double[d];
        double MinusLogPosterior(double[] z)
        {
            for (int i = 0; i < d; i++) y[i] = start[i] + z[i] * width[i];
            double value = posterior.Evaluate(y, derived).Value;
            return double.IsNegativeInfinity(value) ? double.PositiveInfinity : -value;
        }
        var step = new double[d];
        for (int i = 0; i < d; i++)
        {
            // Step inwards where the start sits near the upper end of a bounded prior.
            var prior = posterior.Space.Parameters[i].Prior;
            double upper = prior.ToSampled(prior.Upper);
            step[i] = double.IsFinite(upper) && start[i] + stepFraction * width[i] > upper ? -stepFraction : stepFraction;
        }
        var result = NelderMead.Minimize(MinusLogPosterior, new double[d], step, EvaluationsPerStart, Tolerance);
        calls += result.Evaluations;
        var point = new double[d];
        for (int i = 0; i < d; i++) point[i] = start[i] + result.Point[i] * width[i];
        return (point, -result.Value);
    }

    private static double[] Curvature(IPosterior posterior, double[] point, double value, double[] width, ref long calls)
    {
        int d = point.Length;
        var derived = new double[posterior.DerivedNames.Count];
        var scale = new double[d];
        var probe = (double[])point.Clone();
        for (int i = 0; i < d; i++)
        {
            double h = CurvatureStepFraction * width[i];
            probe[i] = point[i] + h;
            double up = posterior.Evaluate(probe, derived).Value;
            probe[i] = point[i] - h;
            double down = posterior.Evaluate(probe, derived).Value;
            probe[i] = point[i];
            calls += 2;
            double second = (up - 2 * value + down) / (h * h);
            double sigma = second < 0 && double.IsFinite(second) ? 1 / Math.Sqrt(-second) : 1e-3 * width[i];
            scale[i] = Math.Min(sigma, 0.1 * width[i]);
        }
        return scale;
    }
}
