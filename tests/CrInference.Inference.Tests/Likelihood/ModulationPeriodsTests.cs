using CrInference.Data;
using CrInference.Posterior.Modulation;

namespace CrInference.Inference.Tests.Likelihood;

/// <summary>The modulation-potential catalogue: parameter names and the provenance of each prior mean and width.</summary>
public sealed class ModulationPeriodsTests
{
    /// <summary>
    /// Monthly force-field φ (MV), 2011–2018, values unchanged from <c>gsf-project/globalsplinefit</c>,
    /// <c>src/globalsplinefit/data/2026.0/solar_modulation.dat</c> at commit 627774195fba8807750868b7811f7e9964b03171
    /// (CRDB rest_phi, Ghelfi et al. 2017 ASR 60 833; neutron monitors Oulu, Kerguelen, Newark; monthly means).
    /// </summary>
    private static readonly Dictionary<int, double[]> Monthly = new()
    {
        [2011] = [554.3, 553.8, 579.3, 634.9, 599.8, 674.1, 645.0, 640.3, 635.7, 657.4, 623.4, 588.7],
        [2012] = [614.9, 641.5, 700.5, 629.5, 628.1, 661.3, 742.4, 724.9, 678.3, 672.1, 663.9, 656.6],
        [2013] = [634.8, 627.9, 659.5, 662.1, 742.6, 748.3, 728.8, 717.9, 696.6, 662.1, 684.9, 705.7],
        [2014] = [696.7, 738.0, 728.3, 716.6, 690.6, 740.3, 716.0, 680.9, 717.2, 709.6, 727.3, 782.3],
        [2015] = [754.2, 741.2, 792.3, 768.6, 728.1, 745.0, 706.0, 683.3, 694.1, 682.3, 676.4, 659.8],
        [2016] = [613.4, 581.5, 585.9, 588.0, 591.0, 579.8, 586.5, 573.2, 567.1, 550.5, 533.7, 529.1],
        [2017] = [515.3, 508.0, 495.3, 525.1, 521.5, 513.3, 532.5, 554.9, 568.1, 548.3, 517.8, 512.0],
        [2018] = [502.3, 501.7, 502.7, 492.1, 500.9, 491.5, 488.5, 490.2, 487.9, 483.3, 486.2, 485.3],
    };

    /// <summary>Each calendar month weighted by its days inside [first, last] (both included), in GV.</summary>
    private static double DayWeightedMeanGV(DateOnly first, DateOnly last)
    {
        double sum = 0;
        int days = 0;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            sum += Monthly[day.Year][day.Month - 1];
            days++;
        }
        return sum / days / 1000;
    }

    [Fact]
    public void Means_AreDayWeightedAveragesOfTheMonthlyTable()
    {
        // Data-taking days (data/README.md): 2011-05-19 to 2013-11-26 (p PRL 2015) and to 2016-05-26 (B/C PRL 2016,
        // C PRL 2017); the Physics Reports tables state months only (2011-05 to 2018-05): 2011-05-19 to 2018-05-26 is used.
        double Mean(DataTakingPeriod p) => ModulationPeriods.For(p)!.MeanGV;

        Assert.Equal(DayWeightedMeanGV(new(2011, 5, 19), new(2013, 11, 26)), Mean(DataTakingPeriod.Ams02From2011To2013), 5e-5);
        Assert.Equal(DayWeightedMeanGV(new(2011, 5, 19), new(2016, 5, 26)), Mean(DataTakingPeriod.Ams02From2011To2016), 5e-5);
        Assert.Equal(DayWeightedMeanGV(new(2011, 5, 19), new(2018, 5, 26)), Mean(DataTakingPeriod.Ams02From2011To2018), 5e-5);
        // The unknown end day of May 2018 moves the last mean by 0.23 MV at most.
        Assert.Equal(DayWeightedMeanGV(new(2011, 5, 19), new(2018, 5, 31)), Mean(DataTakingPeriod.Ams02From2011To2018), 2.5e-4);
    }

    [Fact]
    public void Width_CoversReconstructionAccuracyAndLisDependence()
    {
        // σ² ≥ (0.1 φ)² + (0.071 GV)²: 10 % reconstruction accuracy (Ghelfi et al. 2017) and the 71 MV offset of the
        // Usoskin et al. 2017 reconstruction for the same periods (different LIS).
        foreach (var prior in ModulationPeriods.All)
        {
            double needed = Math.Sqrt(Math.Pow(0.1 * prior.MeanGV, 2) + 0.071 * 0.071);
            Assert.InRange(prior.SigmaGV, needed, needed + 0.01);
            Assert.Equal(0, prior.Prior.Lower);
            Assert.Equal(prior.MeanGV, prior.Prior.Mean);
        }
    }

    [Fact]
    public void ParameterNames_FollowThePeriodIds()
    {
        Assert.Equal(["phi_ams02_2011_2013_GV", "phi_ams02_2011_2016_GV", "phi_ams02_2011_2018_GV"], ModulationPeriods.All.Select(p => p.ParameterName));
        Assert.Null(ModulationPeriods.For(DataTakingPeriod.Voyager1From2012To2015));
        Assert.Throws<ArgumentException>(() => ModulationPeriods.For(new DataTakingPeriod("ams02-2019", "AMS-02", "2019-01", "2019-12", ObserverLocation.NearEarth)));
    }
}
