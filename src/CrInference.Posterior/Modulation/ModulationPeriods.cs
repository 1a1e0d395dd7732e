using CrInference.Core.Priors;
using CrInference.Data;

namespace CrInference.Posterior.Modulation;

/// <summary>
/// The force-field potential of one data-taking period as a nuisance parameter: its name, and a Gaussian prior
/// (mean and σ in GV, truncated to φ ≥ 0) from a neutron-monitor reconstruction, with the source of both.
/// </summary>
/// <param name="Period">The data-taking period (all tables of the period share this φ, every species with its own Z/A).</param>
/// <param name="ParameterName">Nuisance parameter, <c>phi_&lt;period&gt;_GV</c>, e.g. <c>phi_ams02_2011_2013_GV</c>.</param>
/// <param name="MeanGV">Prior mean: the day-weighted period mean of the monthly reconstruction.</param>
/// <param name="SigmaGV">Prior width: reconstruction accuracy and LIS dependence in quadrature (see <see cref="ModulationPeriods"/>).</param>
/// <param name="Source">Where the mean and width come from.</param>
public sealed record ModulationPrior(DataTakingPeriod Period, string ParameterName, double MeanGV, double SigmaGV, string Source)
{
    /// <summary>The prior N(mean, σ²) truncated to [0, ∞).</summary>
    public NormalPrior Prior => NormalPrior.TruncatedFromMeanSigmaAndBounds(MeanGV, SigmaGV, 0, double.PositiveInfinity);
}

/// <summary>
/// Catalogue of modulation potentials per data-taking period (open choice D.31, docs/CONVENTIONS.md).
/// </summary>
/// <remarks>
/// <para><b>Means.</b> Day-weighted averages over each period of the monthly force-field φ reconstructed from neutron
/// monitors (Oulu, Kerguelen, Newark) by the method of Ghelfi et al. 2017 (ASR 60, 833) with the H/He interstellar
/// spectra of Ghelfi et al. 2016 (A&amp;A 591, A94), as served by CRDB (Maurin et al. 2014, A&amp;A 569, A32) and
/// tabulated in <c>gsf-project/globalsplinefit</c>, <c>src/globalsplinefit/data/2026.0/solar_modulation.dat</c> at
/// commit 627774195fba8807750868b7811f7e9964b03171 (each calendar month weighted by its days inside the period; test
/// <c>ModulationPeriodsTests.Means_AreDayWeightedAveragesOfTheMonthlyTable</c> recomputes them from the 2011–2018 rows).</para>
/// <para><b>Widths.</b> σ = √((Δφ/φ · φ)² + Δ_LIS²) with Δφ/φ = 10 % (accuracy of the reconstruction, Ghelfi et al.
/// 2017) and Δ_LIS = 71 MV, the largest offset between two reconstructions of the same periods that differ in their
/// interstellar spectra and yield functions: Usoskin et al. 2017 (JGR 122, 3875; same GSF package,
/// <c>src/globalsplinefit/data/GSF2026-USO/solar_modulation.dat</c> at c15a201261017d380750a0a17b7941fc20d0d45b) lies
/// 70, 71 and 66 MV below the means above. φ is defined only relative to an interstellar spectrum, and the model's
/// spectra are none of these, so the prior must cover that spread: the widening from 10 % alone (≈ 65 MV) to ≈ 96 MV
/// is the LIS term. Rounded up to 0.10 GV. A 2019 CRDB export gives 564 MV for 2011-05…2013-11
/// (<c>jessicametzger/grcrfit</c>, <c>data/hdatabase.USINE</c> at 3896a26a55edeff9af71a22177083c8958d5fee0), 1.0 σ
/// below the mean adopted here: the database's own revision is of the same size.</para>
/// <para>Voyager 1 data beyond the heliopause have no potential (interstellar).</para>
/// </remarks>
public static class ModulationPeriods
{
    private const string GmdTable = "day-weighted mean of the monthly CRDB/GMD neutron-monitor reconstruction (Ghelfi et al. 2017, ASR 60, 833; "
        + "table gsf-project/globalsplinefit src/globalsplinefit/data/2026.0/solar_modulation.dat @ 6277741); "
        + "sigma = 10 % reconstruction accuracy (Ghelfi et al. 2017) and 71 MV LIS dependence (Usoskin et al. 2017 offset) in quadrature";

    /// <summary>σ of every period's prior, GV (see the remarks).</summary>
    public const double SigmaGV = 0.10;

    /// <summary>Every modulated period's prior, in a stable order.</summary>
    public static IReadOnlyList<ModulationPrior> All { get; } =
    [
        new(DataTakingPeriod.Ams02From2011To2013, ParameterName(DataTakingPeriod.Ams02From2011To2013), 0.6673, SigmaGV, GmdTable),
        new(DataTakingPeriod.Ams02From2011To2016, ParameterName(DataTakingPeriod.Ams02From2011To2016), 0.6828, SigmaGV, GmdTable),
        new(DataTakingPeriod.Ams02From2011To2018, ParameterName(DataTakingPeriod.Ams02From2011To2018), 0.6396, SigmaGV, GmdTable),
    ];

    /// <summary>Name of the nuisance parameter of <paramref name="period"/>: <c>phi_</c> + the period id with
    /// <c>-</c> → <c>_</c> + <c>_GV</c>.</summary>
    public static string ParameterName(DataTakingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return "phi_" + period.Id.Replace('-', '_') + "_GV";
    }

    /// <summary>The prior of <paramref name="period"/>; null for interstellar data. Throws for a modulated period
    /// without a catalogued prior.</summary>
    public static ModulationPrior? For(DataTakingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (!period.IsModulated) return null;
        return All.FirstOrDefault(p => p.Period.Id == period.Id)
            ?? throw new ArgumentException($"no modulation prior is catalogued for data-taking period '{period.Id}'");
    }
}
