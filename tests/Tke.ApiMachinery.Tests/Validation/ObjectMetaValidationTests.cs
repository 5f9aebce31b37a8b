using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Validation;

namespace Tke.ApiMachinery.Tests.Validation;

public class ObjectMetaValidationTests
{
    private static readonly DateTimeOffset Created = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private static FieldErrorList Create(ObjectMeta meta, bool namespaced = false, Func<string, IReadOnlyList<string>>? nameRule = null)
    {
        var errors = new FieldErrorList();
        ObjectMetaValidation.ValidateCreate(meta, namespaced, nameRule, errors);
        return errors;
    }

    private static FieldErrorList Update(ObjectMeta updated, ObjectMeta old)
    {
        var errors = new FieldErrorList();
        ObjectMetaValidation.ValidateUpdate(updated, old, errors);
        return errors;
    }

    private static ObjectMeta Stored() => new()
    {
        Name = "cls-1",
        Namespace = "default",
        Uid = "u-1",
        ResourceVersion = "5",
        CreationTimestamp = Created,
        Labels = new() { ["app"] = "web" },
        Finalizers = ["tkestack.io/cleanup"],
    };

    [Fact]
    public void AcceptsAWellFormedObject()
    {
        var meta = new ObjectMeta
        {
            Name = "cls-abc",
            Namespace = "default",
            Labels = new() { ["app"] = "web", ["tkestack.io/tenant"] = "" },
            Annotations = new() { ["Example.com/Note"] = "anything at all, even spaces" },
            Finalizers = ["orphan", "tkestack.io/cleanup"],
            OwnerReferences = [new OwnerReference { ApiVersion = "platform.tkestack.io/v1", Kind = "Cluster", Name = "c", Uid = "1", Controller = true }],
        };
        Assert.Empty(Create(meta, namespaced: true));
    }

    [Fact]
    public void RequiresANameOrGenerateName()
    {
        var error = Assert.Single(Create(new ObjectMeta()));
        Assert.Equal("metadata.name: Required value: name or generateName is required", error.Message);
        Assert.Empty(Create(new ObjectMeta { GenerateName = "cls-" }));
    }

    [Fact]
    public void ValidatesNamesWithTheGivenRule()
    {
        var error = Assert.Single(Create(new ObjectMeta { Name = "Bad_Name" }));
        Assert.Equal(FieldErrorKind.Invalid, error.Kind);
        Assert.Equal("metadata.name", error.Field);
        Assert.StartsWith("metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain", error.Message);

        Assert.Empty(Create(new ObjectMeta { Name = "a.b" }));
        Assert.Single(Create(new ObjectMeta { Name = "a.b" }, nameRule: Names.IsDns1123Label));
        Assert.Equal("metadata.generateName", Assert.Single(Create(new ObjectMeta { GenerateName = "Cls-" })).Field);
    }

    [Fact]
    public void RequiresANamespaceOnlyForNamespacedKinds()
    {
        Assert.Equal("metadata.namespace: Required value", Assert.Single(Create(new ObjectMeta { Name = "a" }, namespaced: true)).Message);
        Assert.Equal("metadata.namespace: Invalid value: \"a.b\": must not contain dots", Assert.Single(Create(new ObjectMeta { Name = "a", Namespace = "a.b" }, namespaced: true)).Message);
        Assert.Equal("metadata.namespace: Forbidden: not allowed on this type", Assert.Single(Create(new ObjectMeta { Name = "a", Namespace = "default" })).Message);
    }

