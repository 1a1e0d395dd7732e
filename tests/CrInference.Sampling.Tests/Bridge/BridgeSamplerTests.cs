using CrInference.Core;
using CrInference.Core.Priors;
using CrInference.Core.Random;
using CrInference.Posterior.TestProblems;
using CrInference.Sampling.Benchmarks;
using CrInference.Sampling.Bridge;

namespace CrInference.Sampling.Tests.Bridge;

/// <summary>
/// Bridge sampling against every analytic problem with an exact ln Z (the six reference problems and a Gaussian whose
/// mode sits on the prior's corner): with exact posterior draws it must return ln Z within 3σ of the exact value, also
/// for the multimodal egg-box and the shells; after an ensemble run it must return either a number within 3σ or a
/// refusal — never a confident wrong number — and a number for the unimodal problems; and it must refuse (no number)
/// for chains that cannot support an estimate.
/// </summary>
public sealed class BridgeSamplerTests
{
    public static TheoryData<int> Problems => [.. Enumerable.Range(0, Cases().Count)];

    // Each problem with the point of its largest likelihood (the envelope of the rejection sampler).
    private static List<(ITestProblem Problem, double[] Mode)> Cases()
    {
        var reference = TestProblemCatalog.ReferenceProblems();
        var edge = TestProblemCatalog.Create("test/gaussian", TestProblemCatalog.Space(2, () => UniformPrior.FromBounds(-10, 10)),
            new Dictionary<string, double> { ["mean"] = 10 });
        return
        [
            (reference[0], [0, 0, 0]),
            (reference[1], [-1.5, 0]),
            (reference[2], [-1.5, 0, 0, 0, 0]),
            (reference[3], [0, 0]),
            (reference[4], [1, 1]),
            (reference[5], [0.5, 0.5, 0.5, 0.5, 0.5]),
            (edge, [10, 10]),
        ];
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void ExactPosteriorDraws_GiveTheExactEvidenceWithinThreeSigma(int index)
    {
        var (problem, mode) = Cases()[index];
        var (positions, logLikelihoods) = RejectionDraws(problem, mode, 4000, RandomKey.FromSeed(7).Split((ulong)index));
        var result = BridgeSampler.Estimate(problem, 1, 4000, positions, logLikelihoods, RandomKey.FromSeed(11));
        Assert.True(result.Succeeded, $"{problem.Name}: {result.Failure}");
        double exact = problem.ExactLogEvidence!.Value;
        Assert.InRange(result.LogEvidence!.Value - exact, -3 * result.LogEvidenceError!.Value, 3 * result.LogEvidenceError.Value);
        Assert.InRange(result.LogEvidenceError.Value, 1e-4, 0.2);
        Assert.InRange(result.LikelihoodCalls, 1, 4000);
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void EnsembleChains_GiveANumberWithinThreeSigmaOrARefusal(int index)
    {
        var (problem, _) = Cases()[index];
        var chain = new BridgeChainSettings(Walkers: 32, BurnIn: 1000, Steps: 3000);
        var (positions, logLikelihoods, _) = BridgeSamplingBenchmark.SampleChain(problem, chain, RandomKey.FromSeed(3));
        var result = BridgeSampler.Estimate(problem, chain.Walkers, chain.Steps, positions, logLikelihoods, RandomKey.FromSeed(5));
        bool unimodal = problem.Name is "test/gaussian" or "test/rosenbrock" or "test/conjugate-gaussian";
        if (unimodal) Assert.True(result.Succeeded, $"{problem.Name}: {result.Failure}");
        if (!result.Succeeded)
        {
            Assert.Null(result.LogEvidence);
            Assert.False(string.IsNullOrWhiteSpace(result.Failure));
            return;
        }
        double exact = problem.ExactLogEvidence!.Value;
        Assert.InRange(result.LogEvidence!.Value - exact, -3 * result.LogEvidenceError!.Value, 3 * result.LogEvidenceError.Value);
    }

    [Fact]
    public void RealLineProposal_OverlapsThePosteriorBetterAtAPriorCorner()
    {
        // The 2-D Gaussian whose mode sits on the corner of its prior: a quarter of a Gaussian piled against two bounds.
        // Fitted on the probit scale, the proposal vanishes at the bounds as the posterior does; fitted in the sampled
        // coordinates, it spills three quarters of its mass outside. Both must give the exact ln Z within 3σ; the first
        // with more effective proposal draws and a smaller σ.
        var (problem, mode) = Cases()[6];
        var (positions, logLikelihoods) = RejectionDraws(problem, mode, 4000, RandomKey.FromSeed(7).Split(6));
        var onLine = BridgeSampler.Estimate(problem, 1, 4000, positions, logLikelihoods, RandomKey.FromSeed(11));
        var truncated = BridgeSampler.Estimate(problem, 1, 4000, positions, logLikelihoods, RandomKey.FromSeed(11), new BridgeSamplingSettings(RealLine: false));
        double exact = problem.ExactLogEvidence!.Value;
        foreach (var result in new[] { onLine, truncated })
        {
            Assert.True(result.Succeeded, result.Failure);
            Assert.InRange(result.LogEvidence!.Value - exact, -3 * result.LogEvidenceError!.Value, 3 * result.LogEvidenceError.Value);
        }
        Assert.True(onLine.Diagnostics.ProposalEffectiveDraws > truncated.Diagnostics.ProposalEffectiveDraws,
            $"effective proposal draws {onLine.Diagnostics.ProposalEffectiveDraws} (real line) vs {truncated.Diagnostics.ProposalEffectiveDraws}");
        Assert.True(onLine.LogEvidenceError < truncated.LogEvidenceError, $"sigma {onLine.LogEvidenceError} vs {truncated.LogEvidenceError}");
    }

    [Fact]
    public void ShortChain_IsRefusedForTooFewIndependentSamples()
    {
        var (problem, _) = Cases()[0];
        var chain = new BridgeChainSettings(Walkers: 8, BurnIn: 200, Steps: 40);
        var (positions, logLikelihoods, _) = BridgeSamplingBenchmark.SampleChain(problem, chain, RandomKey.FromSeed(3));
        var result = BridgeSampler.Estimate(problem, chain.Walkers, chain.Steps, positions, logLikelihoods, RandomKey.FromSeed(5));
        Assert.False(result.Succeeded);
        Assert.Null(result.LogEvidence);
        Assert.Contains("independent", result.Failure);
    }

    [Fact]
    public void ModesInWrongProportions_AreRefused()
    {
        // Exact egg-box draws, then every draw in the modes with x1 < 5π repeated three times: the chain now holds those
        // modes three times too often, which the proposal's importance masses expose.
        var (problem, mode) = Cases()[3];
        var (positions, _) = RejectionDraws(problem, mode, 3000, RandomKey.FromSeed(9));
        var biased = new List<double>();
        for (int i = 0; i < 3000; i++)
        {
            int repeat = positions[2 * i] < 5 * Math.PI ? 3 : 1;
            for (int r = 0; r < repeat; r++) biased.AddRange(positions.AsSpan(2 * i, 2).ToArray());
        }
        var rows = Shuffle(biased.ToArray(), 2, RandomKey.FromSeed(13));
        var result = BridgeSampler.Estimate(problem, 1, rows.Length / 2, rows, Evaluate(problem, rows), RandomKey.FromSeed(11));
        Assert.False(result.Succeeded);
        Assert.Contains("proportions", result.Failure);
    }

    [Fact]
    public void DriftingChain_IsRefused()
    {
        // Exact draws of the 3-D Gaussian whose last quarter drifts by one σ along every axis (its log posteriors honestly
        // evaluated there): the chain is not stationary. The jump inflates the autocorrelation time (too few independent
        // samples) or, if not, the two quarters of the estimator half disagree.
        var (problem, mode) = Cases()[0];
        var (positions, _) = RejectionDraws(problem, mode, 4000, RandomKey.FromSeed(17));
        for (int i = 3000 * 3; i < positions.Length; i++) positions[i] += 1.0;
        var result = BridgeSampler.Estimate(problem, 1, 4000, positions, Evaluate(problem, positions), RandomKey.FromSeed(11));
        Assert.False(result.Succeeded, $"estimate {result.LogEvidence} ± {result.LogEvidenceError}, exact {problem.ExactLogEvidence}");
        Assert.True(result.Failure!.Contains("stationary") || result.Failure.Contains("independent"), result.Failure);
    }

    [Fact]
    public void Estimate_DoesNotDependOnThreads()
    {
        var (problem, _) = Cases()[4];
        var chain = new BridgeChainSettings(Walkers: 16, BurnIn: 500, Steps: 1000);
        var (positions, logLikelihoods, _) = BridgeSamplingBenchmark.SampleChain(problem, chain, RandomKey.FromSeed(3));
        var settings = new BridgeSamplingSettings(ProposalDraws: 1000);
        var one = BridgeSampler.Estimate(problem, chain.Walkers, chain.Steps, positions, logLikelihoods, RandomKey.FromSeed(5), settings, threads: 1);
        var two = BridgeSampler.Estimate(problem, chain.Walkers, chain.Steps, positions, logLikelihoods, RandomKey.FromSeed(5), settings, threads: 2);
        Assert.Equal(one.Diagnostics, two.Diagnostics);
        Assert.Equal(one.LogEvidence, two.LogEvidence);
    }

    // Independent posterior draws by rejection from the prior with envelope L(mode) ≥ L.
    private static (double[] Positions, double[] LogLikelihoods) RejectionDraws(ITestProblem problem, double[] mode, int count, RandomKey key)
    {
        int d = problem.Space.Dimension;
        var modeSampled = new double[d];
        problem.Space.ToSampled(mode, modeSampled);
        double envelope = problem.LogLikelihood(modeSampled, []) + 1e-9;
        var random = key.Open();
        var positions = new double[count * d];
        Span<double> unit = stackalloc double[d];
        Span<double> x = stackalloc double[d];
        for (int accepted = 0; accepted < count;)
        {
            for (int i = 0; i < d; i++) unit[i] = random.NextOpenDouble();
            problem.Space.FromUnitCube(unit, x);
            double logL = problem.LogLikelihood(x, []);
            Assert.True(logL <= envelope, "the envelope must bound the likelihood");
            if (Math.Log(random.NextOpenDouble()) < logL - envelope) x.CopyTo(positions.AsSpan(accepted++ * d, d));
        }
        return (positions, Evaluate(problem, positions));
    }

    private static double[] Evaluate(IPosterior problem, double[] positions)
    {
        int d = problem.Space.Dimension;
        var result = new double[positions.Length / d];
        for (int i = 0; i < result.Length; i++) result[i] = problem.LogLikelihood(positions.AsSpan(i * d, d), []);
        return result;
    }

    private static double[] Shuffle(double[] rows, int d, RandomKey key)
    {
        var random = key.Open();
        int n = rows.Length / d;
        var order = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var result = new double[rows.Length];
        for (int i = 0; i < n; i++) Array.Copy(rows, order[i] * d, result, i * d, d);
        return result;
    }
}
