using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TutorPlatform.Core.Accounts;
using TutorPlatform.Core.ApiKeys;

namespace TutorPlatform.Web.Infrastructure;

/// <summary>Authenticates <c>X-Api-Key: tp_…</c> (or <c>Authorization: Bearer tp_…</c>) against the hashed keys in the database.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string KeyIdClaim = "api_key_id";

    /// <summary>
    /// The default authenticate scheme: this handler for /api requests that present a key, the Identity cookie for
    /// everything else. So the authentication middleware already knows a key's owner when the rate limiter runs.
    /// </summary>
    public const string SelectorSchemeName = "ApiKeyOrCookie";

    internal static string SelectScheme(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") && PresentedKey(context.Request) is not null
            ? SchemeName
            : IdentityConstants.ApplicationScheme;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var owner = await keys.ValidateAsync(presented, Context.RequestAborted);
        if (owner is null)
        {
            return AuthenticateResult.Fail("The API key is malformed, unknown or revoked.");
        }

        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, owner.OwnerId.ToString()),
            new(ClaimTypes.Name, owner.OwnerName),
            new(KeyIdClaim, owner.KeyId.ToString()),
            new(ClaimTypes.Role, Roles.Teacher),
        ];
        if (owner.IsAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, Roles.Admin));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await Results.Problem(
            title: "Unauthorized",
            detail: failure ?? $"Send an API key in the {HeaderName} header. Teachers create keys on the API keys page.",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(title: "Forbidden", detail: "This key or account may not do that.", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(Context);

    internal static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrWhiteSpace(header))
        {
            return header.ToString().Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }
}
