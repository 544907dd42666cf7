using TutorPlatform.Essays.Language;

namespace TutorPlatform.Essays.Tests.Language;

// Needs Debian's libhunspell-1.7-0 and hunspell-en-us (scripts/deps/language.sh, run by scripts/test.sh).
public sealed class HunspellTests
{
    [Fact]
    public void Spell_DictionaryWordsAndMisspellings_AreToldApart()
    {
        using var hunspell = Hunspell.OpenInstalled();

        Assert.True(hunspell.Spell("receive"));
        Assert.True(hunspell.Spell("Receive"));
        Assert.False(hunspell.Spell("recieve"));
        Assert.False(hunspell.Spell("tecnologies"));
    }

    [Fact]
    public void Suggest_Misspelling_PutsTheIntendedWordFirst()
    {
        using var hunspell = Hunspell.OpenInstalled();

        var suggestions = hunspell.Suggest("recieve");

        Assert.Equal("receive", suggestions[0]);
        Assert.Equal(suggestions, hunspell.Suggest("recieve"));
    }

    [Fact]
    public void SpellAndSuggest_FromManyThreads_GiveTheSingleThreadedAnswers()
    {
        string[] words = ["receive", "recieve", "because", "becuase", "technology", "tecnology", "their", "thier"];
        string[] expected;
        using (var reference = Hunspell.OpenInstalled())
        {
            expected = words.Select(w => reference.Spell(w) ? w : reference.Suggest(w)[0]).ToArray();
        }

        using var hunspell = Hunspell.OpenInstalled();
        var results = new string[64][];
        Parallel.For(0, results.Length, i =>
            results[i] = words.Select(w => hunspell.Spell(w) ? w : hunspell.Suggest(w)[0]).ToArray());

        Assert.All(results, r => Assert.Equal(expected, r));
        Assert.Equal(["receive", "because", "technology", "their"], expected.Where((_, i) => i % 2 == 1));
    }

    [Fact]
    public void Add_NewWord_IsThenSpeltCorrectly()
    {
        using var hunspell = Hunspell.OpenInstalled();
        Assert.False(hunspell.Spell("Zorblax"));

        hunspell.Add("Zorblax");

        Assert.True(hunspell.Spell("Zorblax"));
    }

    [Fact]
    public void Spell_AfterDispose_Throws()
    {
        var hunspell = Hunspell.OpenInstalled();
        hunspell.Dispose();
        hunspell.Dispose();

        Assert.Throws<ObjectDisposedException>(() => hunspell.Spell("house"));
    }

    [Fact]
    public void OpenInstalled_MissingDictionary_SaysWhatToInstall()
    {
        var ex = Assert.Throws<HunspellUnavailableException>(() => Hunspell.OpenInstalled("xx_NOPE"));

        Assert.Contains("xx_NOPE.aff", ex.Message, StringComparison.Ordinal);
        Assert.Contains("hunspell-en-us", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spell_VeryLongToken_IsMisspeltNotACrash()
    {
        using var hunspell = Hunspell.OpenInstalled();
        var longWord = new string('a', 5000);

        Assert.False(hunspell.Spell(longWord));
        Assert.Empty(hunspell.Suggest(longWord));
    }
}
