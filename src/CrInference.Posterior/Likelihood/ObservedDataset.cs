using CrInference.Data;
using CrInference.Physics.Kinematics;

namespace CrInference.Posterior.Likelihood;

/// <summary>
/// A dataset prepared for the likelihood: the points kept by the cut, each at the rigidity of the dataset's
/// reference nucleus (bin centre = geometric mean of the edges; E_k/n tables converted with protons for H and ¹²C
/// for B/C and C, open choice A.3 — used for cuts and for single-nucleus predictions), the observable plan that
/// builds the measured quantity from isotope fluxes at each isotope's own interstellar rigidity
/// (<see cref="ObservablePlan"/>), the factorised covariance of the error model (<see cref="CovarianceAssembly"/>),
/// and the data-taking period (near Earth: force-field modulated; Voyager 1 beyond the heliopause: interstellar).
/// </summary>
public sealed class ObservedDataset
{
    private ObservedDataset(Dataset source, DatasetCut cut, ErrorModel errors, Nucleus nucleus, ObservablePlan plan,
        int[] rows, double[] rigidityGV, DataPoint[] points, double[] statisticalErrors, GaussianLikelihood likelihood)
    {
        Source = source;
        Cut = cut;
        Errors = errors;
        Nucleus = nucleus;
        Plan = plan;
        RowIndices = rows;
        RigidityGV = rigidityGV;
        Points = points;
        AxisValues = [.. points.Select(p => p.Centre)];
        StatisticalErrors = statisticalErrors;
        Likelihood = likelihood;
    }

    public Dataset Source { get; }
    public string Id => Source.Id;
    public DatasetCut Cut { get; }
    public ErrorModel Errors { get; }

    /// <summary>Reference nucleus: converts the axis for cuts and sets the single-nucleus modulation shift.</summary>
    public Nucleus Nucleus { get; }

    /// <summary>How the measured quantity is built from interstellar isotope fluxes.</summary>
    public ObservablePlan Plan { get; }

    /// <summary>When and where the data were taken.</summary>
    public DataTakingPeriod Period => Source.Period;

    /// <summary>True for top-of-atmosphere data (force-field modulation applies).</summary>
    public bool IsModulated => Source.Period.IsModulated;

    /// <summary>Rigidity (GV) of <see cref="Nucleus"/> at each kept point, at the observer.</summary>
    public double[] RigidityGV { get; }

    /// <summary>Each kept point's position on the table's axis (GV or GeV/n: <see cref="DataPoint.Centre"/>).</summary>
    public double[] AxisValues { get; }

    /// <summary>Row of the table (0-based, in <see cref="Dataset.Points"/>) of each kept point.</summary>
    public int[] RowIndices { get; }

    /// <summary>The kept points, in order.</summary>
    public DataPoint[] Points { get; }

    /// <summary>Statistical error of each kept point as used: published, or the zero-stat floor
    /// (<see cref="CovarianceAssembly.StatisticalError"/>).</summary>
    public double[] StatisticalErrors { get; }

    public GaussianLikelihood Likelihood { get; }

    /// <summary>Number of kept points.</summary>
    public int Count => Points.Length;

    /// <summary>Length of the term buffers of <see cref="FillTerms"/>: one per kept point and plan slot.</summary>
    public int TermCount => Count * Plan.Species.Length;

