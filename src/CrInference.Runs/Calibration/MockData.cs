using CrInference.Core.Random;
using CrInference.Data;
using CrInference.Posterior;
using CrInference.Posterior.Likelihood;

namespace CrInference.Runs.Calibration;

/// <summary>
/// Mock data on the real datasets' bins and errors: a transport posterior's model is evaluated at a true parameter
/// point at every point its datasets keep, and each dataset's values are replaced by a draw from the likelihood's
/// own error model, d = m + L z with the Cholesky factor L of the dataset's covariance (correlations included;
/// <see cref="GaussianLikelihood.Draw"/>). Rows outside the cuts keep their published values: the fits of the same
/// prior file never read them, and the model is evaluated exactly where the fit evaluates it, so a truth at which
/// the model fails is one where the fit's likelihood is zero too.
/// </summary>
/// <remarks>
/// Dataset d draws its normals from <c>key.Split(d)</c> (d in the posterior's dataset order), so the same key gives
/// the same data. The mock tables in memory (<see cref="MockTable.Prepare"/>) equal what writing them
/// (<see cref="MockTable.Write"/>) and reading them back with <c>--data-dir</c> gives: the table writer prints values
/// in round-trip form and a replacement table keeps the bundled errors and printed digits.
/// </remarks>
public sealed class MockDataTemplate
{
    /// <summary>Mock data for the datasets of <paramref name="posterior"/>, with its cuts and error model.</summary>
    public MockDataTemplate(TransportPosterior posterior) => Posterior = posterior ?? throw new ArgumentNullException(nameof(posterior));

    /// <summary>The posterior whose datasets are simulated and whose model makes the mean.</summary>
    public TransportPosterior Posterior { get; }

    /// <summary>
    /// Draws the mock tables at <paramref name="truthSampled"/> (sampled coordinates of the posterior's space; fixed
    /// parameters and the solar potential as the posterior holds them); null with the model's reason where the
    /// model fails at the truth.
    /// </summary>
    public IReadOnlyList<MockTable>? Draw(ReadOnlySpan<double> truthSampled, RandomKey key, out string? failure)
    {
        var mean = Posterior.PredictAtData(truthSampled, out failure);
        if (mean is null) return null;
        var tables = new MockTable[Posterior.Datasets.Count];
        for (int d = 0; d < tables.Length; d++)
        {
            var dataset = Posterior.Datasets[d];
            var drawn = new double[dataset.Count];
            var stream = key.Split((ulong)d).Open();
            dataset.Likelihood.Draw(mean[d], ref stream, drawn);
            var values = dataset.Source.Points.Select(p => p.Value).ToArray();
            for (int i = 0; i < drawn.Length; i++) values[dataset.RowIndices[i]] = drawn[i];
            tables[d] = new MockTable(dataset, values, mean[d]);
        }
        return tables;
    }

    /// <summary>The posterior of the same prior file given <paramref name="tables"/> instead of the template's data.</summary>
    public TransportPosterior Condition(IReadOnlyList<MockTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        return new TransportPosterior(Posterior.Space, Posterior.FixedValues, Posterior.Model, Posterior.Options, [.. tables.Select(t => t.Prepare())]);
    }
}

/// <summary>One dataset's mock table.</summary>
/// <param name="Template">The dataset as the posterior prepared it (cut, error model).</param>
/// <param name="Values">One value per row of the table, cut or not (rows outside the cut: the published values).</param>
/// <param name="Mean">The model at the truth at each kept point (the mean of the draw).</param>
public sealed record MockTable(ObservedDataset Template, double[] Values, double[] Mean)
{
    /// <summary>The dataset id.</summary>
    public string Id => Template.Id;

    /// <summary>The table with its values replaced (errors, bins and printed digits unchanged).</summary>
    public Dataset Source => Template.Source with
    {
        Points = [.. Template.Source.Points.Select((p, i) => p with { Value = Values[i] })],
    };

    /// <summary>The mock table prepared like the template (same cut, same error model).</summary>
    public ObservedDataset Prepare() => ObservedDataset.Prepare(Source, Template.Cut, Template.Errors);

    /// <summary>Writes the table in the bundled file's exact column layout (<see cref="DatasetTableWriter"/>).</summary>
    public void Write(TextWriter output) => DatasetTableWriter.Write(Template.Source, Values, output);
}
