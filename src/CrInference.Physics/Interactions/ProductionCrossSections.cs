using CrInference.Physics.Kinematics;
using CrInference.Physics.Network;

namespace CrInference.Physics.Interactions;

/// <summary>One production channel parent → daughter: cumulative cross-sections (ghost nuclei folded in, e.g.
/// ¹¹C → ¹¹B) on hydrogen and helium, mb, as functions of ln(E_k/n / GeV).</summary>
public sealed record ProductionChannel(Nucleus Parent, Nucleus Daughter, TabulatedCurve HydrogenMb, TabulatedCurve HeliumMb)
{
    /// <summary>σ_H + y σ_He (mb) at kinetic energy per nucleon <paramref name="eknGeV"/> for He/H number ratio <paramref name="heliumPerHydrogen"/>.</summary>
    public double PerHydrogenAtomMb(double eknGeV, double heliumPerHydrogen) => PerHydrogenAtomMbAtLog(Math.Log(eknGeV), heliumPerHydrogen);

    /// <summary><see cref="PerHydrogenAtomMb"/> at ln(E_k/n / GeV) = <paramref name="logEkn"/>.</summary>
    public double PerHydrogenAtomMbAtLog(double logEkn, double heliumPerHydrogen)
    {
        double sigma = HydrogenMb.At(logEkn);
        return heliumPerHydrogen == 0 ? sigma : sigma + heliumPerHydrogen * HeliumMb.At(logEkn);
    }
}

/// <summary>
/// The cumulative boron production cross-sections of the network (docs/CONVENTIONS.md E.10), read from the tables
/// in <c>data/</c> (provenance in <c>data/README.md</c>), interpolated linearly in ln E_k/n and held at the end
/// values outside the tables:
/// <list type="bullet">
/// <item><c>dragon2</c>: hydrogen target from the DRAGON2 default network (Evoli et al. 2019 table,
/// <c>xs_boron_production_dragon2_evoli2019.csv</c>, 10 MeV/n – 1 TeV/n); helium target = the hydrogen value times
/// the channel's σ_He/σ_H of the GALPROP option-12 network (next item), held beyond 10 MeV/n – 10 GeV/n.</item>
/// <item><c>galprop-opt12</c>: hydrogen and helium targets of GALPROP option 12 as tabulated in USINE v3.5
/// (Génolini; Maurin 2020, CPC 247, 106942; <c>xs_boron_production_galprop_opt12_usine.csv</c>, 10 MeV/n – 10 GeV/n).</item>
/// </list>
/// Channels: ¹²C, ¹⁴N, ¹⁶O → ¹⁰B, ¹¹B and ¹¹B → ¹⁰B.
/// </summary>
public static class ProductionCrossSections
{
    private static readonly Lazy<IReadOnlyList<ProductionChannel>> Dragon2Channels = new(LoadDragon2);
    private static readonly Lazy<IReadOnlyList<ProductionChannel>> GalpropChannels = new(LoadGalprop);

    /// <summary>The parents of the network, heaviest last.</summary>
    public static IReadOnlyList<Nucleus> Parents { get; } = [Nucleus.Carbon12, Nucleus.Nitrogen14, Nucleus.Oxygen16];

    /// <summary>The channels of <paramref name="set"/> (not <see cref="CrossSectionSet.Paper"/>, which has one constant).</summary>
    public static IReadOnlyList<ProductionChannel> Channels(CrossSectionSet set) => set switch
    {
        CrossSectionSet.Dragon2 => Dragon2Channels.Value,
        CrossSectionSet.GalpropOpt12 => GalpropChannels.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(set), set, "the kq22 set is the constant sigma_spall_mb"),
    };

    /// <summary>The channel <paramref name="parent"/> → <paramref name="daughter"/> of <paramref name="set"/>.</summary>
    public static ProductionChannel Channel(CrossSectionSet set, Nucleus parent, Nucleus daughter) =>
        Channels(set).FirstOrDefault(c => c.Parent == parent && c.Daughter == daughter)
        ?? throw new KeyNotFoundException($"no channel {parent.Name} -> {daughter.Name} in {set}");

    private static IEnumerable<(Nucleus Parent, Nucleus Daughter)> Pairs()
    {
        foreach (var parent in Parents)
        {
            yield return (parent, Nucleus.Boron10);
            yield return (parent, Nucleus.Boron11);
        }
        yield return (Nucleus.Boron11, Nucleus.Boron10);
    }

    private static IReadOnlyList<ProductionChannel> LoadGalprop()
    {
        var table = PhysicsTable.Load("xs_boron_production_galprop_opt12_usine.csv");
        var list = new List<ProductionChannel>();
        foreach (var (parent, daughter) in Pairs())
        {
            var rows = table.Rows.Where(r => table.Text(r, "parent") == parent.Name && table.Text(r, "daughter") == daughter.Name).ToArray();
            var x = rows.Select(r => Math.Log(table.Number(r, "ekn_GeV_per_n"))).ToArray();
            list.Add(new ProductionChannel(parent, daughter,
                new TabulatedCurve(x, rows.Select(r => table.Number(r, "sigma_H_mb")).ToArray()),
                new TabulatedCurve(x, rows.Select(r => table.Number(r, "sigma_He_mb")).ToArray())));
        }
        return list;
    }

    private static IReadOnlyList<ProductionChannel> LoadDragon2()
    {
        var table = PhysicsTable.Load("xs_boron_production_dragon2_evoli2019.csv");
        var list = new List<ProductionChannel>();
        foreach (var (parent, daughter) in Pairs())
        {
            // The DRAGON2 table spells nuclei element-first (C12, B11).
            string parentName = DragonName(parent);
            string daughterName = DragonName(daughter);
            var rows = table.Rows.Where(r => table.Text(r, "parent") == parentName && table.Text(r, "daughter") == daughterName).ToArray();
            var energies = rows.Select(r => table.Number(r, "ekn_GeV_per_n")).ToArray();
            var hydrogen = rows.Select(r => table.Number(r, "sigma_H_mb")).ToArray();
            var ratio = Channel(CrossSectionSet.GalpropOpt12, parent, daughter);
            var helium = new double[energies.Length];
            for (int i = 0; i < energies.Length; i++) helium[i] = hydrogen[i] * HeliumOverHydrogen(ratio, Math.Log(energies[i]));
            var x = energies.Select(e => Math.Log(e)).ToArray();
            list.Add(new ProductionChannel(parent, daughter, new TabulatedCurve(x, hydrogen), new TabulatedCurve(x, helium)));
        }
        return list;
    }

    /// <summary>σ_He/σ_H of a GALPROP channel at ln E (nearest tabulated ratio where σ_H vanishes near threshold).</summary>
    private static double HeliumOverHydrogen(ProductionChannel galprop, double x)
    {
        double h = galprop.HydrogenMb.At(x);
        if (h > 0) return galprop.HeliumMb.At(x) / h;
        var (_, high) = galprop.HydrogenMb.Range;
        for (double y = x; y <= high; y += 0.05)
        {
            double hy = galprop.HydrogenMb.At(y);
            if (hy > 0) return galprop.HeliumMb.At(y) / hy;
        }
        return 0;
    }

    private static string DragonName(Nucleus n) => new string(n.Name.Where(char.IsLetter).ToArray()) + n.MassNumber;
}
