namespace Tke.ApiMachinery.Selectors;

/// <summary>A label or field selector that does not parse; the message uses Kubernetes' wording
/// and is meant for a 400 BadRequest.</summary>
public sealed class SelectorParseException(string message) : Exception(message)
{
}
