using CrInference.Core;
using CrInference.Core.Priors;
using CrInference.Data;
using CrInference.Posterior;
using CrInference.Runs.Composition;

namespace CrInference.Runs.Tests.Composition;

/// <summary>
/// Every shipped prior file, evaluated at prior draws over its whole prior (not only near the fit): models return a
/// failure reason and the likelihood −∞, never NaN (docs/ARCHITECTURE.md, Conventions). 2000 draws per file here;
/// <c>crinf bench robustness</c> runs 10⁵ and reports the counts.
/// </summary>
[Trait("Category", "Statistical")]
public sealed class LikelihoodRobustnessTests
{
    private const long Draws = 2000;

    public static TheoryData<string> ShippedPriorFiles() => CatalogPriorFileSchemaTests.ShippedPriorFiles();

    [Theory]
    [MemberData(nameof(ShippedPriorFiles))]
    public void PriorDraws_ThroughTheLikelihood_GiveNoNaNAndAReasonForEveryMinusInfinity(string relative)
    {
        var result = LikelihoodRobustness.Run(TestRepository.PathOf(relative), Catalog, Draws, seed: 20221125, threads: 2);

        Assert.Equal(Draws, result.Finite + result.NotANumber + result.PositiveInfinity + result.NegativeInfinity);
        Assert.Equal(0, result.NotANumber);
        Assert.Equal(0, result.PositiveInfinity);
        Assert.Equal(result.NegativeInfinity, result.Reasons.Sum(kv => kv.Value));
        Assert.DoesNotContain(result.Reasons, kv => kv.Key == LikelihoodRobustness.NoReason);
        Assert.True(result.Finite > 0, $"{relative}: no prior draw has a finite posterior");
    }

    [Fact]
    public void Counts_DoNotDependOnTheThreadCount()
    {
        // A posterior that fails on part of its prior: z_W drawn across the halo boundary r = 10 kpc.
        using var folder = new ScratchFolder();
        string prior = folder.Write("p.yaml", "model: two-phase\ndatasets: [ams02-p-2015]\nparams:\n  z_w_kpc: { prior: uniform, min: 5, max: 15 }\n  gamma_inj: { prior: uniform, min: 4.1, max: 4.6 }\n");

        var one = LikelihoodRobustness.Run(prior, Catalog, 60, seed: 7, threads: 1);
        var three = LikelihoodRobustness.Run(prior, Catalog, 60, seed: 7, threads: 3);

        Assert.InRange(one.NegativeInfinity, 10, 50);
        Assert.Equal((one.Finite, one.NegativeInfinity), (three.Finite, three.NegativeInfinity));
        Assert.Equal(one.Reasons, three.Reasons);
        Assert.StartsWith("halo_r_kpc must exceed z_w_kpc", one.Reasons[0].Key, StringComparison.Ordinal);
    }

    [Fact]
    public void MisbehavingLikelihood_NaNAndPlusInfinityAreCountedNotHidden()
    {
        // x uniform on (0, 1): NaN below 0.25, +∞ in [0.25, 0.5), a recorded failure in [0.5, 0.75), finite above.
        var result = LikelihoodRobustness.Run("quarters", "test", () =>
        {
            var posterior = new Quarters();
            return (posterior, posterior.Failures);
        }, 4000, seed: 3, threads: 2);

        Assert.Equal(4000, result.Finite + result.NotANumber + result.PositiveInfinity + result.NegativeInfinity);
        // Each quarter holds 1000 ± 3·√(4000·0.25·0.75) ≈ 1000 ± 82 of the draws.
        Assert.InRange(result.NotANumber, 918, 1082);
        Assert.InRange(result.PositiveInfinity, 918, 1082);
        Assert.Equal("x in the third quarter", Assert.Single(result.Reasons).Key);
        Assert.InRange(result.NegativeInfinity, 918, 1082);
    }

    private static DatasetCatalog Catalog => new(TestRepository.PathOf("data"));

    /// <summary>A one-parameter posterior that misbehaves on three quarters of its prior.</summary>
    private sealed class Quarters : IPosterior
    {
        public FailureCounter Failures { get; } = new();

        public ParameterSpace Space { get; } = new([new ParameterSpec("x", "x", "", UniformPrior.FromBounds(0, 1))]);

        public IReadOnlyList<string> DerivedNames => [];

        public double LogLikelihood(ReadOnlySpan<double> sampled, Span<double> derived)
        {
            double x = sampled[0];
            if (x < 0.25) return double.NaN;
            if (x < 0.5) return double.PositiveInfinity;
            if (x >= 0.75) return 0;
            Failures.Record("x in the third quarter");
            return double.NegativeInfinity;
        }
    }
}
