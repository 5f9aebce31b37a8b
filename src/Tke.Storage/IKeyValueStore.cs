namespace Tke.Storage;

/// <summary>
/// A key-value store shaped like etcd v3's MVCC model: every successful write gets the next
/// value of one store-wide, strictly increasing revision; a key's <see cref="KeyValue.ModRevision"/>
/// is the revision of its last write and serves as the API object's resourceVersion.
/// Writes are compare-and-swap on that revision. History is kept until compacted, so lists
/// can be read at an older revision and watches can resume from one.
/// Every backend (embedded SQLite, etcd) must pass the conformance suite in the tests.
/// </summary>
public interface IKeyValueStore : IAsyncDisposable
{
    /// <summary>The revision of the latest committed write (0 for an empty, new store).</summary>
    long CurrentRevision { get; }

    /// <summary>Revisions at or below this one have been compacted away (0 if never compacted).</summary>
    long CompactedRevision { get; }

    /// <summary>Reads one key at the current revision; null when absent.</summary>
    ValueTask<KeyValue?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists keys starting with <paramref name="prefix"/>, in ascending byte order of key,
    /// strictly after <paramref name="startAfter"/> when given, at most <paramref name="limit"/>
    /// of them (0 means no limit). <paramref name="atRevision"/> 0 means the current revision;
    /// a positive value reads the state as of that revision and throws
    /// <see cref="RevisionCompactedException"/> when it is compacted, or
    /// <see cref="FutureRevisionException"/> when it is newer than the current revision.
    /// </summary>
    ValueTask<RangeResult> RangeAsync(string prefix, string? startAfter, int limit, long atRevision, CancellationToken cancellationToken = default);

    /// <summary>Counts the live keys under a prefix at the current revision.</summary>
    ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a key that must not exist. Durable when it returns.
    /// Fails with <see cref="WriteOutcome.AlreadyExists"/> otherwise.
    /// </summary>
    ValueTask<WriteResult> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a key's value if its current ModRevision equals <paramref name="expectedModRevision"/>.
    /// Fails with <see cref="WriteOutcome.NotFound"/> or <see cref="WriteOutcome.Conflict"/>
    /// (the result then carries the current KeyValue so callers can retry). Durable when it returns.
    /// </summary>
    ValueTask<WriteResult> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a key if its ModRevision equals <paramref name="expectedModRevision"/> (0 = unconditionally).
    /// The deletion takes a revision of its own. Durable when it returns.
    /// </summary>
    ValueTask<WriteResult> DeleteAsync(string key, long expectedModRevision, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams every change to keys under <paramref name="prefix"/> with revision greater than
    /// <paramref name="afterRevision"/>, in revision order, with no gaps and no duplicates,
    /// first the history then live changes, until cancelled. Throws
    /// <see cref="RevisionCompactedException"/> (on first MoveNextAsync) when
    /// afterRevision is below the compacted revision. A watcher that falls too far behind is
    /// ended with <see cref="WatchOverflowException"/> rather than slowing down writers.
    /// </summary>
    IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken = default);

    /// <summary>Discards history at or below <paramref name="revision"/>; current values are kept.</summary>
    ValueTask CompactAsync(long revision, CancellationToken cancellationToken = default);
}

/// <summary>A key at one revision.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The stored bytes.</param>
/// <param name="CreateRevision">Revision at which the key was (last) created.</param>
/// <param name="ModRevision">Revision of the key's last write; the resourceVersion.</param>
public sealed record KeyValue(string Key, ReadOnlyMemory<byte> Value, long CreateRevision, long ModRevision);

public sealed record RangeResult(IReadOnlyList<KeyValue> Items, long Revision, bool More);

public enum WriteOutcome
{
    Succeeded,
    AlreadyExists,
    NotFound,
    Conflict,
}

/// <summary>Outcome of a write. On success Revision is the new revision and Current the written key
/// (for a delete: the value that was deleted). On failure Current is the key's current state, if any.</summary>
public sealed record WriteResult(WriteOutcome Outcome, long Revision, KeyValue? Current)
{
    public bool Succeeded => Outcome == WriteOutcome.Succeeded;
}

public enum WatchEventType
{
    Put,
    Delete,
}

/// <summary>One change. For Put, Kv is the new state and IsCreate tells a creation from an update.
/// For Delete, Kv holds the deleted value with ModRevision set to the deletion's revision.
/// PrevKv is the state before the change (null on create).</summary>
public sealed record WatchEvent(WatchEventType Type, KeyValue Kv, KeyValue? PrevKv)
{
    public long Revision => Kv.ModRevision;
    public bool IsCreate => Type == WatchEventType.Put && PrevKv is null;
}

public sealed class RevisionCompactedException(long requested, long compacted)
    : Exception($"revision {requested} has been compacted; the oldest available is {compacted + 1}")
{
    public long Requested { get; } = requested;
    public long Compacted { get; } = compacted;
}

public sealed class FutureRevisionException(long requested, long current)
    : Exception($"revision {requested} is newer than the current revision {current}")
{
    public long Requested { get; } = requested;
    public long Current { get; } = current;
}

public sealed class WatchOverflowException(string prefix)
    : Exception($"watcher on {prefix} fell too far behind and was closed")
{
}
