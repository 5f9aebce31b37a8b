using System.Globalization;
using System.Text;

namespace Tke.SimCluster.Streaming.PortForward;

/// <summary>
/// What answers on a port a simulated container declares: a tiny HTTP/1.1 server that replies
/// 200 with a text body naming the pod, container and port to every request, keeping the
/// connection open between requests unless asked to close. Anything that is not HTTP gets 400
/// and the connection ends.
/// </summary>
public sealed class SimulatedHttpResponder(string podNamespace, string podName, string container, int port)
{
    private const int MaxHeaderBytes = 64 * 1024;

    public string Body(string method, string target) =>
        $"simulated pod {podNamespace}/{podName}, container {container}, port {port}: {method} {target} answered by the tke sim-cluster; no process runs in a simulated cluster\n";

    /// <summary>Serves requests from <paramref name="input"/> until it ends or a response closes the connection.</summary>
    public async Task ServeAsync(Stream input, Stream output, CancellationToken cancellationToken)
    {
        var reader = new RequestReader(input);
        while (true)
        {
            var head = await reader.ReadHeadAsync(cancellationToken);
            if (head is null)
            {
                return;
            }

            var lines = head.Split("\r\n");
            var requestLine = lines[0].Split(' ');
            if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
            {
                await WriteAsync(output, "400 Bad Request", "the simulated HTTP responder understands HTTP/1.x requests only\n", close: true, includeBody: true, cancellationToken);
                return;
            }

            var headers = lines.Skip(1)
                .Select(l => l.Split(':', 2))
                .Where(p => p.Length == 2)
                .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.OrdinalIgnoreCase);
            if (!await reader.SkipBodyAsync(headers, cancellationToken))
            {
                await WriteAsync(output, "400 Bad Request", "the request body could not be read\n", close: true, includeBody: true, cancellationToken);
                return;
            }

            var (method, target, version) = (requestLine[0], requestLine[1], requestLine[2]);
            var connection = headers.GetValueOrDefault("Connection") ?? "";
            var close = connection.Contains("close", StringComparison.OrdinalIgnoreCase)
                || (version == "HTTP/1.0" && !connection.Contains("keep-alive", StringComparison.OrdinalIgnoreCase));
            await WriteAsync(output, "200 OK", Body(method, target), close, includeBody: method != "HEAD", cancellationToken);
            if (close)
            {
                return;
            }
        }
    }

    private static async Task WriteAsync(Stream output, string status, string body, bool close, bool includeBody, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var response = new StringBuilder()
            .Append("HTTP/1.1 ").Append(status).Append("\r\n")
            .Append("Content-Type: text/plain; charset=utf-8\r\n")
            .Append("Content-Length: ").Append(bytes.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("Connection: ").Append(close ? "close" : "keep-alive").Append("\r\n")
            .Append("\r\n");
        var head = Encoding.ASCII.GetBytes(response.ToString());
        await output.WriteAsync(includeBody ? [.. head, .. bytes] : head, cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>Reads request heads and bodies from a byte stream that may hold several requests.</summary>
    private sealed class RequestReader(Stream input)
    {
        private readonly byte[] _buffer = new byte[8192];
        private readonly List<byte> _pending = [];
        private bool _ended;

        /// <summary>The request line and headers, or null when the input ends first.</summary>
        public async Task<string?> ReadHeadAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var end = IndexOfHeadEnd();
                if (end >= 0)
                {
                    var head = Encoding.ASCII.GetString(_pending.GetRange(0, end).ToArray());
                    _pending.RemoveRange(0, end + 4);
                    return head;
                }

                if (_pending.Count > MaxHeaderBytes || !await FillAsync(cancellationToken))
                {
                    return null;
                }
            }
        }

        /// <summary>Skips a Content-Length or chunked body; false when it is malformed or cut short.</summary>
        public async Task<bool> SkipBodyAsync(Dictionary<string, string> headers, CancellationToken cancellationToken)
        {
            if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                while (true)
                {
                    var line = await ReadLineAsync(cancellationToken);
                    if (line is null || !long.TryParse(line.Split(';')[0].Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size))
                    {
                        return false;
                    }

                    if (size == 0)
                    {
                        // Trailers end with an empty line.
                        while (await ReadLineAsync(cancellationToken) is { Length: > 0 })
                        {
                        }

                        return true;
                    }

                    if (!await SkipAsync(size + 2, cancellationToken))
                    {
                        return false;
                    }
                }
            }

            if (headers.TryGetValue("Content-Length", out var lengthText))
            {
                return long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length) && await SkipAsync(length, cancellationToken);
            }

            return true;
        }

        private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                for (var i = 0; i + 1 < _pending.Count; i++)
                {
                    if (_pending[i] == '\r' && _pending[i + 1] == '\n')
                    {
                        var line = Encoding.ASCII.GetString(_pending.GetRange(0, i).ToArray());
                        _pending.RemoveRange(0, i + 2);
                        return line;
                    }
                }

                if (_pending.Count > MaxHeaderBytes || !await FillAsync(cancellationToken))
                {
                    return null;
                }
            }
        }

        private async Task<bool> SkipAsync(long count, CancellationToken cancellationToken)
        {
            while (count > 0)
            {
                if (_pending.Count == 0 && !await FillAsync(cancellationToken))
                {
                    return false;
                }

                var take = (int)Math.Min(count, _pending.Count);
                _pending.RemoveRange(0, take);
                count -= take;
            }

            return true;
        }

        private int IndexOfHeadEnd()
        {
            for (var i = 0; i + 3 < _pending.Count; i++)
            {
                if (_pending[i] == '\r' && _pending[i + 1] == '\n' && _pending[i + 2] == '\r' && _pending[i + 3] == '\n')
                {
                    return i;
                }
            }

            return -1;
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            if (_ended)
            {
                return false;
            }

            var read = await input.ReadAsync(_buffer, cancellationToken);
            if (read == 0)
            {
                _ended = true;
                return false;
            }

            _pending.AddRange(_buffer.AsSpan(0, read));
            return true;
        }
    }
}
