namespace Tke.Audit;

/// <summary>Where the request path hands audit records. Implementations must return at once:
/// auditing must never slow down or fail the request it describes.</summary>
public interface IAuditSink
{
    void Record(AuditRecord record);
}

/// <summary>Durable storage that accepts records in batches (one transaction per batch).</summary>
public interface IAuditBatchWriter
{
    void WriteBatch(IReadOnlyList<AuditRecord> records);
}
