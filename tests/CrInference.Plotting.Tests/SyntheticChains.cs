using CrInference.Core.Random;

namespace CrInference.Plotting.Tests;

/// <summary>Chain tables for rendering tests: correlated Gaussian parameters with labels and units.</summary>
internal static class SyntheticChains
{
    private static readonly string[] Names =
        ["log10_D0", "delta", "v_A_km_s", "D0_cm2_s", "n_W", "eta", "gamma_inj", "halo_h_kpc", "T_W", "phi_GV", "alpha", "beta"];

    private static readonly string?[] Labels =
        [@"\log_{10} D_0", @"\delta", @"v_{\rm A}", "D_0", "n_W", @"\eta", @"\gamma_{\rm inj}", "h", "T_W", @"\phi", @"\alpha", @"\beta"];

    private static readonly string?[] Units =
        ["cm^2 s^-1", null, "km s^-1", "cm^2 s^-1", "cm^-3", null, null, "kpc", "K", "GV", null, null];

    /// <summary>
    /// Walkers × draws rows, draw-major (all walkers of draw 0, then draw 1, …), with
    /// <c>chain</c>, <c>draw</c>, the parameters and a <c>log_posterior</c> column.
    /// </summary>
    public static SampleTable Walkers(ulong seed, int walkers, int draws, int dimensions, double shift = 0, string source = "/runs/a/chain.parquet")
    {
        RandomStream random = RandomKey.FromSeed(seed).Open();
        int rows = walkers * draws;
        var chain = new double[rows];
        var draw = new double[rows];
        var logPosterior = new double[rows];
        double[][] values = [.. Enumerable.Range(0, dimensions).Select(_ => new double[rows])];
        for (int t = 0; t < draws; t++)
        {
            for (int w = 0; w < walkers; w++)
            {
                int i = (t * walkers) + w;
                chain[i] = w;
                draw[i] = t;
                double previous = 0;
                for (int d = 0; d < dimensions; d++)
                {
                    double z = d == 0 ? random.NextGaussian() : (0.6 * previous) + (0.8 * random.NextGaussian());
                    previous = z;
                    values[d][i] = d == 3 ? 2.3e28 * (1 + (0.05 * (z + shift))) : (10 * d) + 0.5 + ((1 + d) * 0.1 * (z + shift));
                }

                logPosterior[i] = -0.5 * previous * previous;
            }
        }

        var columns = new List<SampleColumn> { new("chain", chain), new("draw", draw) };
        for (int d = 0; d < dimensions; d++)
        {
            columns.Add(new SampleColumn(Names[d % Names.Length] + (d >= Names.Length ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty), values[d], Labels[d % Labels.Length], Units[d % Units.Length]));
        }

        columns.Add(new SampleColumn("log_posterior", logPosterior));
        return new SampleTable(columns, source);
    }
}
