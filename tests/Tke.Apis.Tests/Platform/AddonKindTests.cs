using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Validation;
using Tke.Apis.Tests.Shared;
using Tke.Platform.Apis.Addons;

namespace Tke.Apis.Tests.Platform;

public class AddonKindTests
{
    public static TheoryData<string, string, string> Names => new()
    {
        { "TappController", "tappcontrollers", "tc-" },
        { "CronHPA", "cronhpas", "cronhpa-" },
        { "PersistentEvent", "persistentevents", "pe-" },
    };

    private static KindDefinition KindOf(string kind) => kind switch
    {
        "TappController" => new TappControllerKind(),
        "CronHPA" => new CronHPAKind(),
        _ => new PersistentEventKind(),
    };

    private static ApiObject Sample(string kind)
    {
        var spec = new AddonSpec { TenantID = "default", ClusterName = "cls-abc123", Version = "v1.0.0" };
        var status = new AddonStatus { Phase = AddonPhases.Running, Version = "v1.0.0", RetryCount = 0 };
        return kind switch
        {
            "TappController" => new TappController { Metadata = new ObjectMeta { Name = "tc-abc" }, Spec = spec, Status = status },
            "CronHPA" => new CronHPA { Metadata = new ObjectMeta { Name = "cronhpa-abc" }, Spec = spec, Status = status },
            _ => PersistentEventSample(),
        };
    }

    private static AddonSpec SpecOf(ApiObject addon) => addon switch
    {
        TappController t => t.Spec,
        CronHPA c => c.Spec,
        PersistentEvent p => p.Spec,
        _ => throw new ArgumentException("not an add-on", nameof(addon)),
    };

