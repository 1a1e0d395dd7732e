using System.Text;
using System.Text.Json.Nodes;
using CrInference.Core.Random;
using CrInference.Posterior;
using CrInference.Runs.Calibration;
using CrInference.Runs.Composition;

namespace CrInference.Runs.Tests.Calibration;

/// <summary>
/// Mock data (<see cref="MockDataTemplate"/>, <c>crinf simulate</c>): drawn from the likelihood's own error model, so the
/// χ² of mock data at the truth follows a χ² distribution with as many degrees of freedom as kept points (mean n,
/// variance 2n), for independent and for correlated errors; the tables read back with <c>--data-dir</c> give the very
/// likelihood the in-memory tables give; rows outside the cuts keep the published values.
/// </summary>
public sealed class MockDataTests : IDisposable
{
    private const string PhenomenologicalText = """
        model: phenomenological
        datasets: [ams02-bc-2021, ams02-p-2015, voyager1-h-2016]
        options: { losses: ionisation }
        params:
          gamma_inj:    { prior: uniform, min: 4.0, max: 4.8 }
          kappa0_cm2_s: { prior: log-uniform, min: 1.0e27, max: 1.0e30 }
          kappa_delta:  { prior: uniform, min: 0.1, max: 0.9 }
        """;

    private readonly ScratchFolder _folder = new();

    public MockDataTests() => Environment.SetEnvironmentVariable("CRINF_ROOT", TestRepository.Root);

    public void Dispose() => _folder.Dispose();

    private TransportPosterior Posterior(string extra = "")
    {
        string path = _folder.Write($"prior{extra.Length}.yaml", PhenomenologicalText + "\n" + extra);
        return PosteriorFactory.Create(CatalogPriorFileSchema.Parse(path), DataDirectoryOption.Catalog(null)).Transport!;
    }

    private static double[] Fiducial(TransportPosterior posterior)
    {
        var truth = new double[posterior.Space.Dimension];
        posterior.Space.ToSampled([4.3, 1e29, 0.5], truth);
        return truth;
    }

    [Theory]
    [InlineData("")]
    [InlineData("likelihood: { errors: correlated }")]
    public void ChiSquareAtTheTruth_HasMeanNAndVarianceTwoN(string likelihood)
    {
        var posterior = Posterior(likelihood);
        var template = new MockDataTemplate(posterior);
        var truth = Fiducial(posterior);
        const int draws = 400;
        var sums = new double[posterior.Datasets.Count];
        var squares = new double[posterior.Datasets.Count];
        for (int k = 0; k < draws; k++)
        {
            var tables = template.Draw(truth, RandomKey.FromSeed(5).Split((ulong)k), out _)!;
            for (int d = 0; d < tables.Count; d++)
            {
                double chi2 = tables[d].Prepare().Likelihood.ChiSquare(tables[d].Mean);
                sums[d] += chi2;
                squares[d] += chi2 * chi2;
            }
        }
        for (int d = 0; d < sums.Length; d++)
        {
            int n = posterior.Datasets[d].Count;
            double mean = sums[d] / draws;
            double variance = squares[d] / draws - mean * mean;
            // The sample mean of χ²_n has σ = √(2n/400); 4σ bounds. The sample variance of χ²_n (kurtosis 12/n) has a
            // relative σ of √((2 + 12/n)/400) ≈ 0.08 for n ≥ 15; 4σ bounds.
            Assert.InRange(mean, n - 4 * Math.Sqrt(2.0 * n / draws), n + 4 * Math.Sqrt(2.0 * n / draws));
            Assert.InRange(variance / (2 * n), 1 - 4 * Math.Sqrt((2 + 12.0 / n) / draws), 1 + 4 * Math.Sqrt((2 + 12.0 / n) / draws));
        }
    }

    [Fact]
    public void TablesReadBackWithDataDir_GiveTheInMemoryLikelihoodBitForBit()
    {
        var posterior = Posterior();
        var template = new MockDataTemplate(posterior);
        var truth = Fiducial(posterior);
        var tables = template.Draw(truth, RandomKey.FromSeed(3), out _)!;
        string folder = Path.Combine(_folder.Path, "mock");
        Directory.CreateDirectory(folder);
        foreach (var table in tables)
        {
            using var writer = new StreamWriter(Path.Combine(folder, table.Id + ".csv"), false, new UTF8Encoding(false));
            table.Write(writer);
        }
        var spec = CatalogPriorFileSchema.Parse(_folder.File("prior0.yaml"));
        var fromFiles = PosteriorFactory.Create(spec, DataDirectoryOption.Catalog(folder)).Posterior;
        var inMemory = template.Condition(tables);

        var other = (double[])truth.Clone();
        other[0] += 0.01;
        foreach (var point in new[] { truth, other })
        {
            var a = new double[3];
            var b = new double[3];
            Assert.Equal(inMemory.LogLikelihood(point, a), fromFiles.LogLikelihood(point, b));
            Assert.Equal(a, b);
        }
        Assert.NotEqual(posterior.LogLikelihood(truth, new double[3]), inMemory.LogLikelihood(truth, new double[3]));
    }

