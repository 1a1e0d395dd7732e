namespace CrInference.Plotting;

/// <summary>
/// Weighted 2-D histogram on a regular grid with a Gaussian-smoothed density next to the raw
/// bin masses.
/// </summary>
/// <remarks>
/// <para><see cref="Mass"/>[i, j] is the summed weight of the samples in bin (i, j) divided by
/// the total weight of <em>all</em> samples, including those outside the grid, so the masses of a
/// region are fractions of the whole posterior.</para>
/// <para><see cref="Density"/> is the mass per unit area after a separable Gaussian filter of
/// standard deviation <see cref="SmoothingBins"/> bins (truncated at 4σ, zero outside the grid).
/// The smoothing only shapes the regions; the probability mass of a region is always counted
/// from the samples themselves (see <see cref="CredibleLevels"/>), so smoothing does not bias
/// the 68 % / 95 % masses.</para>
/// </remarks>
public sealed class DensityHistogram2D
{
    private DensityHistogram2D(double xMin, double xMax, double yMin, double yMax, double[,] mass, double[,] density, double smoothingBins, double totalWeight)
    {
        XMin = xMin;
        XMax = xMax;
        YMin = yMin;
        YMax = yMax;
        Mass = mass;
        Density = density;
        SmoothingBins = smoothingBins;
        TotalWeight = totalWeight;
    }

    /// <summary>Lower edge of the first x bin.</summary>
    public double XMin { get; }

    /// <summary>Upper edge of the last x bin.</summary>
    public double XMax { get; }

    /// <summary>Lower edge of the first y bin.</summary>
    public double YMin { get; }

    /// <summary>Upper edge of the last y bin.</summary>
    public double YMax { get; }

    /// <summary>Number of bins along x.</summary>
    public int XBins => Mass.GetLength(0);

    /// <summary>Number of bins along y.</summary>
    public int YBins => Mass.GetLength(1);

    /// <summary>Bin width along x.</summary>
    public double XStep => (XMax - XMin) / XBins;

    /// <summary>Bin width along y.</summary>
    public double YStep => (YMax - YMin) / YBins;

    /// <summary>Raw weighted mass per bin [x index, y index], as a fraction of the total weight.</summary>
    public double[,] Mass { get; }

    /// <summary>Smoothed density per unit area [x index, y index] (integrates to the in-grid mass).</summary>
    public double[,] Density { get; }

    /// <summary>Standard deviation of the Gaussian smoothing, in bins (0 = none).</summary>
    public double SmoothingBins { get; }

    /// <summary>Sum of all sample weights, including samples outside the grid.</summary>
    public double TotalWeight { get; }

    /// <summary>Centre of x bin <paramref name="i"/>.</summary>
    public double XCenter(int i) => XMin + ((i + 0.5) * XStep);

    /// <summary>Centre of y bin <paramref name="j"/>.</summary>
    public double YCenter(int j) => YMin + ((j + 0.5) * YStep);

    /// <summary>The bin holding (x, y), or false when the point is outside the grid.</summary>
    public bool TryGetBin(double x, double y, out int i, out int j)
    {
        i = (int)Math.Floor((x - XMin) / XStep);
        j = (int)Math.Floor((y - YMin) / YStep);
        if (x == XMax)
        {
            i = XBins - 1;
        }

        if (y == YMax)
        {
            j = YBins - 1;
        }

        return i >= 0 && i < XBins && j >= 0 && j < YBins;
    }

    /// <summary>
    /// Smoothed density at (x, y), bilinearly interpolated between bin centres; beyond the outer
    /// centres it falls linearly to zero one bin outside the grid, matching the zero padding of
    /// <see cref="ContourTracer"/>, so <c>DensityAt(x, y) ≥ t</c> describes the region inside the
    /// contour traced at t (up to the straight chords the tracer draws across each cell).
    /// </summary>
    public double DensityAt(double x, double y) => Interpolate(x, y, (a, b) => Density[a, b]);

    private double Interpolate(double x, double y, Func<int, int, double> node)
    {
        // Fractional node coordinates: node k sits at the centre of bin k; nodes −1 and n are zero.
        double u = ((x - XMin) / XStep) - 0.5;
        double v = ((y - YMin) / YStep) - 0.5;
        if (!(u > -1 && u < XBins && v > -1 && v < YBins))
        {
            return 0;
        }

        int i = (int)Math.Floor(u);
        int j = (int)Math.Floor(v);
        double fu = u - i;
        double fv = v - j;
        double Node(int a, int b) => a < 0 || b < 0 || a >= XBins || b >= YBins ? 0 : node(a, b);
        return ((1 - fu) * (1 - fv) * Node(i, j)) + (fu * (1 - fv) * Node(i + 1, j))
            + ((1 - fu) * fv * Node(i, j + 1)) + (fu * fv * Node(i + 1, j + 1));
    }