    /// <summary>Prepares <paramref name="source"/>; throws <see cref="ArgumentException"/> with a one-line reason
    /// when the quantity cannot be predicted, no point survives the cut, or the covariance cannot be built.</summary>
    public static ObservedDataset Prepare(Dataset source, DatasetCut cut, ErrorModel errors)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(cut);
        ArgumentNullException.ThrowIfNull(errors);
        var plan = ObservablePlan.For(source.Quantity, source.Axis)
            ?? throw new ArgumentException($"dataset {source.Id}: {source.Quantity} has no observable plan (use it for plots only)");
        var nucleus = source.Quantity switch
        {
            DatasetQuantity.ProtonFlux or DatasetQuantity.HydrogenIntensity => Nucleus.Proton,
            _ => Nucleus.Carbon12,
        };
        var kept = new List<(int Row, double Rigidity)>();
        for (int row = 0; row < source.Points.Length; row++)
        {
            double centre = source.Points[row].Centre;
            double rigidity = source.Axis == DatasetAxis.RigidityGV
                ? centre
                : Kinematic.RigidityFromKineticEnergyPerNucleonGV(centre, nucleus);
            if (cut.Keeps(rigidity, nucleus)) kept.Add((row, rigidity));
        }
        if (kept.Count == 0)
        {
            throw new ArgumentException($"dataset {source.Id}: no point survives the cut ({cut})");
        }
        var rows = kept.Select(k => k.Row).ToArray();
        var points = rows.Select(r => source.Points[r]).ToArray();
        var values = points.Select(p => p.Value).ToArray();
        var stat = points.Select(p => CovarianceAssembly.StatisticalError(p, source.Id)).ToArray();
        GaussianLikelihood likelihood;
        if (errors.CorrelatesSystematicsOf(source))
        {
            var covariance = CovarianceAssembly.Build(points, source.Id, errors.CorrelationLengthDecades);
            try
            {
                likelihood = GaussianLikelihood.WithCovariance(values, covariance);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"dataset {source.Id}: {e.Message}");
            }
        }
        else
        {
            likelihood = GaussianLikelihood.Diagonal(values, points.Select((p, i) => Math.Sqrt(stat[i] * stat[i] + p.SysError * p.SysError)).ToArray());
        }
        return new ObservedDataset(source, cut, errors, nucleus, plan, rows, kept.Select(k => k.Rigidity).ToArray(), points, stat, likelihood);
    }

    /// <summary>
    /// The plan's terms for every kept point with potential <paramref name="phiGV"/> (ignored for interstellar data):
    /// slot k of point i at index i × (slots) + k of <paramref name="rigidityGV"/> and <paramref name="weight"/>
    /// (length <see cref="TermCount"/>).
    /// </summary>
    public void FillTerms(double phiGV, Span<double> rigidityGV, Span<double> weight)
    {
        int m = Plan.Species.Length;
        if (rigidityGV.Length != TermCount || weight.Length != TermCount) throw new ArgumentException($"term buffers must have {TermCount} entries");
        double phi = IsModulated ? phiGV : 0;
        for (int i = 0; i < Count; i++) Plan.Fill(AxisValues[i], phi, rigidityGV.Slice(i * m, m), weight.Slice(i * m, m));
    }

    /// <summary>The prediction at every kept point from the terms of <see cref="FillTerms"/> and the interstellar
    /// fluxes per GV at their rigidities (same layout).</summary>
    public void Combine(ReadOnlySpan<double> weight, ReadOnlySpan<double> fluxPerGV, Span<double> prediction)
    {
        int m = Plan.Species.Length;
        if (weight.Length != TermCount || fluxPerGV.Length != TermCount || prediction.Length != Count) throw new ArgumentException("buffer lengths do not match the dataset");
        for (int i = 0; i < Count; i++) prediction[i] = Plan.Combine(weight.Slice(i * m, m), fluxPerGV.Slice(i * m, m));
    }

    /// <summary>The prediction at every kept point for interstellar fluxes <paramref name="interstellar"/>
    /// (called once per species) and potential <paramref name="phiGV"/>.</summary>
    public double[] Predict(double phiGV, SpeciesFluxes interstellar)
    {
        ArgumentNullException.ThrowIfNull(interstellar);
        var rigidity = new double[TermCount];
        var weight = new double[TermCount];
        var flux = new double[TermCount];
        FillTerms(phiGV, rigidity, weight);
        int m = Plan.Species.Length;
        foreach (var species in Plan.Species.Distinct())
        {
            var slots = Enumerable.Range(0, TermCount).Where(t => Plan.Species[t % m] == species).ToArray();
            var r = slots.Select(t => rigidity[t]).ToArray();
            var j = new double[slots.Length];
            interstellar(species, r, j);
            for (int q = 0; q < slots.Length; q++) flux[slots[q]] = j[q];
        }
        var prediction = new double[Count];
        Combine(weight, flux, prediction);
        return prediction;
    }
}
