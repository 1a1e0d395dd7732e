using System.Collections.Immutable;
using CrInference.Data;
using CrInference.Physics.Kinematics;
using CrInference.Posterior.Modulation;

namespace CrInference.Posterior.Likelihood;

/// <summary>Interstellar fluxes per unit rigidity J_s(R) (m⁻² sr⁻¹ s⁻¹ GV⁻¹) of <paramref name="species"/> at
/// <paramref name="rigidityGV"/>, written to <paramref name="fluxPerGV"/>.</summary>
public delegate void SpeciesFluxes(Nucleus species, ReadOnlySpan<double> rigidityGV, Span<double> fluxPerGV);

/// <summary>
/// How a measured quantity is made from interstellar isotope fluxes (open choices D.31 and A.3, docs/CONVENTIONS.md):
/// observable(x) = S Σ_num w_k J_{s_k}(R_k) / Σ_den w_k J_{s_k}(R_k) (no denominator: a flux), one term ("slot") per
/// isotope, numerator slots first. For a point at x on the table's axis and a force-field potential φ
/// (<see cref="ForceFieldModulation"/>, 0 for interstellar data), each isotope s (charge Z, mass number A) has:
/// <list type="bullet">
/// <item>rigidity axis (flux per GV, ratios at equal R): R_k = R′ of s seen at R = x, w_k = v p²/(v′ p′²);</item>
/// <item>E_k/n axis (flux per GeV/n, ratios at equal E_k/n): E′ = x + (Z/A)φ, R_k = the rigidity of s at E′,
/// w_k = (p²/p′²) × dR/dE_k/n at R_k = (p²/p′²) A/(Z β′), so each isotope sits at its own rigidity.</item>
/// </list>
/// S converts units (1e-3 for intensities per MeV/n). Pure; <see cref="Fill"/> and <see cref="Combine"/> do not allocate.
/// </summary>
public sealed class ObservablePlan
{
    private ObservablePlan(string name, ImmutableArray<Nucleus> species, int numeratorCount, DatasetAxis axis, double unitScale)
    {
        Name = name;
        Species = species;
        NumeratorCount = numeratorCount;
        Axis = axis;
        UnitScale = unitScale;
    }

    /// <summary>Short description, e.g. <c>(10B + 11B)/12C at equal E_k/n</c>.</summary>
    public string Name { get; }

    /// <summary>The isotope of each slot: numerator slots, then denominator slots.</summary>
    public ImmutableArray<Nucleus> Species { get; }

    /// <summary>Slots [0, NumeratorCount) form the numerator.</summary>
    public int NumeratorCount { get; }

    /// <summary>The axis the points are tabulated against (what is held equal in a ratio).</summary>
    public DatasetAxis Axis { get; }

    /// <summary>Unit factor S applied to the numerator sum.</summary>
    public double UnitScale { get; }

    /// <summary>True for a ratio of fluxes.</summary>
    public bool IsRatio => NumeratorCount < Species.Length;

    /// <summary>A flux (sum over <paramref name="species"/>) per unit of <paramref name="axis"/>, times <paramref name="unitScale"/>.</summary>
    public static ObservablePlan Flux(DatasetAxis axis, double unitScale, params Nucleus[] species)
    {
        if (species.Length == 0) throw new ArgumentException("a flux needs at least one species");
        string scale = unitScale == 1 ? "" : FormattableString.Invariant($" x {unitScale:G}");
        return new ObservablePlan($"{Sum(species)} per {AxisUnit(axis)}{scale}", [.. species], species.Length, axis, unitScale);
    }

    /// <summary>Ratio of the summed fluxes of <paramref name="numerator"/> and <paramref name="denominator"/> at equal axis value.</summary>
    public static ObservablePlan Ratio(DatasetAxis axis, Nucleus[] numerator, Nucleus[] denominator)
    {
        if (numerator.Length == 0 || denominator.Length == 0) throw new ArgumentException("a ratio needs species above and below");
        string held = axis == DatasetAxis.RigidityGV ? "R" : "E_k/n";
        return new ObservablePlan($"({Sum(numerator)})/({Sum(denominator)}) at equal {held}", [.. numerator, .. denominator], numerator.Length, axis, 1);
    }

