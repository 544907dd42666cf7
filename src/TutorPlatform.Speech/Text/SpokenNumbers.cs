using System.Globalization;
using System.Text.RegularExpressions;

namespace TutorPlatform.Speech.Text;

/// <summary>
/// Numbers as a reader says them, so that a passage with "in 1850", "at 7:30", "the 3rd", "$5" or "20%" can be
/// aligned and scored word by word instead of falling back to a free phone loop (the dictionary has no digits):
/// years as pairs ("eighteen fifty", "nineteen oh five", "two thousand five"), times ("seven thirty", "seven
/// o'clock"), ordinals, money, percentages, decimals ("three point five") and plain cardinals in American style
/// (no "and": "one hundred twenty five"), decades ("the 1960s", "the 80s"). One reading per number; a reader who says another one is heard as
/// mispronouncing it.
/// </summary>
public static partial class SpokenNumbers
{
    private static readonly string[] Ones =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static readonly (long Value, string Name)[] Scales = [(1_000_000_000_000, "trillion"), (1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand")];

    private static readonly Dictionary<string, string> OrdinalOf = new(StringComparer.Ordinal)
    {
        ["one"] = "first", ["two"] = "second", ["three"] = "third", ["five"] = "fifth", ["eight"] = "eighth", ["nine"] = "ninth",
        ["twelve"] = "twelfth",
    };

    private static readonly Dictionary<char, (string One, string Many, string Cent, string Cents)> Currencies = new()
    {
        ['$'] = ("dollar", "dollars", "cent", "cents"),
        ['£'] = ("pound", "pounds", "penny", "pence"),
        ['€'] = ("euro", "euros", "cent", "cents"),
    };

    /// <summary>The text with every number written in digits replaced by its words (other text unchanged).</summary>
    public static string Expand(string text) =>
        text.Any(char.IsAsciiDigit) ? Number().Replace(text, m => " " + Say(m) + " ") : text;

    /// <summary>A whole number in words: 125 → "one hundred twenty five".</summary>
    public static string Cardinal(long value)
    {
        if (value < 0)
        {
            return "minus " + Cardinal(-value);
        }

        if (value < 20)
        {
            return Ones[value];
        }

        if (value < 100)
        {
            return value % 10 == 0 ? Tens[value / 10] : $"{Tens[value / 10]} {Ones[value % 10]}";
        }

        if (value < 1000)
        {
            return value % 100 == 0 ? $"{Ones[value / 100]} hundred" : $"{Ones[value / 100]} hundred {Cardinal(value % 100)}";
        }

        var words = new List<string>();
        var rest = value;
        foreach (var (scale, name) in Scales)
        {
            if (rest >= scale)
            {
                words.Add($"{Cardinal(rest / scale)} {name}");
                rest %= scale;
            }
        }

        if (rest > 0)
        {
            words.Add(Cardinal(rest));
        }

        return string.Join(' ', words);
    }

    /// <summary>A year as it is read: 1850 → "eighteen fifty", 1905 → "nineteen oh five", 2005 → "two thousand five".</summary>
    public static string Year(int year)
    {
        if (year is < 1100 or > 2099 || year is >= 2000 and < 2010)
        {
            return Cardinal(year);
        }

        return Pair(year / 100, year % 100, "hundred");
    }

    // A number read as two parts, as years and times are: "eighteen fifty", "nine oh five", with what a zero second
    // part reads as ("nineteen hundred", "ten o'clock").
    private static string Pair(long first, int second, string whenZero) => second switch
    {
        0 => $"{Cardinal(first)} {whenZero}",
        < 10 => $"{Cardinal(first)} oh {Ones[second]}",
        _ => $"{Cardinal(first)} {Cardinal(second)}",
    };

    /// <summary>An ordinal in words: 21 → "twenty first".</summary>
    public static string Ordinal(long value)
    {
        var words = Cardinal(value).Split(' ');
        var last = words[^1];
        words[^1] = OrdinalOf.TryGetValue(last, out var irregular) ? irregular
            : last.EndsWith('y') ? last[..^1] + "ieth"
            : last + "th";
        return string.Join(' ', words);
    }

    private static string Say(Match m)
    {
        var written = m.Groups["int"].Value;
        var digits = written.Replace(",", "", StringComparison.Ordinal);
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var whole))
        {
            return Digits(digits); // too long for a long: digit by digit
        }

        if (m.Groups["minute"].Success)
        {
            return Pair(whole, int.Parse(m.Groups["minute"].Value, CultureInfo.InvariantCulture), "o'clock");
        }

        if (m.Groups["ord"].Success)
        {
            return Ordinal(whole);
        }

        var fraction = m.Groups["frac"].Success ? m.Groups["frac"].Value : null;
        if (m.Groups["cur"].Success && Currencies.TryGetValue(m.Groups["cur"].Value[0], out var currency))
        {
            var amount = $"{Cardinal(whole)} {(whole == 1 ? currency.One : currency.Many)}";
            if (fraction is { Length: 2 } && int.Parse(fraction, CultureInfo.InvariantCulture) is var cents and > 0)
            {
                return $"{amount} {Cardinal(cents)} {(cents == 1 ? currency.Cent : currency.Cents)}";
            }

            return fraction is null || fraction.All(c => c == '0') ? amount : $"{Cardinal(whole)} point {Digits(fraction)} {currency.Many}";
        }

        var number = fraction is not null ? $"{Cardinal(whole)} point {Digits(fraction)}"
            : written.Length == 4 && written[0] != '0' ? Year((int)whole) // four digits without a comma
            : written.Length > 1 && written[0] == '0' ? Digits(written)
            : Cardinal(whole);
        if (m.Groups["plural"].Success)
        {
            number = number.EndsWith('y') ? number[..^1] + "ies" : number + "s";
        }

        return m.Groups["pct"].Success ? number + " percent" : number;
    }

    private static string Digits(string digits) => string.Join(' ', digits.Select(c => Ones[c - '0']));

    // A currency sign, then a whole part (with thousands commas or without), then a time's minutes, a decimal
    // fraction, an ordinal suffix or a decade's plural ("1960s", "80's"), then a percent sign.
    [GeneratedRegex(@"(?<cur>[$£€])?(?<int>\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:(?::(?<minute>[0-5]\d)(?!\d))|(?:\.(?<frac>\d+))|(?<ord>st|nd|rd|th)\b|(?<plural>['’]?s)\b)?(?<pct>%)?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Number();
}
