using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace TutorPlatform.Core.Ai;

/// <summary>A structured answer that parsed and validated, with what it cost.</summary>
public sealed record StructuredAnswer<T>(T Value, int Attempts, UsageDetails Usage);

/// <summary>The model's answer did not match the schema, even after one retry; it must not reach a user.</summary>
public sealed class StructuredAnswerException : ChatModelException
{
    public StructuredAnswerException() { }

    public StructuredAnswerException(string message) : base(message) { }

    public StructuredAnswerException(string message, Exception innerException) : base(message, innerException) { }

    public StructuredAnswerException(string message, IReadOnlyList<string> errors, string lastAnswer)
        : base(ChatModelFailure.InvalidAnswer, message)
    {
        Errors = errors;
        LastAnswer = lastAnswer;
    }

    /// <summary>What was wrong with the last answer.</summary>
    public IReadOnlyList<string> Errors { get; } = [];

    /// <summary>The raw last answer, for logs and admins only.</summary>
    public string LastAnswer { get; } = "";
}

/// <summary>
/// Asks for a JSON answer matching <typeparamref name="T"/> (its JSON schema goes in the request and the system
/// message), parses it with System.Text.Json (required members, nullability), validates it with DataAnnotations
/// (nested objects and list items too), and on failure asks once more, saying what was wrong. A second failure is a
/// <see cref="StructuredAnswerException"/>.
/// </summary>
public static class StructuredAnswers
{
    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    public static async Task<StructuredAnswer<T>> GetAsync<T>(IChatClient client, IEnumerable<ChatMessage> messages, PromptLibrary prompts,
        ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(prompts);
        var format = ChatResponseFormat.ForJsonSchema<T>(SerializerOptions);
        var chat = new List<ChatMessage>(messages);
        chat.Insert(0, new ChatMessage(ChatRole.System,
            "Answer with exactly one JSON object that matches this JSON schema, and nothing else:\n" + format.Schema?.GetRawText()));
        var requestOptions = options?.Clone() ?? new ChatOptions();
        requestOptions.ResponseFormat = format;

        var usage = new UsageDetails();
        IReadOnlyList<string> errors = [];
        var answer = "";
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var response = await client.GetResponseAsync(chat, requestOptions, cancellationToken).ConfigureAwait(false);
            if (response.Usage is { } used)
            {
                usage.Add(used);
            }

            answer = response.Text;
            if (TryParse<T>(answer, out var value, out errors))
            {
                return new StructuredAnswer<T>(value, attempt, usage);
            }

            chat.Add(new ChatMessage(ChatRole.Assistant, answer));
            chat.AddRange(prompts.Get("json-repair", 1).Render(new Dictionary<string, string> { ["errors"] = string.Join("; ", errors) }).Messages);
        }

        throw new StructuredAnswerException(
            $"The model's answer did not match the {typeof(T).Name} schema after a retry: {string.Join("; ", errors)}", errors, answer);
    }

    /// <summary>Parses and validates one answer: JSON (optionally inside a Markdown fence) that deserializes and passes validation.</summary>
    public static bool TryParse<T>(string answer, out T value, out IReadOnlyList<string> errors)
    {
        value = default!;
        var json = StripFence(answer ?? "");
        T? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<T>(json, SerializerOptions);
        }
        catch (JsonException ex)
        {
            errors = [$"not valid JSON for the schema ({ex.Message})"];
            return false;
        }

        if (parsed is null)
        {
            errors = ["the answer was JSON null"];
            return false;
        }

        var problems = new List<string>();
        Validate(parsed, "$", problems, depth: 0);
        errors = problems;
        if (problems.Count > 0)
        {
            return false;
        }

        value = parsed;
        return true;
    }

    private static string StripFence(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var firstLineEnd = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var end = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return firstLineEnd >= 0 && end > firstLineEnd ? trimmed[(firstLineEnd + 1)..end].Trim() : trimmed;
    }

    private static void Validate(object instance, string path, List<string> problems, int depth)
    {
        if (depth > 8)
        {
            return;
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true))
        {
            problems.AddRange(results.Select(r => $"{path}.{string.Join(",", r.MemberNames.Select(JsonName))}: {r.ErrorMessage}"));
        }

        foreach (var property in instance.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0))
        {
            var child = property.GetValue(instance);
            var childPath = $"{path}.{JsonName(property.Name)}";
            switch (child)
            {
                case null or string or ValueType:
                    break;
                case IEnumerable items:
                    var index = 0;
                    foreach (var item in items)
                    {
                        if (item is not null and not string and not ValueType)
                        {
                            Validate(item, $"{childPath}[{index}]", problems, depth + 1);
                        }

                        index++;
                    }

                    break;
                default:
                    Validate(child, childPath, problems, depth + 1);
                    break;
            }
        }
    }

    private static string JsonName(string member) => JsonNamingPolicy.CamelCase.ConvertName(member);
}
