using System.ComponentModel.DataAnnotations;

namespace TutorPlatform.Core.Common;

internal static class Validation
{
    /// <summary>Services validate their inputs themselves, so a caller that skips UI validation still gets a clear error.</summary>
    public static void Validate(object input)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true))
        {
            throw new DomainRuleException(string.Join(" ", results.Select(r => r.ErrorMessage)));
        }
    }
}
