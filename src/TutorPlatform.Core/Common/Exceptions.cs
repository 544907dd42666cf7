namespace TutorPlatform.Core.Common;

/// <summary>The request clashes with existing data (duplicate name, stale edit); the API answers 409.</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>A rule of the domain refuses the request; the API answers 400 with the message.</summary>
public sealed class DomainRuleException(string message) : Exception(message);
