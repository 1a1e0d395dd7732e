using CrInference.Data;
using CrInference.Physics.Kinematics;

namespace CrInference.Posterior.Likelihood;

/// <summary>
/// A dataset prepared for the likelihood: the points kept by the cut, each at the rigidity where
/// the model is evaluated (bin centre = geometric mean of the edges; E_k/n tables converted with the
/// dataset's nucleus: protons for H, ¹²C for B/C, open choice A.2/A.3), the error model's
/// factorised covariance, and whether solar modulation applies (AMS: top of atmosphere; Voyager 1
/// beyond the heliopause: interstellar).
/// </summary>
public sealed class ObservedDataset
{
    private ObservedDataset(Dataset source, DatasetCut cut, ErrorModel errors, Nucleus nucleus, bool modulated,
        double[] rigidityGV, DataPoint[] points, GaussianLikelihood likelihood)
    {
        Source = source;
        Cut = cut;
        Errors = errors;
        Nucleus = nucleus;
        IsModulated = modulated;
        RigidityGV = rigidityGV;
        Points = points;
        Likelihood = likelihood;
    }

    public Dataset Source { get; }
    public string Id => Source.Id;
    public DatasetCut Cut { get; }
    public ErrorModel Errors { get; }

    /// <summary>Nucleus whose kinematics convert the axis and set the modulation shift.</summary>
    public Nucleus Nucleus { get; }

    /// <summary>True for top-of-atmosphere data (force-field modulation applies).</summary>
    public bool IsModulated { get; }

    /// <summary>Rigidity (GV) of each kept point at the observer.</summary>
    public double[] RigidityGV { get; }

    /// <summary>The kept points, in order.</summary>
    public DataPoint[] Points { get; }

    public GaussianLikelihood Likelihood { get; }

    /// <summary>Number of kept points.</summary>
    public int Count => Points.Length;

    /// <summary>Prepares <paramref name="source"/>; throws <see cref="ArgumentException"/> with a one-line reason
    /// when the quantity cannot be predicted or no point survives the cut.</summary>
    public static ObservedDataset Prepare(Dataset source, DatasetCut cut, ErrorModel errors)
    {
        var (nucleus, modulated) = source.Quantity switch
        {
            DatasetQuantity.ProtonFlux => (Nucleus.Proton, true),
            DatasetQuantity.HydrogenIntensity => (Nucleus.Proton, false),
            DatasetQuantity.BoronToCarbon => (Nucleus.Carbon12, true),
            _ => throw new ArgumentException($"dataset {source.Id}: {source.Quantity} is not predicted by any transport model (use it for plots only)"),
        };
        var kept = new List<(DataPoint Point, double Rigidity)>();
        foreach (var point in source.Points)
        {
            double rigidity = source.Axis == DatasetAxis.RigidityGV
                ? point.Centre
                : Kinematic.RigidityFromKineticEnergyPerNucleonGV(point.Centre, nucleus);
            if (cut.Keeps(rigidity, nucleus)) kept.Add((point, rigidity));
        }
        if (kept.Count == 0)
        {
            throw new ArgumentException($"dataset {source.Id}: no point survives the cut ({cut})");
        }
        var points = kept.Select(k => k.Point).ToArray();
        var rigidities = kept.Select(k => k.Rigidity).ToArray();
        var values = points.Select(p => p.Value).ToArray();
        GaussianLikelihood likelihood;
        if (errors.Treatment == ErrorTreatment.StatPlusSys)
        {
            likelihood = GaussianLikelihood.Diagonal(values, points.Select(p => p.TotalError).ToArray());
        }
        else
        {
            int n = points.Length;
            var cov = new double[n * n];
            double ell = errors.CorrelationLengthDecades;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double d = Math.Log10(points[i].Centre) - Math.Log10(points[j].Centre);
                    cov[i * n + j] = points[i].SysError * points[j].SysError * Math.Exp(-d * d / (2 * ell * ell));
                }
                // Tables print stat_err = 0 below their rounding; a relative jitter keeps C positive definite.
                cov[i * n + i] += points[i].StatError * points[i].StatError + 1e-12 * points[i].TotalError * points[i].TotalError;
            }
            likelihood = GaussianLikelihood.WithCovariance(values, cov);
        }
        return new ObservedDataset(source, cut, errors, nucleus, modulated, rigidities, points, likelihood);
    }
}
