using CrInference.Physics.Models;
using CrInference.Posterior;

namespace CrInference.Runs.Reports;

/// <summary>
/// Which free parameters a summary lists as nuisances rather than as the physics a fit tests: the force-field potentials
/// (<see cref="TransportPosterior.ModulationParameters"/>), the cross-section nuisances of the boron network
/// (<see cref="StandardParameters.CrossSectionNuisances"/>) and the free normalisations of the source power and the
/// disk column (docs/CONVENTIONS.md D.31, E.10, E.11). Everything else (injection slope, plasma and transport
/// parameters) is physics.
/// </summary>
public static class ParameterRoles
{
    private static readonly HashSet<string> Nuisances = new(
        [.. TransportPosterior.ModulationParameters, .. StandardParameters.CrossSectionNuisances().Select(p => p.Name), "e_cr_per_sn_erg", "disk_n_cm3"],
        StringComparer.Ordinal);

    /// <summary>Whether <paramref name="name"/> is a nuisance parameter.</summary>
    public static bool IsNuisance(string name) => Nuisances.Contains(name);

    /// <summary>The role as written in summaries: <c>nuisance</c> or <c>physics</c>.</summary>
    public static string RoleOf(string name) => IsNuisance(name) ? "nuisance" : "physics";
}
