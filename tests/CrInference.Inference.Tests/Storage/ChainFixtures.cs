using System.Collections.Immutable;
using CrInference.Core;
using CrInference.Core.Random;
using CrInference.Storage.Parquet;

namespace CrInference.Inference.Tests.Storage;

/// <summary>
/// Synthetic ensemble chains with a known value in every cell, so a read-back can be checked
/// exactly: walker w at step s has x = s + w/100, y = −(s·w) (with a few special doubles mixed in),
/// and row s·W + w within a block holds walker w at step s.
/// </summary>
internal static class ChainFixtures
{
    public const int Walkers = 4;
    public const int StepsPerBlock = 3;

    public static readonly string[] Datasets = ["ams02-p-2015", "ams02-bc-2021"];

    public static ChainTableSchema Schema { get; } = ChainTableSchema.FromNames(
    [
        ChainColumnNames.Chain,
        ChainColumnNames.Draw,
        "x",
        "y",
        ChainColumnNames.LogPrior,
        ChainColumnNames.LogLikelihood,
        ChainColumnNames.LogPosterior,
        ChainColumnNames.LogLikelihoodFor(Datasets[0]),
        ChainColumnNames.LogLikelihoodFor(Datasets[1]),
        ChainColumnNames.Weight,
        ChainColumnNames.Accepted,
    ]);

    /// <summary>Special doubles that must survive bit for bit.</summary>
    public static readonly double[] Specials =
    [
        double.NaN, double.NegativeInfinity, double.PositiveInfinity, -0.0, double.Epsilon, double.MaxValue, double.MinValue, 1e-310,
    ];

    public static double X(long step, int walker) => step + walker / 100.0;

    public static double Y(long step, int walker) => (step * Walkers + walker) % 7 == 3 ? Specials[(step + walker) % Specials.Length] : -(step * walker) / 3.0;

    public static double LogPrior(long step, int walker) => walker == 1 && step % 5 == 0 ? double.NegativeInfinity : -1.5;

    public static double LogLikelihood(long step, int walker) => -0.5 * X(step, walker) * X(step, walker);

    /// <summary>Fills <paramref name="block"/> with block <paramref name="blockIndex"/>'s values.</summary>
    public static void Fill(ChainTableBlock block, int blockIndex)
    {
        var chain = block.Int32(ChainColumnNames.Chain);
        var draw = block.Int64(ChainColumnNames.Draw);
        var x = block.Float64("x");
        var y = block.Float64("y");
        var logPrior = block.Float64(ChainColumnNames.LogPrior);
        var logLikelihood = block.Float64(ChainColumnNames.LogLikelihood);
        var logPosterior = block.Float64(ChainColumnNames.LogPosterior);
        var first = block.Float64(ChainColumnNames.LogLikelihoodFor(Datasets[0]));
        var second = block.Float64(ChainColumnNames.LogLikelihoodFor(Datasets[1]));
        var weight = block.Float64(ChainColumnNames.Weight);
        var accepted = block.Boolean(ChainColumnNames.Accepted);
        for (int s = 0; s < StepsPerBlock; s++)
        {
            long step = (long)blockIndex * StepsPerBlock + s;
            for (int w = 0; w < Walkers; w++)
            {
                int row = s * Walkers + w;
                chain[row] = w;
                draw[row] = step;
                x[row] = X(step, w);
                y[row] = Y(step, w);
                logPrior[row] = LogPrior(step, w);
                logLikelihood[row] = LogLikelihood(step, w);
                logPosterior[row] = logPrior[row] + logLikelihood[row];
                first[row] = 0.25 * logLikelihood[row];
                second[row] = 0.75 * logLikelihood[row];
                weight[row] = 1.0;
                accepted[row] = (step + w) % 3 != 0;
            }
        }
    }

    /// <summary>A checkpoint after <paramref name="completedBlocks"/> blocks, with the last step's positions.</summary>
    public static ResumeCheckpoint Checkpoint(int completedBlocks)
    {
        long lastStep = (long)completedBlocks * StepsPerBlock - 1;
        var positions = new double[Walkers * 2];
        var logPosteriors = new LogPosterior[Walkers];
        var derived = new double[Walkers * Datasets.Length];
        for (int w = 0; w < Walkers; w++)
        {
            positions[2 * w] = X(lastStep, w);
            positions[2 * w + 1] = Y(lastStep, w);
            logPosteriors[w] = new LogPosterior(LogPrior(lastStep, w), LogLikelihood(lastStep, w));
            derived[2 * w] = 0.25 * LogLikelihood(lastStep, w);
            derived[2 * w + 1] = 0.75 * LogLikelihood(lastStep, w);
        }
        return new ResumeCheckpoint(
            completedBlocks,
            lastStep + 1,
            RandomKey.FromSeed(42),
            Walkers,
            2,
            [.. positions],
            [.. logPosteriors],
            [.. Datasets.Select(ChainColumnNames.LogLikelihoodFor)],
            [.. derived],
            "sha256:0123abcd",
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, double>("log_z", -12.345678901234567)]),
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, long>("likelihood_calls", 1234L * completedBlocks)]));
    }

    /// <summary>The footer metadata used by the tests (a manifest-like JSON).</summary>
    public static IReadOnlyDictionary<string, string> Metadata { get; } = new Dictionary<string, string>
    {
        [ChainColumnNames.ManifestMetadataKey] = "{\"run_id\":\"test\",\"model\":\"test/gaussian\",\"seed\":42,\"params\":[\"x\",\"y\"],\"note\":\"ünïcödé ✓\"}",
        ["zz.other"] = "second key",
    };

    /// <summary>Writes <paramref name="blocks"/> blocks to a fresh run in <paramref name="runDirectory"/> and finalises it.</summary>
    public static async Task<string> WriteRunAsync(string runDirectory, int blocks)
    {
        var writer = ChainTableWriter.Create(runDirectory, Schema);
        var block = new ChainTableBlock(Schema, Walkers * StepsPerBlock);
        for (int b = 0; b < blocks; b++)
        {
            Fill(block, b);
            await writer.AppendBlockAsync(block, Checkpoint(b + 1));
        }
        string final = await writer.FinaliseAsync(Metadata);
        ChainTableWriter.RemoveRunState(runDirectory);
        return final;
    }

    /// <summary>Asserts that two doubles have the same bits.</summary>
    public static void AssertSameBits(double expected, double actual, string what) =>
        Assert.True(
            BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"{what}: expected {expected:R} (0x{BitConverter.DoubleToInt64Bits(expected):x16}), got {actual:R} (0x{BitConverter.DoubleToInt64Bits(actual):x16})");
}
