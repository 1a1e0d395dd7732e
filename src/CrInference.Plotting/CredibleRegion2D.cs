namespace CrInference.Plotting;

/// <summary>
/// Highest-posterior-density regions of a 2-D marginal: for each requested probability mass
/// (0.68, 0.95, …) the density threshold whose super-level set holds that mass, and the
/// contour polygons of that set.
/// </summary>
/// <param name="Histogram">The smoothed histogram the regions are cut from.</param>
/// <param name="Masses">The requested masses, in the order given.</param>
/// <param name="Thresholds">Smoothed-density threshold per mass (same order); higher mass, lower threshold.</param>
/// <param name="Contours">Closed contour paths of <c>{ density ≥ threshold }</c> per mass (same order).</param>
public sealed record CredibleRegion2D(
    DensityHistogram2D Histogram,
    IReadOnlyList<double> Masses,
    IReadOnlyList<double> Thresholds,
    IReadOnlyList<IReadOnlyList<ContourPath>> Contours)
{
    /// <summary>
    /// Whether the interpolated smoothed density at (x, y) (<see cref="DensityHistogram2D.DensityAt"/>)
    /// reaches the threshold of mass <paramref name="level"/> (index into <see cref="Masses"/>).
    /// </summary>
    public bool InRegion(int level, double x, double y) => Histogram.DensityAt(x, y) >= Thresholds[level];

    /// <summary>Whether (x, y) lies inside the contour polygons of mass <paramref name="level"/> (even-odd rule).</summary>
    public bool InContour(int level, double x, double y) => ContourPath.ContainsEvenOdd(Contours[level], x, y);
}
