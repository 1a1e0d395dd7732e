using CrInference.Core;
using CrInference.Sampling.Comparison;

namespace CrInference.Runs.Comparison;

/// <summary>
/// The comparison numbers of one run (<see cref="Compute"/>): goodness of fit at the best sample, information
/// gain, Bayesian complexity and the per-parameter fine-tuning measures. Δ ln Z is relative to other runs and
/// lives in <see cref="ComparisonTable"/>.
/// </summary>
/// <param name="Run">The run.</param>
/// <param name="FreeParameters">k, the sampled parameters (nuisance included).</param>
/// <param name="Fit">χ² per dataset at the best sample and χ²/dof (null for a test problem or where the model fails).</param>
/// <param name="ChiSquareMin">χ² at the best sample: Σ over datasets, or −2 ln L_max for a test problem (whose ln L has no χ² normalisation).</param>
/// <param name="InformationGain">D_KL(posterior ‖ prior) in nats (NaN when it cannot be estimated).</param>
/// <param name="InformationMethod">How: <c>ln Z</c> (⟨ln L⟩ − ln Z) or <c>nearest neighbour</c>.</param>
/// <param name="Complexity">C_b at the posterior mean (Kunz, Trotta &amp; Parkinson 2006).</param>
/// <param name="ComplexityBestFit">C_b at the best sample.</param>
/// <param name="Widths">Posterior 68 % width over prior width, per parameter (sampled coordinates).</param>
/// <param name="Shifts">Δχ² for ±10 % moves of each parameter alone from the best sample.</param>
/// <param name="Notes">Anything the reader should know (an estimate that failed and why).</param>
public sealed record ModelMetrics(
    ComparedRun Run,
    int FreeParameters,
    ChiSquareSummary? Fit,
    double ChiSquareMin,
    double InformationGain,
    string InformationMethod,
    BayesianComplexity Complexity,
    BayesianComplexity ComplexityBestFit,
    IReadOnlyList<PosteriorWidthRatio> Widths,
    IReadOnlyList<ChiSquareShift> Shifts,
    IReadOnlyList<string> Notes)
{
    /// <summary>The relative move of the fine-tuning Δχ²: 10 % of a parameter's best-fit value (see <see cref="FineTuning"/>).</summary>
    public const double RelativeStep = 0.1;

    /// <summary>Computes the metrics of <paramref name="run"/>: a few dozen likelihood calls at most (2k + 2).</summary>
    public static ModelMetrics Compute(ComparedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var build = run.Build;
        var posterior = build.Posterior;
        var space = posterior.Space;
        int k = space.Dimension;
        var notes = new List<string>();

        double LogLikelihood(double[] sampled)
        {
            var derived = new double[posterior.DerivedNames.Count];
            return posterior.Evaluate(sampled, derived).LogLikelihood;
        }

        double ChiSquare(double[] sampled)
        {
            if (build.Transport is { } transport)
            {
                var perDataset = transport.ChiSquares(sampled);
                return perDataset is null ? double.PositiveInfinity : perDataset.Sum();
            }
            double logL = LogLikelihood(sampled);
            return double.IsNegativeInfinity(logL) ? double.PositiveInfinity : -2 * logL;
        }

        ChiSquareSummary? fit = null;
        double chi2Min;
        if (build.Transport is { } t)
        {
            var perDataset = t.ChiSquares(run.BestSampled);
            if (perDataset is null)
            {
                notes.Add("the model fails at the best sample; chi2 not available");
                chi2Min = double.NaN;
            }
            else
            {
                fit = GoodnessOfFit.Summarize([.. build.Datasets.Select((d, i) => new DatasetChiSquare(d.Id, perDataset[i], d.Count))], k);
                chi2Min = fit.TotalChiSquare;
            }
        }
        else
        {
            chi2Min = -2 * run.BestLogLikelihood;
        }

        double information;
        string informationMethod;
        if (run.LogZ is { } logZ)
        {
            information = Sampling.Comparison.InformationGain.FromEvidence(run.Samples, logZ);
            informationMethod = "ln Z";
        }
        else
        {
            informationMethod = "nearest neighbour";
            try
            {
                information = Sampling.Comparison.InformationGain.NearestNeighbour(run.Thinned ?? run.Samples, space).InformationGain;
            }
            catch (ArgumentException e)
            {
                information = double.NaN;
                notes.Add($"information gain not estimated: {e.Message}");
            }
        }

        var complexity = ModelComplexity.AtPosteriorMean(run.Samples, LogLikelihood);
        var complexityBest = ModelComplexity.AtBestFit(run.Samples, run.BestLogLikelihood);
        var widths = FineTuning.WidthRatios(run.Samples, space);
        var shifts = FineTuning.ChiSquareShifts(space, run.BestSampled, ChiSquare, RelativeStep);
        return new ModelMetrics(run, k, fit, chi2Min, information, informationMethod, complexity, complexityBest, widths, shifts, notes);
    }

    /// <summary>The parameter with the smallest width ratio (the most tightly constrained relative to its prior).</summary>
    public PosteriorWidthRatio? NarrowestParameter => Widths.Where(w => double.IsFinite(w.Ratio)).MinBy(w => w.Ratio);

    /// <summary>The parameter whose ±10 % move costs the most χ².</summary>
    public ChiSquareShift? SteepestParameter => Shifts.Where(s => !double.IsNaN(s.MaxDeltaChiSquare)).MaxBy(s => s.MaxDeltaChiSquare);

    /// <summary>The sampled coordinate of parameter <paramref name="index"/> in words: <c>ln(x)</c> or <c>x</c>.</summary>
    public string SampledCoordinate(int index)
    {
        var p = Run.Build.Posterior.Space.Parameters[index];
        return p.Prior is Core.Priors.LogUniformPrior ? $"ln({p.Name})" : p.Name;
    }
}
