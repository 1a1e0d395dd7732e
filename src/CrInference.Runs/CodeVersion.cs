using System.Reflection;

namespace CrInference.Runs;

/// <summary>The version of the running code for manifests: the assembly's informational version,
/// which the SDK's Source Link support suffixes with the git commit (<c>1.0.0+sha</c>).</summary>
public static class CodeVersion
{
    public static string Current { get; } =
        typeof(CodeVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
