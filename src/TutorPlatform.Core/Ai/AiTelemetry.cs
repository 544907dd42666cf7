using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TutorPlatform.Core.Ai;

/// <summary>
/// The large model's calls as OpenTelemetry sees them: gen_ai spans (Microsoft.Extensions.AI's OpenTelemetry client,
/// under <see cref="SourceName"/>) and this platform's own metrics per feature. Nothing is exported unless the host
/// configures an exporter (the web app does when Telemetry:OtlpEndpoint is set).
/// </summary>
public static class AiTelemetry
{
    /// <summary>The ActivitySource and Meter name to listen to.</summary>
    public const string SourceName = "TutorPlatform.Ai";

    private static readonly Meter Meter = new(SourceName);

    private static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>(
        "tutor.ai.call.duration", "s", "Duration of large-model calls, by feature, provider, model and outcome.");

    private static readonly Counter<long> Tokens = Meter.CreateCounter<long>(
        "tutor.ai.tokens", "{token}", "Tokens sent to and received from the large model, by feature, provider, model and direction.");

    /// <summary>Records one finished call.</summary>
    public static void Record(AiCallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var tags = new TagList
        {
            { "tutor.ai.feature", record.Feature },
            { "gen_ai.provider.name", record.Provider },
            { "gen_ai.request.model", record.Model },
        };
        var withOutcome = tags;
        withOutcome.Add("tutor.ai.outcome", record.Outcome.ToString());
        CallDuration.Record(record.LatencyMs / 1000.0, withOutcome);
        if (record.TokensIn is { } tokensIn)
        {
            var input = tags;
            input.Add("gen_ai.token.type", "input");
            Tokens.Add(tokensIn, input);
        }

        if (record.TokensOut is { } tokensOut)
        {
            var output = tags;
            output.Add("gen_ai.token.type", "output");
            Tokens.Add(tokensOut, output);
        }
    }
}
