using TutorPlatform.Essays.Scoring;

namespace TutorPlatform.Essays.Tests;

public sealed class SpellingDictionaryTests
{
    [Fact]
    public void Hunspell_affixes_expand_and_the_filter_knows_every_form()
    {
        var dir = Directory.CreateTempSubdirectory("essays-dic-");
        try
        {
            var aff = Path.Combine(dir.FullName, "t.aff");
            var dic = Path.Combine(dir.FullName, "t.dic");
            File.WriteAllText(aff, "SET UTF-8\nPFX U Y 1\nPFX U   0     un         .\n\nSFX D Y 2\nSFX D   0     d          e\nSFX D   0     ed         [^e]\n\nSFX S N 1\nSFX S   0     s          .\n");
            File.WriteAllText(dic, "3\nlock/UD\nLondon\nbake/DS\n");

            var words = SpellingDictionary.ExpandHunspell(aff, dic);
            var filter = SpellingDictionary.FromWords(words);

            Assert.Equal(new HashSet<string> { "lock", "locked", "unlock", "unlocked", "london", "bake", "baked", "bakes" }, words);
            Assert.All(words, w => Assert.True(filter.Contains(w), w));
            Assert.False(filter.Contains("recieve"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
