using System.Globalization;
using ScottPlot;

namespace CrInference.Plotting;

/// <summary>A corner plot's prepared runs and its pixel geometry.</summary>
public static partial class CornerPlot
{
    /// <summary>A prepared run: selected columns after burn-in, thinning and dropping non-finite rows.</summary>
    private sealed record Run(string Name, double[][] Values, double[] Weights, int Count, double EffectiveSize, MarginalSummary[] Summary, Color Color)
    {
        public static Run Prepare(SampleTable table, IReadOnlyList<string> names, CornerOptions options, string? name, Color color)
        {
            foreach (string column in names)
            {
                table.GetColumn(column);
            }

            if (table.RowCount == 0)
            {
                throw PlotInputException.EmptyTable(table.Source, "the table has no rows");
            }

            SampleTable kept = table.WithBurnIn(options.BurnIn).Thinned(options.Thin).WithoutNonFinite(names);
            if (kept.RowCount == 0)
            {
                throw PlotInputException.EmptyTable(
                    table.Source,
                    string.Create(CultureInfo.InvariantCulture, $"no rows left after burn-in {options.BurnIn}, thinning {options.Thin} and dropping non-finite values or zero weights"));
            }

            double[][] values = [.. names.Select(n => kept.GetColumn(n).Values)];
            double[] weights = kept.Weights ?? [];
            MarginalSummary[] summary = [.. values.Select(v => CredibleLevels.Summarize(v, weights))];
            return new Run(
                name ?? Path.GetFileName(table.Source),
                values,
                weights,
                kept.RowCount,
                CredibleLevels.EffectiveSampleSize(weights, kept.RowCount),
                summary,
                color);
        }
    }

    /// <summary>Pixel geometry of the triangle, scaled with the number of parameters.</summary>
    private sealed class Layout
    {
        public Layout(int n, int? panelPixels)
        {
            N = n;
            Panel = panelPixels ?? n switch
            {
                <= 2 => 320,
                <= 4 => 260,
                <= 6 => 215,
                <= 9 => 185,
                _ => 165,
            };
            bool small = Panel < 200;
            TickFont = small ? 10 : 11;
            LabelFont = small ? 12 : 13;
            TitleFont = small ? 12 : 13;
            LegendFont = n <= 2 ? 12 : n <= 6 ? 14 : 16;
            TickTarget = Panel >= 250 ? 5 : 4;
            TitleHeight = (TitleFont * 1.4f * 3) + 6;
            LeftMargin = 84;
            BottomMargin = 76;
            TopMargin = TitleHeight + 4;
            float grid = (n * Panel) + ((n - 1) * Gap);
            Width = (int)Math.Ceiling(LeftMargin + grid + 24 + (n == 1 ? 300 : 0));
            Height = (int)Math.Ceiling(TopMargin + grid + BottomMargin);
        }

        public int N { get; }

        public float Panel { get; }

        public float TickFont { get; }

        public float LabelFont { get; }

        public float TitleFont { get; }

        public float LegendFont { get; }

        public int TickTarget { get; }

        public float TitleHeight { get; }

        public float LeftMargin { get; }

        public float BottomMargin { get; }

        public float TopMargin { get; }

        public int Width { get; }

        public int Height { get; }

        /// <summary>
        /// Room for the legend in the empty upper triangle: the widest band of columns c0…n−1 (from
        /// c0 = 1) whose height above the topmost diagonal title in those columns holds every line,
        /// right-aligned; one parameter puts it beside the panel.
        /// </summary>
        public PixelRect LegendRect(IReadOnlyList<TextLine> lines)
        {
            if (N == 1)
            {
                return PlotTheme.Rect(DataLeft(1) + 10, TopMargin, 300, Panel);
            }

            float needHeight = lines.Sum(l => l.Size * 1.45f) + 12;
            float needWidth = lines.Max(l => l.Text.Length * l.Size * 0.6f) + 8;
            int firstColumn = (N + 1) / 2;
            for (int c = 1; c < N; c++)
            {
                if (RoomAbove(c) >= needHeight && Width - DataLeft(c) - 8 >= needWidth)
                {
                    firstColumn = c;
                    break;
                }
            }

            float left = DataLeft(firstColumn);
            return PlotTheme.Rect(left, 4, Width - left - 8, RoomAbove(firstColumn));

            float RoomAbove(int column) => DataTop(column) - TitleHeight - 12;
        }

        public float DataLeft(int col) => LeftMargin + (col * (Panel + Gap));

        public float DataTop(int row) => TopMargin + (row * (Panel + Gap));

        public PixelRect PanelRect(int row, int col)
        {
            bool left = col == 0 && row > 0;
            bool bottom = row == N - 1;
            float x = DataLeft(col) - (left ? LeftMargin : 0);
            float w = Panel + (left ? LeftMargin : 0);
            float h = Panel + (bottom ? BottomMargin : 0);
            return PlotTheme.Rect(x, DataTop(row), w, h);
        }

        public PixelRect TitleRect(int p) =>
            PlotTheme.Rect(DataLeft(p) - (Gap / 2), DataTop(p) - TitleHeight - 2, Panel + Gap, TitleHeight);

        /// <summary>Rough text-width check (DejaVu Sans averages about 0.6 em per character).</summary>
        public bool Fits(string text, float fontSize) => text.Length * fontSize * 0.6f <= Panel + Gap;
    }
}
