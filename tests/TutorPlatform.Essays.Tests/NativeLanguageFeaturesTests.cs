using TutorPlatform.Essays.Language;
using TutorPlatform.Essays.Scoring;

namespace TutorPlatform.Essays.Tests;

// Needs Debian's pocketsphinx-en-us and libsphinxbase3 (scripts/deps/language.sh).
public sealed class NativeLanguageFeaturesTests
{
    private static readonly SphinxLanguageModel Model = SphinxLanguageModel.OpenShared()
        ?? throw new InvalidOperationException($"{SphinxLanguageModel.DefaultPath} could not be opened: run scripts/deps/language.sh.");

    private static double Feature(string text, string name) =>
        NativeLanguageFeatures.Compute(EssayText.Parse(text), Model)![NativeLanguageFeatures.Names.ToList().IndexOf(name)];

    private const string Fluent = "I think that students should be able to choose their own classes. It helps them learn what they love. " +
        "My brother took an art class last year and he enjoyed it very much.";

    private const string Learner = "I am think that student should can choose they own class. It help to them for learn what they are love. " +
        "My brother take a art class in last year and he enjoy very much it.";

    [Fact]
    public void Learner_errors_lower_the_native_fluency_features()
    {
        Assert.True(Feature(Fluent, "nlm_mean") > Feature(Learner, "nlm_mean") + 0.3, $"{Feature(Fluent, "nlm_mean"):F2} vs {Feature(Learner, "nlm_mean"):F2}");
        Assert.True(Feature(Fluent, "nlm_gain_mean") > Feature(Learner, "nlm_gain_mean"));
        Assert.True(Feature(Fluent, "nlm_trigram_known") > Feature(Learner, "nlm_trigram_known"));
    }

    [Fact]
    public void Misspellings_count_as_words_the_model_does_not_know()
    {
        Assert.Equal(0, Feature(Fluent, "nlm_oov"));
        Assert.True(Feature("I beleive that techonlogy is importent for studants.", "nlm_oov") >= 0.4);
    }

    [Fact]
    public void Every_feature_is_finite_even_for_tiny_or_odd_texts()
    {
        foreach (var text in new[] { "Hi", "...", "Generic_Name 123 @PERSON1", "xqzv bnrt", Fluent })
        {
            var values = NativeLanguageFeatures.Compute(EssayText.Parse(text), Model)!;
            Assert.Equal(NativeLanguageFeatures.Count, values.Length);
            Assert.All(values, v => Assert.True(double.IsFinite(v), text));
        }
    }

    [Fact]
    public void Without_a_model_there_are_no_features()
    {
        Assert.Null(NativeLanguageFeatures.Compute(EssayText.Parse(Fluent), null));
    }
}
