using CrInference.Physics.Interactions;

namespace CrInference.Physics.Sources;

/// <summary>
/// The ¹⁶O and ¹⁴N parents of boron from the ¹²C flux the model computes (docs/CONVENTIONS.md E.8): at equal rigidity
/// J_O(R) = J_C(R)/(C/O)(R) and J_N(R) = J_O(R) (N/O)(R), with C/O and N/O the AMS-02 ratios of Aguilar et al. 2021
/// (Phys. Rep. 894, 1; <c>ams02_co_ratio_physrep2021.csv</c>, <c>ams02_no_ratio_physrep2021.csv</c>, 2.27 GV – 1.8 TV),
/// interpolated linearly in ln R and held flat beyond the data. The ratios are taken as interstellar: C, N and O all
/// have A/Z = 2 (to 7 % for ¹⁵N), so the force field shifts them alike and their ratio at equal rigidity is nearly
/// modulation-free. The elemental ratios are assigned to ¹²C, ¹⁴N and ¹⁶O.
/// </summary>
public static class ObservedParentRatios
{
    private static readonly Lazy<TabulatedCurve> CarbonToOxygen = new(() => Load("ams02_co_ratio_physrep2021.csv", "co_ratio"));
    private static readonly Lazy<TabulatedCurve> NitrogenToOxygen = new(() => Load("ams02_no_ratio_physrep2021.csv", "no_ratio"));

    /// <summary>AMS-02 C/O at rigidity <paramref name="rigidityGV"/>.</summary>
    public static double CarbonOverOxygen(double rigidityGV) => CarbonToOxygen.Value.At(Math.Log(rigidityGV));

    /// <summary>AMS-02 N/O at rigidity <paramref name="rigidityGV"/>.</summary>
    public static double NitrogenOverOxygen(double rigidityGV) => NitrogenToOxygen.Value.At(Math.Log(rigidityGV));

    private static TabulatedCurve Load(string file, string column)
    {
        var table = PhysicsTable.Load(file);
        var rows = table.Rows.OrderBy(r => table.Number(r, "rigidity_center_GV")).ToArray();
        return new TabulatedCurve(rows.Select(r => Math.Log(table.Number(r, "rigidity_center_GV"))).ToArray(),
            rows.Select(r => table.Number(r, column)).ToArray());
    }
}
