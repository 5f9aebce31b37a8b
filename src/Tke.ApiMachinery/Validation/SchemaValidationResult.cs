namespace Tke.ApiMachinery.Validation;

/// <summary>The outcome of <see cref="SchemaValidation.Validate"/>.</summary>
public sealed class SchemaValidationResult
{
    internal SchemaValidationResult(IReadOnlyList<string> unknownFields, FieldErrorList errors)
    {
        UnknownFields = unknownFields;
        Errors = errors;
    }

    /// <summary>Paths of fields the schema does not know, e.g. "spec.foo" or "spec.items[0].bar",
    /// in document order.</summary>
    public IReadOnlyList<string> UnknownFields { get; }

    /// <summary>Type errors and violated declarative constraints.</summary>
    public FieldErrorList Errors { get; }

    public bool IsValid => Errors.Count == 0;

    /// <summary>One warning per unknown field, worded as Kubernetes does for fieldValidation=Warn.</summary>
    public IEnumerable<string> UnknownFieldWarnings => UnknownFields.Select(f => $"unknown field \"{f}\"");

    /// <summary>The BadRequest message Kubernetes gives for fieldValidation=Strict, or null when every field is known.</summary>
    public string? StrictDecodingError =>
        UnknownFields.Count == 0 ? null : "strict decoding error: " + string.Join(", ", UnknownFieldWarnings);
}
