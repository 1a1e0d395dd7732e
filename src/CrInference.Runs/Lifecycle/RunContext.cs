using System.Diagnostics;
using System.Text.Json.Nodes;
using CrInference.Core.Random;
using CrInference.Runs.Composition;
using CrInference.Runs.Manifests;
using CrInference.Sampling;

namespace CrInference.Runs.Lifecycle;

/// <summary>
/// Everything <see cref="RunLifecycle"/> has established about a run when it hands over to the kind's
/// <see cref="IRunPlan"/>: the options, the folder and its state, the posterior, the manifest, the root key.
/// </summary>
public sealed class RunContext
{
    /// <summary>The kind of run.</summary>
    public required IRunKind Kind { get; init; }

    /// <summary>What the run was asked to do.</summary>
    public required RunOptions Options { get; init; }

    /// <summary>Where the run reports (one line per event, progress lines).</summary>
    public required TextWriter Output { get; init; }

    /// <summary>A stop request (Ctrl-C, SIGTERM): the run ends at its next safe point, resumable.</summary>
    public required CancellationToken Stop { get; init; }

    /// <summary>The run folder (full path).</summary>
    public required string RunDirectory { get; init; }

    /// <summary>What the folder held when the run started.</summary>
    public required RunFolderState FolderState { get; init; }

    /// <summary>The manifest of the run being resumed, or null.</summary>
    public required JsonObject? PreviousManifest { get; init; }

    /// <summary>The posterior the prior file describes, with what a run reports about it.</summary>
    public required PosteriorBuild Build { get; init; }

    /// <summary>What the sampler sees: <see cref="PosteriorBuild.Posterior"/> with its likelihood calls counted.</summary>
    public required CountingPosterior Posterior { get; init; }

    /// <summary>The run manifest.</summary>
    public required RunManifest Manifest { get; init; }

    /// <summary>The root key, <c>RandomKey.FromSeed(seed)</c>.</summary>
    public required RandomKey RootKey { get; init; }

    /// <summary>Wall time since the posterior started to be built.</summary>
    public required Stopwatch Clock { get; init; }

    /// <summary>Threads of this session.</summary>
    public required int Threads { get; init; }

    /// <summary>The folder as shown to the user.</summary>
    public string Shown => RunFiles.Display(RunDirectory);

    /// <summary>The command line that continues this run after an interruption.</summary>
    public string ResumeCommand => Kind.ResumeCommand(Options);
}
