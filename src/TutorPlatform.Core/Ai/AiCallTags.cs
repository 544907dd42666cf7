using Microsoft.Extensions.AI;

namespace TutorPlatform.Core.Ai;

/// <summary>
/// What a caller tells the recording about its call, carried in <see cref="ChatOptions.AdditionalProperties"/>:
/// <c>new ChatOptions().ForFeature("essay-feedback", template)</c>.
/// </summary>
public static class AiCallTags
{
    public const string FeatureKey = "tutor.feature";
    public const string PromptKey = "tutor.prompt";
    public const string UnknownFeature = "unknown";

    /// <summary>Tags the options with the feature and, when the call uses one, the prompt template's name and version.</summary>
    public static ChatOptions ForFeature(this ChatOptions options, string feature, PromptTemplate? prompt = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(feature);
        options.AdditionalProperties ??= [];
        options.AdditionalProperties[FeatureKey] = feature;
        if (prompt is not null)
        {
            options.AdditionalProperties[PromptKey] = prompt.Id;
        }

        return options;
    }

    internal static string Feature(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(FeatureKey, out var value) == true && value is string { Length: > 0 } feature
            ? feature
            : UnknownFeature;

    internal static string? Prompt(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(PromptKey, out var value) == true && value is string { Length: > 0 } prompt ? prompt : null;
}
