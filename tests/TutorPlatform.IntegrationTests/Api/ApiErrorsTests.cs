using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.IntegrationTests.Fixtures;
using TutorPlatform.Web.Api;
using TutorPlatform.Web.Infrastructure;

namespace TutorPlatform.IntegrationTests.Api;

/// <summary>The API's answers outside the endpoints' own logic: unknown routes and methods, and its wiring.</summary>
public sealed class ApiErrorsTests(TutorApiFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UnknownApiRoute_Returns404Problem()
    {
        using var client = app.CreateApiClient(app.School.TeacherAKey);

        var response = await client.GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative), Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UnsupportedMethod_Returns405Problem()
    {
        using var client = app.CreateApiClient(app.School.TeacherAKey);

        var response = await client.DeleteAsync(new Uri("/api/v1/classes", UriKind.Relative), Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task MalformedId_Returns404Problem()
    {
        using var client = app.CreateApiClient(app.School.TeacherAKey);

        var response = await client.GetAsync(new Uri("/api/v1/classes/not-a-guid", UriKind.Relative), Ct);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("ids are GUIDs", problem.GetProperty("detail").GetString()); // says why, not a bare "Not Found"
    }

    [Fact]
    public async Task UnknownPage_OutsideTheApi_StillShowsTheHtmlNotFoundPage()
    {
        using var client = app.CreateApiClient();

        var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void ApiEndpoints_Always_RequireExactlyOneApiPolicyAndTheRateLimit()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(ApiSetup.Prefix, StringComparison.Ordinal) == true)
            .ToList();

        Assert.True(endpoints.Count >= 8, $"Only {endpoints.Count} /api/v1 endpoints found.");
        Assert.All(endpoints, endpoint =>
        {
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            // Two policies on one endpoint would merge their schemes and let a cookie write.
            Assert.True(policies is [Policies.Api] or [Policies.ApiKeyOnly], $"{endpoint.DisplayName}: policies [{string.Join(", ", policies)}]");
            Assert.Equal(ApiSetup.RateLimitPolicy, endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName);
            var writes = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Any(m => m != "GET") == true;
            Assert.Equal(writes ? Policies.ApiKeyOnly : Policies.Api, policies[0]);
        });
    }
}
