using CrInference.Physics.Numerics;

namespace CrInference.Physics.Network;

/// <summary>
/// Continuous energy losses in flux form in the thin-disk picture (KQ22 Appendix C, eq. C1, for any species;
/// docs/CONVENTIONS.md E.11). For the per-rigidity density N(R) at z = 0, a per-side source S(R), the residence
/// G̃ (with catastrophic sinks) and the column-weighted rigidity loss rate B(R) = Σ_phases N_eff,phase |dR/dt|/n
/// (GV cm s⁻¹; B/R = h/τ_loss for a uniform disk), steady state reads
/// N/G̃ = S + d(B N)/dR.
/// With Y = B N and x = ln R: dY/dx = Y/ε − R S, ε = B G̃/R (the sink form's loss parameter h G/τ_loss). Losses move
/// particles down in rigidity, so Y is integrated downward from the highest rigidity, Y(x₀) = Y(x₁) e^{−T} + ∫₀^T q e^{−τ} dτ
/// with the escape depth τ = ∫_{x₀}^{x} dx′/ε and q = R S ε, ε and R S taken as power laws between the nodes
/// (<see cref="ContinuousLossStep"/>): exact for constant ε and a power-law source, and right to first order in ε where escape
/// is fast (Y → q + ε dq/dx, the quasi-static solution). At the top,
/// Y = R S ε/(1 − μ ε) with μ the local log-slope of R S — the exact solution for constant ε and μ above the grid,
/// i.e. f = Q G/(1 + (γ − 3) h G/τ) for a power-law Q ∝ p^−γ and constant τ (the test case of
/// <c>ContinuousLossTests</c>); where there are no losses (B = 0) N = S G̃.
/// </summary>
public static class ContinuousLossSolver
{
    /// <summary>
    /// N at <paramref name="rigidityGV"/> (sorted, increasing, unique) from the source <paramref name="source"/> (per-side, per GV),
    /// residence <paramref name="residence"/> (s cm⁻¹, sinks included) and loss rate <paramref name="lossRate"/> (GV cm s⁻¹).
    /// </summary>
    public static double[] Solve(double[] rigidityGV, double[] source, double[] residence, double[] lossRate)
    {
        int n = rigidityGV.Length;
        var density = new double[n];
        if (n == 0) return density;
        bool anyLoss = false;
        for (int i = 0; i < n; i++) anyLoss |= lossRate[i] > 0;
        if (!anyLoss)
        {
            for (int i = 0; i < n; i++) density[i] = source[i] * residence[i];
            return density;
        }

        var rate = new double[n];   // k = 1/ε per unit ln R
        var drive = new double[n];  // R S
        for (int i = 0; i < n; i++)
        {
            rate[i] = lossRate[i] > 0 ? rigidityGV[i] / (lossRate[i] * residence[i]) : double.PositiveInfinity;
            drive[i] = rigidityGV[i] * source[i];
        }

        int top = n - 1;
        double slope = 0;
        if (n > 1 && drive[top] > 0 && drive[top - 1] > 0)
        {
            slope = Math.Log(drive[top] / drive[top - 1]) / Math.Log(rigidityGV[top] / rigidityGV[top - 1]);
        }
        double y = TopValue(drive[top], rate[top], slope);
        density[top] = Density(y, lossRate[top], source[top], residence[top]);
        for (int i = top - 1; i >= 0; i--)
        {
            if (double.IsPositiveInfinity(rate[i]) || double.IsPositiveInfinity(rate[i + 1]))
            {
                y = 0;
            }
            else
            {
                var step = new ContinuousLossStep(Math.Log(rigidityGV[i + 1] / rigidityGV[i]), rate[i], rate[i + 1], drive[i] / rate[i], drive[i + 1] / rate[i + 1]);
                y = y * Math.Exp(-step.Depth) + step.Integral();
            }
            density[i] = Density(y, lossRate[i], source[i], residence[i]);
        }
        return density;
    }

    /// <summary>Y at the top: R S ε/(1 − μ ε), the particular solution for constant ε and log-slope μ (ε → Y = R S ε when 1 − μ ε is not positive).</summary>
    private static double TopValue(double drive, double rate, double slope)
    {
        if (double.IsPositiveInfinity(rate)) return 0;
        double denominator = rate - slope;
        return denominator > 0.5 * rate ? drive / denominator : drive / rate;
    }

    private static double Density(double y, double lossRate, double source, double residence) =>
        lossRate > 0 ? y / lossRate : source * residence;
}
