using CrInference.Core.Random;
using CrInference.Sampling.Ensemble;
using CrInference.Sampling.Tempering;

namespace CrInference.Sampling.Tests.Ensemble;

/// <summary>The one move catalogue: names, what a weighted list builds, and parallel tempering's default mix.</summary>
public sealed class MoveCatalogTests
{
    [Fact]
    public void Entries_HaveDistinctNamesAndBuildTheirMoves()
    {
        Assert.Equal(MoveCatalog.Entries.Count, MoveCatalog.Names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(["stretch", "de", "de-jump"], MoveCatalog.Names.ToArray());
        Assert.Equal("stretch(a=2)", Assert.IsType<StretchMove>(MoveCatalog.Find("stretch")!.Create()).Name);
        Assert.IsType<DifferentialEvolutionMove>(MoveCatalog.Find("de")!.Create());
    }

    [Fact]
    public void Build_OneMove_ReturnsTheMoveItself() =>
        Assert.IsType<StretchMove>(MoveCatalog.Build([new MoveWeight("stretch", 3)]));

    [Fact]
    public void Build_WeightedList_IsAMixtureInTheGivenOrderWithNormalisedWeights()
    {
        var mixture = Assert.IsType<WeightedMixtureMove>(MoveCatalog.Build([new MoveWeight("de", 1), new MoveWeight("stretch", 3)]));

        Assert.IsType<DifferentialEvolutionMove>(mixture.Moves[0]);
        Assert.IsType<StretchMove>(mixture.Moves[1]);
        Assert.Equal([0.25, 0.75], mixture.Weights.ToArray());
    }

    [Fact]
    public void Build_UnknownOrBadlyWeightedMove_ThrowsNamingIt()
    {
        Assert.Contains("unknown move 'walk' (one of: stretch, de, de-jump)", Assert.Throws<ArgumentException>(() => MoveCatalog.Build([new MoveWeight("walk", 1)])).Message, StringComparison.Ordinal);
        Assert.Contains("weight 0", Assert.Throws<ArgumentException>(() => MoveCatalog.Build([new MoveWeight("de", 0)])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MoveCatalog.Build([]));
    }

    [Fact]
    public void TemperingDefault_IsStretchThenDifferentialEvolution80To20()
    {
        // The mix parallel tempering used before the catalogue (stretch 0.8, then DE 0.2): the same move is chosen
        // from the same step key, so runs without sampler.moves keep their bytes.
        var mixture = Assert.IsType<WeightedMixtureMove>(new TemperingSettings().BuildMove());
        var reference = new WeightedMixtureMove([(new StretchMove(), 0.8), (new DifferentialEvolutionMove(), 0.2)]);
        for (ulong step = 0; step < 200; step++)
        {
            var key = RandomKey.FromSeed(7).Split(step);
            Assert.Equal(reference.ChooseForStep(key).Name, mixture.ChooseForStep(key).Name);
        }
    }

    [Fact]
    public void TemperingSettings_UnknownMove_FailsValidation() =>
        Assert.Contains("unknown move", Assert.Throws<ArgumentException>(() => new TemperingSettings { Moves = [new MoveWeight("walk", 1)] }.Validate(2)).Message, StringComparison.Ordinal);
}
