using Tke.ApiMachinery.Validation;
using Tke.Registry.Apis.Namespaces;
using Tke.Registry.Apis.Repositories;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Registry;

public class ImageKindTests
{
    private static Namespace SampleNamespace() => new()
    {
        Metadata = { Name = "rns-abc" },
        Spec = new NamespaceSpec { Name = "library", TenantId = "default", DisplayName = "shared images", Visibility = "Public" },
        Status = new NamespaceStatus { RepoCount = 3 },
    };

    private static Repository SampleRepository() => new()
    {
        Metadata = { Name = "repo-abc", Namespace = "rns-abc" },
        Spec = new RepositorySpec { Name = "helloworld", TenantId = "default", NamespaceName = "library", Visibility = "Public" },
        Status = new RepositoryStatus
        {
            PullCount = 7,
            Tags = [new RepositoryTag { Name = "v1", Digest = "sha256:0123", TimeCreated = new DateTimeOffset(2024, 2, 3, 4, 5, 6, TimeSpan.Zero) }],
        },
    };

    [Fact]
    public void Namespace_schema_matches_tkestack_and_the_manual()
    {
        var kind = new NamespaceKind();
        HasFields(kind, "spec.name", "spec.tenantID", "spec.displayName", "spec.visibility", "status.locked", "status.repoCount");
        HasEnum(kind, "spec.visibility", "Public", "Private");
        IsRequired(kind, "spec", "name");
        IsRequired(kind, "spec", "visibility");
        Assert.Equal(63, Node(kind, "spec.name").MaxLength);
        Assert.True(PatternAccepts(kind, "spec.name", "my-team.images"));
        Assert.False(PatternAccepts(kind, "spec.name", "MyTeam"));
        Valid(Create(kind, SampleNamespace()));
    }

    [Fact]
    public void Namespace_name_and_tenant_are_immutable()
    {
        var kind = new NamespaceKind();
        var renamed = SampleNamespace();
        renamed.Spec.Name = "other";
        Single(Update(kind, renamed, SampleNamespace()), "spec.name", FieldErrorKind.Invalid);

        var moved = SampleNamespace();
        moved.Spec.TenantId = "t2";
        Single(Update(kind, moved, SampleNamespace()), "spec.tenantID", FieldErrorKind.Invalid);

        var relabelled = SampleNamespace();
        relabelled.Spec.Visibility = "Private";
        Valid(Update(kind, relabelled, SampleNamespace()));
    }

    [Fact]
    public void Namespace_json_table_and_selectors()
    {
        var kind = new NamespaceKind();
        var json = RoundTrip(SampleNamespace());
        Assert.Equal("Public", At(json, "spec.visibility")!.GetValue<string>());
        Assert.Equal(3, At(json, "status.repoCount")!.GetValue<int>());
        var cells = Cells(kind, SampleNamespace());
        Assert.Equal("library", cells["Namespace"]);
        Assert.Equal("Public", cells["Visibility"]);
        Assert.Equal(3, cells["Repos"]);
        Assert.Equal("library", Selected(kind, SampleNamespace(), "spec.name"));
        Assert.Equal("default", Selected(kind, SampleNamespace(), "spec.tenantID"));
    }

    [Fact]
    public void Repository_schema_and_rules()
    {
        var kind = new RepositoryKind();
        HasFields(kind, "spec.name", "spec.tenantID", "spec.namespaceName", "spec.displayName", "spec.visibility",
            "status.locked", "status.pullCount", "status.tags[].name", "status.tags[].digest", "status.tags[].timeCreated");
        IsRequired(kind, "spec", "namespaceName");
        Assert.True(PatternAccepts(kind, "spec.name", "team/hello-world_2"));
        Assert.False(PatternAccepts(kind, "spec.name", "Hello"));
        Valid(Create(kind, SampleRepository()));

        var moved = SampleRepository();
        moved.Spec.NamespaceName = "other";
        Single(Update(kind, moved, SampleRepository()), "spec.namespaceName", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Repository_json_table_and_selectors()
    {
        var kind = new RepositoryKind();
        var json = RoundTrip(SampleRepository());
        Assert.Equal("library", At(json, "spec.namespaceName")!.GetValue<string>());
        Assert.Equal("2024-02-03T04:05:06Z", At(json, "status.tags")![0]!["timeCreated"]!.GetValue<string>());
        var cells = Cells(kind, SampleRepository());
        Assert.Equal("helloworld", cells["Repository"]);
        Assert.Equal("library", cells["Registry Namespace"]);
        Assert.Equal(1, cells["Tags"]);
        Assert.Equal(7, cells["Pulls"]);
        Assert.Equal("library", Selected(kind, SampleRepository(), "spec.namespaceName"));
        Assert.Equal("helloworld", Selected(kind, SampleRepository(), "spec.name"));
    }
}
