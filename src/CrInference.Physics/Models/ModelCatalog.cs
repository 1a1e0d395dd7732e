namespace CrInference.Physics.Models;

/// <summary>
/// Every forward model by its registry name (<c>./crinf models</c>, <c>--model NAME</c>). Models are
/// stateless and thread-safe; one instance each is shared.
/// </summary>
public static class ModelCatalog
{
    /// <summary>All models, in listing order (KQ22's order of presentation, then the baseline).</summary>
    public static IReadOnlyList<IForwardModel> All { get; } =
    [
        new StreamingModel(),
        new LinearSelfConfinementModel(),
        new NlldModel(),
        new StratifiedModel(),
        new TwoPhaseModel(),
        new HaloOnlyModel(),
        new WarmOnlyModel(),
        new TurbulenceEverywhereModel(),
        new PhenomenologicalModel(),
    ];

    /// <summary>The registry names, in listing order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(m => m.Name).ToArray();

    /// <summary>The model named <paramref name="name"/>, or null.</summary>
    public static IForwardModel? Find(string name)
    {
        foreach (var model in All)
        {
            if (string.Equals(model.Name, name, StringComparison.Ordinal)) return model;
        }
        return null;
    }

    /// <summary>The model named <paramref name="name"/> or a one-line error listing the known names.</summary>
    public static (IForwardModel? Model, string? Error) Get(string name)
    {
        var model = Find(name);
        return model is not null ? (model, null) : (null, $"unknown model '{name}' (known: {string.Join(", ", Names)})");
    }
}
