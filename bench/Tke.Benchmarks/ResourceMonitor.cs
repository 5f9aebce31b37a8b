using System.Diagnostics;

namespace Tke.Benchmarks;

/// <summary>
/// Samples the server's and the client's resident memory and threads every 100 ms, and
/// measures per phase how much CPU the server, this client and everything else used, to tell
/// which side is the bottleneck and whether other work on the machine disturbed a phase.
/// </summary>
public sealed class ResourceMonitor : IAsyncDisposable
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);

    private readonly ServerProcess? _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly object _gate = new();
    private Peaks _phase;

    public ResourceMonitor(ServerProcess? server)
    {
        _server = server;
        _sampling = Task.Run(() => SampleAsync(_stop.Token));
    }

    /// <summary>The highest server VmRSS seen by any sample, over the whole run.</summary>
    public long ServerPeakRssSampled { get; private set; }

    public PhaseMeter BeginPhase()
    {
        lock (_gate)
        {
            _phase = default;
        }

        Sample();
        return new PhaseMeter(this, Snapshot());
    }

    /// <summary>
    /// Waits, at most <paramref name="maxWait"/>, until every process other than the server and this
    /// client together use under <paramref name="thresholdCores"/> over one second, so that a phase does
    /// not start while the machine is busy with something else. Returns the last load measured.
    /// </summary>
    public async Task<double> WaitForQuietAsync(double thresholdCores, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var reported = false;
        while (true)
        {
            var before = Snapshot();
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var after = Snapshot();
            var seconds = Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp).TotalSeconds;
            var other = ((after.Machine - before.Machine) - (after.Server - before.Server) - (after.Client - before.Client)).TotalSeconds / seconds;
            if (other < thresholdCores || Stopwatch.GetElapsedTime(started) >= maxWait)
            {
                if (reported || other >= thresholdCores)
                {
                    Progress.Report(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"other processes use {other:F2} cores after waiting {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s{(other >= thresholdCores ? "; going ahead anyway" : "")}"));
                }

                return other;
            }

            if (!reported)
            {
                Progress.Report(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"other processes use {other:F2} cores; waiting up to {maxWait.TotalSeconds:F0} s for them to drop below {thresholdCores:F2}"));
                reported = true;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _sampling;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(SampleInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            Sample();
        }
    }

    private void Sample()
    {
        var server = _server?.ReadStatus();
        var client = ProcessStatus.Read(Environment.ProcessId);
        lock (_gate)
        {
            _phase = new Peaks(
                Math.Max(_phase.ServerRss, server?.RssBytes ?? 0),
                Math.Max(_phase.ServerThreads, server?.Threads ?? 0),
                Math.Max(_phase.ClientThreads, client?.Threads ?? 0),
                Math.Max(_phase.ClientThreadPool, ThreadPool.ThreadCount));
            ServerPeakRssSampled = Math.Max(ServerPeakRssSampled, _phase.ServerRss);
        }
    }

    private CpuSnapshot Snapshot() => new(
        Stopwatch.GetTimestamp(),
        ServerCpuTime(),
        ProcessStatus.ReadCpuTime(Environment.ProcessId),
        MachineCpu.ReadBusyTime());

    private TimeSpan ServerCpuTime()
    {
        try
        {
            return _server is { HasExited: false } s ? ProcessStatus.ReadCpuTime(s.Pid) : TimeSpan.Zero;
        }
        catch (IOException)
        {
            return TimeSpan.Zero; // exited between the check and the read
        }
    }

    internal readonly record struct CpuSnapshot(long Timestamp, TimeSpan Server, TimeSpan Client, TimeSpan Machine);

    private readonly record struct Peaks(long ServerRss, int ServerThreads, int ClientThreads, int ClientThreadPool);

    /// <summary>Measures one phase from <see cref="BeginPhase"/> to <see cref="End"/>.</summary>
    public sealed class PhaseMeter
    {
        private readonly ResourceMonitor _monitor;
        private readonly CpuSnapshot _start;

        internal PhaseMeter(ResourceMonitor monitor, CpuSnapshot start)
        {
            _monitor = monitor;
            _start = start;
        }

        public PhaseUsage End()
        {
            _monitor.Sample();
            var end = _monitor.Snapshot();
            var wall = Stopwatch.GetElapsedTime(_start.Timestamp, end.Timestamp);
            var seconds = Math.Max(wall.TotalSeconds, 1e-3);
            var server = (end.Server - _start.Server).TotalSeconds / seconds;
            var client = (end.Client - _start.Client).TotalSeconds / seconds;
            var machine = (end.Machine - _start.Machine).TotalSeconds / seconds;
            Peaks peaks;
            lock (_monitor._gate)
            {
                peaks = _monitor._phase;
            }

            return new PhaseUsage(wall, _monitor._server is null ? null : server, client, Math.Max(0, machine - server - client),
                _monitor._server is null ? null : peaks.ServerRss, peaks.ServerThreads, peaks.ClientThreads, peaks.ClientThreadPool);
        }
    }
}

/// <summary>CPU in cores used on average (1.0 = one core busy for the whole phase).</summary>
public sealed record PhaseUsage(
    TimeSpan Wall,
    double? ServerCores,
    double ClientCores,
    double OtherCores,
    long? ServerPeakRssBytes,
    int ServerThreads,
    int ClientThreads,
    int ClientThreadPoolThreads);
