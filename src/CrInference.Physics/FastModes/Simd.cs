using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CrInference.Physics.FastModes;

/// <summary>Small 4-lane helpers for the vectorised fast κ path (lane order is fixed, so results do not depend on threading).</summary>
internal static class Simd
{
    /// <summary>Transposes the 4×4 matrix with rows <paramref name="r0"/> … <paramref name="r3"/> (AVX shuffles where available).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose(Vector256<double> r0, Vector256<double> r1, Vector256<double> r2, Vector256<double> r3,
        out Vector256<double> c0, out Vector256<double> c1, out Vector256<double> c2, out Vector256<double> c3)
    {
        if (Avx.IsSupported)
        {
            var t0 = Avx.UnpackLow(r0, r1);
            var t1 = Avx.UnpackHigh(r0, r1);
            var t2 = Avx.UnpackLow(r2, r3);
            var t3 = Avx.UnpackHigh(r2, r3);
            c0 = Avx.Permute2x128(t0, t2, 0x20);
            c1 = Avx.Permute2x128(t1, t3, 0x20);
            c2 = Avx.Permute2x128(t0, t2, 0x31);
            c3 = Avx.Permute2x128(t1, t3, 0x31);
            return;
        }
        c0 = Vector256.Create(r0.GetElement(0), r1.GetElement(0), r2.GetElement(0), r3.GetElement(0));
        c1 = Vector256.Create(r0.GetElement(1), r1.GetElement(1), r2.GetElement(1), r3.GetElement(1));
        c2 = Vector256.Create(r0.GetElement(2), r1.GetElement(2), r2.GetElement(2), r3.GetElement(2));
        c3 = Vector256.Create(r0.GetElement(3), r1.GetElement(3), r2.GetElement(3), r3.GetElement(3));
    }

    /// <summary>True when any lane of the comparison mask is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector256<double> mask) => !Vector256.EqualsAll(mask.AsUInt64(), Vector256<ulong>.Zero);
}
