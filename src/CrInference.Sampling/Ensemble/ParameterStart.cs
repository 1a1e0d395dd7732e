namespace CrInference.Sampling.Ensemble;

/// <summary>
/// Where the walkers' starting values of one parameter come from: a draw from its prior (through the
/// unit-cube map) or a Gaussian "ref" ball (Cobaya's <c>ref</c>), mean and sigma in <em>sampled</em>
/// coordinates (for a log-uniform parameter: ln of the value, and sigma ≈ relative width).
/// </summary>
public sealed record ParameterStart
{
    private ParameterStart(bool fromPrior, double mean, double sigma)
    {
        IsFromPrior = fromPrior;
        Mean = mean;
        Sigma = sigma;
    }

    /// <summary>Draw the parameter from its prior.</summary>
    public static ParameterStart Prior { get; } = new(true, double.NaN, double.NaN);

    /// <summary>True for <see cref="Prior"/>; false for a Gaussian ball.</summary>
    public bool IsFromPrior { get; }

    /// <summary>Centre of the ball (sampled coordinates); NaN for <see cref="Prior"/>.</summary>
    public double Mean { get; }

    /// <summary>Standard deviation of the ball (sampled coordinates); NaN for <see cref="Prior"/>.</summary>
    public double Sigma { get; }

    /// <summary>Start the parameter at mean + sigma·N(0, 1) (sampled coordinates, sigma &gt; 0).</summary>
    public static ParameterStart GaussianBall(double mean, double sigma)
    {
        if (!double.IsFinite(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "the start ball's mean must be finite");
        }
        if (!(sigma > 0) || double.IsInfinity(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "the start ball's sigma must be finite and > 0 (identical walkers cannot move)");
        }
        return new ParameterStart(false, mean, sigma);
    }
}
