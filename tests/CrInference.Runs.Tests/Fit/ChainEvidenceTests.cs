using System.Text.Json.Nodes;
using CrInference.Runs.Fit;
using CrInference.Runs.Lifecycle;

namespace CrInference.Runs.Tests.Fit;

/// <summary>
/// A fit's summary reports ln Z from its own chain (bridge sampling) where it can be trusted, against exact evidences of the
/// analytic test problems, and the reason where it cannot.
/// </summary>
public sealed class ChainEvidenceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crinf-chain-evidence-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<JsonNode> Fit(string prior, int walkers, int steps, string name)
    {
        var options = new FitOptions(TestRepository.PathOf(prior)) { OutputDirectory = Path.Combine(_folder, name), Walkers = walkers, Steps = steps, Threads = 1, Reports = [] };
        Assert.Equal(0, await RunLifecycle.ExecuteAsync(FitRunKind.Instance, options, TextWriter.Null));
        return JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, name, "summary.json")))!;
    }

    [Fact]
    public async Task LongFit_OfTheCorrelatedGaussian_ReportsTheExactEvidenceWithinThreeSigma()
    {
        // priors/tests/gaussian-3d.yaml: ln Z = -3 ln 20 = -8.98720 exactly.
        var summary = await Fit("priors/tests/gaussian-3d.yaml", 32, 1500, "gauss");
        Assert.Null((string?)summary["log_z_failure"]);
        Assert.Equal("bridge-sampling", (string?)summary["log_z_method"]);
        double logZ = (double)summary["log_z"]!, sigma = (double)summary["log_z_err"]!;
        Assert.InRange(sigma, 1e-4, 0.1);
        Assert.InRange(logZ, -8.98720 - 3 * sigma - 0.01, -8.98720 + 3 * sigma + 0.01);
        // The second estimator, importance sampling from the same proposal, agrees within its own 3 sigma.
        double check = (double)summary["log_z_check"]!["log_z"]!, checkSigma = (double)summary["log_z_check"]!["log_z_err"]!;
        Assert.InRange(check, -8.98720 - 3 * checkSigma - 0.01, -8.98720 + 3 * checkSigma + 0.01);
    }

    [Fact]
    public async Task ShortFit_ReportsWhyNoEvidence_WithoutExtraLikelihoodCalls()
    {
        var summary = await Fit("priors/tests/gaussian-3d.yaml", 8, 40, "short");
        Assert.Null((double?)summary["log_z"]);
        Assert.Null((string?)summary["log_z_method"]);
        Assert.Contains("too few independent posterior samples", (string)summary["log_z_failure"]!, StringComparison.Ordinal);
        Assert.Equal(0, (int)summary["log_z_check"]!["likelihood_calls"]!);
    }
}
