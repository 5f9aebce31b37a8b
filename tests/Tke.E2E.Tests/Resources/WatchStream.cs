using System.Text.Json.Nodes;

namespace Tke.E2E.Tests.Resources;

/// <summary>An open ?watch=1 response read one newline-delimited event at a time.</summary>
public sealed class WatchStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly List<string> _seen = [];

    private WatchStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public int Code => (int)_response.StatusCode;

    /// <summary>Opens the watch; the response headers are read, the body is not.</summary>
    public static async Task<WatchStream> OpenAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        return new WatchStream(response, reader);
    }

    /// <summary>The next event ({type, object}); fails with the events so far if none comes in time.</summary>
    public async Task<JsonObject> NextAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        string? line;
        try
        {
            do
            {
                line = await _reader.ReadLineAsync(deadline.Token);
            }
            while (line is { Length: 0 });
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"no watch event within the timeout; events so far:\n{string.Join('\n', _seen)}");
        }

        if (line is null)
        {
            throw new Xunit.Sdk.XunitException($"the watch ended; events so far:\n{string.Join('\n', _seen)}");
        }

        _seen.Add(line);
        return JsonNode.Parse(line)!.AsObject();
    }

    /// <summary>The next event that is not a BOOKMARK.</summary>
    public async Task<JsonObject> NextChangeAsync()
    {
        while (true)
        {
            var e = await NextAsync();
            if ((string?)e["type"] != "BOOKMARK")
            {
                return e;
            }
        }
    }

    /// <summary>The body of a watch that was refused (e.g. 410), read in full.</summary>
    public Task<string> ReadToEndAsync() => _reader.ReadToEndAsync();

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }

    public static string TypeAndName(JsonObject e) => $"{(string?)e["type"]} {(string?)e["object"]?["metadata"]?["name"]}";
}
