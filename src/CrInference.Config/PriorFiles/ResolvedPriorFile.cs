using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CrInference.Config.PriorFiles;

/// <summary>
/// The canonical "resolved" form of a <see cref="PriorFileSpec"/>: compact UTF-8 JSON with a
/// fixed key order (sections as in a prior file; <c>params</c> in spec order; options, cuts,
/// moves and problem settings (after <c>dimension</c>) by ordinal key; prior fields value, mean, sigma, min, max), every parameter including
/// defaults, explicit nulls for settings not given, and doubles in their shortest round-trip
/// form. The source path and line numbers are left out, so moving or reformatting a file keeps
/// its hash; changing any value, adding a parameter or reordering parameters changes it.
/// </summary>
public static class ResolvedPriorFile
{
    private static readonly string[] PriorFieldOrder = ["value", "mean", "sigma", "min", "max"];

    /// <summary>Canonical JSON of <paramref name="spec"/>.</summary>
    public static string ToJson(PriorFileSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("model", spec.Model);
            json.WriteStartArray("datasets");
            foreach (string id in spec.Datasets) json.WriteStringValue(id);
            json.WriteEndArray();
            json.WriteStartObject("options");
            foreach (var (name, value) in spec.Options.OrderBy(kv => kv.Key, StringComparer.Ordinal)) json.WriteString(name, value);
            json.WriteEndObject();
            json.WriteStartObject("params");
            foreach (var param in spec.Params) WriteParam(json, param);
            json.WriteEndObject();
            WriteLikelihood(json, spec.Likelihood);
            if (spec.Problem is null)
            {
                json.WriteNull("problem");
            }
            else
            {
                json.WriteStartObject("problem");
                json.WriteNumber("dimension", spec.Problem.Dimension);
                foreach (var (name, value) in spec.Problem.Settings.OrderBy(kv => kv.Key, StringComparer.Ordinal)) json.WriteNumber(name, value);
                json.WriteEndObject();
            }
            WriteSampler(json, spec.Sampler);
            if (spec.Nested is null)
            {
                json.WriteNull("nested");
            }
            else
            {
                json.WriteStartObject("nested");
                WriteNullable(json, "live", spec.Nested.Live);
                WriteNullable(json, "dlogz", spec.Nested.DeltaLogZ);
                WriteNullable(json, "seed", spec.Nested.Seed);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary><c>sha256:&lt;lower-case hex&gt;</c> of the UTF-8 bytes of <see cref="ToJson"/>.</summary>
    public static string Hash(PriorFileSpec spec) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToJson(spec))));

    private static void WriteParam(Utf8JsonWriter json, ParamSpec param)
    {
        json.WriteStartObject(param.Name);
        json.WriteString("prior", param.Prior.Kind);
        var fields = param.Prior.Describe();
        foreach (string key in fields.Keys.OrderBy(k => Array.IndexOf(PriorFieldOrder, k) is var i && i >= 0 ? i : int.MaxValue).ThenBy(k => k, StringComparer.Ordinal))
        {
            json.WriteNumber(key, fields[key]);
        }
        json.WriteString("latex", param.Latex);
        json.WriteString("unit", param.Unit);
        if (param.Ref is null)
        {
            json.WriteNull("ref");
        }
        else
        {
            json.WriteStartObject("ref");
            json.WriteNumber("mean", param.Ref.Mean);
            json.WriteNumber("sigma", param.Ref.Sigma);
            json.WriteEndObject();
        }
        json.WriteBoolean("default", param.IsDefault);
        json.WriteEndObject();
    }

    private static void WriteLikelihood(Utf8JsonWriter json, LikelihoodSpec likelihood)
    {
        json.WriteStartObject("likelihood");
        json.WriteString("errors", likelihood.Errors == ErrorModelKind.Correlated ? "correlated" : "stat+sys");
        WriteNullable(json, "correlation_length_decades", likelihood.CorrelationLengthDecades);
        json.WriteStartObject("cuts");
        foreach (var (dataset, cut) in likelihood.Cuts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject(dataset);
            WriteNullable(json, "min_GV", cut.MinGV);
            WriteNullable(json, "max_GV", cut.MaxGV);
            WriteNullable(json, "min_GeV_per_n", cut.MinGeVPerNucleon);
            WriteNullable(json, "max_GeV_per_n", cut.MaxGeVPerNucleon);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteSampler(Utf8JsonWriter json, SamplerSpec sampler)
    {
        json.WriteStartObject("sampler");
        WriteNullable(json, "walkers", sampler.Walkers);
        WriteNullable(json, "steps", sampler.Steps);
        WriteNullable(json, "seed", sampler.Seed);
        WriteNullable(json, "thin", sampler.Thin);
        WriteNullable(json, "relocate_lagging", sampler.RelocateLagging);
        // Written only when given, so that the resolved form (and the identity) of files without it is unchanged.
        if (sampler.Starts is { } starts) json.WriteString("starts", starts);
        json.WriteStartObject("moves");
        foreach (var (name, weight) in sampler.Moves.OrderBy(kv => kv.Key, StringComparer.Ordinal)) json.WriteNumber(name, weight);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, ulong? value)
    {
        if (value is { } v) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, int? value) => WriteNullable(json, name, (long?)value);
}
