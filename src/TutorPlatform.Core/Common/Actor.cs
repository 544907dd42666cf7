namespace TutorPlatform.Core.Common;

/// <summary>Who is asking: every service call that reads or changes school data is scoped by it.</summary>
public sealed record Actor(Guid UserId, bool IsAdmin = false);
