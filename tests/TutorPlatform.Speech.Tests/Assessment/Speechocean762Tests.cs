using TutorPlatform.Speech.Assessment;

namespace TutorPlatform.Speech.Tests.Assessment;

public sealed class Speechocean762Tests
{
    [Fact]
    public void PhoneWrong_ExpertMarks_GiveTheShareOfExpertsPerPhone()
    {
        // Wrong marks may span phones; accented {X} counts as right; inserted [X] is not a reference phone.
        var wrong = Speechocean762.PhoneWrong("P IY1 (P L) | (P IY1 P L) | P IY1 {P} L | P IY1 P L [ AX0 ]");

        Assert.Equal([0.25, 0.25, 0.5, 0.5], wrong);
    }

    [Fact]
    public void PhoneWrong_ExpertsDisagreeOnThePhoneCount_IsNull() =>
        Assert.Null(Speechocean762.PhoneWrong("Z IR1 OW0 | Z (IH1) R OW0"));
}
