namespace TutorPlatform.Essays.Scoring;

/// <summary>Closed word lists the features count: function words, connectives by kind, clause markers, informal forms.</summary>
internal static class Lexicon
{
    public static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our", "their",
        "i", "you", "he", "she", "it", "we", "they", "me", "him", "us", "them", "myself", "yourself", "themselves",
        "who", "whom", "whose", "which", "what", "where", "when", "why", "how", "whether", "if", "because", "although",
        "though", "while", "since", "unless", "until", "as", "than", "so", "but", "and", "or", "nor", "yet", "not", "no",
        "in", "on", "at", "to", "for", "of", "with", "by", "from", "about", "into", "over", "after", "before", "during",
        "without", "through", "between", "under", "against", "among", "up", "down", "out", "off",
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "have", "has", "had", "having",
        "can", "could", "will", "would", "shall", "should", "may", "might", "must", "there", "here", "very", "more",
        "most", "some", "any", "all", "every", "each", "many", "much", "few", "other", "another", "such", "also", "too",
        "just", "only", "even", "then", "however", "therefore", "because", "don't", "can't", "won't", "it's", "i'm",
    };

    public static readonly string[][] ConnectiveKinds =
    [
        ["also", "moreover", "furthermore", "additionally", "besides", "in addition", "as well as", "not only"],
        ["however", "although", "though", "nevertheless", "nonetheless", "whereas", "despite", "instead", "on the other hand", "in contrast", "even though", "otherwise"],
        ["because", "therefore", "thus", "hence", "consequently", "as a result", "due to", "since", "so that", "that is why", "this is why"],
        ["first", "firstly", "second", "secondly", "third", "thirdly", "finally", "lastly", "then", "next", "afterwards", "meanwhile", "eventually"],
        ["for example", "for instance", "such as", "in particular", "specifically", "like when"],
        ["in conclusion", "to conclude", "to sum up", "in summary", "overall", "in short", "all in all", "ultimately"],
        ["i think", "i believe", "in my opinion", "i agree", "i disagree", "i feel", "from my perspective", "personally"],
    ];

    public static readonly HashSet<string> Subordinators = new(StringComparer.Ordinal)
    {
        "because", "although", "though", "while", "whereas", "since", "unless", "until", "if", "when", "whenever",
        "where", "wherever", "whether", "after", "before", "once", "as",
    };

    public static readonly HashSet<string> RelativePronouns = new(StringComparer.Ordinal) { "which", "who", "whom", "whose", "that" };

    public static readonly HashSet<string> Coordinators = new(StringComparer.Ordinal) { "and", "but", "or", "so", "yet", "nor" };

    public static readonly HashSet<string> Modals = new(StringComparer.Ordinal)
    {
        "can", "could", "will", "would", "shall", "should", "may", "might", "must",
    };

    public static readonly HashSet<string> BeForms = new(StringComparer.Ordinal) { "is", "are", "was", "were", "be", "been", "being", "am" };

    public static readonly HashSet<string> Informal = new(StringComparer.Ordinal)
    {
        "u", "ur", "gonna", "wanna", "gotta", "kinda", "lol", "ok", "okay", "stuff", "things", "thing", "cuz", "cause",
        "dont", "cant", "wont", "didnt", "doesnt", "isnt", "im", "ive", "thats", "theres", "lot", "lots", "alot", "really",
        "pretty", "kids", "guys", "yeah", "bad", "good", "big", "nice", "awesome", "cool",
    };

    /// <summary>Contractions written without their apostrophe: a conventions error learners make often.</summary>
    public static readonly HashSet<string> MissingApostrophe = new(StringComparer.Ordinal)
    {
        "dont", "cant", "wont", "didnt", "doesnt", "isnt", "im", "ive", "thats", "theres", "wasnt", "werent", "couldnt",
        "wouldnt", "shouldnt", "arent", "hasnt", "havent", "youre", "theyre", "lets", "whats", "id", "ill", "hes", "shes",
    };

    public static readonly HashSet<string> Pronouns1 = new(StringComparer.Ordinal) { "i", "me", "my", "mine", "myself" };

    public static readonly HashSet<string> Pronouns2 = new(StringComparer.Ordinal) { "you", "your", "yours", "yourself" };

    public static readonly HashSet<string> Determiners = new(StringComparer.Ordinal) { "a", "an", "the" };
}
