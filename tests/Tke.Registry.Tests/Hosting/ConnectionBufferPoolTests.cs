using System.Net;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tke.ApiServer.Hosting;

namespace Tke.Registry.Tests.Hosting;

/// <summary>The pool Kestrel reads request bodies into: large blocks, reused, released when idle.</summary>
public sealed class ConnectionBufferPoolTests
{
    [Fact]
    public void Blocks_are_64_KiB_and_larger_requests_are_refused()
    {
        using var pool = new ConnectionBufferPool(null);
        using var block = pool.Rent(4096);
        Assert.Equal(ConnectionBufferPool.BlockSize, block.Memory.Length);
        Assert.Equal(64 * 1024, pool.MaxBufferSize);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(ConnectionBufferPool.BlockSize + 1));
    }

    [Fact]
    public void A_returned_block_is_handed_out_again_and_a_second_dispose_does_not_free_it_twice()
    {
        using var pool = new ConnectionBufferPool(null);
        var first = pool.Rent();
        var array = ArrayOf(first);
        first.Dispose();
        first.Dispose();
        Assert.Equal(1, pool.FreeBlocks);

        using var again = pool.Rent();
        using var other = pool.Rent();
        Assert.Same(array, ArrayOf(again));
        Assert.NotSame(array, ArrayOf(other));
        Assert.Equal(0, pool.FreeBlocks);
    }

    [Fact]
    public void Trimming_releases_only_the_blocks_that_stayed_unused_for_a_whole_interval()
    {
        using var pool = new ConnectionBufferPool(null);
        var blocks = Enumerable.Range(0, 10).Select(_ => pool.Rent()).ToList();
        blocks.ForEach(b => b.Dispose());
        Assert.Equal(10, pool.FreeBlocks);

        // The blocks were in use during the first interval: nothing is released yet.
        pool.Trim();
        Assert.Equal(10, pool.FreeBlocks);

        // Three are needed at once during the next interval: the seven never touched go.
        var busy = Enumerable.Range(0, 3).Select(_ => pool.Rent()).ToList();
        busy.ForEach(b => b.Dispose());
        pool.Trim();
        Assert.Equal(3, pool.FreeBlocks);

        // A quiet interval releases the rest.
        pool.Trim();
        Assert.Equal(0, pool.FreeBlocks);
    }

    [Fact]
    public void After_disposal_renting_fails_and_returns_are_dropped()
    {
        var pool = new ConnectionBufferPool(null);
        var block = pool.Rent();
        pool.Dispose();
        Assert.Throws<ObjectDisposedException>(() => pool.Rent());
        block.Dispose();
        Assert.Equal(0, pool.FreeBlocks);
    }

    [Fact]
    public async Task Kestrel_reads_a_request_body_into_64_KiB_blocks_and_it_arrives_intact()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        ConnectionBufferPoolFactory.Register(builder.Services, TimeProvider.System);
        await using var app = builder.Build();
        long largestSegment = 0;
        app.Run(async context =>
        {
            var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            while (true)
            {
                var result = await context.Request.BodyReader.ReadAsync();
                foreach (var segment in result.Buffer)
                {
                    largestSegment = Math.Max(largestSegment, segment.Length);
                    hash.AppendData(segment.Span);
                }

                context.Request.BodyReader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }

            await context.Response.WriteAsync(Convert.ToHexStringLower(hash.GetHashAndReset()));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var body = new byte[8 << 20];
        Random.Shared.NextBytes(body);
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        using var response = await client.PostAsync("/", new ByteArrayContent(body));
        response.EnsureSuccessStatusCode();

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body)), await response.Content.ReadAsStringAsync());
        // Kestrel's own pool would have read no more than 4 KiB at a time.
        Assert.True(largestSegment > 4096, $"largest segment read was {largestSegment} bytes");
        Assert.True(largestSegment <= ConnectionBufferPool.BlockSize, $"largest segment read was {largestSegment} bytes");
        await app.StopAsync();
    }

    private static byte[] ArrayOf(System.Buffers.IMemoryOwner<byte> block) =>
        MemoryMarshal.TryGetArray<byte>(block.Memory, out var segment) ? segment.Array! : throw new InvalidOperationException("not array-backed");
}
