using CrInference.Core;

namespace CrInference.Physics.Kinematics;

/// <summary>
/// A cosmic-ray nucleus: charge number Z, mass number A and nuclear rest energy. Kinematic
/// conversions always carry the nucleus explicitly (see <see cref="Kinematic"/>).
/// </summary>
/// <remarks>Nuclear rest energies are atomic masses from AME2020 (Wang et al. 2021, Chinese
/// Phys. C 45, 030003) minus Z electron masses (electron binding energies, &lt; 1 keV, neglected),
/// converted with the CODATA 2018 u c² of <see cref="PhysicalConstants"/>.</remarks>
public sealed record Nucleus(string Name, int ChargeNumber, int MassNumber, double RestEnergyGeV)
{
    /// <summary>Proton (CODATA 2018 m_p c²).</summary>
    public static readonly Nucleus Proton = new("p", 1, 1, PhysicalConstants.ProtonRestEnergyGeV);

    /// <summary>¹⁰B: atomic mass 10.01293695 u (AME2020).</summary>
    public static readonly Nucleus Boron10 = FromAtomicMass("10B", 5, 10, 10.01293695);

    /// <summary>¹¹B: atomic mass 11.00930536 u (AME2020). KQ22 open choice A.3: the boron used for
    /// v_B and the E_k/n ↔ R conversion.</summary>
    public static readonly Nucleus Boron11 = FromAtomicMass("11B", 5, 11, 11.00930536);

    /// <summary>¹²C: atomic mass 12 u exactly (definition of u).</summary>
    public static readonly Nucleus Carbon12 = FromAtomicMass("12C", 6, 12, 12.0);

    /// <summary>¹⁴N: atomic mass 14 003074.00425 µu (AME2020 <c>mass_1.mas20</c>, unrounded; read in
    /// <c>Lvetto/masse_nucleari</c>, <c>mass_1.mas20.txt</c> at 736f163c340e1516300035b644cc6835e8b2ed0c).</summary>
    public static readonly Nucleus Nitrogen14 = FromAtomicMass("14N", 7, 14, 14.00307400425);

    /// <summary>¹⁶O: atomic mass 15 994914.61926 µu (AME2020 <c>mass_1.mas20</c>, same file as ¹⁴N).</summary>
    public static readonly Nucleus Oxygen16 = FromAtomicMass("16O", 8, 16, 15.99491461926);

    /// <summary>All nuclei known to the physics layer, by name.</summary>
    public static IReadOnlyList<Nucleus> All { get; } = [Proton, Boron10, Boron11, Carbon12, Nitrogen14, Oxygen16];

    /// <summary>The nucleus named <paramref name="name"/> (e.g. <c>11B</c>), or null.</summary>
    public static Nucleus? Find(string name)
    {
        foreach (var nucleus in All)
        {
            if (string.Equals(nucleus.Name, name, StringComparison.Ordinal)) return nucleus;
        }
        return null;
    }

    /// <summary>A/Z.</summary>
    public double MassToCharge => (double)MassNumber / ChargeNumber;

    private static Nucleus FromAtomicMass(string name, int z, int a, double atomicMassU) =>
        new(name, z, a, atomicMassU * PhysicalConstants.AtomicMassUnitEnergyGeV - z * PhysicalConstants.ElectronRestEnergyGeV);
}
