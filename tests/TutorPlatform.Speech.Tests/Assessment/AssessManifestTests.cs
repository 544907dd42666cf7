using TutorPlatform.Cli;
using TutorPlatform.Cli.Commands;
using TutorPlatform.Core.Speaking;

namespace TutorPlatform.Speech.Tests.Assessment;

public sealed class AssessManifestTests
{
    [Fact]
    public void ReadAssessManifest_BadRows_AreReportedWithLineNumbersAndSkipped()
    {
        var folder = SpeechFixture.TempPath("manifest");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "m.tsv");
        File.WriteAllLines(path,
        [
            "utt_id\twav_path\ttext",
            "a\tclips/a.wav\tWE CALL IT BEAR",
            "b\t/abs/b.wav\t",                        // no text
            "c\tc.wav\tONE\textra field",             // too many fields
            "\td.wav\tTWO",                           // no id
            "e\t/abs/e.wav\t\"HELLO, \"\"WORLD\"\"\"",
        ]);
        var bad = new List<(int Line, string Reason)>();

        var rows = SpeechAssessmentCommands.ReadAssessManifest(path, bad);

        Assert.Equal(["a", "e"], rows.Select(r => r.Id));
        Assert.Equal(Path.Combine(folder, "clips", "a.wav"), rows[0].AudioPath);
        Assert.Equal("/abs/e.wav", rows[1].AudioPath);
        Assert.Equal("HELLO, \"WORLD\"", rows[1].Text);
        Assert.Equal([3, 4, 5], bad.Select(b => b.Line).Order());
        Assert.Contains(bad, b => b.Line == 3 && b.Reason.Contains("text"));
        Assert.Contains(bad, b => b.Line == 5 && b.Reason.Contains("utt_id"));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void ReadAssessManifest_MissingTextColumn_ThrowsNamingTheColumn()
    {
        var path = SpeechFixture.TempPath("m.tsv");
        File.WriteAllLines(path, ["utt_id\twav_path", "a\ta.wav"]);

        var error = Assert.Throws<CliException>(() => SpeechAssessmentCommands.ReadAssessManifest(path, []));

        Assert.Contains("`text`", error.Message);
        File.Delete(path);
    }

    [Theory]
    [InlineData(WordErrorType.None, "none")]
    [InlineData(WordErrorType.UnexpectedPause, "unexpected_pause")]
    [InlineData(WordErrorType.Omission, "omission")]
    public void ErrorName_IsTheWordsFileSpelling(WordErrorType type, string expected) =>
        Assert.Equal(expected, SpeechAssessmentCommands.ErrorName(type));
}