    private static PersistentEvent PersistentEventSample() => new()
    {
        Metadata = new ObjectMeta { Name = "pe-abc" },
        Spec = new PersistentEventSpec
        {
            TenantID = "default",
            ClusterName = "cls-abc123",
            PersistentBackEnd = new PersistentBackEnd { ES = new StorageBackEndES { IP = "10.0.0.5", Port = 9200, Scheme = "http", IndexName = "k8s-event" } },
        },
        Status = new AddonStatus { Phase = AddonPhases.Running, Version = "v1.0.0" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Names_scope_and_prefix_are_those_of_TKEStack(string kind, string plural, string prefix)
    {
        var definition = KindOf(kind);
        Assert.Equal(kind, definition.Kind);
        Assert.Equal(plural, definition.Plural);
        Assert.Equal(prefix, definition.DefaultGenerateName);
        Assert.Equal(KindScope.Cluster, definition.Scope);
        Assert.True(definition.HasStatusSubresource);
        Assert.Equal("platform.tkestack.io", definition.Group);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Schema_has_addon_fields(string kind, string plural, string prefix)
    {
        _ = (plural, prefix);
        var definition = KindOf(kind);
        KindAssert.HasFields(definition, "spec.tenantID", "spec.clusterName", "spec.version",
            "status.version", "status.phase", "status.reason", "status.retryCount", "status.lastReInitializingTimestamp");
        Assert.Equal(new[] { "clusterName" }, KindAssert.SchemaAt(definition, "spec").Required!);
        Assert.Contains("Reinitializing", KindAssert.SchemaAt(definition, "status.phase").Enum!);
        Assert.Equal(5, KindAssert.SchemaAt(definition, "status.retryCount").Maximum);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_valid_addon_passes(string kind, string plural, string prefix)
    {
        _ = (plural, prefix);
        KindAssert.Valid(KindOf(kind), Sample(kind));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Empty_cluster_name_is_required(string kind, string plural, string prefix)
    {
        _ = (plural, prefix);
        var addon = Sample(kind);
        SpecOf(addon).ClusterName = "";
        KindAssert.HasError(KindAssert.Validate(KindOf(kind), addon), "spec.clusterName", FieldErrorKind.Required);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void An_addon_stays_in_its_cluster_and_tenant(string kind, string plural, string prefix)
    {
        _ = (plural, prefix);
        var updated = Sample(kind);
        SpecOf(updated).ClusterName = "cls-other";
        SpecOf(updated).TenantID = "other";
        var errors = KindAssert.ValidateUpdate(KindOf(kind), updated, Sample(kind));
        KindAssert.HasError(errors, "spec.clusterName", FieldErrorKind.Invalid);
        KindAssert.HasError(errors, "spec.tenantID", FieldErrorKind.Invalid);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Table_and_field_selectors(string kind, string plural, string prefix)
    {
        _ = (plural, prefix);
        var definition = KindOf(kind);
        var addon = Sample(kind);
        var cells = KindAssert.Cells(definition, addon);
        Assert.Equal("cls-abc123", cells["Cluster"]);
        Assert.Equal("v1.0.0", cells["Version"]);
        Assert.Equal("Running", cells["Status"]);
        Assert.Equal("cls-abc123", KindAssert.Select(definition, addon, "spec.clusterName"));
        Assert.Equal("default", KindAssert.Select(definition, addon, "spec.tenantID"));
        Assert.Equal("Running", KindAssert.Select(definition, addon, "status.phase"));
        Assert.Equal("v1.0.0", KindAssert.Select(definition, addon, "status.version"));
    }

    [Fact]
    public void Addon_json_uses_TKEStack_field_names()
    {
        var tapp = (TappController)Sample("TappController");
        tapp.Status!.LastReInitializingTimestamp = new DateTimeOffset(2020, 2, 27, 0, 25, 2, TimeSpan.Zero);
        var (json, _) = KindAssert.RoundTrip(tapp);
        Assert.Equal("cls-abc123", KindAssert.At(json, "spec", "clusterName")?.GetValue<string>());
        Assert.Equal("default", KindAssert.At(json, "spec", "tenantID")?.GetValue<string>());
        Assert.Equal(0, KindAssert.At(json, "status", "retryCount")?.GetValue<int>());
        Assert.Equal("2020-02-27T00:25:02Z", KindAssert.At(json, "status", "lastReInitializingTimestamp")?.GetValue<string>());
    }

    [Fact]
    public void Persistent_event_json_uses_TKEStack_field_names()
    {
        var (json, back) = KindAssert.RoundTrip(PersistentEventSample());
        Assert.Equal("k8s-event", KindAssert.At(json, "spec", "persistentBackEnd", "es", "indexName")?.GetValue<string>());
        Assert.Equal(9200, KindAssert.At(json, "spec", "persistentBackEnd", "es", "port")?.GetValue<int>());
        Assert.Equal("http", back.Spec.PersistentBackEnd!.ES!.Scheme);
        KindAssert.HasFields(new PersistentEventKind(), "spec.persistentBackEnd.cls.logSetID", "spec.persistentBackEnd.cls.topicID");
        Assert.Equal(60, KindAssert.SchemaAt(new PersistentEventKind(), "spec.persistentBackEnd.es.indexName").MaxLength);
    }

    [Fact]
    public void Persistent_event_needs_exactly_one_backend()
    {
        var kind = new PersistentEventKind();
        var none = PersistentEventSample();
        none.Spec.PersistentBackEnd = null;
        KindAssert.HasError(KindAssert.Validate(kind, none), "spec.persistentBackEnd", FieldErrorKind.Required);

        var both = PersistentEventSample();
        both.Spec.PersistentBackEnd!.CLS = new StorageBackEndCLS { LogSetID = "ls", TopicID = "tp" };
        KindAssert.HasError(KindAssert.Validate(kind, both), "spec.persistentBackEnd", FieldErrorKind.Required);
    }

    [Fact]
    public void Persistent_event_backends_need_their_settings()
    {
        var kind = new PersistentEventKind();
        var es = PersistentEventSample();
        es.Spec.PersistentBackEnd!.ES = new StorageBackEndES();
        var errors = KindAssert.Validate(kind, es);
        KindAssert.HasError(errors, "spec.persistentBackEnd.es.ip", FieldErrorKind.Required);
        KindAssert.HasError(errors, "spec.persistentBackEnd.es.scheme", FieldErrorKind.Required);
        KindAssert.HasError(errors, "spec.persistentBackEnd.es.indexName", FieldErrorKind.Required);

        var cls = PersistentEventSample();
        cls.Spec.PersistentBackEnd = new PersistentBackEnd { CLS = new StorageBackEndCLS() };
        errors = KindAssert.Validate(kind, cls);
        KindAssert.HasError(errors, "spec.persistentBackEnd.cls.logSetID", FieldErrorKind.Required);
        KindAssert.HasError(errors, "spec.persistentBackEnd.cls.topicID", FieldErrorKind.Required);
    }
}
