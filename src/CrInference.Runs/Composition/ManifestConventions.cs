using CrInference.Physics.FastModes;
using CrInference.Physics.Models;
using CrInference.Physics.Transport;

namespace CrInference.Runs.Composition;

/// <summary>
/// Every convention behind a result, for manifests: the model's open-choice decisions (KQ22
/// parts A and B), the κ_turb decisions (part C, docs/FAST-MODES.md) when the model's <c>kappa</c>
/// option is a fast-mode kind, and the likelihood layer's decisions (part D, docs/CONVENTIONS.md).
/// </summary>
public static class ManifestConventions
{
    /// <summary>Decisions of the likelihood layer (docs/CONVENTIONS.md, part D).</summary>
    public static IReadOnlyDictionary<string, string> Likelihood { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["D.31"] = "force-field solar modulation (Gleeson & Axford 1968): each dataset predicted through its observable plan (isotopes at their own rigidities; ratios at equal R for rigidity tables, equal E_k/n for E_k/n tables) with the potential of its data-taking period (phi_<period>_GV, Gaussian priors from the Ghelfi et al. 2017 neutron-monitor reconstruction, sigma 0.10 GV; or one solar_phi_GV for all; 0 when neither is given); Voyager 1 H is interstellar (unmodulated); physics prior files cut AMS-02 p and B/C at R >= 6 GV (Corti et al. 2019, ApJ 871, 253: force field modified below a few GV)",
        ["D.32"] = "Gaussian likelihood, sigma^2 = stat^2 + sys^2 per point by default; option: systematics correlated with a Gaussian kernel in log10 of the axis, length in decades from the prior file (default 0.3); datasets independent",
        ["D.33"] = "errors are symmetric in the bundled tables; no asymmetric-error rule needed",
        ["D.34"] = "model evaluated at the bin centre = geometric mean of the bin edges (or the tabulated energy); bin averaging changes a power law R^-2.8 by <= 1.5 % in the widest AMS proton bin",
        ["D.35"] = "free parameters and priors: see the prior file and priors/README.md",
        ["D.36"] = "fit summaries report ln Z from the post-burn-in chain by bridge sampling (Meng & Wong 1996; Gaussian-mixture proposal, Gronau et al. 2017; error Fruehwirth-Schnatter 2004), only when the smallest ESS is >= 200 and the estimator's checks pass, else the reason",
        ["D.37"] = "summaries list force-field potentials, cross-section nuisances (xs_*), e_cr_per_sn_erg and disk_n_cm3 as nuisance parameters; all are sampled and marginalised alike",
    };

    public static IReadOnlyDictionary<string, string> For(IForwardModel model, ModelInput input)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in model.Conventions) all[k] = v;
        if (input.OptionValues.TryGetValue(TurbulentDiffusionCatalog.OptionName, out string? kappa) && kappa.StartsWith("fast-modes", StringComparison.Ordinal))
        {
            foreach (var (k, v) in FastModeConventions.All) all[k] = v;
        }
        foreach (var (k, v) in Likelihood) all[k] = v;
        return all;
    }
}
