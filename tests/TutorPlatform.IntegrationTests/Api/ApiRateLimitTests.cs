using System.Net;
using TutorPlatform.IntegrationTests.Fixtures;

namespace TutorPlatform.IntegrationTests.Api;

/// <summary>Runs on its own app with three requests per key per hour; every test spends a fresh key.</summary>
public sealed class ApiRateLimitTests(RateLimitedTutorApiFactory app) : IClassFixture<RateLimitedTutorApiFactory>
{
    private static readonly Uri Classes = new("/api/v1/classes", UriKind.Relative);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApiKey_OverItsPermitLimit_Returns429ProblemWithRetryAfter()
    {
        using var client = app.CreateApiClient(await TestSchool.CreateKeyAsync(app.Services, app.School.TeacherA, "spent"));
        for (var i = 0; i < RateLimitedTutorApiFactory.Permits; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Classes, Ct)).StatusCode);
        }

        var response = await client.GetAsync(Classes, Ct);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.TooManyRequests);
        var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, RateLimitedTutorApiFactory.WindowSeconds);
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.GetProperty("type").GetString()); // like every other error's
        Assert.Contains($"Try again in {retryAfter} seconds", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ApiKey_WhenAnotherKeyOfTheSameTeacherIsSpent_KeepsItsOwnBudget()
    {
        using var spent = app.CreateApiClient(await TestSchool.CreateKeyAsync(app.Services, app.School.TeacherB, "first"));
        using var fresh = app.CreateApiClient(await TestSchool.CreateKeyAsync(app.Services, app.School.TeacherB, "second"));
        for (var i = 0; i <= RateLimitedTutorApiFactory.Permits; i++)
        {
            await spent.GetAsync(Classes, Ct);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await spent.GetAsync(Classes, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync(Classes, Ct)).StatusCode);
    }

    [Fact]
    public async Task Anonymous_Requests_AreLimitedPerClientAddress()
    {
        // Guessing keys costs the same budget as any other unauthenticated call from that address.
        using var client = app.CreateApiClient();
        for (var i = 0; i < RateLimitedTutorApiFactory.Permits; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Classes, Ct)).StatusCode);
        }

        var response = await client.GetAsync(Classes, Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.True(response.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task OpenApiDocument_IsNotRateLimited()
    {
        using var client = app.CreateApiClient();

        for (var i = 0; i <= RateLimitedTutorApiFactory.Permits; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct)).StatusCode);
        }
    }
}
