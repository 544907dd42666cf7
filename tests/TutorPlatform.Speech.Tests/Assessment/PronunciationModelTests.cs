using TutorPlatform.Speech.Assessment;

namespace TutorPlatform.Speech.Tests.Assessment;

/// <summary>The shipped model against the code that computes its inputs.</summary>
public sealed class PronunciationModelTests
{
    [Fact]
    public void Embedded_WasTrainedOnTheFeaturesTheCodeComputes()
    {
        var model = PronunciationModel.Embedded;

        Assert.Equal(AssessmentFeatures.SentenceNames, model.SentenceFeatures);
        Assert.Equal(AssessmentFeatures.WordNames, model.WordFeatures);
        Assert.Equal(AssessmentFeatures.WordNames.Length, model.Word.Weights.Length);
        Assert.Equal(PronunciationModel.UtteranceTargets.Order(), model.Sentence.Keys.Order());
    }

    [Fact]
    public void Embedded_HasTheTwoPartWordTrees()
    {
        var model = PronunciationModel.Embedded;

        Assert.NotNull(model.WordWrongTrees);
        Assert.NotNull(model.WordShortfallTrees);
        Assert.NotEmpty(model.WordWrongTrees.Trees);
        Assert.NotEmpty(model.WordShortfallTrees.Trees);
    }

    [Fact]
    public void Embedded_HasAPhoneClassifierOverThePhoneList()
    {
        var classifier = PronunciationModel.Embedded.PhoneClassifier;

        Assert.NotNull(classifier);
        Assert.Equal(AssessmentFeatures.PhoneList, classifier.Phones);
        Assert.Equal(LogMelSpectrum.Bands, classifier.Mean.Length);
    }
}
