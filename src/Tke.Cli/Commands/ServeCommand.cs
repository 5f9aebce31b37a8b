using System.CommandLine;
using System.Globalization;
using Tke.ApiServer.Hosting;

namespace Tke.Cli.Commands;

/// <summary>`tke serve`: runs every component in one process on the embedded store.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Directory for the store, PKI and admin kubeconfig.", DefaultValueFactory = _ => "tke-data" };
        var listen = new Option<string>("--listen") { Description = "HOST:PORT to serve HTTPS on (port 0 picks a free one).", DefaultValueFactory = _ => "127.0.0.1:9443" };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "PEM serving certificate to use instead of a generated one (needs --tls-key)." };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key of --tls-cert." };
        var compaction = new Option<string>("--compaction-interval") { Description = "How often storage history is compacted, e.g. 5m, 30s; 0 disables.", DefaultValueFactory = _ => "5m" };
        var bookmarks = new Option<string>("--watch-bookmark-interval") { Description = "How often watches that allow bookmarks receive one.", DefaultValueFactory = _ => "1m" };
        var adminPassword = new Option<string?>("--admin-password") { Description = "Password of the first administrator, \"admin\" (10-16 characters with upper case, lower case and digits); generated and printed once when omitted. Only used on first start." };
        var probeInterval = new Option<string>("--cluster-probe-interval") { Description = "How often every cluster's health is probed, e.g. 10s; failing clusters back off up to eight intervals.", DefaultValueFactory = _ => "10s" };
        var sans = new Option<string[]>("--tls-san") { Description = "Extra DNS name or IP for the generated certificate (repeatable).", AllowMultipleArgumentsPerToken = true };
        var registryDomain = new Option<string>("--registry-domain") { Description = "Domain of the image registry: tenants push to <tenant>.<domain> (e.g. default.registry.tke.com); the generated certificate covers the domain and *.<domain>.", DefaultValueFactory = _ => "registry.tke.com" };
        var registryGc = new Option<string>("--registry-gc-interval") { Description = "How often registry blobs that no image references are deleted, e.g. 30m; 0 disables.", DefaultValueFactory = _ => "1h" };

        var command = new Command("serve", "Run the platform (all components, one process) on the embedded store.")
        {
            dataDir, listen, tlsCert, tlsKey, compaction, bookmarks, sans, adminPassword, probeInterval, registryDomain, registryGc,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new List<string>();
            if ((parse.GetValue(tlsCert) is null) != (parse.GetValue(tlsKey) is null))
            {
                errors.Add("--tls-cert and --tls-key go together");
            }

            if (!TryParseListen(parse.GetValue(listen) ?? "", out var host, out var port))
            {
                errors.Add("--listen must be HOST:PORT with an IP address or localhost, e.g. 127.0.0.1:9443");
            }

            if (!TryParseDuration(parse.GetValue(compaction) ?? "", out var compactionInterval))
            {
                errors.Add("--compaction-interval must be a duration such as 30s, 5m or 1h, or 0");
            }

            if (!TryParseDuration(parse.GetValue(bookmarks) ?? "", out var bookmarkInterval) || bookmarkInterval <= TimeSpan.Zero)
            {
                errors.Add("--watch-bookmark-interval must be a positive duration such as 1s or 1m");
            }

            if (!TryParseDuration(parse.GetValue(probeInterval) ?? "", out var clusterProbeInterval) || clusterProbeInterval <= TimeSpan.Zero)
            {
                errors.Add("--cluster-probe-interval must be a positive duration such as 1s or 10s");
            }

            var domain = (parse.GetValue(registryDomain) ?? "").Trim().TrimEnd('.').ToLowerInvariant();
            if (!IsDnsName(domain))
            {
                errors.Add("--registry-domain must be a DNS name such as registry.tke.com");
            }

            if (!TryParseDuration(parse.GetValue(registryGc) ?? "", out var registryGcInterval))
            {
                errors.Add("--registry-gc-interval must be a duration such as 30m or 1h, or 0");
            }

            if (parse.GetValue(adminPassword) is { } password && Tke.Auth.Identity.LocalAccountRules.PasswordProblem(password) is { } problem)
            {
                errors.Add("--admin-password: " + problem);
            }

            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync("tke serve: " + error);
                }

                return 2;
            }

            var registry = new Tke.Registry.RegistryOptions { Domain = domain, GarbageCollectionInterval = registryGcInterval };
            var options = new ApiServerOptions
            {
                DataDir = parse.GetValue(dataDir)!,
                ListenHost = host,
                ListenPort = port,
                TlsCertFile = parse.GetValue(tlsCert),
                TlsKeyFile = parse.GetValue(tlsKey),
                CompactionInterval = compactionInterval,
                BookmarkInterval = bookmarkInterval,
                ExtraSans = [.. parse.GetValue(sans) ?? [], .. registry.CertificateNames],
            };
            await using var server = await ApiServerHost.StartAsync(options, PlatformComponents.ApiGroups(), PlatformComponents.ServerComponents(
                new Tke.Auth.Server.AuthOptions { AdminPassword = parse.GetValue(adminPassword) },
                new Tke.Platform.Clusters.ClusterHealthOptions { ProbeInterval = clusterProbeInterval },
                registry),
                cancellationToken);
            await Console.Out.WriteLineAsync($"tke is serving on {server.Address}; admin kubeconfig: {server.KubeconfigPath}");
            await server.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>HOST:PORT with an IP address or localhost; port 0 picks a free one.</summary>
    internal static bool TryParseListen(string text, out string host, out int port)
    {
        host = "";
        port = 0;
        var colon = text.LastIndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        host = text[..colon].Trim('[', ']');
        return int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port)
            && port is >= 0 and <= 65535
            && (host == "localhost" || System.Net.IPAddress.TryParse(host, out _));
    }

    /// <summary>A lower-case DNS name of at least two labels (RFC 1123 labels).</summary>
    internal static bool IsDnsName(string text) =>
        text.Length is > 0 and <= 253
        && text.Contains('.', StringComparison.Ordinal)
        && text.Split('.').All(label => label.Length is > 0 and <= 63
            && label.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            && label[0] != '-' && label[^1] != '-');

    /// <summary>Durations as Kubernetes flags take them: 500ms, 30s, 5m, 1h, or 0.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (text == "0")
        {
            return true;
        }

        var units = new (string Suffix, double Seconds)[] { ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600) };
        foreach (var (suffix, seconds) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
            {
                value = TimeSpan.FromSeconds(n * seconds);
                return true;
            }
        }

        return false;
    }
}