    [Fact]
    public void ValidatesLabels()
    {
        var errors = Create(new ObjectMeta { Name = "a", Labels = new() { ["bad key"] = "ok", ["good"] = "bad value" } });
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("metadata.labels", e.Field));
        Assert.Contains(errors, e => e.Message.StartsWith("metadata.labels: Invalid value: \"bad key\": name part must consist of", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.StartsWith("metadata.labels: Invalid value: \"bad value\": a valid label must be", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidatesAnnotationKeysAndTotalSize()
    {
        Assert.Equal("metadata.annotations", Assert.Single(Create(new ObjectMeta { Name = "a", Annotations = new() { ["-x"] = "" } })).Field);

        var big = new ObjectMeta { Name = "a", Annotations = new() { ["a"] = new string('x', 128 * 1024), ["b"] = new string('x', 128 * 1024) } };
        var error = Assert.Single(Create(big));
        Assert.Equal(FieldErrorKind.TooLong, error.Kind);
        Assert.Equal("metadata.annotations: Too long: may not be more than 262144 bytes", error.Message);

        var exact = new ObjectMeta { Name = "a", Annotations = new() { ["a"] = new string('x', (256 * 1024) - 1) } };
        Assert.Empty(Create(exact));
    }

    [Fact]
    public void ValidatesFinalizers()
    {
        Assert.Equal("metadata.finalizers", Assert.Single(Create(new ObjectMeta { Name = "a", Finalizers = ["bad finalizer"] })).Field);
        var both = Assert.Single(Create(new ObjectMeta { Name = "a", Finalizers = ["orphan", "foregroundDeletion"] }));
        Assert.Equal("metadata.finalizers: Invalid value: \"[]string{\"orphan\", \"foregroundDeletion\"}\": finalizer orphan and foregroundDeletion cannot be both set", both.Message);
    }

    [Fact]
    public void ValidatesOwnerReferences()
    {
        var errors = Create(new ObjectMeta { Name = "a", OwnerReferences = [new OwnerReference { ApiVersion = "example.com/", Kind = "", Name = "", Uid = "" }] });
        Assert.Equal(
            ["metadata.ownerReferences.apiVersion", "metadata.ownerReferences.kind", "metadata.ownerReferences.name", "metadata.ownerReferences.uid"],
            errors.Select(e => e.Field));
        Assert.Equal("metadata.ownerReferences.uid: Invalid value: \"\": uid must not be empty", errors[3].Message);

        OwnerReference Controller(string name) => new() { ApiVersion = "v1", Kind = "Node", Name = name, Uid = name, Controller = true };
        var twoControllers = Assert.Single(Create(new ObjectMeta { Name = "a", OwnerReferences = [Controller("x"), Controller("y")] }));
        Assert.Contains("Only one reference can have Controller set to true. Found \"true\" in references for Node/x and Node/y", twoControllers.Message);
    }

    [Fact]
    public void RejectsNegativeGenerations()
    {
        Assert.Equal("metadata.generation: Invalid value: -1: must be greater than or equal to 0", Assert.Single(Create(new ObjectMeta { Name = "a", Generation = -1 })).Message);
    }

    [Fact]
    public void AcceptsAnUnchangedUpdate()
    {
        var updated = Stored();
        updated.Labels!["new"] = "label";
        updated.CreationTimestamp = Created.AddMilliseconds(400);
        Assert.Empty(Update(updated, Stored()));
    }

    [Fact]
    public void TreatsOmittedUidAndCreationTimestampAsUnchanged()
    {
        var updated = Stored();
        updated.Uid = null;
        updated.CreationTimestamp = null;
        Assert.Empty(Update(updated, Stored()));
    }

    [Fact]
    public void RejectsChangesToImmutableFields()
    {
        var updated = Stored();
        updated.Name = "other";
        updated.Namespace = "kube-system";
        updated.Uid = "u-2";
        updated.CreationTimestamp = Created.AddDays(1);
        var errors = Update(updated, Stored());
        Assert.Equal(["metadata.name", "metadata.namespace", "metadata.uid", "metadata.creationTimestamp"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.EndsWith(": field is immutable", e.Message, StringComparison.Ordinal));
        Assert.Equal("metadata.name: Invalid value: \"other\": field is immutable", errors[0].Message);
        Assert.Equal("metadata.creationTimestamp: Invalid value: \"2024-05-02T10:00:00Z\": field is immutable", errors[3].Message);
    }

    [Fact]
    public void DeletionTimestampCannotBeSetOrUnsetByAnUpdate()
    {
        var deleting = Stored();
        deleting.DeletionTimestamp = Created.AddHours(1);

        var unset = Stored();
        Assert.Equal("metadata.deletionTimestamp: Invalid value: null: field is immutable", Assert.Single(Update(unset, deleting)).Message);

        var set = Stored();
        set.DeletionTimestamp = Created;
        Assert.Equal("metadata.deletionTimestamp", Assert.Single(Update(set, Stored())).Field);

        var kept = Stored();
        kept.DeletionTimestamp = deleting.DeletionTimestamp;
        Assert.Empty(Update(kept, deleting));
    }

    [Fact]
    public void ForbidsNewFinalizersDuringDeletion()
    {
        var deleting = Stored();
        deleting.DeletionTimestamp = Created.AddHours(1);

        var added = Stored();
        added.DeletionTimestamp = deleting.DeletionTimestamp;
        added.Finalizers = ["tkestack.io/cleanup", "b/x", "a/y"];
        var error = Assert.Single(Update(added, deleting));
        Assert.Equal(FieldErrorKind.Forbidden, error.Kind);
        Assert.Equal("metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\"a/y\", \"b/x\"}", error.Message);

        var removed = Stored();
        removed.DeletionTimestamp = deleting.DeletionTimestamp;
        removed.Finalizers = [];
        Assert.Empty(Update(removed, deleting));

        var notDeleting = Stored();
        notDeleting.Finalizers = ["tkestack.io/cleanup", "b/x"];
        Assert.Empty(Update(notDeleting, Stored()));
    }

    [Fact]
    public void ChecksLabelsAndAnnotationsOnUpdate()
    {
        var updated = Stored();
        updated.Labels!["bad key"] = "v";
        updated.Annotations = new() { ["-"] = "" };
        updated.OwnerReferences = [new OwnerReference { ApiVersion = "v1", Kind = "Node", Name = "n" }];
        Assert.Equal(["metadata.labels", "metadata.annotations", "metadata.ownerReferences.uid"], Update(updated, Stored()).Select(e => e.Field));
    }

    [Fact]
    public void DeletionGracePeriodIsImmutableOnceSet()
    {
        var old = Stored();
        old.DeletionGracePeriodSeconds = 30;
        var changed = Stored();
        changed.DeletionGracePeriodSeconds = 0;
        Assert.Equal("metadata.deletionGracePeriodSeconds", Assert.Single(Update(changed, old)).Field);
        Assert.Empty(Update(Stored(), old));
    }
}
