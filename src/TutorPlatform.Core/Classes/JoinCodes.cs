using System.Security.Cryptography;

namespace TutorPlatform.Core.Classes;

public static class JoinCodes
{
    public const int Length = 8;

    // No 0/O, 1/I/L: codes are read aloud and copied off a whiteboard.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string Create() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Accepts what a student types: any case, spaces or dashes between groups.</summary>
    public static string Normalize(string? input) =>
        new((input ?? "").Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    /// <summary>Shown as ABCD-EFGH so it is easy to read out.</summary>
    public static string Format(string code) => code.Length == Length ? $"{code[..4]}-{code[4..]}" : code;
}
