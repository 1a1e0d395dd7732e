using CrInference.Data;
using CrInference.Inference.Tests.Data;
using CrInference.Posterior.Likelihood;

namespace CrInference.Inference.Tests.Likelihood;

/// <summary>Covariance assembly (stat floor, Gaussian kernel in log₁₀ x, components) against hand computations.</summary>
public sealed class CovarianceAssemblyTests
{
    // Three points at 10, 20, 40 GV; stat (0.3, printed 0 with last digit 0.1 → floor 0.05, 0.4); sys (1, 2, 1.5); ℓ = 0.3 decades.
    private static readonly DataPoint[] ThreePoints =
    [
        new(10, null, null, 100, 0.3, 1.0) { LastPrintedDigit = 0.1 },
        new(20, null, null, 50, 0.0, 2.0) { LastPrintedDigit = 0.1 },
        new(40, null, null, 20, 0.4, 1.5) { LastPrintedDigit = 0.1 },
    ];

    [Fact]
    public void Build_ThreePoints_MatchesHandComputation()
    {
        // ρ01 = ρ12 = exp[−(log₁₀ 2)²/(2·0.3²)] = exp(−0.0906191/0.18) = 0.604448254723;
        // ρ02 = exp[−(log₁₀ 4)²/0.18] = exp(−0.3624764/0.18) = 0.133486243569.
        // C00 = 0.3² + 1² = 1.09; C11 = 0.05² + 2² = 4.0025; C22 = 0.4² + 1.5² = 2.41;
        // C01 = 1·2·ρ01 = 1.208896509445; C02 = 1·1.5·ρ02 = 0.200229365354; C12 = 2·1.5·ρ12 = 1.813344764168.
        double[] expected =
        [
            1.09, 1.208896509445, 0.200229365354,
            1.208896509445, 4.0025, 1.813344764168,
            0.200229365354, 1.813344764168, 2.41,
        ];

        double[] covariance = CovarianceAssembly.Build(ThreePoints, "three", 0.3);

        for (int k = 0; k < 9; k++) Assert.Equal(expected[k], covariance[k], 1e-11);
    }

