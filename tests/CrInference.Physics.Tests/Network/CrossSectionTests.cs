using CrInference.Physics.Interactions;
using CrInference.Physics.Kinematics;
using CrInference.Physics.Network;
using CrInference.Physics.Sources;

namespace CrInference.Physics.Tests.Network;

/// <summary>Cross-sections and parent ratios of the network against the numbers printed in their sources (docs/CONVENTIONS.md E.10).</summary>
public sealed class CrossSectionTests
{
    [Theory]
    [InlineData("C12", "B11", 9.715, 52.72)]
    [InlineData("C12", "B10", 9.715, 18.12)]
    [InlineData("O16", "B11", 0.7705, -1)]
    [InlineData("B11", "B10", 13.95, -1)]
    public void Dragon2_AtTableEnergies_IsTheTableValue(string parent, string daughter, double ekn, double printed)
    {
        // Values as printed in data/xs_boron_production_dragon2_evoli2019.csv (-1: take the printed row of that energy).
        var table = DataTables.Dragon2(parent, daughter);
        double value = printed >= 0 ? printed : DataTables.Interpolate(table, Math.Log(ekn));
        var channel = ProductionCrossSections.Channel(CrossSectionSet.Dragon2, Find(parent), Find(daughter));
        Assert.Equal(value, channel.HydrogenMb.At(Math.Log(ekn)), 1e-9);
        // Held beyond 1 TeV/n and below 10 MeV/n.
        Assert.Equal(table.Y[^1], channel.HydrogenMb.At(Math.Log(1e5)));
        Assert.Equal(table.Y[0], channel.HydrogenMb.At(Math.Log(1e-3)));
    }

    [Fact]
    public void GalpropOpt12_CarbonToBoron11_IsTheUsineTableAndHeliumIsLarger()
    {
        // data/xs_boron_production_galprop_opt12_usine.csv, last row (10 GeV/n): 56.88 mb on H, 70.64132 mb on He.
        var channel = ProductionCrossSections.Channel(CrossSectionSet.GalpropOpt12, Nucleus.Carbon12, Nucleus.Boron11);
        Assert.Equal(56.88, channel.HydrogenMb.At(Math.Log(10.0)), 1e-12);
        Assert.Equal(70.64132, channel.HeliumMb.At(Math.Log(10.0)), 1e-12);
        Assert.Equal(56.88 + 0.11 * 70.64132, channel.PerHydrogenAtomMb(50, 0.11), 1e-12);
    }

    [Theory]
    [InlineData("10B")]
    [InlineData("11B")]
    [InlineData("12C")]
    public void Tripathi_AtTableEnergies_IsTheUsineTable_AndHeldBeyond(string name)
    {
        var table = DataTables.Tripathi(name);
        var nucleus = Find(name);
        for (int i = 0; i < table.LogX.Length; i += 7)
        {
            var (h, he) = InelasticCrossSections.Nucleus(nucleus, Math.Exp(table.LogX[i]));
            Assert.Equal(table.HydrogenMb[i], h, 1e-9);
            Assert.Equal(table.HeliumMb[i], he, 1e-9);
        }
        Assert.Equal(table.HydrogenMb[^1], InelasticCrossSections.Nucleus(nucleus, 500).HydrogenMb);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(12)]
    public void Tripathi_AboveTwoGeVPerNucleon_AgreesWithLetaw1983WithinSixPerCent(int massNumber)
    {
        // Two independent parametrisations of the same measurements (Letaw et al. 1983; Tripathi et al. 1997/98 via USINE): the
        // largest difference above 2 GeV/n is ¹¹B at 2 GeV/n, 251.1 against 237.8 mb (5.6 %).
        var nucleus = massNumber == 12 ? Nucleus.Carbon12 : massNumber == 11 ? Nucleus.Boron11 : Nucleus.Boron10;
        foreach (double ekn in new[] { 2.0, 6.0, 100.0 })
        {
            double tripathi = InelasticCrossSections.Nucleus(nucleus, ekn).HydrogenMb;
            double letaw = InelasticCrossSections.Letaw1983Mb(massNumber, ekn);
            Assert.True(Math.Abs(tripathi / letaw - 1) < 0.06, $"A = {massNumber}, {ekn} GeV/n: Tripathi {tripathi:F1} mb, Letaw {letaw:F1} mb");
        }
    }

    [Fact]
    public void ProtonProton_IsKafexhiuEquationOne()
    {
        // Kafexhiu et al. (2014) eq. 1 with T_th = 2 m_π + m_π²/2m_p = 0.2797 GeV (m_π = 0.134976 GeV): zero below threshold;
        // at T = 10 GeV: L = ln(10/0.27966) = 3.5768, (30.7 − 0.96 L + 0.18 L²)(1 − (T_th/T)^1.9)³ = 29.47 mb.
        Assert.Equal(0.2797, InelasticCrossSections.ProtonThresholdGeV, 4);
        Assert.Equal(0.0, InelasticCrossSections.ProtonProtonMb(0.25));
        Assert.Equal(29.47, InelasticCrossSections.ProtonProtonMb(10), 2);
        // Sihver et al. (1993) for a helium target: b₀ = 2.247 − 0.915 (1 + 4^{−1/3}) = 0.75559,
        // σ = 58.1 (1 + 4^{1/3} − b₀(1 + 4^{−1/3}))² = 58.1 × 1.35583² = 106.80 mb (no high-energy rise below 1 TeV).
        Assert.Equal(106.80, InelasticCrossSections.ProtonNucleusMb(10, 4), 2);
        Assert.Equal(0.0, InelasticCrossSections.ProtonNucleusMb(0.1, 4));
    }

    [Fact]
    public void AmsRatios_AreTheTableAtItsCentres_AndFlatBeyond()
    {
        // data/ams02_co_ratio_physrep2021.csv: 1.016 at 2.272 GV (first row); N/O 0.2846 at 2.272 GV.
        Assert.Equal(1.016, ObservedParentRatios.CarbonOverOxygen(2.272), 1e-12);
        Assert.Equal(1.016, ObservedParentRatios.CarbonOverOxygen(1.0), 1e-12);
        Assert.Equal(0.2846, ObservedParentRatios.NitrogenOverOxygen(2.272), 1e-12);
        var co = DataTables.AmsRatio("ams02_co_ratio_physrep2021.csv");
        Assert.Equal(co.Y[^1], ObservedParentRatios.CarbonOverOxygen(1e5), 1e-12);
        Assert.Equal(DataTables.Interpolate(co, Math.Log(40)), ObservedParentRatios.CarbonOverOxygen(40), 1e-12);
    }

    /// <summary>A nucleus by the DRAGON2 (C12) or the code's (12C) spelling.</summary>
    private static Nucleus Find(string name) =>
        Nucleus.Find(new string(name.Where(char.IsDigit).ToArray()) + new string(name.Where(char.IsLetter).ToArray()))!;
}
