using System.Net;

namespace Tke.Benchmarks;

/// <summary>
/// An unmeasured round of creates, gets, lists and deletes, so that the measured phases do not
/// pay for the server's (and the client's) JIT compilation: tiered compilation with PGO goes
/// through an instrumented tier and recompiles hot methods in the background for several seconds.
/// </summary>
public sealed class WarmUp(BenchmarkContext context)
{
    private static readonly TimeSpan GetTime = TimeSpan.FromSeconds(3);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var objects = context.Options.Quick ? 300 : 3000;
        Progress.Report($"warm-up: {objects} creates, {GetTime.TotalSeconds:F0} s of gets, 3 lists, {objects} deletes (not measured)");
        var created = await new CreatePhase(context).CreateAsync(context.RunId + "-warm", objects, context.Options.CreateClients, cancellationToken);
        if (created.Names.Length == 0)
        {
            throw new InvalidOperationException("the warm-up could not create any object: " + string.Join(" | ", created.Errors.Reasons));
        }

        await new GetPhase(context).GetAsync(created.Names, context.Options.GetClients, context.Options.Quick ? TimeSpan.FromSeconds(1) : GetTime, cancellationToken);
        using (var client = context.CreateClient(context.Options.Protocol, 1))
        {
            for (var i = 0; i < 3; i++)
            {
                using var reply = await client.Http.GetAsync(context.CollectionUri, cancellationToken);
                if (reply.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"the warm-up list failed: HTTP {(int)reply.StatusCode}");
                }

                await reply.Content.ReadAsByteArrayAsync(cancellationToken);
            }
        }

        var deleted = await new ObjectCleanup(context).DeleteAsync(created.Names, context.Options.CreateClients, cancellationToken);
        if (deleted != created.Names.Length)
        {
            Progress.Report($"warm-up: only {deleted} of {created.Names.Length} warm-up objects were deleted; the list phase will include the rest");
        }
    }
}
