using Microsoft.AspNetCore.Identity;

namespace TutorPlatform.Web.Infrastructure;

/// <summary>
/// Identity's messages in the words of the rest of the app. Its defaults talk about user names (ours are the e-mail
/// addresses, so a taken address got two messages, one for each) and list rules in programmer's terms.
/// </summary>
public sealed class TutorIdentityErrors : IdentityErrorDescriber
{
    public const string AddressTaken = "An account with this e-mail address already exists: sign in instead.";

    // User names are the e-mail addresses, so an invalid one is an invalid address either way.
    private const string AddressInvalid = "Enter a valid e-mail address, such as name@school.example.";

    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateEmail), Description = AddressTaken };

    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = AddressTaken };

    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = AddressInvalid };

    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = AddressInvalid };

    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"The password needs at least {length} characters." };

    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "The password needs a digit (0–9)." };

    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "The password needs a lowercase letter (a–z)." };

    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "The password needs an uppercase letter (A–Z)." };

    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "That password is not right." };
}
