using System.Globalization;
using System.Text;
using Tke.ApiMachinery.Objects;

namespace Tke.ApiMachinery.Validation;

/// <summary>
/// The metadata checks Kubernetes applies to every object on create and update, with its field
/// paths (under "metadata") and messages.
/// </summary>
public static class ObjectMetaValidation
{
    /// <summary>Total bytes of annotation keys and values allowed on one object.</summary>
    public const int TotalAnnotationSizeLimit = 256 * 1024;

    public const string ImmutableMessage = "field is immutable";

    private const string FinalizerOrphanDependents = "orphan";
    private const string FinalizerDeleteDependents = "foregroundDeletion";

    public static void ValidateCreate(ObjectMeta meta, bool namespaced, FieldErrorList errors) =>
        ValidateCreate(meta, namespaced, null, errors);

    /// <summary>
    /// Checks a new object's metadata. <paramref name="nameRule"/> validates name and generateName
    /// (default: DNS subdomain); a cluster-scoped object must not carry a namespace.
    /// </summary>
    public static void ValidateCreate(ObjectMeta meta, bool namespaced, Func<string, IReadOnlyList<string>>? nameRule, FieldErrorList errors)
    {
        nameRule ??= Names.IsDns1123Subdomain;
        if (!string.IsNullOrEmpty(meta.GenerateName))
        {
            foreach (var message in nameRule(Names.MaskTrailingDash(meta.GenerateName)))
            {
                errors.Invalid("metadata.generateName", meta.GenerateName, message);
            }
        }

        if (string.IsNullOrEmpty(meta.Name))
        {
            if (string.IsNullOrEmpty(meta.GenerateName))
            {
                errors.Required("metadata.name", "name or generateName is required");
            }
        }
        else
        {
            foreach (var message in nameRule(meta.Name))
            {
                errors.Invalid("metadata.name", meta.Name, message);
            }
        }

        if (namespaced)
        {
            if (string.IsNullOrEmpty(meta.Namespace))
            {
                errors.Required("metadata.namespace");
            }
            else
            {
                foreach (var message in Names.IsDns1123Label(meta.Namespace))
                {
                    errors.Invalid("metadata.namespace", meta.Namespace, message);
                }
            }
        }
        else if (!string.IsNullOrEmpty(meta.Namespace))
        {
            errors.Forbidden("metadata.namespace", "not allowed on this type");
        }

        if (meta.Generation < 0)
        {
            errors.Invalid("metadata.generation", meta.Generation, "must be greater than or equal to 0");
        }

        ValidateCommon(meta, errors);
        ValidateFinalizers(meta.Finalizers, "metadata.finalizers", errors);
    }

    /// <summary>
    /// Checks an update against the stored metadata: name, namespace, uid, creationTimestamp,
    /// deletionTimestamp and deletionGracePeriodSeconds cannot change (an omitted uid or
    /// creationTimestamp counts as unchanged), no finalizer may be added once deletion has begun,
    /// and labels, annotations, owner references and finalizers must be well formed.
    /// </summary>
    public static void ValidateUpdate(ObjectMeta updated, ObjectMeta old, FieldErrorList errors)
    {
        if (old.DeletionTimestamp is not null)
        {
            ValidateNoNewFinalizers(updated.Finalizers, old.Finalizers, errors);
        }

        Immutable("metadata.name", updated.Name ?? "", old.Name ?? "", errors);
        Immutable("metadata.namespace", updated.Namespace ?? "", old.Namespace ?? "", errors);
        if (!string.IsNullOrEmpty(updated.Uid))
        {
            Immutable("metadata.uid", updated.Uid, old.Uid ?? "", errors);
        }

        if (updated.CreationTimestamp is { } created && !SameSecond(created, old.CreationTimestamp))
        {
            errors.Invalid("metadata.creationTimestamp", Timestamp(created), ImmutableMessage);
        }

        if (!SameSecond(updated.DeletionTimestamp, old.DeletionTimestamp))
        {
            errors.Invalid("metadata.deletionTimestamp", Timestamp(updated.DeletionTimestamp), ImmutableMessage);
        }

        if (old.DeletionGracePeriodSeconds is not null && updated.DeletionGracePeriodSeconds is { } grace && grace != old.DeletionGracePeriodSeconds)
        {
            errors.Invalid("metadata.deletionGracePeriodSeconds", grace, ImmutableMessage);
        }

        ValidateCommon(updated, errors);
        ValidateFinalizers(updated.Finalizers, "metadata.finalizers", errors);
    }

    /// <summary>Label keys must be qualified names and values valid label values.</summary>
    public static void ValidateLabels(IReadOnlyDictionary<string, string>? labels, string path, FieldErrorList errors)
    {
        if (labels is null)
        {
            return;
        }

        foreach (var (key, value) in labels)
        {
            foreach (var message in Names.IsQualifiedName(key))
            {
                errors.Invalid(path, key, message);
            }

            foreach (var message in Names.IsValidLabelValue(value ?? ""))
            {
                errors.Invalid(path, value, message);
            }
        }
    }

