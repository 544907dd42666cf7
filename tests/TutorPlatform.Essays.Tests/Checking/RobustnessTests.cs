namespace TutorPlatform.Essays.Tests.Checking;

// Student text is arbitrary: the checker must return sound spans for anything, never throw.
public sealed class RobustnessTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData("!!! ??? ... ,,, ;;;")]
    [InlineData("😀 héllo wörld ñandú 東京 café naïve")]
    [InlineData("a")]
    [InlineData("I")]
    [InlineData("'s n't 're")]
    [InlineData("http://x.example/a?b=c, mail me@x.example.")]
    [InlineData("a a a a a a a a a the the the")]
    [InlineData("Its its it's it 's own their there they're then than")]
    public void Check_OddText_GivesIssuesInsideTheText(string text)
    {
        var check = CheckerFixture.Checker.Check(text, "Write about school uniforms.");

        Assert.All(check.Issues, i => Assert.True(i.Start >= 0 && i.Length >= 0 && i.Start + i.Length <= text.Length));
        Assert.NotNull(check.Relevance);
        _ = CheckerFixture.Checker.CorrectTokenizedSentence(text);
    }

    [Fact]
    public void Check_RandomText_NeverThrows()
    {
        var random = new Random(7);
        const string alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ .,;:!?'\"-()\n0123456789éü’😀";
        for (var n = 0; n < 300; n++)
        {
            var chars = new char[random.Next(0, 400)];
            for (var k = 0; k < chars.Length; k++)
            {
                chars[k] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            var check = CheckerFixture.Checker.Check(text, "school");
            Assert.All(check.Issues, i => Assert.True(i.Start >= 0 && i.Start + i.Length <= text.Length));
            _ = CheckerFixture.Checker.CorrectTokenizedSentence(text);
        }
    }

    [Fact]
    public void Check_VeryLongWordAndEssay_Completes()
    {
        var text = new string('x', 10_000) + " " + string.Join(' ', Enumerable.Repeat("The studnet go to school .", 800));

        var issues = CheckerFixture.Checker.Check(text).Issues;

        Assert.Contains(issues, i => i.RuleId == "SPELLING" && text.Substring(i.Start, i.Length) == "studnet");
    }
}
