using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Data;
using TutorPlatform.IntegrationTests.Fixtures;

namespace TutorPlatform.IntegrationTests.Api;

/// <summary>A failure the API did not expect (here: the database failing a query) outside Development.</summary>
public sealed class ApiUnexpectedErrorTests(TutorApiFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApiRequest_WhenTheDatabaseFails_Returns500ProblemWithoutInternals()
    {
        await using var failing = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.ConfigureDbContext<TutorDbContext>(o => o.AddInterceptors(new FailClassQueries()))));
        using var client = failing.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", app.School.TeacherAKey);

        var response = await client.GetAsync(new Uri("/api/v1/classes", UriKind.Relative), Ct);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.DoesNotContain(FailClassQueries.Message, problem.GetRawText(), StringComparison.Ordinal);
    }

    private sealed class FailClassQueries : DbCommandInterceptor
    {
        public const string Message = "simulated database failure 7f3c";

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            command.CommandText.Contains("FROM classes", StringComparison.Ordinal)
                ? throw new InvalidOperationException(Message)
                : base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}
