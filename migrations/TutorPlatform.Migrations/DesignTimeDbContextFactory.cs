using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TutorPlatform.Core.Data;

namespace TutorPlatform.Migrations;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web host; it never connects.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<TutorDbContext>
{
    public TutorDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TutorDbContext>()
            .UseTutorDatabase(Environment.GetEnvironmentVariable("ConnectionStrings__TutorDb") ?? "Host=127.0.0.1;Port=54329;Database=tutorplatform")
            .Options);
}
