namespace Tke.ApiMachinery.Requests;

/// <summary>How unknown fields in a request body are treated (the fieldValidation query parameter).</summary>
public enum FieldValidationMode
{
    Ignore,
    Warn,
    Strict,
}

/// <summary>Per-request options of a write, and the warnings it produces (sent as Warning headers).</summary>
public sealed class WriteContext(RequestUser user)
{
    public RequestUser User { get; } = user;

    public bool DryRun { get; init; }

    public FieldValidationMode FieldValidation { get; init; } = FieldValidationMode.Warn;

    public List<string> Warnings { get; } = [];
}
