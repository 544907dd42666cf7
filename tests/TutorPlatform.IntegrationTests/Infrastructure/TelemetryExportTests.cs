using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TutorPlatform.IntegrationTests.Fixtures;

namespace TutorPlatform.IntegrationTests.Infrastructure;

/// <summary>With Telemetry:OtlpEndpoint set, traces and metrics reach an OTLP/HTTP collector (a loopback stand-in).</summary>
public sealed class TelemetryExportTests(TutorApiFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithAnOtlpEndpoint_TracesAndMetricsAreExported()
    {
        await using var collector = await Collector.StartAsync();
        await using var exporting = app.WithWebHostBuilder(b => b
            .UseSetting("Telemetry:OtlpEndpoint", collector.Endpoint.ToString())
            .UseSetting("Telemetry:OtlpProtocol", "http/protobuf")
            .UseSetting("Telemetry:ServiceName", "tutor-test"));
        using var client = exporting.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", app.School.TeacherAKey);

        var response = await client.GetAsync(new Uri("/api/v1/classes", UriKind.Relative), Ct);
        response.EnsureSuccessStatusCode();
        // The server's request span ends just after the client has the response: flush until it is there (the first
        // export starts the exporter cold, and CI runs every test assembly at once on two cores: whether one flush
        // finished in time does not matter, what arrives does).
        var tracer = exporting.Services.GetRequiredService<TracerProvider>();
        string Printable() => new([.. string.Join('\n', collector.Received("/v1/traces").Select(r => System.Text.Encoding.UTF8.GetString(r.Body))).Where(c => c >= 32 && c < 127)]);
        for (var until = DateTime.UtcNow.AddMinutes(1); DateTime.UtcNow < until && !Printable().Contains("Microsoft.AspNetCore", StringComparison.Ordinal);)
        {
            tracer.ForceFlush(30_000);
            await Task.Delay(100, Ct);
        }

        Assert.All(collector.Received("/v1/traces"), r => Assert.Equal("application/x-protobuf", r.ContentType));
        var traces = Printable();
        Assert.Contains("tutor-test", traces, StringComparison.Ordinal); // service.name
        Assert.Contains("Microsoft.AspNetCore", traces, StringComparison.Ordinal); // the request's span
        Assert.Contains("FROM classes", traces, StringComparison.Ordinal); // its database query
        var meter = exporting.Services.GetRequiredService<MeterProvider>();
        for (var until = DateTime.UtcNow.AddMinutes(1); DateTime.UtcNow < until && collector.Received("/v1/metrics").Count == 0;)
        {
            meter.ForceFlush(30_000);
            await Task.Delay(100, Ct);
        }

        Assert.NotEmpty(collector.Received("/v1/metrics"));
    }

    [Fact]
    public void WithoutAnEndpoint_NothingIsRegistered()
    {
        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    private sealed record Export(string ContentType, byte[] Body);

    private sealed class Collector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentBag<(string Path, Export Export)> _received = [];

        private Collector(WebApplication app) => _app = app;

        public Uri Endpoint { get; private set; } = null!;

        public static async Task<Collector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var collector = new Collector(app);
            app.MapPost("/{**path}", async (HttpContext context) =>
            {
                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
                collector._received.Add((context.Request.Path.Value!, new Export(context.Request.ContentType ?? "", buffer.ToArray())));
                return Results.Ok();
            });
            await app.StartAsync(TestContext.Current.CancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            collector.Endpoint = new Uri(address);
            return collector;
        }

        public IReadOnlyList<Export> Received(string path) => [.. _received.Where(r => r.Path == path).Select(r => r.Export)];

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
