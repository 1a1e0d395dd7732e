using CrInference.Data;
using CrInference.Inference.Tests.Data;
using CrInference.Physics.Kinematics;
using CrInference.Posterior.Likelihood;
using CrInference.Posterior.Modulation;

namespace CrInference.Inference.Tests.Likelihood;

/// <summary>Datasets prepared for the likelihood: periods, error models per instrument, plan terms and predictions.</summary>
public sealed class ObservedDatasetTests
{
    private static ObservedDataset Prepare(string id, ErrorModel errors) =>
        ObservedDataset.Prepare(BundledData.Load(id), DatasetCut.None, errors);

    [Fact]
    public void CorrelatedModel_CorrelatesAmsTablesOnly()
    {
        Assert.False(Prepare("ams02-bc-2021", ErrorModel.Correlated).Likelihood.IsDiagonal);
        Assert.False(Prepare("ams02-p-2015", ErrorModel.Correlated).Likelihood.IsDiagonal);
        Assert.True(Prepare("voyager1-h-2016", ErrorModel.Correlated).Likelihood.IsDiagonal);
        Assert.True(Prepare("ams02-bc-2021", ErrorModel.Default).Likelihood.IsDiagonal);
    }

    [Fact]
    public void Voyager_DiagonalErrors_AreStatPlusSysInQuadrature()
    {
        // First row of data/voyager1_hydrogen_lis_cummings2016.csv: 19.08 ± 0.9572 (stat) ± 0.954 (sys).
        var voyager = Prepare("voyager1-h-2016", ErrorModel.Correlated);

        Assert.Equal(Math.Sqrt(0.9572 * 0.9572 + 0.954 * 0.954), voyager.Likelihood.CholeskyFactor(0, 0), 1e-14);
        Assert.False(voyager.IsModulated);
    }

    [Fact]
    public void CarbonFlux_IsPreparedWithItsComponentCovariance()
    {
        var carbon = Prepare("ams02-c-2017", ErrorModel.Correlated);
        // Row 1: stat 0.003849; components 0.03893, 0.02938, 0.006741 → C00 = stat² + Σ components².
        double c00 = 0.003849 * 0.003849 + 0.03893 * 0.03893 + 0.02938 * 0.02938 + 0.006741 * 0.006741;

        Assert.Equal(Math.Sqrt(c00), carbon.Likelihood.CholeskyFactor(0, 0), 1e-14);
        Assert.Equal(Nucleus.Carbon12, carbon.Nucleus);
        Assert.Equal("12C per GV", carbon.Plan.Name);
    }

    [Fact]
    public void Cut_KeepsRowsAndRecordsTheirIndices()
    {
        var source = BundledData.Load("ams02-bc-2016-ekn");
        var observed = ObservedDataset.Prepare(source, DatasetCut.DefaultFor(DatasetQuantity.BoronToCarbon), ErrorModel.Correlated);

        Assert.All(observed.RowIndices.Zip(observed.Points), x => Assert.Same(source.Points[x.First], x.Second));
        Assert.All(observed.Points, p => Assert.True(p.Centre >= 1));
        Assert.Equal(observed.Points.Select(p => p.Centre), observed.AxisValues);
        Assert.Equal(observed.AxisValues.Select(e => Kinematic.RigidityFromKineticEnergyPerNucleonGV(e, Nucleus.Carbon12)), observed.RigidityGV);
    }

    [Fact]
    public void Terms_AreThePlansSlotsPointByPoint_AndIgnorePhiForInterstellarData()
    {
        var bc = Prepare("ams02-bc-2016-ekn", ErrorModel.Default);
        int m = bc.Plan.Species.Length;
        var rigidity = new double[bc.TermCount];
        var weight = new double[bc.TermCount];
        bc.FillTerms(0.7, rigidity, weight);
        var r = new double[m];
        var w = new double[m];
        bc.Plan.Fill(bc.AxisValues[5], 0.7, r, w);

        Assert.Equal(3, m);
        Assert.Equal(r, rigidity[(5 * m)..(6 * m)]);
        Assert.Equal(w, weight[(5 * m)..(6 * m)]);

        var voyager = Prepare("voyager1-h-2016", ErrorModel.Default);
        var rv = new double[voyager.TermCount];
        var wv = new double[voyager.TermCount];
        voyager.FillTerms(0.7, rv, wv);
        Assert.Equal(voyager.AxisValues.Select(e => Kinematic.RigidityFromKineticEnergyPerNucleonGV(e, Nucleus.Proton)), rv);
    }

    [Fact]
    public void Predict_EqualsThePlanEvaluatedPointByPoint()
    {
        var bc = Prepare("ams02-bc-2016-ekn", ErrorModel.Default);
        double Lis(Nucleus n, double r) => n == Nucleus.Carbon12 ? Math.Pow(r, -2.7) : (n == Nucleus.Boron10 ? 0.1 : 0.2) * Math.Pow(r, -3.05);
        int calls = 0;

        double[] predicted = bc.Predict(0.68, (species, r, j) =>
        {
            calls++;
            for (int i = 0; i < r.Length; i++) j[i] = Lis(species, r[i]);
        });

        Assert.Equal(3, calls);
        for (int i = 0; i < bc.Count; i++) Assert.Equal(bc.Plan.Evaluate(bc.AxisValues[i], 0.68, Lis), predicted[i], predicted[i] * 1e-14);
    }

    [Fact]
    public void EveryModulatedDataset_HasACataloguedPotential()
    {
        foreach (string id in DatasetCatalog.Ids)
        {
            var period = DatasetCatalog.PeriodOf(id);
            var prior = ModulationPeriods.For(period);
            Assert.Equal(period.IsModulated, prior is not null);
        }
    }
}
