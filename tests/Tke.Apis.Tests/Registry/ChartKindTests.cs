using Tke.ApiMachinery.Validation;
using Tke.Registry.Apis.ChartGroups;
using Tke.Registry.Apis.Charts;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Registry;

public class ChartKindTests
{
    private static ChartGroup SampleGroup() => new()
    {
        Metadata = { Name = "rcg-abc" },
        Spec = new ChartGroupSpec
        {
            Name = "team-charts",
            TenantId = "default",
            DisplayName = "Team charts",
            Visibility = "Project",
            Type = RepoTypes.SelfBuilt,
            Description = "charts of the team",
            Projects = ["prj-1"],
            Creator = "admin",
        },
        Status = new ChartGroupStatus { ChartCount = 2, Phase = "Available" },
    };

    private static Chart SampleChart() => new()
    {
        Metadata = { Name = "repo-xyz", Namespace = "rcg-abc" },
        Spec = new ChartSpec { Name = "nginx", TenantId = "default", ChartGroupName = "team-charts", Visibility = "Project" },
        Status = new ChartStatus
        {
            PullCount = 4,
            Phase = "Available",
            Versions = [new ChartVersion { Version = "1.2.3", ChartSize = 2048, AppVersion = "1.25", Description = "web server" }],
        },
    };

    [Fact]
    public void Chart_group_schema_has_tkestack_field_names()
    {
        var kind = new ChartGroupKind();
        HasFields(kind, "spec.name", "spec.tenantID", "spec.displayName", "spec.visibility", "spec.type", "spec.description",
            "spec.projects", "spec.finalizers", "spec.users", "spec.importedInfo.addr", "spec.importedInfo.username",
            "spec.importedInfo.password", "spec.creator", "status.locked", "status.chartCount", "status.phase",
            "status.lastTransitionTime", "status.reason", "status.message");
        Assert.True(Node(kind, "spec.importedInfo.password").Sensitive);
        HasEnum(kind, "spec.visibility", "Public", "User", "Project", "Private");
        HasEnum(kind, "spec.type", "SelfBuilt", "Imported", "System", "project", "personal");
        Assert.Equal(60, Node(kind, "spec.name").MaxLength);
        Assert.Equal(255, Node(kind, "spec.description").MaxLength);
        Assert.True(PatternAccepts(kind, "spec.name", "Team_charts.v2"));
        Assert.False(PatternAccepts(kind, "spec.name", "-team"));
    }

    [Fact]
    public void Chart_group_defaults_to_self_built()
    {
        var group = SampleGroup();
        group.Spec.Type = null;
        new ChartGroupKind().ApplyDefaults(group);
        Assert.Equal("SelfBuilt", group.Spec.Type);
        Valid(Create(new ChartGroupKind(), group));
    }

    [Fact]
    public void Imported_group_needs_an_http_address()
    {
        var kind = new ChartGroupKind();
        var group = SampleGroup();
        group.Spec.Type = RepoTypes.Imported;
        Single(Create(kind, group), "spec.importedInfo.addr", FieldErrorKind.Required);

        group.Spec.ImportedInfo = new ChartGroupImport { Addr = "ftp://charts.example.com" };
        Single(Create(kind, group), "spec.importedInfo.addr", FieldErrorKind.Invalid);

        group.Spec.ImportedInfo = new ChartGroupImport { Addr = "https://charts.bitnami.com/bitnami", Username = "u", Password = "cA==" };
        Valid(Create(kind, group));
    }

    [Fact]
    public void Restricted_visibility_needs_its_audience()
    {
        var kind = new ChartGroupKind();
        var group = SampleGroup();
        group.Spec.Projects = null;
        Single(Create(kind, group), "spec.projects", FieldErrorKind.Required);

        group = SampleGroup();
        group.Spec.Visibility = "User";
        Single(Create(kind, group), "spec.users", FieldErrorKind.Required);
        group.Spec.Users = ["jane"];
        Valid(Create(kind, group));
    }

    [Fact]
    public void Chart_group_name_is_immutable_and_prints()
    {
        var kind = new ChartGroupKind();
        var renamed = SampleGroup();
        renamed.Spec.Name = "other";
        Single(Update(kind, renamed, SampleGroup()), "spec.name", FieldErrorKind.Invalid);

        var json = RoundTrip(SampleGroup());
        Assert.Equal("prj-1", At(json, "spec.projects")![0]!.GetValue<string>());
        Assert.Equal(2, At(json, "status.chartCount")!.GetValue<int>());
        var cells = Cells(kind, SampleGroup());
        Assert.Equal("team-charts", cells["Repo"]);
        Assert.Equal("SelfBuilt", cells["Type"]);
        Assert.Equal("Project", cells["Visibility"]);
        Assert.Equal(2, cells["Charts"]);
        Assert.Equal("Available", cells["Phase"]);
        Assert.Equal("Project", Selected(kind, SampleGroup(), "spec.visibility"));
        Assert.Equal("SelfBuilt", Selected(kind, SampleGroup(), "spec.type"));
        Assert.Equal("team-charts", Selected(kind, SampleGroup(), "spec.name"));
    }

    [Fact]
    public void Chart_schema_rules_json_and_table()
    {
        var kind = new ChartKind();
        HasFields(kind, "spec.name", "spec.tenantID", "spec.chartGroupName", "spec.displayName", "spec.visibility", "spec.finalizers",
            "status.pullCount", "status.versions[].version", "status.versions[].chartSize", "status.versions[].appVersion",
            "status.versions[].icon", "status.phase");
        IsRequired(kind, "spec", "chartGroupName");
        Valid(Create(kind, SampleChart()));

        var moved = SampleChart();
        moved.Spec.ChartGroupName = "other";
        Single(Update(kind, moved, SampleChart()), "spec.chartGroupName", FieldErrorKind.Invalid);

        var json = RoundTrip(SampleChart());
        Assert.Equal(2048, At(json, "status.versions")![0]!["chartSize"]!.GetValue<long>());
        var cells = Cells(kind, SampleChart());
        Assert.Equal("nginx", cells["Chart"]);
        Assert.Equal("team-charts", cells["Chart Group"]);
        Assert.Equal(1, cells["Versions"]);
        Assert.Equal(4, cells["Pulls"]);
        Assert.Equal("team-charts", Selected(kind, SampleChart(), "spec.chartGroupName"));
    }
}
