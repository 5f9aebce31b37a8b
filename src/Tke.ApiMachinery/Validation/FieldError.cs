namespace Tke.ApiMachinery.Validation;

/// <summary>Kubernetes' field.ErrorType values; the string is the metav1.StatusCause reason.</summary>
public enum FieldErrorKind
{
    Required,
    Invalid,
    NotSupported,
    Duplicate,
    TooLong,
    TooMany,
    Forbidden,
    TypeInvalid,
    NotFound,
}

/// <summary>One invalid field, reported as a metav1.StatusCause.</summary>
public sealed record FieldError(FieldErrorKind Kind, string Field, string Detail, object? BadValue = null)
{
    /// <summary>The cause reason as Kubernetes spells it, e.g. "FieldValueRequired".</summary>
    public string Reason => "FieldValue" + Kind;

    /// <summary>The message in Kubernetes' wording, e.g. <c>spec.type: Unsupported value: "x": supported values: "a"</c>.</summary>
    public string Message => $"{Field}: {Description}";

    /// <summary>The message without the field, as a metav1.StatusCause carries it next to its field.</summary>
    public string Description => Kind switch
    {
        FieldErrorKind.Required => $"Required value{Suffix}",
        FieldErrorKind.Invalid => $"Invalid value: {Quote(BadValue)}{Suffix}",
        FieldErrorKind.NotSupported => $"Unsupported value: {Quote(BadValue)}{Suffix}",
        FieldErrorKind.Duplicate => $"Duplicate value: {Quote(BadValue)}{Suffix}",
        FieldErrorKind.TooLong => $"Too long: {Detail}",
        FieldErrorKind.TooMany => $"Too many: {Detail}",
        FieldErrorKind.Forbidden => $"Forbidden: {Detail}",
        FieldErrorKind.TypeInvalid => $"Invalid value: {Quote(BadValue)}{Suffix}",
        FieldErrorKind.NotFound => $"Not found: {Quote(BadValue)}",
        _ => Detail,
    };

    private string Suffix => string.IsNullOrEmpty(Detail) ? "" : ": " + Detail;

    private static string Quote(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
    };
}

/// <summary>Collects field errors; field paths use Kubernetes' dotted form with [i] and [key].</summary>
public sealed class FieldErrorList : List<FieldError>
{
    public void Required(string field, string detail = "") => Add(new FieldError(FieldErrorKind.Required, field, detail));

    public void Invalid(string field, object? value, string detail) => Add(new FieldError(FieldErrorKind.Invalid, field, detail, value));

    public void NotSupported(string field, object? value, IEnumerable<string> supported) =>
        Add(new FieldError(FieldErrorKind.NotSupported, field, "supported values: " + string.Join(", ", supported.Select(s => "\"" + s + "\"")), value));

    public void Duplicate(string field, object? value) => Add(new FieldError(FieldErrorKind.Duplicate, field, "", value));

    public void TooLong(string field, int max) => Add(new FieldError(FieldErrorKind.TooLong, field, $"may not be more than {max} bytes"));

    public void Forbidden(string field, string detail) => Add(new FieldError(FieldErrorKind.Forbidden, field, detail));

    public void TypeInvalid(string field, object? value, string detail) => Add(new FieldError(FieldErrorKind.TypeInvalid, field, detail, value));
}
