using System.Text;

namespace Tke.SimCluster.Streaming.Spdy;

/// <summary>
/// SPDY/3's preset zlib dictionary for header blocks (spdy-protocol-draft3, 2.6.10.1): the
/// compressor of each side starts with these 1423 bytes in its window, so a client's header
/// blocks refer to them and cannot be read without them.
/// </summary>
public static class SpdyHeaderDictionary
{
    /// <summary>Adler-32 of the dictionary: the id a zlib header with FDICT carries for it.</summary>
    public const uint Id = 0xe3c6a7c2;

    private const string Text =
        "\0\0\0\u0007options\0\0\0\u0004head\0\0\0\u0004post\0\0\0\u0003put\0\0\0\u0006delete\0\0\0\u0005"
        + "trace\0\0\0\u0006accept\0\0\0\u000eaccept-charset\0\0\0\u000faccept-encoding\0\0\0\u000faccept-l"
        + "anguage\0\0\0\u000daccept-ranges\0\0\0\u0003age\0\0\0\u0005allow\0\0\0\u000dauthorization\0\0\0"
        + "\u000dcache-control\0\0\0\u000aconnection\0\0\0\u000ccontent-base\0\0\0\u0010content-encoding\0"
        + "\0\0\u0010content-language\0\0\0\u000econtent-length\0\0\0\u0010content-location\0\0\0\u000bcont"
        + "ent-md5\0\0\0\u000dcontent-range\0\0\0\u000ccontent-type\0\0\0\u0004date\0\0\0\u0004etag\0\0\0"
        + "\u0006expect\0\0\0\u0007expires\0\0\0\u0004from\0\0\0\u0004host\0\0\0\u0008if-match\0\0\0\u0011i"
        + "f-modified-since\0\0\0\u000dif-none-match\0\0\0\u0008if-range\0\0\0\u0013if-unmodified-since\0\0"
        + "\0\u000dlast-modified\0\0\0\u0008location\0\0\0\u000cmax-forwards\0\0\0\u0006pragma\0\0\0\u0012p"
        + "roxy-authenticate\0\0\0\u0013proxy-authorization\0\0\0\u0005range\0\0\0\u0007referer\0\0\0\u000b"
        + "retry-after\0\0\0\u0006server\0\0\0\u0002te\0\0\0\u0007trailer\0\0\0\u0011transfer-encoding\0\0"
        + "\0\u0007upgrade\0\0\0\u000auser-agent\0\0\0\u0004vary\0\0\0\u0003via\0\0\0\u0007warning\0\0\0"
        + "\u0010www-authenticate\0\0\0\u0006method\0\0\0\u0003get\0\0\0\u0006status\0\0\0\u0006200 OK\0\0"
        + "\0\u0007version\0\0\0\u0008HTTP/1.1\0\0\0\u0003url\0\0\0\u0006public\0\0\0\u000aset-cookie\0\0\0"
        + "\u000akeep-alive\0\0\0\u0006origin10010120120220520630030230330430530630740240540640740840941041"
        + "1412413414415416417502504505203 Non-Authoritative Information204 No Content301 Moved Permanently"
        + "400 Bad Request401 Unauthorized403 Forbidden404 Not Found500 Internal Server Error501 Not Implem"
        + "ented503 Service UnavailableJan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, "
        + "Wed, Thu, Fri, Sat, Sun, GMTchunked,text/html,image/png,image/jpg,image/gif,application/xml,appl"
        + "ication/xhtml+xml,text/plain,text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8"
        + "charset=iso-8859-1,utf-,*,enq=0.";

    public static byte[] Bytes { get; } = Encoding.Latin1.GetBytes(Text);
}
