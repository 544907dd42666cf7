namespace TutorPlatform.Core.Ai;

/// <summary>How a large-model call failed; features map these to plain messages.</summary>
public enum ChatModelFailure
{
    /// <summary>No large model is configured (Provider none).</summary>
    NotConfigured,

    /// <summary>The model could not be reached or refused (network, 429/5xx after retries, circuit open, model not loadable).</summary>
    Unavailable,

    /// <summary>No answer within the configured time.</summary>
    Timeout,

    /// <summary>The server's reply was not a valid API response.</summary>
    MalformedResponse,

    /// <summary>The model answered, but not in the required structure, even after one retry.</summary>
    InvalidAnswer,
}

/// <summary>A large-model call that failed; <see cref="Failure"/> says how. Never shown to a student as if it were an answer.</summary>
public class ChatModelException : Exception
{
    public ChatModelException() { }

    public ChatModelException(string message) : base(message) { }

    public ChatModelException(string message, Exception innerException) : base(message, innerException) { }

    public ChatModelException(ChatModelFailure failure, string message, Exception? innerException = null) : base(message, innerException) =>
        Failure = failure;

    public ChatModelFailure Failure { get; init; } = ChatModelFailure.Unavailable;

    /// <summary>The HTTP status the server answered with, when there was one.</summary>
    public int? StatusCode { get; init; }
}