    [Fact]
    public void Cholesky_OfTheAssembledMatrix_MatchesHandComputation()
    {
        // L00 = √1.09 = 1.044030650891; L10 = C10/L00 = 1.157912852859; L11 = √(C11 − L10²) = 1.631483320535;
        // L20 = C20/L00 = 0.191784949209; L21 = (C21 − L20 L10)/L11 = 0.975354443692; L22 = √(C22 − L20² − L21²) = 1.192435424846.
        // d = (100, 50, 20), m = (101, 48, 20.5): z = L⁻¹(d − m) = (−0.957826285221, 1.905676464681, −1.824009331898),
        // χ² = 7.876044023551.
        double[] data = [100, 50, 20];
        var likelihood = GaussianLikelihood.WithCovariance(data, CovarianceAssembly.Build(ThreePoints, "three", 0.3));

        double[,] l = { { 1.044030650891, 0, 0 }, { 1.157912852859, 1.631483320535, 0 }, { 0.191784949209, 0.975354443692, 1.192435424846 } };
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++) Assert.Equal(l[i, j], likelihood.CholeskyFactor(i, j), 1e-11);
        }
        Assert.Equal(7.876044023551, likelihood.ChiSquare([101, 48, 20.5]), 1e-10);
    }

    [Fact]
    public void Build_WithoutCorrelation_IsStatPlusSysOnTheDiagonal()
    {
        double[] covariance = CovarianceAssembly.Build(ThreePoints, "three", null);

        Assert.Equal([1.09, 0, 0, 0, 4.0025, 0, 0, 0, 2.41], covariance.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Build_VeryShortLength_EqualsTheDiagonalPath()
    {
        // ℓ = 0.01 decade: ρ(log₁₀ 2) = exp(−0.0906/0.0002) < 1e-196, so C is diagonal to double precision.
        var correlated = GaussianLikelihood.WithCovariance([100, 50, 20], CovarianceAssembly.Build(ThreePoints, "three", 0.01));
        var diagonal = GaussianLikelihood.Diagonal([100, 50, 20], [Math.Sqrt(1.09), Math.Sqrt(4.0025), Math.Sqrt(2.41)]);

        Assert.Equal(diagonal.ChiSquare([101, 48, 20.5]), correlated.ChiSquare([101, 48, 20.5]), 1e-12);
        Assert.Equal(diagonal.LogNormalisation, correlated.LogNormalisation, 1e-12);
    }

    [Fact]
    public void Build_WithComponents_SumsOneKernelPerComponent()
    {
        // Two components (a, b) at 10 and 100 GV, ℓ = 0.5 decade: ρ = exp(−1/(2·0.25)) = exp(−2) = 0.135335283237.
        // C01 = (a0 a1 + b0 b1) ρ = (1·3 + 2·0.5)·ρ = 4ρ = 0.541341132946; the totals alone would give √5·√9.25·ρ = 0.920...
        // Diagonal: stat² + a² + b² (the components' quadrature sum, not the printed total).
        DataPoint[] points =
        [
            new(10, null, null, 1, 0.1, 2.3) { SysComponents = [1.0, 2.0] },
            new(100, null, null, 1, 0.2, 3.0) { SysComponents = [3.0, 0.5] },
        ];

        double[] covariance = CovarianceAssembly.Build(points, "components", 0.5);

        Assert.Equal(0.01 + 5, covariance[0], 1e-12);
        Assert.Equal(0.541341132946, covariance[1], 1e-11);
        Assert.Equal(covariance[1], covariance[2]);
        Assert.Equal(0.04 + 9.25, covariance[3], 1e-12);
    }

    [Fact]
    public void StatisticalError_ZeroWithUnknownRounding_IsRejected()
    {
        var point = new DataPoint(10, null, null, 1, 0, 0.1);

        var error = Assert.Throws<ArgumentException>(() => CovarianceAssembly.StatisticalError(point, "x"));

        Assert.Equal("dataset x: the point at 10 has stat_err = 0 and its table's rounding is unknown, so no floor can be set", error.Message);
        Assert.Equal(0.05, CovarianceAssembly.StatisticalError(point with { LastPrintedDigit = 0.1 }, "x"));
        Assert.Equal(0.3, CovarianceAssembly.StatisticalError(point with { StatError = 0.3, LastPrintedDigit = 0.1 }, "x"));
    }

    [Fact]
    public void ProtonFlux2021_ZeroStatBins_GetHalfTheirLastPrintedDigit()
    {
        // ams02-p-2021 rows printed with stat 0.0: 257.1 (digit 0.1 → 0.05), 26.79 (0.01 → 0.005), 1.628 (0.001 → 0.0005).
        var observed = ObservedDataset.Prepare(BundledData.Load("ams02-p-2021"), DatasetCut.None, ErrorModel.Correlated);
        double Floor(double value) => observed.StatisticalErrors[Array.FindIndex(observed.Points, p => p.Value == value)];

        Assert.Equal(0.05, Floor(257.1), 1e-15);
        Assert.Equal(0.005, Floor(26.79), 1e-15);
        Assert.Equal(0.0005, Floor(1.628), 1e-15);
        Assert.Equal(0.4, Floor(824.7));
    }

    /// <summary>
    /// The cost of a flat 1 % offset (model = 1.01 × data) on ams02-p-2021 with the default cut (E_k ≥ 10 GeV, 49 bins)
    /// and ℓ = 0.3 decade. Before the floor, stat printed as 0 got a relative jitter 1e-12 σ_total² and the near-singular
    /// matrix charged χ² ≈ 3800 (3782.04 by an independent Python Cholesky); with the floor the offset costs 5.906
    /// (same Python check), below the 37.405 of independent errors, as a correlated systematic should.
    /// </summary>
    [Fact]
    public void FlatOnePercentOffset_ProtonFlux2021_CostsLittleOnceZeroStatBinsHaveTheFloor()
    {
        var source = BundledData.Load("ams02-p-2021");
        var cut = DatasetCut.DefaultFor(DatasetQuantity.ProtonFlux);
        var correlated = ObservedDataset.Prepare(source, cut, ErrorModel.Correlated);
        var diagonal = ObservedDataset.Prepare(source, cut, ErrorModel.Default);
        double[] offset = correlated.Points.Select(p => 1.01 * p.Value).ToArray();

        var points = correlated.Points;
        int n = points.Length;
        var before = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double d = Math.Log10(points[i].Centre / points[j].Centre);
                before[i * n + j] = points[i].SysError * points[j].SysError * Math.Exp(-d * d / (2 * 0.3 * 0.3));
            }
            before[i * n + i] += points[i].StatError * points[i].StatError + 1e-12 * points[i].TotalError * points[i].TotalError;
        }
        double chi2Before = GaussianLikelihood.WithCovariance(points.Select(p => p.Value).ToArray(), before).ChiSquare(offset);

        Assert.Equal(49, n);
        Assert.Equal(3782.04, chi2Before, 3782.04 * 0.02);
        Assert.Equal(5.90612, correlated.Likelihood.ChiSquare(offset), 1e-4);
        Assert.Equal(37.40486, diagonal.Likelihood.ChiSquare(offset), 1e-4);
    }

    [Fact]
    public void CutCovariance_IsTheSubBlockOfTheUncutOne()
    {
        // Mock data for a whole table drawn with DatasetCut.None carry, on any cut, the fit's error model.
        var source = BundledData.Load("ams02-bc-2021");
        var all = CovarianceAssembly.Build(source.Points, source.Id, 0.3);
        var cut = ObservedDataset.Prepare(source, new DatasetCut(MinGV: 20, MaxGV: 500), ErrorModel.Correlated);
        var kept = CovarianceAssembly.Build(cut.Points, source.Id, 0.3);
        int n = source.Points.Length, m = cut.Count;

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < m; j++) Assert.Equal(all[cut.RowIndices[i] * n + cut.RowIndices[j]], kept[i * m + j]);
        }
    }

    [Fact]
    public void InfiniteLength_CorrelatesFully()
    {
        double[] covariance = CovarianceAssembly.Build(ThreePoints, "three", double.PositiveInfinity);

        Assert.Equal(1 * 1.5, covariance[2]);
        Assert.Equal(2 * 1.5, covariance[5]);
        Assert.Throws<ArgumentException>(() => CovarianceAssembly.Build(ThreePoints, "three", 0));
        Assert.Throws<ArgumentException>(() => CovarianceAssembly.Build(ThreePoints, "three", double.NaN));
    }
}
