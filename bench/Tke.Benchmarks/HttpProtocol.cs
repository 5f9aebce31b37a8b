namespace Tke.Benchmarks;

public enum HttpProtocol
{
    Http11,
    Http2,
}

public static class HttpProtocolExtensions
{
    public static string Label(this HttpProtocol protocol) => protocol == HttpProtocol.Http2 ? "HTTP/2" : "HTTP/1.1";
}
