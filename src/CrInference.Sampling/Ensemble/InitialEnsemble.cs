using CrInference.Core;
using CrInference.Core.Random;

namespace CrInference.Sampling.Ensemble;

/// <summary>
/// Draws the initial ensemble (step 0): each parameter from its prior (via
/// <see cref="ParameterSpace.FromUnitCube"/>) or from a Gaussian ball (<see cref="ParameterStart"/>),
/// redrawing a walker whose log posterior is −∞ (outside the prior, or a failed forward model), in the
/// spirit of UltraNest's and Cobaya's start-up checks.
/// </summary>
/// <remarks>
/// Attempt a of walker w uses the stream of <c>key.Split(w).Split(a)</c>; it draws one uniform per
/// parameter (in order) and then one Gaussian per ball parameter, so the result does not depend on
/// thread count or on which other walkers needed redraws. If some walker finds no finite point in
/// <c>maxDrawsPerWalker</c> attempts, the call fails with a message saying how many did.
/// </remarks>
public static class InitialEnsemble
{
    /// <summary>Default number of attempts per walker.</summary>
    public const int DefaultMaxDrawsPerWalker = 100;

    /// <summary>All parameters drawn from their priors.</summary>
    public static EnsembleState FromPrior(RandomKey key, IPosterior posterior, int walkers, int maxDrawsPerWalker = DefaultMaxDrawsPerWalker, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        var starts = Enumerable.Repeat(ParameterStart.Prior, posterior.Space.Dimension).ToArray();
        return Draw(key, posterior, walkers, starts, maxDrawsPerWalker, threads);
    }

    /// <summary>All parameters drawn from a Gaussian ball (sampled coordinates).</summary>
    public static EnsembleState FromGaussianBall(
        RandomKey key, IPosterior posterior, int walkers, ReadOnlySpan<double> mean, ReadOnlySpan<double> sigma,
        int maxDrawsPerWalker = DefaultMaxDrawsPerWalker, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        if (mean.Length != posterior.Space.Dimension || sigma.Length != posterior.Space.Dimension)
        {
            throw new ArgumentException($"start ball has {mean.Length} means and {sigma.Length} sigmas for {posterior.Space.Dimension} parameters");
        }
        var starts = new ParameterStart[mean.Length];
        for (int i = 0; i < starts.Length; i++)
        {
            starts[i] = ParameterStart.GaussianBall(mean[i], sigma[i]);
        }
        return Draw(key, posterior, walkers, starts, maxDrawsPerWalker, threads);
    }

    /// <summary>Each parameter as <paramref name="starts"/> says (one entry per parameter of the space).</summary>
    public static EnsembleState Draw(
        RandomKey key, IPosterior posterior, int walkers, IReadOnlyList<ParameterStart> starts,
        int maxDrawsPerWalker = DefaultMaxDrawsPerWalker, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(walkers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDrawsPerWalker);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        var space = posterior.Space;
        int d = space.Dimension;
        int k = posterior.DerivedNames.Count;
        if (starts.Count != d)
        {
            throw new ArgumentException($"{starts.Count} start rules for {d} parameters", nameof(starts));
        }
        var positions = new double[walkers * d];
        var logPosteriors = new LogPosterior[walkers];
        var derived = new double[walkers * k];
        var draws = new int[walkers];

        void DrawWalker(int w) =>
            (logPosteriors[w], draws[w]) = DrawOne(key.Split((ulong)w), posterior, starts, maxDrawsPerWalker, positions.AsSpan(w * d, d), derived.AsSpan(w * k, k));

        if (threads == 1)
        {
            for (int w = 0; w < walkers; w++) DrawWalker(w);
        }
        else
        {
            Parallel.For(0, walkers, new ParallelOptions { MaxDegreeOfParallelism = threads }, DrawWalker);
        }

        int failed = 0;
        long totalDraws = 0;
        for (int w = 0; w < walkers; w++)
        {
            totalDraws += draws[w];
            if (double.IsNegativeInfinity(logPosteriors[w].Value)) failed++;
        }
        if (failed > 0)
        {
            throw new InvalidOperationException(
                $"could not start the ensemble: {failed} of {walkers} walkers found no point with a finite log posterior " +
                $"in {maxDrawsPerWalker} draws each ({walkers - failed} walkers did; {totalDraws} points evaluated). " +
                "The likelihood is −∞ over almost all of the start region (forward-model failures?) or the start ball lies outside the prior; " +
                "check the prior ranges and the 'ref' ball, or evaluate a few prior draws with --dry-run.");
        }
        return EnsembleState.Create(walkers, d, k, positions, logPosteriors, derived, 0);
    }

    /// <summary>
    /// One walker's start: attempt a draws from <c>walkerKey.Split(a)</c> (one uniform per parameter, then one Gaussian
    /// per ball parameter) until ln p is finite or <paramref name="maxDraws"/> attempts are used. Returns ln p at the last
    /// attempt (−∞ if none was finite) and the attempts made; <paramref name="point"/> and <paramref name="derived"/> hold
    /// that attempt's values.
    /// </summary>
    public static (LogPosterior LogPosterior, int Draws) DrawOne(RandomKey walkerKey, IPosterior posterior, IReadOnlyList<ParameterStart> starts,
        int maxDraws, Span<double> point, Span<double> derived)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        ArgumentNullException.ThrowIfNull(starts);
        int d = posterior.Space.Dimension;
        Span<double> unit = stackalloc double[d];
        var logPosterior = LogPosterior.Impossible;
        for (int attempt = 0; attempt < maxDraws; attempt++)
        {
            var random = walkerKey.Split((ulong)attempt).Open();
            for (int i = 0; i < d; i++)
            {
                unit[i] = random.NextOpenDouble();
            }
            posterior.Space.FromUnitCube(unit, point);
            for (int i = 0; i < d; i++)
            {
                if (!starts[i].IsFromPrior)
                {
                    point[i] = starts[i].Mean + starts[i].Sigma * random.NextGaussian();
                }
            }
            logPosterior = posterior.Evaluate(point, derived);
            if (!double.IsNegativeInfinity(logPosterior.Value))
            {
                return (logPosterior, attempt + 1);
            }
        }
        return (logPosterior, maxDraws);
    }
}
