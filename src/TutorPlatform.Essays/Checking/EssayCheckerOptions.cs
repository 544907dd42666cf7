namespace TutorPlatform.Essays.Checking;

/// <summary>Where the on-device checker finds Debian's language data (section <c>Essays:Checker</c>).</summary>
public sealed class EssayCheckerOptions
{
    public const string Section = "Essays:Checker";

    /// <summary>Directory of the hunspell dictionary (package hunspell-en-us).</summary>
    public string HunspellDirectory { get; set; } = Language.Hunspell.DefaultDictionaryDirectory;

    /// <summary>The dictionary's name: <c>NAME.aff</c> and <c>NAME.dic</c>.</summary>
    public string HunspellDictionary { get; set; } = Language.Hunspell.DefaultDictionary;

    /// <summary>
    /// A second dictionary whose spellings are accepted but never suggested (British spellings such as "colour" and
    /// "ageing", package hunspell-en-gb); skipped when not installed. Empty for none.
    /// </summary>
    public string BritishDictionary { get; set; } = "en_GB";

    /// <summary>
    /// Also ask hunspell's own suggestion search for misspellings with no candidate within two edits of a word students
    /// use or one edit of a dictionary word. Off by default: it takes 20–80 ms a word, against well under a
    /// millisecond for the rest of a check, and rarely finds the word meant.
    /// </summary>
    public bool HunspellSuggestions { get; set; }

    /// <summary>The MyThes thesaurus, without <c>.idx</c>/<c>.dat</c> (package mythes-en-us).</summary>
    public string ThesaurusPath { get; set; } = Language.Thesaurus.DefaultPath;

    /// <summary>
    /// A CMU Sphinx n-gram model of native English (ARPA or binary; package pocketsphinx-en-us) that chooses among
    /// article, preposition, inflection, confused-word and spelling corrections. Empty, or a missing file or
    /// libsphinxbase, turns those corrections off; the other checks work without it.
    /// </summary>
    public string LanguageModelPath { get; set; } = Language.SphinxLanguageModel.DefaultPath;

    /// <summary>
    /// The newest revision of the spelling and grammar rules. Revision 1 is the rule set the first essay scorer
    /// artefacts learned their error counts from; revision 2 adds the fixes of November 2026 (README, "Corrections
    /// quality"). A revision, once a scorer artefact is trained with it, is never changed: fixes go into a new one.
    /// </summary>
    public const int LatestRuleRevision = 2;

    /// <summary>
    /// Which revision of the spelling and grammar rules runs, 1 to <see cref="LatestRuleRevision"/> (default: the newest).
    /// Students and teachers get the newest; the essay scorer counts its error-rate features with the revision its
    /// artefact was trained with (<c>EssayScorer.FeatureCheckerOptions</c>), so a rule fix changes no score until the
    /// scorer is retrained and re-measured with it.
    /// </summary>
    public int RuleRevision { get; set; } = LatestRuleRevision;

    /// <summary>WordNet's database directory (package wordnet-base).</summary>
    public string WordNetDirectory { get; set; } = Language.WordNetLexicon.DefaultDirectory;
}
