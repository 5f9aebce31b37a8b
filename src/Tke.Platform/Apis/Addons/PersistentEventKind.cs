using Tke.ApiMachinery.Validation;

namespace Tke.Platform.Apis.Addons;

/// <summary>platform.tkestack.io/v1 PersistentEvent: cluster-scoped, named pe-&lt;id&gt;.</summary>
public sealed class PersistentEventKind : AddonKind<PersistentEvent, PersistentEventSpec, AddonStatus>
{
    public override string Kind => "PersistentEvent";

    public override string Plural => "persistentevents";

    public override string? DefaultGenerateName => "pe-";

    protected override void Validate(PersistentEvent obj, FieldErrorList errors)
    {
        base.Validate(obj, errors);
        const string path = "spec.persistentBackEnd";
        var backend = obj.Spec.PersistentBackEnd;
        var count = (backend?.CLS is null ? 0 : 1) + (backend?.ES is null ? 0 : 1);
        if (count != 1)
        {
            errors.Required(path, "must specify exactly one backend: cls or es");
        }

        if (backend?.CLS is { } cls)
        {
            RequireText(errors, $"{path}.cls.logSetID", cls.LogSetID, "must specify CLS logSetID");
            RequireText(errors, $"{path}.cls.topicID", cls.TopicID, "must specify CLS topicID");
        }

        if (backend?.ES is { } es)
        {
            RequireText(errors, $"{path}.es.ip", es.IP, "must specify ES address");
            RequireText(errors, $"{path}.es.scheme", es.Scheme, "must specify ES scheme (http or https)");
            RequireText(errors, $"{path}.es.indexName", es.IndexName, "must specify ES indexName");
        }
    }

    private static void RequireText(FieldErrorList errors, string path, string? value, string detail)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Required(path, detail);
        }
    }
}
