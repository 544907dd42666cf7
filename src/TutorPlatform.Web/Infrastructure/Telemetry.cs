using System.ComponentModel.DataAnnotations;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TutorPlatform.Core.Ai;

namespace TutorPlatform.Web.Infrastructure;

/// <summary>Telemetry section: where OpenTelemetry traces and metrics go. No endpoint, no export.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// The OTLP collector (for example http://otel-collector:4317 for gRPC, :4318 for HTTP). Falls back to the standard
    /// OTEL_EXPORTER_OTLP_ENDPOINT variable; with neither, nothing is exported.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>"grpc" (default) or "http/protobuf".</summary>
    [RegularExpression("^(grpc|http/protobuf)$", ErrorMessage = "Telemetry:OtlpProtocol must be grpc or http/protobuf.")]
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>The service.name resource attribute; tell web and worker processes apart.</summary>
    [Required]
    public string ServiceName { get; set; } = "tutorplatform-web";
}

internal static class Telemetry
{
    /// <summary>Sources and meters exported: requests, outgoing HTTP (model servers), PostgreSQL, and the large model's calls.</summary>
    private static readonly string[] Sources = ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", AiTelemetry.SourceName];
    private static readonly string[] Meters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "Npgsql", AiTelemetry.SourceName];

    /// <summary>Exports traces and metrics over OTLP when an endpoint is configured; otherwise registers nothing.</summary>
    public static IServiceCollection AddTutorTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var endpoint = options.OtlpEndpoint
            ?? (Uri.TryCreate(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"], UriKind.Absolute, out var fromEnvironment) ? fromEnvironment : null);
        if (endpoint is null)
        {
            return services;
        }

        var http = options.OtlpProtocol == "http/protobuf";
        // Over HTTP each signal has its own path; an endpoint set in code is used as given, so the paths are added here.
        Uri For(string signal) => http ? new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/v1/" + signal) : endpoint;
        void Configure(OtlpExporterOptions o, string signal)
        {
            o.Endpoint = For(signal);
            o.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName))
            .WithTracing(t => t.AddSource(Sources).AddOtlpExporter(o => Configure(o, "traces")))
            .WithMetrics(m => m.AddMeter(Meters).AddOtlpExporter(o => Configure(o, "metrics")));
        return services;
    }
}
