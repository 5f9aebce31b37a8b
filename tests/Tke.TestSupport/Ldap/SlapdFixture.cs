using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Tke.TestSupport.Ldap;

/// <summary>
/// A private OpenLDAP server on 127.0.0.1 and a random port, with its own configuration and mdb
/// database in a temporary directory, loaded with a small directory of users and groups.
/// </summary>
public sealed class SlapdFixture : IDisposable
{
    public const string Suffix = "dc=example,dc=org";
    public const string AdminDn = "cn=admin,dc=example,dc=org";
    public const string AdminPassword = "adminSecret1";
    public const string PeopleDn = "ou=People,dc=example,dc=org";
    public const string GroupsDn = "ou=Groups,dc=example,dc=org";
    public const string JanePassword = "JanePass123";
    public const string JohnPassword = "JohnPass123";

    private const string SlapdPath = "/usr/sbin/slapd";
    private const string SlapaddPath = "/usr/sbin/slapadd";

    private readonly string directory;
    private readonly Process process;
    private readonly StringBuilder output = new();

    public SlapdFixture()
    {
        if (!File.Exists(SlapdPath) || !File.Exists(SlapaddPath))
        {
            throw new InvalidOperationException($"OpenLDAP's slapd is not installed ({SlapdPath} missing); install the Debian packages slapd and ldap-utils (scripts/test.sh does).");
        }

        directory = Directory.CreateTempSubdirectory("tke-slapd-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "data"));
        var configFile = Path.Combine(directory, "slapd.conf");
        File.WriteAllText(configFile, Config());
        WriteCertificates();
        var ldif = Path.Combine(directory, "directory.ldif");
        File.WriteAllText(ldif, TestDirectory());

        // slapadd loads the database offline, so no client tools are needed.
        Run(SlapaddPath, "-f", configFile, "-l", ldif);

        Exception? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Port = FreePort();
            TlsPort = FreePort();
            process = Start(configFile, Port, TlsPort);
            try
            {
                WaitUntilListening(process, Port);
                WaitUntilListening(process, TlsPort);
                return;
            }
            catch (Exception e)
            {
                last = e;
                Stop(process);
            }
        }

        throw new InvalidOperationException($"slapd did not start: {last?.Message}\n{Output}");
    }

    /// <summary>Plain LDAP, which also offers StartTLS.</summary>
    public int Port { get; }

    /// <summary>LDAPS (TLS from the first byte).</summary>
    public int TlsPort { get; }

    /// <summary>PEM of the CA that signed the server certificate (for 127.0.0.1 and localhost).</summary>
    public string CaPem { get; private set; } = "";

    public string CaFile => Path.Combine(directory, "ca.pem");

    public string Host => $"127.0.0.1:{Port}";

    private string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>dex-style connector configuration for this server as the JSON string IdentityProvider.spec.config holds.</summary>
    public string ConnectorConfigJson(string? host = null, string userFilter = "(objectClass=inetOrgPerson)", bool withGroups = true, string transport = "\"insecureNoSSL\": true")
    {
        var groupSearch = withGroups
            ? $$""","groupSearch": {"baseDN": "{{GroupsDn}}", "filter": "(objectClass=groupOfNames)", "userAttr": "DN", "groupAttr": "member", "nameAttr": "cn"}"""
            : "";
        return $$"""
            {
              "host": "{{host ?? Host}}",
              {{transport}},
              "bindDN": "{{AdminDn}}",
              "bindPW": "{{AdminPassword}}",
              "usernamePrompt": "User Name",
              "userSearch": {
                "baseDN": "{{PeopleDn}}",
                "filter": "{{userFilter}}",
                "username": "uid",
                "idAttr": "DN",
                "emailAttr": "mail",
                "nameAttr": "cn"
              }{{groupSearch}}
            }
            """;
    }

