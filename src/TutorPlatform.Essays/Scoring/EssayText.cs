using System.Text;

namespace TutorPlatform.Essays.Scoring;

/// <summary>What a token of an essay is.</summary>
internal enum TokenKind
{
    Word,
    Number,
    Punctuation,

    /// <summary>An anonymised name (ASAP's <c>@PERSON1</c>, ELL's <c>Generic_Name</c>): a word that is never misspelled.</summary>
    Placeholder,
}

/// <summary>One token: its text as written, its lower-case form, and what precedes it.</summary>
internal readonly record struct Token(string Text, string Lower, TokenKind Kind, bool SpaceBefore, bool NewlineBefore);

/// <summary>
/// An essay split into tokens, sentences and paragraphs by simple rules (no model): what every feature reads.
/// Deterministic, so training and scoring see the same segmentation.
/// </summary>
internal sealed class EssayText
{
    private EssayText(string raw, List<Token> tokens, List<(int Start, int End)> sentences, int paragraphs)
    {
        Raw = raw;
        Tokens = tokens;
        Sentences = sentences;
        Paragraphs = paragraphs;
    }

    public string Raw { get; }

    public IReadOnlyList<Token> Tokens { get; }

    /// <summary>Token ranges [Start, End) of the sentences.</summary>
    public IReadOnlyList<(int Start, int End)> Sentences { get; }

    public int Paragraphs { get; }

    public static EssayText Parse(string text)
    {
        var raw = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            .Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u201C', '"').Replace('\u201D', '"')
            .Replace("&nbsp;", " ", StringComparison.Ordinal).Replace('\u00A0', ' ');
        var tokens = new List<Token>(raw.Length / 4);
        var i = 0;
        var space = false;
        var newline = false;
        var paragraphs = raw.Trim().Length == 0 ? 0 : 1;
        while (i < raw.Length)
        {
            var c = raw[i];
            if (char.IsWhiteSpace(c))
            {
                if (c == '\n')
                {
                    if (!newline && tokens.Count > 0)
                    {
                        paragraphs++;
                    }

                    newline = true;
                }

                space = true;
                i++;
                continue;
            }

            var start = i;
            TokenKind kind;
            if (c == '@' && i + 1 < raw.Length && char.IsAsciiLetterUpper(raw[i + 1]))
            {
                i++;
                while (i < raw.Length && char.IsAsciiLetterOrDigit(raw[i]))
                {
                    i++;
                }

                kind = TokenKind.Placeholder;
            }
            else if (char.IsLetter(c))
            {
                while (i < raw.Length && (char.IsLetter(raw[i]) || (raw[i] == '\'' && i + 1 < raw.Length && char.IsLetter(raw[i + 1]) && i > start)))
                {
                    i++;
                }

                kind = TokenKind.Word;
                if (raw.AsSpan(start, i - start).StartsWith("Generic", StringComparison.Ordinal) && i < raw.Length && raw[i] == '_')
                {
                    while (i < raw.Length && (char.IsLetter(raw[i]) || raw[i] == '_'))
                    {
                        i++;
                    }

                    kind = TokenKind.Placeholder;
                }
            }
            else if (char.IsDigit(c))
            {
                while (i < raw.Length && (char.IsDigit(raw[i]) || ((raw[i] == '.' || raw[i] == ',') && i + 1 < raw.Length && char.IsDigit(raw[i + 1]))))
                {
                    i++;
                }

                kind = TokenKind.Number;
            }
            else
            {
                i++;
                kind = TokenKind.Punctuation;
            }

            var tokenText = raw[start..i];
            var lower = kind == TokenKind.Placeholder ? "<name>" : tokenText.ToLowerInvariant();
            tokens.Add(new Token(tokenText, lower, kind, space, newline));
            space = false;
            newline = false;
        }

        var sentences = new List<(int, int)>();
        var sentenceStart = 0;
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            if (token.NewlineBefore && t > sentenceStart)
            {
                sentences.Add((sentenceStart, t));
                sentenceStart = t;
            }

            if (token.Kind == TokenKind.Punctuation && token.Text is "." or "!" or "?")
            {
                var end = t + 1;
                while (end < tokens.Count && tokens[end].Kind == TokenKind.Punctuation && !tokens[end].NewlineBefore && tokens[end].Text is "." or "!" or "?" or "\"" or "'" or ")")
                {
                    end++;
                }

                // "3.5" is one number token; "e.g." and "Mr." end no sentence when a lower-case word follows.
                if (end < tokens.Count && tokens[end].Kind == TokenKind.Word && char.IsLower(tokens[end].Text[0]) && !tokens[end].SpaceBefore)
                {
                    t = end - 1;
                    continue;
                }

                sentences.Add((sentenceStart, end));
                sentenceStart = end;
                t = end - 1;
            }
        }

        if (sentenceStart < tokens.Count)
        {
            sentences.Add((sentenceStart, tokens.Count));
        }

        return new EssayText(raw, tokens, sentences, paragraphs);
    }

    /// <summary>Lower-case word forms (words and placeholders), in order.</summary>
    public List<string> LowerWords()
    {
        var words = new List<string>(Tokens.Count);
        foreach (var token in Tokens)
        {
            if (token.Kind is TokenKind.Word or TokenKind.Placeholder)
            {
                words.Add(token.Lower);
            }
        }

        return words;
    }

    /// <summary>Estimated syllables of a word (vowel groups, silent final e), for readability.</summary>
    public static int Syllables(string lower)
    {
        var count = 0;
        var previousVowel = false;
        foreach (var c in lower)
        {
            var vowel = c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
            if (vowel && !previousVowel)
            {
                count++;
            }

            previousVowel = vowel;
        }

        if (lower.Length > 2 && lower.EndsWith('e') && !lower.EndsWith("le", StringComparison.Ordinal) && count > 1)
        {
            count--;
        }

        return Math.Max(1, count);
    }

    /// <summary>A coarse shape of a token for syntax n-grams: function words as themselves, others by class.</summary>
    public static string Shape(Token token, bool sentenceInitial)
    {
        if (token.Kind == TokenKind.Punctuation)
        {
            return token.Text;
        }

        if (token.Kind == TokenKind.Number)
        {
            return "#";
        }

        if (token.Kind == TokenKind.Placeholder)
        {
            return "NAME";
        }

        if (Lexicon.FunctionWords.Contains(token.Lower))
        {
            return token.Lower;
        }

        var sb = new StringBuilder(4);
        sb.Append(char.IsUpper(token.Text[0]) && !sentenceInitial ? 'C' : 'w');
        var lower = token.Lower;
        if (lower.EndsWith("ing", StringComparison.Ordinal))
        {
            sb.Append("ing");
        }
        else if (lower.EndsWith("ed", StringComparison.Ordinal))
        {
            sb.Append("ed");
        }
        else if (lower.EndsWith("ly", StringComparison.Ordinal))
        {
            sb.Append("ly");
        }
        else if (lower.EndsWith('s') && !lower.EndsWith("ss", StringComparison.Ordinal))
        {
            sb.Append('s');
        }
        else if (lower.EndsWith("tion", StringComparison.Ordinal) || lower.EndsWith("ment", StringComparison.Ordinal) || lower.EndsWith("ness", StringComparison.Ordinal))
        {
            sb.Append('N');
        }

        return sb.ToString();
    }
}
