namespace Tke.Storage.Sqlite;

internal enum WriteKind
{
    Create,
    Update,
    Delete,
    Compact,
}

/// <summary>
/// A write waiting for the group commit. It is its own completion source (one allocation less
/// per write); continuations run asynchronously so callers never run on the writer thread.
/// </summary>
internal sealed class PendingWrite(WriteKind kind, string key, byte[]? value, long revision, CancellationToken cancellation)
    : TaskCompletionSource<WriteResult>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public WriteKind Kind { get; } = kind;

    public string Key { get; } = key;

    public byte[]? Value { get; } = value;

    /// <summary>The expected ModRevision (update, delete) or the revision to compact to.</summary>
    public long Revision { get; } = revision;

    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>Set while the batch is applied; delivered only once the batch is committed.</summary>
    public WriteResult? Result { get; set; }

    /// <summary>A failure of this write alone (e.g. compacting a future revision); the batch still commits.</summary>
    public Exception? Failure { get; set; }

    public bool Skipped { get; set; }

    public void Deliver()
    {
        if (Skipped)
        {
            TrySetCanceled(Cancellation);
        }
        else if (Failure is not null)
        {
            TrySetException(Failure);
        }
        else
        {
            TrySetResult(Result!);
        }
    }
}
