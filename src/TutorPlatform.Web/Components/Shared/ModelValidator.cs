using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace TutorPlatform.Web.Components.Shared;

/// <summary>
/// DataAnnotations validation for an EditForm that, unlike DataAnnotationsValidator, also runs the model's
/// IValidatableObject rules when a property attribute already failed, so a teacher sees every problem at once.
/// <see cref="ValidateAs"/> lets a form with a mutable model validate the immutable input it will send
/// (its property names must match the model's).
/// </summary>
public sealed class ModelValidator : ComponentBase, IDisposable
{
    private ValidationMessageStore? _messages;
    private EditContext? _subscribed;
    private bool _submitted;

    [CascadingParameter]
    private EditContext? EditContext { get; set; }

    /// <summary>What to validate instead of the form's model; messages are still shown on the model's fields.</summary>
    [Parameter] public Func<object>? ValidateAs { get; set; }

    protected override void OnParametersSet()
    {
        if (EditContext is null)
        {
            throw new InvalidOperationException($"{nameof(ModelValidator)} must be inside an EditForm.");
        }

        if (!ReferenceEquals(EditContext, _subscribed))
        {
            Unsubscribe();
            _messages = new ValidationMessageStore(EditContext);
            EditContext.OnValidationRequested += OnValidationRequested;
            EditContext.OnFieldChanged += OnFieldChanged;
            _subscribed = EditContext;
            _submitted = false;
        }
    }

    /// <summary>Every problem with the object: property attributes first, then its own rules.</summary>
    public static IReadOnlyList<ValidationResult> Validate(object target)
    {
        var context = new ValidationContext(target);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(target, context, results, validateAllProperties: true) && target is IValidatableObject validatable)
        {
            // TryValidateObject stops before IValidatableObject when an attribute fails; add those rules' results too.
            results.AddRange(validatable.Validate(context).Where(r => r != ValidationResult.Success && !results.Any(e => e.ErrorMessage == r.ErrorMessage)));
        }

        return results;
    }

    public void Dispose() => Unsubscribe();

    private void OnValidationRequested(object? sender, ValidationRequestedEventArgs e)
    {
        _submitted = true;
        _messages!.Clear();
        foreach (var (field, message) in Problems())
        {
            _messages.Add(field, message);
        }

        EditContext!.NotifyValidationStateChanged();
    }

    private void OnFieldChanged(object? sender, FieldChangedEventArgs e)
    {
        // Before the first submit only the field being typed in is checked, so untouched fields stay quiet.
        var problems = Problems().ToList();
        if (_submitted)
        {
            _messages!.Clear();
            foreach (var (field, message) in problems)
            {
                _messages.Add(field, message);
            }
        }
        else
        {
            _messages!.Clear(e.FieldIdentifier);
            foreach (var (_, message) in problems.Where(p => p.Field.Equals(e.FieldIdentifier)))
            {
                _messages.Add(e.FieldIdentifier, message);
            }
        }

        EditContext!.NotifyValidationStateChanged();
    }

    private IEnumerable<(FieldIdentifier Field, string Message)> Problems()
    {
        var model = EditContext!.Model;
        foreach (var result in Validate(ValidateAs?.Invoke() ?? model))
        {
            var members = result.MemberNames.Any() ? result.MemberNames : [""];
            foreach (var member in members)
            {
                yield return (new FieldIdentifier(model, member), result.ErrorMessage ?? "This value is not valid.");
            }
        }
    }

    private void Unsubscribe()
    {
        if (_subscribed is not null)
        {
            _subscribed.OnValidationRequested -= OnValidationRequested;
            _subscribed.OnFieldChanged -= OnFieldChanged;
            _messages?.Clear();
            _subscribed = null;
        }
    }
}
