namespace Tke.Benchmarks;

/// <summary>Runs N copies of an async worker loop on the thread pool and waits for all of them.</summary>
public static class ConcurrentWorkers
{
    public static Task RunAsync(int count, Func<int, Task> worker) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() => worker(i))));
}