    /// <summary>Builds the histogram of (x, y) with optional weights on the given ranges.</summary>
    /// <param name="x">Sample x values.</param>
    /// <param name="y">Sample y values, same length.</param>
    /// <param name="weights">Per-sample weights (finite, ≥ 0), or null for equal weights.</param>
    /// <param name="xRange">Grid range along x; samples outside still count in the total weight.</param>
    /// <param name="yRange">Grid range along y.</param>
    /// <param name="xBins">Bins along x (≥ 2).</param>
    /// <param name="yBins">Bins along y (≥ 2).</param>
    /// <param name="smoothingBins">Gaussian smoothing standard deviation in bins (0 = none).</param>
    public static DensityHistogram2D Build(
        ReadOnlySpan<double> x,
        ReadOnlySpan<double> y,
        ReadOnlySpan<double> weights,
        (double Min, double Max) xRange,
        (double Min, double Max) yRange,
        int xBins,
        int yBins,
        double smoothingBins)
    {
        if (x.Length != y.Length || (!weights.IsEmpty && weights.Length != x.Length))
        {
            throw new ArgumentException("x, y and weights must have the same length");
        }

        if (xBins < 2 || yBins < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(xBins), "at least 2 bins per axis");
        }

        if (!(xRange.Max > xRange.Min) || !(yRange.Max > yRange.Min))
        {
            throw new ArgumentException("empty histogram range");
        }

        var mass = new double[xBins, yBins];
        double total = 0;
        double dx = (xRange.Max - xRange.Min) / xBins;
        double dy = (yRange.Max - yRange.Min) / yBins;
        for (int k = 0; k < x.Length; k++)
        {
            double w = weights.IsEmpty ? 1.0 : weights[k];
            total += w;
            int i = (int)Math.Floor((x[k] - xRange.Min) / dx);
            int j = (int)Math.Floor((y[k] - yRange.Min) / dy);
            if (x[k] == xRange.Max)
            {
                i = xBins - 1;
            }

            if (y[k] == yRange.Max)
            {
                j = yBins - 1;
            }

            if (i >= 0 && i < xBins && j >= 0 && j < yBins)
            {
                mass[i, j] += w;
            }
        }

        if (total > 0)
        {
            for (int i = 0; i < xBins; i++)
            {
                for (int j = 0; j < yBins; j++)
                {
                    mass[i, j] /= total;
                }
            }
        }

        double[] kernel = GaussianKernel(smoothingBins);
        double[,] density = Smooth(mass, kernel);
        double area = dx * dy;
        for (int i = 0; i < xBins; i++)
        {
            for (int j = 0; j < yBins; j++)
            {
                density[i, j] /= area;
            }
        }

        return new DensityHistogram2D(xRange.Min, xRange.Max, yRange.Min, yRange.Max, mass, density, smoothingBins, total);
    }

    private static double[] GaussianKernel(double sigmaBins)
    {
        if (sigmaBins <= 0)
        {
            return [1.0];
        }

        int half = (int)Math.Ceiling(4 * sigmaBins);
        var kernel = new double[(2 * half) + 1];
        double sum = 0;
        for (int k = -half; k <= half; k++)
        {
            kernel[k + half] = Math.Exp(-0.5 * k * k / (sigmaBins * sigmaBins));
            sum += kernel[k + half];
        }

        for (int k = 0; k < kernel.Length; k++)
        {
            kernel[k] /= sum;
        }

        return kernel;
    }

    private static double[,] Smooth(double[,] source, double[] kernel)
    {
        int nx = source.GetLength(0);
        int ny = source.GetLength(1);
        int half = kernel.Length / 2;
        var result = new double[nx, ny];
        var along = new double[nx, ny];
        for (int i = 0; i < nx; i++)
        {
            for (int j = 0; j < ny; j++)
            {
                double acc = 0;
                for (int k = -half; k <= half; k++)
                {
                    int ii = i + k;
                    if (ii >= 0 && ii < nx)
                    {
                        acc += kernel[k + half] * source[ii, j];
                    }
                }

                along[i, j] = acc;
            }
        }

        for (int i = 0; i < nx; i++)
        {
            for (int j = 0; j < ny; j++)
            {
                double acc = 0;
                for (int k = -half; k <= half; k++)
                {
                    int jj = j + k;
                    if (jj >= 0 && jj < ny)
                    {
                        acc += kernel[k + half] * along[i, jj];
                    }
                }

                result[i, j] = acc;
            }
        }

        return result;
    }
}
