namespace TutorPlatform.Essays.Checking;

/// <summary>The checker's tokenizer for other parts of the platform: Penn-Treebank-like, as JFLEG and CoNLL are.</summary>
public static class EssayTokens
{
    /// <summary>Splits running text into tokens ("don't" → "do" "n't", punctuation on its own).</summary>
    public static List<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. Tokens.Tokenize(text).Select(t => t.Text)];
    }
}
