using CrInference.Core;
using CrInference.Physics.Kinematics;

namespace CrInference.Physics.Interactions;

/// <summary>
/// Total inelastic (destruction) cross-sections of cosmic-ray nuclei and protons on interstellar H and He
/// (docs/CONVENTIONS.md E.10):
/// <list type="bullet">
/// <item>Nuclei (¹⁰B, ¹¹B, ¹²C, ¹⁴N, ¹⁶O): the Tripathi et al. parametrisation (NASA TP-1998-208438; Tripathi,
/// Cucinotta &amp; Wilson 1997, NIM B 117, 347) as tabulated on H and He by D. Maurin for USINE v3.5
/// (<c>xs_inelastic_tripathi99_usine.csv</c>, 50 MeV/n – 6.29 GeV/n), linear in ln E_k/n and held at the end values
/// outside the table (the parametrisation is nearly energy independent above a few GeV/n). Cross-checked against
/// Letaw, Silberberg &amp; Tsao (1983, ApJS 51, 271) by <see cref="Letaw1983Mb"/>.</item>
/// <item>Protons: p–p from Kafexhiu et al. (2014, PRD 90, 123014, eq. 1); p–He from Sihver et al. (1993, PRC 47, 1225)
/// with the high-energy rise of Kafexhiu et al. (2014), zero below 200 MeV where Sihver's form does not apply.</item>
/// </list>
/// </summary>
public static class InelasticCrossSections
{
    /// <summary>Neutral-pion mass, GeV (the constant of Kafexhiu et al. 2014's threshold).</summary>
    public const double PionMassGeV = 0.134976;

    /// <summary>p–p inelastic threshold T_th = 2 m_π + m_π²/(2 m_p) ≈ 0.2797 GeV (Kafexhiu et al. 2014).</summary>
    public static readonly double ProtonThresholdGeV = 2 * PionMassGeV + PionMassGeV * PionMassGeV / (2 * PhysicalConstants.ProtonRestEnergyGeV);

    private static readonly Lazy<IReadOnlyDictionary<string, (TabulatedCurve H, TabulatedCurve He)>> Tripathi = new(Load);

    /// <summary>σ_inel on H and on He (mb) of <paramref name="nucleus"/> at <paramref name="eknGeV"/> (Tripathi, USINE table).</summary>
    public static (double HydrogenMb, double HeliumMb) Nucleus(Nucleus nucleus, double eknGeV)
    {
        if (!Tripathi.Value.TryGetValue(nucleus.Name, out var curves))
        {
            throw new KeyNotFoundException($"no inelastic cross-section for {nucleus.Name}");
        }
        double x = Math.Log(eknGeV);
        return (curves.H.At(x), curves.He.At(x));
    }

    /// <summary>Kafexhiu et al. (2014) eq. 1: σ_pp = (30.7 − 0.96 L + 0.18 L²)(1 − (T_th/T)^{1.9})³ mb, L = ln(T/T_th); 0 below T_th.</summary>
    public static double ProtonProtonMb(double kineticGeV)
    {
        double r = kineticGeV / ProtonThresholdGeV;
        if (!(r > 1)) return 0;
        double l = Math.Log(r);
        double threshold = 1 - Math.Pow(r, -1.9);
        return (30.7 - 0.96 * l + 0.18 * l * l) * threshold * threshold * threshold;
    }

    /// <summary>
    /// p–nucleus inelastic cross-section (mb) for a target of mass number <paramref name="targetMassNumber"/>: Sihver et al. (1993)
    /// σ_R0 = 58.1 (1 + A^{1/3} − b₀(1 + A^{−1/3}))², b₀ = 2.247 − 0.915(1 + A^{−1/3}), times Kafexhiu et al. (2014)'s
    /// 1 + ln max(1, σ_pp(T)/σ_pp(1 TeV)); zero below 200 MeV (Sihver's lower limit).
    /// </summary>
    public static double ProtonNucleusMb(double kineticGeV, int targetMassNumber)
    {
        if (kineticGeV < 0.2) return 0;
        double cube = Math.Cbrt(targetMassNumber);
        double b0 = 2.247 - 0.915 * (1 + 1 / cube);
        double bracket = 1 + cube - b0 * (1 + 1 / cube);
        double rise = 1 + Math.Log(Math.Max(1, ProtonProtonMb(kineticGeV) / ProtonProtonMb(1e3)));
        return 58.1 * bracket * bracket * rise;
    }

    /// <summary>
    /// Letaw, Silberberg &amp; Tsao (1983): σ = 45 A^0.7 [1 + 0.016 sin(5.3 − 2.63 ln A)] mb at high energy, times
    /// [1 − 0.62 e^{−E/200} sin(10.9 E^{−0.28})] (E in MeV/n) below 5 GeV/n; on hydrogen, for A &gt; 4 without the
    /// He and Be corrections (as implemented in XS4GCR, <c>carmeloevoli/XS4GCRv2</c>, <c>src/inelastic/Letaw1983.cpp</c>).
    /// Used as an independent check of the tabulated Tripathi values.
    /// </summary>
    public static double Letaw1983Mb(int massNumber, double eknGeV)
    {
        double sigma = 45 * Math.Pow(massNumber, 0.7) * (1 + 0.016 * Math.Sin(5.3 - 2.63 * Math.Log(massNumber)));
        if (eknGeV < 5)
        {
            double mev = eknGeV * 1e3;
            sigma *= 1 - 0.62 * Math.Exp(-mev / 200) * Math.Sin(10.9 * Math.Pow(mev, -0.28));
        }
        return sigma;
    }

    private static IReadOnlyDictionary<string, (TabulatedCurve H, TabulatedCurve He)> Load()
    {
        var table = PhysicsTable.Load("xs_inelastic_tripathi99_usine.csv");
        var curves = new Dictionary<string, (TabulatedCurve, TabulatedCurve)>(StringComparer.Ordinal);
        foreach (var group in table.Rows.GroupBy(r => table.Text(r, "nucleus")))
        {
            var rows = group.ToArray();
            var x = rows.Select(r => Math.Log(table.Number(r, "ekn_GeV_per_n"))).ToArray();
            curves[group.Key] = (new TabulatedCurve(x, rows.Select(r => table.Number(r, "sigma_H_mb")).ToArray()),
                new TabulatedCurve(x, rows.Select(r => table.Number(r, "sigma_He_mb")).ToArray()));
        }
        return curves;
    }
}
