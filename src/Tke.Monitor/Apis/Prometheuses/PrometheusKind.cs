using Tke.ApiMachinery.Validation;
using Tke.Platform.Apis.Addons;
using Tke.Platform.Apis.Shared;

namespace Tke.Monitor.Apis.Prometheuses;

/// <summary>monitor.tkestack.io/v1 Prometheus: cluster-scoped, named prom-&lt;id&gt;, with a status subresource.</summary>
public sealed class PrometheusKind : AddonKind<Prometheus, PrometheusSpec, PrometheusStatus>
{
    public override string Group => MonitorApiGroup.GroupName;

    public override string Version => MonitorApiGroup.GroupVersion;

    public override string Kind => "Prometheus";

    public override string Plural => "prometheuses";

    public override string? DefaultGenerateName => "prom-";

    protected override void Default(Prometheus obj)
    {
        // TKEStack shows a new monitoring stack as Initializing until its controller reports.
        if (NewObject.IsBeingCreated(obj) && string.IsNullOrEmpty(obj.Status?.Phase))
        {
            obj.Status ??= new PrometheusStatus();
            obj.Status.Phase = AddonPhases.Initializing;
        }
    }

    protected override void Validate(Prometheus obj, FieldErrorList errors)
    {
        base.Validate(obj, errors);
        var spec = obj.Spec;
        ValidateUrls(spec.RemoteAddress?.WriteAddr, "spec.remoteAddress.writeAddr", errors);
        ValidateUrls(spec.RemoteAddress?.ReadAddr, "spec.remoteAddress.readAddr", errors);
        if (!string.IsNullOrEmpty(spec.NotifyWebhook) && !IsHttpUrl(spec.NotifyWebhook))
        {
            errors.Invalid("spec.notifyWebhook", spec.NotifyWebhook, "must be an http or https URL");
        }

        ResourceListRules.Validate(spec.Resources?.Limits, "spec.resources.limits", errors);
        ResourceListRules.Validate(spec.Resources?.Requests, "spec.resources.requests", errors);
    }

    private static void ValidateUrls(List<string>? urls, string path, FieldErrorList errors)
    {
        for (var i = 0; i < (urls?.Count ?? 0); i++)
        {
            if (!IsHttpUrl(urls![i]))
            {
                errors.Invalid($"{path}[{i}]", urls[i], "must be an http or https URL");
            }
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
