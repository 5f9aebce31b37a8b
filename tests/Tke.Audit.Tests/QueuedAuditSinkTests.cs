using System.Diagnostics;

namespace Tke.Audit.Tests;

public sealed class QueuedAuditSinkTests
{
    [Fact]
    public async Task Records_given_to_the_sink_become_queryable()
    {
        using var db = new TempAuditLog();
        await using var sink = new QueuedAuditSink(db.Log, new AuditQueueOptions { Capacity = 1000, MaxBatchSize = 7 });
        for (var i = 0; i < 50; i++)
        {
            sink.Record(Records.Make(name: $"r{i:D2}"));
        }

        await sink.FlushAsync();
        Assert.Equal(50, sink.Written);
        Assert.Equal(0, sink.Dropped);
        Assert.Equal(Enumerable.Range(0, 50).Reverse().Select(i => $"r{i:D2}"), db.Log.Query(new AuditQuery()).Records().Select(r => r.ObjectRef!.Name));
    }

    [Fact]
    public async Task A_full_queue_drops_and_counts_instead_of_blocking()
    {
        using var release = new ManualResetEventSlim();
        var writer = new StalledWriter(release);
        var sink = new QueuedAuditSink(writer, new AuditQueueOptions { Capacity = 4, MaxBatchSize = 1 });

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++)
        {
            sink.Record(Records.Make(name: $"r{i}"));
        }

        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"Record blocked for {watch.Elapsed}");

        // At most the queue's capacity plus the one batch the stalled writer holds got in.
        Assert.InRange(sink.Dropped, 1000 - 5, 1000 - 4);

        release.Set();
        await sink.DisposeAsync();
        Assert.Equal(1000, sink.Dropped + sink.Written);
        Assert.Equal(sink.Written, writer.Count);
    }

    [Fact]
    public async Task A_failing_store_loses_its_batch_but_the_sink_keeps_going()
    {
        var writer = new FlakyWriter();
        await using var sink = new QueuedAuditSink(writer, new AuditQueueOptions { MaxBatchSize = 1 });
        sink.Record(Records.Make(name: "fails"));
        await sink.FlushAsync();
        sink.Record(Records.Make(name: "works"));
        await sink.FlushAsync();
        Assert.Equal(1, sink.Failed);
        Assert.Equal(1, sink.Written);
        Assert.Equal(["works"], writer.Names);
    }

    private sealed class StalledWriter(ManualResetEventSlim release) : IAuditBatchWriter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void WriteBatch(IReadOnlyList<AuditRecord> records)
        {
            release.Wait();
            Interlocked.Add(ref _count, records.Count);
        }
    }

    private sealed class FlakyWriter : IAuditBatchWriter
    {
        private bool _failed;

        public List<string> Names { get; } = [];

        public void WriteBatch(IReadOnlyList<AuditRecord> records)
        {
            if (!_failed)
            {
                _failed = true;
                throw new IOException("disk full");
            }

            Names.AddRange(records.Select(r => r.ObjectRef!.Name!));
        }
    }
}
