using System.Net;

namespace Tke.Benchmarks;

/// <summary>
/// A short unmeasured round of creates, gets, lists and deletes, so that the first measured
/// phase does not pay for the server's (and the client's) JIT compilation and connection set-up.
/// </summary>
public sealed class WarmUp(BenchmarkContext context)
{
    private const int Objects = 300;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Progress.Report($"warm-up: {Objects} creates, 2 s of gets, 3 lists, {Objects} deletes (not measured)");
        var created = await new CreatePhase(context).CreateAsync(context.RunId + "-warm", Objects, 16, cancellationToken);
        if (created.Names.Length == 0)
        {
            throw new InvalidOperationException("the warm-up could not create any object: " + string.Join(" | ", created.Errors.Reasons));
        }

        await new GetPhase(context).GetAsync(created.Names, 16, TimeSpan.FromSeconds(2), cancellationToken);
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

        var deleted = await new ObjectCleanup(context).DeleteAsync(created.Names, 16, cancellationToken);
        if (deleted != created.Names.Length)
        {
            Progress.Report($"warm-up: only {deleted} of {created.Names.Length} warm-up objects were deleted; the list phase will include the rest");
        }
    }
}
