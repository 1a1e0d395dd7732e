using CrInference.Data;
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

    private static DatasetCatalog Catalog => new(TestRepository.PathOf("data"));
}
