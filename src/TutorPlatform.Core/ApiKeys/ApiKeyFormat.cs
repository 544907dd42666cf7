using System.Security.Cryptography;
using System.Text;

namespace TutorPlatform.Core.ApiKeys;

/// <summary>Keys look like <c>tp_AbCd1234_…secret…</c>: a fixed marker, a lookup prefix, and 32 random characters.</summary>
public static class ApiKeyFormat
{
    public const string Marker = "tp_";
    public const int PrefixLength = 8;
    public const int SecretLength = 32;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static (string Key, string Prefix) Create()
    {
        var prefix = RandomNumberGenerator.GetString(Alphabet, PrefixLength);
        return ($"{Marker}{prefix}_{RandomNumberGenerator.GetString(Alphabet, SecretLength)}", prefix);
    }

    public static bool TryParsePrefix(string? key, out string prefix)
    {
        prefix = "";
        if (key is null || key.Length != Marker.Length + PrefixLength + 1 + SecretLength
            || !key.StartsWith(Marker, StringComparison.Ordinal) || key[Marker.Length + PrefixLength] != '_')
        {
            return false;
        }

        prefix = key.Substring(Marker.Length, PrefixLength);
        return true;
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
