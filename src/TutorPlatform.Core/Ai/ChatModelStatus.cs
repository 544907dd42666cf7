namespace TutorPlatform.Core.Ai;

/// <summary>What features and the admin Models page ask before using the large model.</summary>
public interface IChatModelStatus
{
    /// <summary>False with Provider none: the features that need the large model say so and carry on without it.</summary>
    bool IsConfigured { get; }

    /// <summary>A plain sentence for users when <see cref="IsConfigured"/> is false.</summary>
    string NotConfiguredMessage { get; }

    ChatModelHealth Describe();
}

/// <summary>A snapshot of the large model's state.</summary>
/// <param name="Loaded">llamacpp: whether the model is loaded; openai: null (nothing to load; see the last success and error).</param>
public sealed record ChatModelHealth(
    string Provider,
    string? Model,
    string? Location,
    bool Configured,
    bool? Loaded,
    DateTimeOffset? LastSuccessAt,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    string Summary);

/// <summary>Tracks the configured provider's state; the guarded chat client reports each call's outcome here.</summary>
public sealed class ChatModelStatus : IChatModelStatus
{
    public const string NoModelMessage = "No large model is configured, so AI feedback is not available. An administrator can set Models:Chat:Provider to openai or llamacpp.";

    private readonly Lock _gate = new();
    private DateTimeOffset? _lastSuccessAt;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private readonly TimeProvider _time;

    public ChatModelStatus(string provider, string? model, string? location, TimeProvider? time = null)
    {
        Provider = provider;
        Model = model;
        Location = location;
        _time = time ?? TimeProvider.System;
    }

    public string Provider { get; }

    public string? Model { get; }

    public string? Location { get; }

    public bool IsConfigured => Provider != ChatProviders.None;

    public string NotConfiguredMessage => NoModelMessage;

    /// <summary>Set by the llamacpp provider: whether its model is loaded.</summary>
    internal Func<bool>? LoadedProbe { get; set; }

    /// <summary>Set by the llamacpp provider: the error of a failed model load.</summary>
    internal Func<Exception?>? LoadErrorProbe { get; set; }

    public void RecordSuccess()
    {
        lock (_gate)
        {
            _lastSuccessAt = _time.GetUtcNow();
        }
    }

    public void RecordFailure(string message)
    {
        lock (_gate)
        {
            _lastError = message;
            _lastErrorAt = _time.GetUtcNow();
        }
    }

    public ChatModelHealth Describe()
    {
        lock (_gate)
        {
            if (!IsConfigured)
            {
                return new ChatModelHealth(Provider, null, null, false, null, null, null, null, NoModelMessage);
            }

            var loaded = LoadedProbe?.Invoke();
            var loadError = LoadErrorProbe?.Invoke()?.Message;
            var lastError = _lastError ?? loadError;
            var summary = (Provider, loaded) switch
            {
                (ChatProviders.LlamaCpp, true) => $"llama.cpp in-process, model {Model} loaded.",
                (ChatProviders.LlamaCpp, _) when loadError is not null => $"llama.cpp in-process, model {Model} failed to load: {loadError}",
                (ChatProviders.LlamaCpp, _) => $"llama.cpp in-process, model {Model} loads on first use.",
                _ => $"OpenAI-compatible server at {Location}, model {Model}" +
                     (_lastErrorAt > (_lastSuccessAt ?? DateTimeOffset.MinValue) ? $"; last call failed: {_lastError}" :
                      _lastSuccessAt is not null ? "; last call succeeded." : "; not called yet."),
            };
            return new ChatModelHealth(Provider, Model, Location, true, loaded, _lastSuccessAt, lastError, _lastErrorAt, summary);
        }
    }
}
