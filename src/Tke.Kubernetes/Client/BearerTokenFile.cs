namespace Tke.Kubernetes.Client;

/// <summary>
/// A token kept in a file that is rewritten as it rotates (projected service-account tokens):
/// read again at most once a minute.
/// </summary>
internal sealed class BearerTokenFile(string path)
{
    private static readonly TimeSpan RereadInterval = TimeSpan.FromMinutes(1);
    private readonly Lock _lock = new();
    private string? _token;
    private DateTime _readAt;

    public string Read()
    {
        lock (_lock)
        {
            var now = DateTime.UtcNow;
            if (_token is null || now - _readAt > RereadInterval)
            {
                try
                {
                    _token = File.ReadAllText(path).Trim();
                    _readAt = now;
                }
                catch (IOException) when (_token is not null)
                {
                    // Mid-rotation the file can be briefly missing; the previous token is still valid then.
                }
            }

            return _token;
        }
    }
}
