namespace TutorPlatform.IntegrationTests.Fixtures;

/// <summary>The PostgreSQL the integration tests run against: an admin connection string without a database.</summary>
public static class PostgresServer
{
    public const string Variable = "TUTORPLATFORM_TEST_PG";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set, so the integration tests have no PostgreSQL to run against. Run them with scripts/test.sh, " +
                $"which starts a project-local PostgreSQL and sets {Variable}; or start one yourself: " +
                "`source scripts/postgres.sh && pg_start \"$PWD/.data/pg-test\" 54330 && export TUTORPLATFORM_TEST_PG=\"$PG_CONNECTION\"`.");
}
