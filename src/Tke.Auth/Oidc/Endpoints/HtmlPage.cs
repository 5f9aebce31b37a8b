using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Tke.Auth.Oidc.Endpoints;

/// <summary>The provider's few HTML pages: plain, accessible, unframeable, never cached.</summary>
public static class HtmlPage
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static Task WriteAsync(HttpResponse response, int statusCode, string title, string body)
    {
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(title)} · TKEStack</title>
            <style>body{"{"}font-family:sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem{"}"}label,input,button{"{"}display:block;width:100%;margin:.25rem 0 .75rem;font-size:1rem{"}"}input{"{"}padding:.4rem{"}"}button{"{"}padding:.5rem{"}"}[role=alert]{"{"}color:#a00{"}"}</style>
            </head>
            <body>
            <main>
            <h1>{Encode(title)}</h1>
            {body}
            </main>
            </body>
            </html>
            """;
        var bytes = Encoding.UTF8.GetBytes(html);
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes).AsTask();
    }
}
