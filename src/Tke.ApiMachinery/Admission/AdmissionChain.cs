namespace Tke.ApiMachinery.Admission;

/// <summary>Runs the mutating plugins, then the validating ones, in registration order.</summary>
public sealed class AdmissionChain(IEnumerable<IAdmissionPlugin> plugins)
{
    private readonly IAdmissionPlugin[] _ordered = plugins
        .OrderBy(p => p.Phase)
        .ToArray();

    public static AdmissionChain Empty { get; } = new([]);

    public async ValueTask AdmitAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        foreach (var plugin in _ordered)
        {
            if (plugin.Handles(request.Kind))
            {
                await plugin.AdmitAsync(request, cancellationToken);
            }
        }
    }
}
