using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Tke.Auth.Apis.Subjects;

[Description("A user or group referenced by ID or by name.")]
public sealed class Subject
{
    [JsonPropertyName("id"), Description("ID of the user or group.")]
    public string Id { get; set; } = "";

    [JsonPropertyName("name"), Description("Name of the user or group.")]
    public string Name { get; set; } = "";
}
