using System.Text;
using System.Text.RegularExpressions;

namespace TutorPlatform.Essays.Checking;

/// <summary>A token of an essay: its text and where it is in the text it came from.</summary>
internal readonly record struct Token(string Text, int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>
/// Splits essay text into Penn-Treebank-like tokens (the JFLEG/CoNLL convention): words, numbers, URLs and
/// e-mail addresses whole; punctuation on its own; contractions split ("don't" → "do" "n't", "it's" → "it" "'s").
/// </summary>
internal static partial class Tokens
{
    [GeneratedRegex(@"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|\w+(?:['’\-]\w+)*|\S", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    private static readonly string[] Clitics = ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "e.g", "i.e", "eg", "ie", "jr", "sr", "no", "approx", "dept",
    };

    /// <summary>Tokenizes running text, keeping each token's offset.</summary>
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>(text.Length / 4);
        foreach (var match in TokenPattern().EnumerateMatches(text))
        {
            var start = match.Index;
            var length = match.Length;
            // A URL's trailing sentence punctuation is not part of it.
            while (length > 1 && IsUrlLike(text, start) && ".,;:!?)\"'".Contains(text[start + length - 1], StringComparison.Ordinal))
            {
                length--;
            }

            var word = text.AsSpan(start, length);
            var split = CliticSplit(word);
            if (split > 0)
            {
                tokens.Add(new Token(text.Substring(start, split), start, split));
                tokens.Add(new Token(Normalise(text.Substring(start + split, length - split)), start + split, length - split));
            }
            else
            {
                tokens.Add(new Token(text.Substring(start, length), start, length));
            }

            if (length < match.Length)
            {
                for (var i = start + length; i < start + match.Length; i++)
                {
                    tokens.Add(new Token(text[i].ToString(), i, 1));
                }
            }
        }

        return tokens;
    }

    /// <summary>The tokens of a space-tokenized sentence, offsets into <paramref name="sentence"/>.</summary>
    public static List<Token> SplitTokenized(string sentence)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < sentence.Length)
        {
            while (i < sentence.Length && char.IsWhiteSpace(sentence[i]))
            {
                i++;
            }

            var start = i;
            while (i < sentence.Length && !char.IsWhiteSpace(sentence[i]))
            {
                i++;
            }

            if (i > start)
            {
                tokens.Add(new Token(sentence[start..i], start, i - start));
            }
        }

        return tokens;
    }

    /// <summary>Indexes of tokens that start a sentence in running text (after . ! ? or a line break).</summary>
    public static bool[] SentenceStarts(string text, IReadOnlyList<Token> tokens)
    {
        var starts = new bool[tokens.Count];
        var next = true;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i > 0 && text.AsSpan(tokens[i - 1].End, tokens[i].Start - tokens[i - 1].End).Contains('\n'))
            {
                next = true;
            }

            var t = tokens[i].Text;
            if (next && IsWordlike(t))
            {
                starts[i] = true;
                next = false;
            }
            else if (next && !IsOpeningPunctuation(t))
            {
                next = false;
            }

            if (t is "!" or "?" || (t == "." && !IsAbbreviation(tokens, i)))
            {
                next = true;
            }
        }

        return starts;
    }

    /// <summary>Joins tokens back into running text: no space before punctuation and clitics.</summary>
    public static string Detokenize(IReadOnlyList<string> tokens)
    {
        var builder = new StringBuilder();
        foreach (var token in tokens)
        {
            if (builder.Length > 0 && !AttachesLeft(token))
            {
                builder.Append(' ');
            }

            builder.Append(token);
        }

        return builder.ToString();
    }

    public static bool IsWordlike(string token) => token.Length > 0 && char.IsLetterOrDigit(token[0]);

    /// <summary>Letters only, with internal apostrophes or hyphens allowed.</summary>
    public static bool IsAlphabetic(string token)
    {
        if (token.Length == 0 || !char.IsLetter(token[0]) || !char.IsLetter(token[^1]))
        {
            return false;
        }

        foreach (var c in token)
        {
            if (!char.IsLetter(c) && c is not '\'' and not '’' and not '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool AttachesLeft(string token) =>
        token is "." or "," or ";" or ":" or "!" or "?" or ")" or "]" or "}" or "%" ||
        (token.Length > 1 && (token[0] == '\'' || token[0] == '’')) ||
        token.Equals("n't", StringComparison.OrdinalIgnoreCase);

    private static bool IsOpeningPunctuation(string token) => token is "\"" or "'" or "(" or "[" or "“" or "‘" or "-" or "*";

    private static bool IsAbbreviation(IReadOnlyList<Token> tokens, int dot)
    {
        if (dot == 0)
        {
            return false;
        }

        var previous = tokens[dot - 1];
        if (previous.End != tokens[dot].Start)
        {
            return false;
        }

        return (previous.Text.Length == 1 && char.IsLetter(previous.Text[0])) || Abbreviations.Contains(previous.Text);
    }

    private static bool IsUrlLike(string text, int start) =>
        text.AsSpan(start).StartsWith("http", StringComparison.OrdinalIgnoreCase) ||
        text.AsSpan(start).StartsWith("www.", StringComparison.OrdinalIgnoreCase);

    private static int CliticSplit(ReadOnlySpan<char> word)
    {
        if (word.Length < 3)
        {
            return 0;
        }

        Span<char> lower = stackalloc char[Math.Min(word.Length, 64)];
        var n = Math.Min(word.Length, 64);
        for (var i = 0; i < n; i++)
        {
            var c = char.ToLowerInvariant(word[word.Length - n + i]);
            lower[i] = c == '’' ? '\'' : c;
        }

        foreach (var clitic in Clitics)
        {
            if (n > clitic.Length && lower[..n].EndsWith(clitic))
            {
                return word.Length - clitic.Length;
            }
        }

        return 0;
    }

    private static string Normalise(string clitic) => clitic.Replace('’', '\'');
}
