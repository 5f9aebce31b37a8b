using Tke.ApiMachinery.Selectors;

namespace Tke.ApiMachinery.Store;

/// <summary>How a list reads: which revision and which objects.</summary>
public enum ResourceVersionMatch
{
    /// <summary>No resourceVersion given: the latest state (a consistent read).</summary>
    Latest,

    /// <summary>resourceVersion=N (or resourceVersionMatch=NotOlderThan): any state at least as new as N.</summary>
    NotOlderThan,

    /// <summary>resourceVersionMatch=Exact: the state exactly at N.</summary>
    Exact,
}

/// <summary>The query of a list or watch: selectors and paging, already parsed.</summary>
public sealed record ListQuery
{
    public LabelSelector Labels { get; init; } = LabelSelector.Everything;

    public FieldSelector? Fields { get; init; }

    public int Limit { get; init; }

    public ContinueToken? Continue { get; init; }

    public long ResourceVersion { get; init; }

    public ResourceVersionMatch Match { get; init; } = ResourceVersionMatch.Latest;

    /// <summary>Only objects of this tenant (for tenant-scoped kinds); null for all tenants.</summary>
    public string? Tenant { get; init; }

    public bool HasSelectors => !Labels.IsEmpty || Fields is { Requirements.Count: > 0 } || Tenant is not null;
}

/// <summary>A page of a list.</summary>
public sealed record ListPage(IReadOnlyList<StoredItem> Items, long Revision, ContinueToken? Continue, long? RemainingItemCount);