    public void Dispose()
    {
        Stop(process);
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // The temporary directory is only test data.
        }
    }

    private string Config() => $"""
        TLSCACertificateFile {directory}/ca.pem
        TLSCertificateFile {directory}/server.pem
        TLSCertificateKeyFile {directory}/server.key
        include /etc/ldap/schema/core.schema
        include /etc/ldap/schema/cosine.schema
        include /etc/ldap/schema/inetorgperson.schema
        include /etc/ldap/schema/nis.schema
        modulepath /usr/lib/ldap
        moduleload back_mdb
        pidfile {directory}/slapd.pid
        argsfile {directory}/slapd.args
        database mdb
        maxsize 10485760
        suffix "{Suffix}"
        rootdn "{AdminDn}"
        rootpw {AdminPassword}
        directory {directory}/data
        access to attrs=userPassword by anonymous auth by * none
        access to * by users read by * none
        """;

    private static string TestDirectory() => $"""
        dn: {Suffix}
        objectClass: dcObject
        objectClass: organization
        dc: example
        o: Example

        dn: {PeopleDn}
        objectClass: organizationalUnit
        ou: People

        dn: {GroupsDn}
        objectClass: organizationalUnit
        ou: Groups

        dn: uid=jane,{PeopleDn}
        objectClass: inetOrgPerson
        uid: jane
        cn: Jane Doe
        sn: Doe
        mail: jane@example.org
        userPassword: {JanePassword}

        dn: uid=john,{PeopleDn}
        objectClass: inetOrgPerson
        uid: john
        cn: John Smith
        sn: Smith
        mail: john@example.org
        userPassword: {JohnPassword}

        dn: uid=nomail,{PeopleDn}
        objectClass: inetOrgPerson
        uid: nomail
        cn: No Mail
        sn: Mail
        userPassword: {JohnPassword}

        dn: cn=admins,{GroupsDn}
        objectClass: groupOfNames
        cn: admins
        member: uid=jane,{PeopleDn}

        dn: cn=developers,{GroupsDn}
        objectClass: groupOfNames
        cn: developers
        member: uid=jane,{PeopleDn}
        member: uid=john,{PeopleDn}

        """;

    private void WriteCertificates()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=TKE Test LDAP CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = serverRequest.Create(ca, now.AddDays(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(8));

        CaPem = ca.ExportCertificatePem() + "\n";
        File.WriteAllText(CaFile, CaPem);
        File.WriteAllText(Path.Combine(directory, "server.pem"), server.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(directory, "server.key"), serverKey.ExportPkcs8PrivateKeyPem() + "\n");
    }

    private Process Start(string configFile, int port, int tlsPort)
    {
        var info = new ProcessStartInfo(SlapdPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // -d keeps slapd in the foreground so the fixture owns the process and its lifetime.
        foreach (var argument in new[] { "-f", configFile, "-h", $"ldap://127.0.0.1:{port}/ ldaps://127.0.0.1:{tlsPort}/", "-d", "0" })
        {
            info.ArgumentList.Add(argument);
        }

        var started = Process.Start(info) ?? throw new InvalidOperationException("slapd did not start");
        started.OutputDataReceived += (_, e) => Append(e.Data);
        started.ErrorDataReceived += (_, e) => Append(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static void WaitUntilListening(Process slapd, int port)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (slapd.HasExited)
            {
                throw new InvalidOperationException($"slapd exited with code {slapd.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException($"slapd is not listening on port {port} after 15 seconds");
    }

    private static void Stop(Process? slapd)
    {
        if (slapd is null)
        {
            return;
        }

        try
        {
            if (!slapd.HasExited)
            {
                slapd.Kill(entireProcessTree: true);
                slapd.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        slapd.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var run = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        var stderr = run.StandardError.ReadToEndAsync();
        var stdout = run.StandardOutput.ReadToEnd();
        if (!run.WaitForExit(30_000))
        {
            run.Kill();
            throw new TimeoutException($"{file} did not finish in 30 seconds");
        }

        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed with code {run.ExitCode}: {stdout}{stderr.Result}");
        }
    }
}
