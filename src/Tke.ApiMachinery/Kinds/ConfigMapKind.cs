using System.Text.RegularExpressions;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Validation;

namespace Tke.ApiMachinery.Kinds;

/// <summary>
/// The ConfigMap kind of one API group. Each TKEStack group registers its own copy
/// (<c>new ConfigMapKind(GroupName)</c>) over the shared <see cref="ConfigMap"/> type.
/// Key and size rules are Kubernetes' core ConfigMap rules.
/// </summary>
public sealed partial class ConfigMapKind(string group) : KindDefinition<ConfigMap>
{
    public const int MaxKeyLength = 253;

    /// <summary>Same ceiling as Kubernetes (1 MiB), so a ConfigMap always fits one store value.</summary>
    public const int MaxTotalBytes = 1024 * 1024;

    public override string Group { get; } = group;

    public override string Version => "v1";

    public override string Kind => "ConfigMap";

    public override string Plural => "configmaps";

    public override bool HasStatusSubresource => false;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Data", c => (c.Data?.Count ?? 0) + (c.BinaryData?.Count ?? 0), "integer", description: "Number of keys in data and binaryData."),
    ];

    protected override void Validate(ConfigMap obj, FieldErrorList errors)
    {
        long totalBytes = 0;
        foreach (var (key, value) in obj.Data ?? [])
        {
            ValidateKey(key, "data", errors);
            totalBytes += System.Text.Encoding.UTF8.GetByteCount(value ?? "");
            if (obj.BinaryData?.ContainsKey(key) == true)
            {
                errors.Invalid($"data[{key}]", key, "duplicate of key present in binaryData");
            }
        }

        foreach (var (key, value) in obj.BinaryData ?? [])
        {
            ValidateKey(key, "binaryData", errors);
            totalBytes += value?.Length ?? 0;
        }

        if (totalBytes > MaxTotalBytes)
        {
            errors.TooLong("data", MaxTotalBytes);
        }
    }

    private static void ValidateKey(string key, string field, FieldErrorList errors)
    {
        var path = $"{field}[{key}]";
        if (key.Length > MaxKeyLength)
        {
            errors.TooLong(path, MaxKeyLength);
        }
        else if (!KeyPattern().IsMatch(key))
        {
            errors.Invalid(path, key, "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name', or 'KEY_NAME', or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
        }
        else if (key is "." or ".." || key.StartsWith("..", StringComparison.Ordinal))
        {
            errors.Invalid(path, key, "must not be '.' or '..' and must not start with '..'");
        }
    }

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex KeyPattern();
}
