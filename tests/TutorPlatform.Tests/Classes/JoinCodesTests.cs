using TutorPlatform.Core.Classes;

namespace TutorPlatform.Tests.Classes;

public sealed class JoinCodesTests
{
    [Fact]
    public void Create_Always_UsesUnambiguousCharactersOfFixedLength()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => JoinCodes.Create()).ToList();

        Assert.All(codes, c => Assert.Equal(JoinCodes.Length, c.Length));
        Assert.DoesNotContain(codes, c => c.IndexOfAny(['0', 'O', '1', 'I', 'L']) >= 0);
        Assert.True(codes.Distinct().Count() > 190);
    }

    [Theory]
    [InlineData("abcd-efgh", "ABCDEFGH")]
    [InlineData(" AbCd EfGh ", "ABCDEFGH")]
    [InlineData(null, "")]
    public void Normalize_TypedCode_UppercasesAndDropsSeparators(string? typed, string expected) =>
        Assert.Equal(expected, JoinCodes.Normalize(typed));

    [Fact]
    public void Format_FullCode_SplitsIntoTwoGroups() => Assert.Equal("ABCD-EFGH", JoinCodes.Format("ABCDEFGH"));
}
