using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Platform.Apis.Addons;

[Description("PersistentEvent installs an event exporter into a cluster that copies Kubernetes events (kept only one hour by etcd) to a persistent backend such as Elasticsearch.")]
public sealed class PersistentEvent : ApiObject<PersistentEventSpec, AddonStatus>
{
}

[Description("Desired state of event persistence for one cluster.")]
public sealed class PersistentEventSpec : AddonSpec
{
    [JsonPropertyName("persistentBackEnd"), Description("Where events are stored; exactly one backend.")]
    public PersistentBackEnd? PersistentBackEnd { get; set; }
}

[Description("The storage backend of persisted events; set exactly one of cls or es.")]
public sealed class PersistentBackEnd
{
    [JsonPropertyName("cls"), Description("Tencent Cloud Log Service.")]
    public StorageBackEndCLS? CLS { get; set; }

    [JsonPropertyName("es"), Description("Elasticsearch (version 5, without authentication).")]
    public StorageBackEndES? ES { get; set; }
}

[Description("A Tencent Cloud Log Service topic.")]
public sealed class StorageBackEndCLS
{
    [JsonPropertyName("logSetID"), Description("Log set id.")]
    public string? LogSetID { get; set; }

    [JsonPropertyName("topicID"), Description("Topic id.")]
    public string? TopicID { get; set; }
}

[Description("An Elasticsearch index.")]
public sealed class StorageBackEndES
{
    [JsonPropertyName("ip"), Description("Host name or IP of Elasticsearch.")]
    public string? IP { get; set; }

    [JsonPropertyName("port"), Range(1, 65535), Description("Port of Elasticsearch.")]
    public int? Port { get; set; }

    [JsonPropertyName("scheme"), AllowedValues("http", "https"), Description("http or https.")]
    public string? Scheme { get; set; }

    [JsonPropertyName("indexName"), MaxLength(60), RegularExpression("^[a-z][-a-z0-9_+]*$"), Description("Index name: at most 60 characters of lower-case letters, digits, '-', '_' and '+', starting with a letter.")]
    public string? IndexName { get; set; }
}
