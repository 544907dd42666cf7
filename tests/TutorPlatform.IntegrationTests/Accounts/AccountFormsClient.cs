using System.Net;
using System.Text.RegularExpressions;
using TutorPlatform.IntegrationTests.Fixtures;

namespace TutorPlatform.IntegrationTests.Accounts;

/// <summary>Drives the statically rendered account pages as a browser would: GET the form, post it back with its antiforgery token.</summary>
internal static partial class AccountFormsClient
{
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields, CancellationToken ct)
    {
        var page = await client.GetStringAsync(new Uri(path, UriKind.Relative), ct);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"{path} has no antiforgery token.");
        var values = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["token"].Value),
        };
        using var form = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(path, UriKind.Relative), form, ct);
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, CancellationToken ct) =>
        PostFormAsync(client, "/Account/Login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password }, ct);

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
