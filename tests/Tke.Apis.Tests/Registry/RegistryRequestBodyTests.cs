using Tke.ApiMachinery.Validation;
using Tke.Registry.Apis.ChartGroups;
using Tke.Registry.Apis.Namespaces;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Registry;

public class RegistryRequestBodyTests
{
    [Fact]
    public void Console_namespace_body_is_accepted_and_unknown_visibility_is_not()
    {
        var kind = new NamespaceKind();
        const string body = """{"metadata":{"generateName":"rns-"},"spec":{"name":"team-a","displayName":"team a images","visibility":"Private"}}""";
        ValidBody<Namespace>(kind, body);

        Single(Body(kind, body.Replace("Private", "Internal")).Errors, "spec.visibility", FieldErrorKind.NotSupported);
        Single(Body(kind, body.Replace("team-a", new string('a', 64))).Errors, "spec.name", FieldErrorKind.TooLong);
    }

    [Fact]
    public void Imported_chart_group_body_is_accepted()
    {
        const string body = """
        {"metadata":{"generateName":"rcg-"},
         "spec":{"name":"bitnami","displayName":"bitnami","visibility":"Public","type":"Imported","description":"third party",
                 "importedInfo":{"addr":"https://charts.bitnami.com/bitnami","username":"","password":""}}}
        """;
        var group = ValidBody<ChartGroup>(new ChartGroupKind(), body);
        Assert.Equal("https://charts.bitnami.com/bitnami", group.Spec.ImportedInfo!.Addr);
        Single(Body(new ChartGroupKind(), body.Replace("\"Public\"", "\"Everyone\"")).Errors, "spec.visibility", FieldErrorKind.NotSupported);
    }
}
