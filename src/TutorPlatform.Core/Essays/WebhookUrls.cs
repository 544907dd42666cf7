using System.Net;
using System.Net.Sockets;

namespace TutorPlatform.Core.Essays;

/// <summary>Checks the webhook URL an API client gives: absolute http(s), no credentials, and (unless allowed) no private network.</summary>
public static class WebhookUrls
{
    /// <summary>Null when the URL is acceptable; otherwise why not, in a sentence.</summary>
    public static string? Problem(string url, bool allowPrivateNetworks)
    {
        if (url.Length > EssayAssessment.WebhookUrlMaxLength)
        {
            return $"The webhook URL can have at most {EssayAssessment.WebhookUrlMaxLength} characters.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "The webhook URL must be an absolute http or https URL.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "The webhook URL must not contain a user name or password; put a secret in its path or query instead.";
        }

        if (!allowPrivateNetworks && IsPrivateHost(uri))
        {
            return "The webhook URL points at a loopback or private network address, which this server does not call.";
        }

        return null;
    }

    /// <summary>Whether every address the host resolves to is outside loopback, link-local and private ranges (checked again before sending).</summary>
    public static async Task<bool> ResolvesToPublicAsync(Uri uri, CancellationToken ct)
    {
        if (IPAddress.TryParse(uri.IdnHost, out var literal))
        {
            return !IsPrivate(literal);
        }

        var addresses = await Dns.GetHostAddressesAsync(uri.IdnHost, ct);
        return addresses.Length > 0 && !addresses.Any(IsPrivate);
    }

    private static bool IsPrivateHost(Uri uri) =>
        uri.IsLoopback
        || uri.IdnHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || uri.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.IdnHost, out var address) && IsPrivate(address));

    internal static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
            || b[0] == 0;
    }
}
