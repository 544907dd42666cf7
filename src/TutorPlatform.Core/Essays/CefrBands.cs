namespace TutorPlatform.Core.Essays;

/// <summary>A CEFR-style band for a 1.0–5.0 analytic trait score, with what a writer at that band can do.</summary>
public sealed record CefrBand(string Level, double From, double Below, string CanDo);

/// <summary>
/// How the coach shows a trait score (ELLIPSE scale 1.0–5.0, in steps of 0.5 from human raters) as a CEFR-style band.
/// The mapping is indicative, not a certified CEFR level: the ELLIPSE raters' descriptors of scores 1–5 run from
/// "very limited" to "native-like" control, which we lay evenly over A1–C2 so that the corpus's typical learner essay
/// (mean ≈ 3.0) lands at B1/B2:
/// <list type="table">
/// <item><term>1.0 – 1.74</term><description>A1</description></item>
/// <item><term>1.75 – 2.24</term><description>A2</description></item>
/// <item><term>2.25 – 2.99</term><description>B1</description></item>
/// <item><term>3.0 – 3.74</term><description>B2</description></item>
/// <item><term>3.75 – 4.49</term><description>C1</description></item>
/// <item><term>4.5 – 5.0</term><description>C2</description></item>
/// </list>
/// The same table is documented in docs/essay-coach.md and shown on the student's and the teacher's pages.
/// </summary>
public static class CefrBands
{
    public static IReadOnlyList<CefrBand> All { get; } =
    [
        new("A1", 1.0, 1.75, "Writes isolated words and very short sentences; the reader has to guess much of the meaning."),
        new("A2", 1.75, 2.25, "Writes simple sentences on familiar topics; frequent errors sometimes block the meaning."),
        new("B1", 2.25, 3.0, "Writes connected text on familiar topics; errors are noticeable but the meaning is mostly clear."),
        new("B2", 3.0, 3.75, "Writes clear, detailed text with some variety; errors rarely get in the way."),
        new("C1", 3.75, 4.5, "Writes well-structured, precise text with a wide range of language and few errors."),
        new("C2", 4.5, 5.01, "Writes with full, natural control; errors are rare slips."),
    ];

    /// <summary>The band of a 1.0–5.0 score (scores outside the scale are clamped).</summary>
    public static CefrBand For(double score)
    {
        var clamped = Math.Clamp(score, 1.0, 5.0);
        return All.First(b => clamped >= b.From && clamped < b.Below);
    }
}
