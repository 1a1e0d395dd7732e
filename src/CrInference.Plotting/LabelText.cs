using System.Text;

namespace CrInference.Plotting;

/// <summary>
/// Turns LaTeX-ish labels and unit strings into plain Unicode text, since ScottPlot has no TeX:
/// <c>\log_{10} D_0</c> → <c>log₁₀ D₀</c>, <c>cm^2 s^-1</c> → <c>cm² s⁻¹</c>,
/// <c>\kappa_\parallel</c> → <c>κ∥</c>, <c>\theta_c</c> → <c>θ_c</c>, <c>n_W</c> → <c>n_W</c>.
/// </summary>
/// <remarks>
/// Rules: <c>$</c> and braces are dropped; Greek letters and a few symbols (<c>\parallel</c>,
/// <c>\perp</c>, <c>\times</c>, <c>\odot</c>, …) become their Unicode characters; font commands
/// (<c>\mathrm</c>, <c>\rm</c>, <c>\text</c>, …) and spacing commands vanish; function names
/// (<c>\log</c>, <c>\ln</c>, <c>\exp</c>) keep their name. A sub- or superscript whose characters
/// all have Unicode sub/superscript forms (digits, signs, parentheses and, for subscripts, the
/// letters a e h i j k l m n o p r s t u v x) is written with them; otherwise it stays as
/// <c>_X</c> or <c>^X</c> (<c>^(1/3)</c> for a longer exponent, <c>_(a b)</c> for a subscript with
/// spaces), which keeps capitals such as <c>n_W</c> legible; a lone symbol such as <c>\parallel</c> is appended as it is.
/// An unbraced script takes an optional sign and a number (<c>s^-1</c>, <c>log_10</c>, <c>R^2.7</c>)
/// or one character. Unknown commands keep their name without the backslash.
/// </remarks>
public static class LabelText
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ", ["delta"] = "δ", ["epsilon"] = "ε",
        ["varepsilon"] = "ε", ["zeta"] = "ζ", ["eta"] = "η", ["theta"] = "θ", ["vartheta"] = "ϑ",
        ["iota"] = "ι", ["kappa"] = "κ", ["lambda"] = "λ", ["mu"] = "μ", ["nu"] = "ν", ["xi"] = "ξ",
        ["pi"] = "π", ["rho"] = "ρ", ["sigma"] = "σ", ["tau"] = "τ", ["upsilon"] = "υ", ["phi"] = "φ",
        ["varphi"] = "φ", ["chi"] = "χ", ["psi"] = "ψ", ["omega"] = "ω",
        ["Gamma"] = "Γ", ["Delta"] = "Δ", ["Theta"] = "Θ", ["Lambda"] = "Λ", ["Xi"] = "Ξ", ["Pi"] = "Π",
        ["Sigma"] = "Σ", ["Phi"] = "Φ", ["Psi"] = "Ψ", ["Omega"] = "Ω",
        ["parallel"] = "∥", ["perp"] = "⊥", ["times"] = "×", ["cdot"] = "·", ["pm"] = "±", ["mp"] = "∓",
        ["sim"] = "~", ["approx"] = "≈", ["le"] = "≤", ["leq"] = "≤", ["ge"] = "≥", ["geq"] = "≥",
        ["infty"] = "∞", ["odot"] = "⊙", ["propto"] = "∝", ["prime"] = "′", ["circ"] = "°",
        ["langle"] = "⟨", ["rangle"] = "⟩", ["partial"] = "∂", ["nabla"] = "∇", ["ell"] = "ℓ",
        ["log"] = "log", ["ln"] = "ln", ["exp"] = "exp", ["sin"] = "sin", ["cos"] = "cos",
        ["min"] = "min", ["max"] = "max", ["%"] = "%", ["_"] = "_", ["&"] = "&", ["#"] = "#",
        [","] = " ", [";"] = " ", [":"] = " ", [" "] = " ", ["quad"] = " ", ["qquad"] = "  ", ["!"] = "",
        ["left"] = "", ["right"] = "",
    };

    private static readonly HashSet<string> FontCommands = new(StringComparer.Ordinal)
    {
        "mathrm", "rm", "text", "textrm", "mathit", "it", "mathbf", "bf", "boldsymbol", "mathcal",
        "mathsf", "operatorname", "mathtt", "displaystyle", "textstyle",
    };

    // A superscript decimal point has no Unicode form; the middle dot reads as one (R²·⁷).
    private const string ScriptSource = "0123456789+-=().";
    private const string SuperscriptForms = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾·";
    private const string SubscriptForms = "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎.";
    private const string SubscriptLetters = "aehijklmnoprstuvx";
    private const string SubscriptLetterForms = "ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ";

    /// <summary>Converts a LaTeX-ish label or unit string into plain Unicode text.</summary>
    public static string FromLatex(string latex)
    {
        ArgumentNullException.ThrowIfNull(latex);
        string text = latex.Replace("$", string.Empty, StringComparison.Ordinal).Trim();
        var output = new StringBuilder();
        int position = 0;
        Convert(text, ref position, output, stopAtBrace: false);
        return CollapseSpaces(output.ToString());
    }

    private static void Convert(string text, ref int position, StringBuilder output, bool stopAtBrace)
    {
        while (position < text.Length)
        {
            char c = text[position];
            switch (c)
            {
                case '}' when stopAtBrace:
                    position++;
                    return;
                case '{':
                    position++;
                    Convert(text, ref position, output, stopAtBrace: true);
                    break;
                case '}':
                    position++;
                    break;
                case '\\':
                    output.Append(Command(text, ref position));
                    break;
                case '^' or '_':
                    position++;
                    output.Append(Script(ReadScriptArgument(text, ref position), superscript: c == '^'));
                    break;
                case '~':
                    position++;
                    output.Append(' ');
                    break;
                default:
                    position++;
                    output.Append(c);
                    break;
            }
        }
    }

    private static string Command(string text, ref int position)
    {
        int start = ++position;
        if (position < text.Length && !char.IsLetter(text[position]))
        {
            position++;
            return Symbols.GetValueOrDefault(text[start..position], text[start..position]);
        }

        while (position < text.Length && char.IsLetter(text[position]))
        {
            position++;
        }

        string name = text[start..position];
        if (FontCommands.Contains(name))
        {
            return string.Empty;
        }

        return Symbols.TryGetValue(name, out string? symbol) ? symbol : name;
    }

    private static string ReadScriptArgument(string text, ref int position)
    {
        if (position >= text.Length)
        {
            return string.Empty;
        }

        var argument = new StringBuilder();
        if (text[position] == '{')
        {
            position++;
            Convert(text, ref position, argument, stopAtBrace: true);
            return argument.ToString();
        }

        if (text[position] == '\\')
        {
            return Command(text, ref position);
        }

        int start = position;
        if (text[position] is '-' or '+')
        {
            position++;
        }

        while (position < text.Length && char.IsDigit(text[position]))
        {
            position++;
        }

        if (position + 1 < text.Length && text[position] == '.' && char.IsDigit(text[position + 1]) && position > start)
        {
            position++;
            while (position < text.Length && char.IsDigit(text[position]))
            {
                position++;
            }
        }

        if (position == start || (position == start + 1 && text[start] is '-' or '+'))
        {
            position = start + 1;
        }

        return text[start..position].Replace('-', '−');
    }

    private static string Script(string argument, bool superscript)
    {
        string normalized = argument.Replace('−', '-').Trim();
        var mapped = new StringBuilder();
        foreach (char c in normalized)
        {
            int index = ScriptSource.IndexOf(c, StringComparison.Ordinal);
            if (index >= 0)
            {
                mapped.Append(superscript ? SuperscriptForms[index] : SubscriptForms[index]);
                continue;
            }

            int letter = SubscriptLetters.IndexOf(c, StringComparison.Ordinal);
            if (!superscript && letter >= 0)
            {
                mapped.Append(SubscriptLetterForms[letter]);
                continue;
            }

            // A lone symbol such as ∥ or ⊙ reads fine inline; letters keep a visible marker (n_W).
            if (normalized.Length == 1 && !char.IsLetterOrDigit(normalized[0]))
            {
                return normalized;
            }

            // Parentheses keep a multi-character exponent together (R^(1/3)); subscripts read as names (n_warm).
            return superscript
                ? (normalized.Length == 1 ? "^" + normalized : $"^({normalized})")
                : (normalized.Contains(' ', StringComparison.Ordinal) ? $"_({normalized})" : "_" + normalized);
        }

        return mapped.ToString();
    }

    private static string CollapseSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c == ' ' && (builder.Length == 0 || builder[^1] == ' '))
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString().TrimEnd();
    }
}
