using TutorPlatform.Essays.Scoring;

namespace TutorPlatform.Essays.Tests;

public sealed class EssayMetricsTests
{
    [Fact]
    public void Kappa_is_one_for_agreement_and_below_zero_for_reversed_scores()
    {
        int[] human = [0, 1, 2, 3, 3, 2, 1, 0];

        Assert.Equal(1.0, EssayMetrics.QuadraticWeightedKappa(human, human, 0, 3), 10);
        Assert.True(EssayMetrics.QuadraticWeightedKappa(human, human.Select(h => 3 - h).ToList(), 0, 3) < 0);
    }

    [Fact]
    public void Kappa_matches_a_hand_computed_case()
    {
        // Observed [[1,1],[0,2]] over 4 essays; expected from marginals (2,2) x (1,3): disagreement weight 1.
        // kappa = 1 - observed off-diagonal (1) / expected off-diagonal (2*3/4 + 2*1/4 = 2) = 0.5
        Assert.Equal(0.5, EssayMetrics.QuadraticWeightedKappa([1, 1, 2, 2], [1, 2, 2, 2], 1, 2), 10);
    }

    [Fact]
    public void Rmse_of_known_errors()
    {
        Assert.Equal(Math.Sqrt(0.5), EssayMetrics.Rmse([3.0, 4.0], [2.0, 4.0]), 10);
    }
}
