using System.Text.Json;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Kinds;
using Tke.Apis.Tests.Shared;
using Tke.Monitor.Apis;
using Tke.Monitor.Apis.Metrics;

namespace Tke.Apis.Tests.Monitor;

public class MonitorApiGroupTests
{
    private readonly MonitorApiGroup _group = new();

    [Fact]
    public void Group_is_well_formed() => KindAssert.WellFormedGroup(_group);

    [Fact]
    public void Group_stores_prometheuses_and_configmaps_only()
    {
        Assert.Equal("monitor.tkestack.io", _group.Name);
        Assert.Equal(new[] { "configmaps", "prometheuses" }, _group.Kinds.Select(k => k.Plural).Order());
        Assert.DoesNotContain(_group.Kinds, k => k.ObjectType == typeof(Metric));
    }

    [Fact]
    public void Catalog_accepts_all_three_groups() =>
        Assert.NotNull(new KindCatalog([new Tke.Platform.Apis.PlatformApiGroup(), new Tke.Business.Apis.BusinessApiGroup(), _group]).Find("monitor.tkestack.io", "v1", "prometheuses"));

    [Fact]
    public void Metric_query_json_uses_TKEStack_field_names()
    {
        const string body = """
            {"kind":"Metric","apiVersion":"monitor.tkestack.io/v1","metadata":{"name":"q"},
             "query":{"table":"k8s_pod","startTime":1590000000000,"endTime":1590003600000,
                      "fields":["max(k8s_pod_cpu_core_used)"],"conditions":[{"key":"tke_cluster_instance_id","expr":"=","value":"cls-abc123"}],
                      "orderBy":"timestamp","order":"asc","groupBy":["timestamp(60s)"],"limit":100,"offset":0}}
            """;
        var metric = JsonSerializer.Deserialize<Metric>(body, ApiJson.Options)!;
        Assert.Equal("k8s_pod", metric.Query!.Table);
        Assert.Equal(1590003600000, metric.Query.EndTime);
        Assert.Equal("cls-abc123", metric.Query.Conditions[0].Value);
        Assert.Contains("\"groupBy\":[\"timestamp(60s)\"]", JsonSerializer.Serialize(metric, ApiJson.Options), StringComparison.Ordinal);
    }
}