    /// <summary>Annotation keys must be qualified names (case-insensitively) and keys plus values
    /// may total at most 256 KiB.</summary>
    public static void ValidateAnnotations(IReadOnlyDictionary<string, string>? annotations, string path, FieldErrorList errors)
    {
        if (annotations is null)
        {
            return;
        }

        long totalSize = 0;
        foreach (var (key, value) in annotations)
        {
            foreach (var message in Names.IsQualifiedName(key.ToLowerInvariant()))
            {
                errors.Invalid(path, key, message);
            }

            totalSize += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value ?? "");
        }

        if (totalSize > TotalAnnotationSizeLimit)
        {
            errors.TooLong(path, TotalAnnotationSizeLimit);
        }
    }

    /// <summary>Finalizers must be qualified names, and "orphan" excludes "foregroundDeletion".</summary>
    public static void ValidateFinalizers(IReadOnlyList<string>? finalizers, string path, FieldErrorList errors)
    {
        if (finalizers is null)
        {
            return;
        }

        foreach (var finalizer in finalizers)
        {
            foreach (var message in Names.IsQualifiedName(finalizer ?? ""))
            {
                errors.Invalid(path, finalizer, message);
            }
        }

        if (finalizers.Contains(FinalizerOrphanDependents) && finalizers.Contains(FinalizerDeleteDependents))
        {
            errors.Invalid(path, GoStringSlice(finalizers), $"finalizer {FinalizerOrphanDependents} and {FinalizerDeleteDependents} cannot be both set");
        }
    }

    /// <summary>Each reference needs apiVersion (with a version), kind, name and uid; at most one may be the controller.</summary>
    public static void ValidateOwnerReferences(IReadOnlyList<OwnerReference>? references, string path, FieldErrorList errors)
    {
        if (references is null)
        {
            return;
        }

        string? firstController = null;
        foreach (var reference in references)
        {
            if (reference is null)
            {
                errors.Invalid(path, "null", "owner reference must not be null");
                continue;
            }

            ValidateOwnerReference(reference, path, errors);
            if (reference.Controller == true)
            {
                var current = reference.Kind + "/" + reference.Name;
                if (firstController is null)
                {
                    firstController = current;
                }
                else
                {
                    errors.Invalid(path, null, $"Only one reference can have Controller set to true. Found \"true\" in references for {firstController} and {current}");
                }
            }
        }
    }

    private static void ValidateCommon(ObjectMeta meta, FieldErrorList errors)
    {
        ValidateLabels(meta.Labels, "metadata.labels", errors);
        ValidateAnnotations(meta.Annotations, "metadata.annotations", errors);
        ValidateOwnerReferences(meta.OwnerReferences, "metadata.ownerReferences", errors);
    }

    private static void ValidateOwnerReference(OwnerReference reference, string path, FieldErrorList errors)
    {
        var apiVersion = reference.ApiVersion ?? "";
        var parts = apiVersion.Split('/');
        var version = parts.Length switch
        {
            1 => parts[0],
            2 when parts[0].Length > 0 => parts[1],
            _ => "",
        };
        if (version.Length == 0)
        {
            errors.Invalid(path + ".apiVersion", apiVersion, "version must not be empty");
        }

        if (string.IsNullOrEmpty(reference.Kind))
        {
            errors.Invalid(path + ".kind", reference.Kind ?? "", "kind must not be empty");
        }

        if (string.IsNullOrEmpty(reference.Name))
        {
            errors.Invalid(path + ".name", reference.Name ?? "", "name must not be empty");
        }

        if (string.IsNullOrEmpty(reference.Uid))
        {
            errors.Invalid(path + ".uid", reference.Uid ?? "", "uid must not be empty");
        }

        // Events are never owners in Kubernetes: garbage collection would delete them wrongly.
        if (apiVersion == "v1" && reference.Kind == "Event")
        {
            errors.Invalid(path, $"{reference.Kind}/{reference.Name}", "/v1, Kind=Event is disallowed from being an owner");
        }
    }

    private static void ValidateNoNewFinalizers(List<string>? updated, List<string>? old, FieldErrorList errors)
    {
        var added = (updated ?? []).Except(old ?? [], StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (added.Count > 0)
        {
            errors.Forbidden("metadata.finalizers", $"no new finalizers can be added if the object is being deleted, found new finalizers {GoStringSlice(added)}");
        }
    }

    private static void Immutable(string path, string updated, string old, FieldErrorList errors)
    {
        if (updated != old)
        {
            errors.Invalid(path, updated, ImmutableMessage);
        }
    }

    /// <summary>Timestamps travel as RFC 3339 with whole seconds, so sub-second differences are not changes.</summary>
    private static bool SameSecond(DateTimeOffset? a, DateTimeOffset? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        return a.Value.ToUnixTimeSeconds() == b.Value.ToUnixTimeSeconds();
    }

    private static string? Timestamp(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Go's %#v rendering of a []string, which Kubernetes puts in these messages.</summary>
    private static string GoStringSlice(IEnumerable<string> values) =>
        "[]string{" + string.Join(", ", values.Select(v => "\"" + v + "\"")) + "}";
}
