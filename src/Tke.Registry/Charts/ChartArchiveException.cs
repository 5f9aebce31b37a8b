namespace Tke.Registry.Charts;

/// <summary>A chart archive that is not a valid Helm chart package; the message is the reason a client sees (400).</summary>
public sealed class ChartArchiveException(string message) : Exception(message);