    /// <summary>The plan of a bundled quantity: proton flux (p), Voyager H intensity per MeV/n (p), B/C = (¹⁰B + ¹¹B)/¹²C,
    /// carbon flux (¹²C). Null when no plan is known.</summary>
    public static ObservablePlan? For(DatasetQuantity quantity, DatasetAxis axis) => quantity switch
    {
        DatasetQuantity.ProtonFlux => Flux(axis, 1, Nucleus.Proton),
        DatasetQuantity.HydrogenIntensity => Flux(axis, 1e-3, Nucleus.Proton),
        DatasetQuantity.BoronToCarbon => Ratio(axis, [Nucleus.Boron10, Nucleus.Boron11], [Nucleus.Carbon12]),
        DatasetQuantity.CarbonFlux => Flux(axis, 1, Nucleus.Carbon12),
        _ => null,
    };

    /// <summary>Interstellar rigidity and weight of every slot for a point at <paramref name="axisValue"/> (GV or GeV/n)
    /// seen with potential <paramref name="phiGV"/> (0: interstellar; must be finite and ≥ 0).</summary>
    public void Fill(double axisValue, double phiGV, Span<double> rigidityGV, Span<double> weight)
    {
        if (!(phiGV >= 0) || double.IsInfinity(phiGV)) throw new ArgumentOutOfRangeException(nameof(phiGV), phiGV, "a force-field potential must be finite and >= 0");
        for (int k = 0; k < Species.Length; k++)
        {
            var s = Species[k];
            if (Axis == DatasetAxis.RigidityGV)
            {
                (rigidityGV[k], weight[k]) = ForceFieldModulation.Shift(axisValue, phiGV, s);
            }
            else
            {
                var (ekn, factor) = ForceFieldModulation.ShiftKineticEnergyPerNucleon(axisValue, phiGV, s);
                double r = Kinematic.RigidityFromKineticEnergyPerNucleonGV(ekn, s);
                rigidityGV[k] = r;
                weight[k] = factor * Kinematic.RigidityPerKineticEnergyPerNucleon(r, s);
            }
        }
    }

    /// <summary>The observable from the slots' weights and interstellar fluxes per GV.</summary>
    public double Combine(ReadOnlySpan<double> weight, ReadOnlySpan<double> fluxPerGV)
    {
        double numerator = 0, denominator = 0;
        for (int k = 0; k < NumeratorCount; k++) numerator += weight[k] * fluxPerGV[k];
        if (!IsRatio) return UnitScale * numerator;
        for (int k = NumeratorCount; k < Species.Length; k++) denominator += weight[k] * fluxPerGV[k];
        return UnitScale * numerator / denominator;
    }

    /// <summary>The observable at one point from an interstellar flux function (convenience; allocates nothing for ≤ 16 slots).</summary>
    public double Evaluate(double axisValue, double phiGV, Func<Nucleus, double, double> interstellarFluxPerGV)
    {
        ArgumentNullException.ThrowIfNull(interstellarFluxPerGV);
        int m = Species.Length;
        Span<double> r = m <= 16 ? stackalloc double[m] : new double[m];
        Span<double> w = m <= 16 ? stackalloc double[m] : new double[m];
        Span<double> j = m <= 16 ? stackalloc double[m] : new double[m];
        Fill(axisValue, phiGV, r, w);
        for (int k = 0; k < m; k++) j[k] = interstellarFluxPerGV(Species[k], r[k]);
        return Combine(w, j);
    }

    private static string Sum(IEnumerable<Nucleus> species) => string.Join(" + ", species.Select(s => s.Name));

    private static string AxisUnit(DatasetAxis axis) => axis == DatasetAxis.RigidityGV ? "GV" : "GeV/n";
}
