using TutorPlatform.Core.Essays;

namespace TutorPlatform.Essays.Tests;

public sealed class EssayTraitScoresTests
{
    [Fact]
    public void Indexer_and_overall_read_the_six_traits()
    {
        var scores = new EssayTraitScores(1, 2, 3, 4, 5, 3);

        Assert.Equal(4, scores[EssayTrait.Phraseology]);
        Assert.Equal(3, scores.Overall, 10);
    }
}
