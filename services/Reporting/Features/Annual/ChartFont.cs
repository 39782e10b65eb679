namespace MediationPlatform.Reporting.Features.Annual;

/// <summary>
/// The font the report's charts are drawn and measured with. SkiaSharp writes a chart's text into the SVG from the
/// glyphs it laid out, so the font must have Chinese glyphs on the server: the first installed of
/// <see cref="Candidates"/> ("Noto Sans CJK SC" is Debian's fonts-noto-cjk, installed by deploy/ensure-desk-tools.sh).
/// Without one (<see cref="HasCjk"/> false) the charts label their bars with numbers that the page's captions explain.
/// </summary>
public sealed record ChartFont(string Family, bool HasCjk)
{
    public static readonly IReadOnlyList<string> Candidates =
        ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC"];

    private static readonly Lazy<ChartFont> Detected = new(Detect);

    /// <summary>The font found on this machine (looked up once).</summary>
    public static ChartFont Installed => Detected.Value;

    private static ChartFont Detect()
    {
        foreach (var family in Candidates)
        {
            // fontconfig answers an unknown family with a substitute: accept only the family asked for, with the glyphs
            var typeface = ScottPlot.Fonts.GetTypeface(family, false, false);
            if (typeface is null || typeface.FamilyName != family) continue;
            using var font = new SkiaSharp.SKFont(typeface);
            if (font.ContainsGlyphs("矛盾纠纷化解")) return new ChartFont(family, true);
        }
        return new ChartFont(ScottPlot.Fonts.Default, false);
    }
}