    [Fact]
    public void RowsOutsideTheCut_KeepThePublishedValues_AndTheSameKeyGivesTheSameTables()
    {
        var posterior = Posterior();
        var template = new MockDataTemplate(posterior);
        var first = template.Draw(Fiducial(posterior), RandomKey.FromSeed(9), out _)!;
        var again = template.Draw(Fiducial(posterior), RandomKey.FromSeed(9), out _)!;
        for (int d = 0; d < first.Count; d++)
        {
            var source = posterior.Datasets[d];
            var kept = source.RowIndices.ToHashSet();
            for (int row = 0; row < first[d].Values.Length; row++)
            {
                if (kept.Contains(row)) Assert.NotEqual(source.Source.Points[row].Value, first[d].Values[row]);
                else Assert.Equal(source.Source.Points[row].Value, first[d].Values[row]);
            }
            Assert.Equal(first[d].Values, again[d].Values);
        }
        Assert.Contains(posterior.Datasets, d => d.RowIndices.Length < d.Source.Points.Length);
    }

    [Fact]
    public void Simulate_WritesEveryTableTruthAndReadme_AndRefusesToOverwrite()
    {
        string prior = _folder.Write("p.yaml", PhenomenologicalText);
        string output = Path.Combine(_folder.Path, "out");
        var lines = MockDataRun.Run(new SimulateRequest(prior, null, new Dictionary<string, double>(), new Dictionary<string, string>(), "fiducial", 4, output));

        Assert.Equal(["README.md", "ams02-bc-2021.csv", "ams02-p-2015.csv", "truth.json", "voyager1-h-2016.csv"],
            Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var truth = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "truth.json")))!;
        // Every model parameter (free, fixed and defaulted) and every force-field potential; free ones at the model's fiducials.
        var model = Physics.Models.ModelCatalog.Find("phenomenological")!;
        var parameters = (JsonObject)truth["parameters"]!;
        Assert.Equal(model.Parameters.Select(p => p.Name).Concat(TransportPosterior.ModulationParameters).Order(StringComparer.Ordinal), parameters.Select(kv => kv.Key));
        Assert.Equal(4.3, (double)parameters["gamma_inj"]!, 12);
        Assert.Contains("fit them with", lines[^1], StringComparison.Ordinal);

        var before = File.ReadAllText(Path.Combine(output, "ams02-p-2015.csv"));
        var error = Assert.Throws<UserInputException>(() => MockDataRun.Run(new SimulateRequest(prior, null, new Dictionary<string, double>(), new Dictionary<string, string>(), "fiducial", 5, output)));
        Assert.Contains("already holds mock data", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(output, "ams02-p-2015.csv")));
    }

    [Fact]
    public void Simulate_ModelForm_WritesEveryDatasetTheModelPredicts()
    {
        string output = Path.Combine(_folder.Path, "model");
        MockDataRun.Run(new SimulateRequest(null, "phenomenological", new Dictionary<string, double> { ["solar_phi_GV"] = 0.6 }, new Dictionary<string, string>(), null, 1, output));

        var truth = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "truth.json")))!;
        Assert.Equal(0.6, (double)truth["parameters"]!["solar_phi_GV"]!);
        // Both proton tables, both B/C tables and Voyager H; the carbon flux is predicted by no model.
        Assert.Equal(5, ((JsonArray)truth["datasets"]!).Count);
    }

    [Fact]
    public void TruthFromAFitFolder_IsItsPosteriorMedians()
    {
        string prior = _folder.Write("p.yaml", PhenomenologicalText);
        _folder.Write("fit/summary.json", """
            { "parameters": [ { "name": "gamma_inj", "median": 4.31 }, { "name": "kappa0_cm2_s", "median": 2.5e28 }, { "name": "kappa_delta", "median": 0.45 } ] }
            """);

        var truth = new TruthChoice(_folder.File("fit")).Resolve(CatalogPriorFileSchema.Parse(prior));

        Assert.Equal([4.31, 2.5e28, 0.45], truth);
    }

    [Theory]
    [InlineData("gamma_inj: 4.3\nkappa0_cm2_s: 1.0e29\n", "no value for the free parameter kappa_delta")]
    [InlineData("gamma_inj: 4.3\nkappa0_cm2_s: 1.0e29\nkappa_delta: 0.5\nwarm_n: 1\n", ":4: warm_n: ")]
    [InlineData("gamma_inj: 5.3\nkappa0_cm2_s: 1.0e29\nkappa_delta: 0.5\n", "gamma_inj = 5.3 lies outside its prior")]
    [InlineData("gamma_inj: 4.3\nkappa0_cm2_s: 1.0e29\nkappa_delta: 0.5\nhalo_H_kpc: 7\n", ":4: halo_H_kpc: ")]
    public void TruthFile_BadInput_IsOneLineNamingFileAndKey(string text, string expected)
    {
        string prior = _folder.Write("p.yaml", PhenomenologicalText);
        string truthFile = _folder.Write("truth.yaml", text);
        var spec = CatalogPriorFileSchema.Parse(prior);

        var error = Assert.ThrowsAny<Exception>(() => new TruthChoice(truthFile).Resolve(spec));

        Assert.True(error is UserInputException or Config.ConfigException, error.GetType().Name);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
